import DossierCore
import DossierText

/// Words that tie an organisation to its owner ("'s", "of", "d'"), from
/// `Resources/<lang>/entity-qualifiers.tsv`.
struct QualifierLexicon: Sendable {
    let possessives: Set<String>
    let after: Set<String>

    static let shared: [Language: QualifierLexicon] = {
        var all: [Language: QualifierLexicon] = [:]
        for language in Language.supported { all[language] = QualifierLexicon([language]) }
        return all
    }()

    static let merged = QualifierLexicon(Language.supported)

    static func lexicon(for language: Language) -> QualifierLexicon { shared[language] ?? merged }

    init(_ languages: [Language]) {
        var possessives = Set<String>(), after = Set<String>()
        for language in languages {
            for row in LanguageData.file("entity-qualifiers.tsv", language).rows where row.count >= 2 {
                switch row[0] {
                case "possessive": possessives.insert(row[1].lowercased())
                case "after": after.insert(row[1].lowercased())
                default: fatalError("\(language)/entity-qualifiers.tsv: unknown kind \(row[0])")
                }
            }
        }
        self.possessives = possessives
        self.after = after
    }
}

/// A generic name the knowledge base links to one country's body ("National Intelligence
/// Service" → South Korea's NIS) is another body when the text gives it another owner:
/// "Aldmark's National Intelligence Service", "the National Intelligence Service of
/// Aldmark", "the Aldmarkian National Intelligence Service". The link is then dropped
/// and the owner joins the canonical name ("Aldmark National Intelligence Service"), so
/// the analysis neither credits South Korea nor merges the two agencies.
///
/// The owner must be a capitalised name, and it keeps the link when it is the entry's
/// own country ("South Korea's National Intelligence Service") — as the same country
/// entity, a place in it ("Seoul's"), its nationality, or by name.
extension EntityPass {
    mutating func unlinkForeignQualified() {
        let words = QualifierLexicon.lexicon(for: text.language)
        for n in found.indices where found[n].origin == "kb" && found[n].type == .organisation {
            guard let id = found[n].entityId, let home = kb.entry(id: id)?.country else { continue }
            let r = text.tokenRange(in: found[n].span)
            guard !r.isEmpty, let owner = owner(of: r, words: words) else { continue }
            if isCountry(owner, home) { continue }
            let ownerName = ownerDisplayName(owner)
            found[n].entityId = nil
            found[n].role = nil
            found[n].canonical = ownerName + " " + written(r)
            found[n].origin = "rule"
        }
    }

    /// The tokens naming the organisation's owner, if the text gives one right next to it.
    func owner(of r: Range<Int>, words: QualifierLexicon) -> Range<Int>? {
        let a = r.lowerBound, b = r.upperBound
        // "Aldmark's National Intelligence Service"
        if a >= 2, words.possessives.contains(tokens[a - 1].lower), isNameToken(tokens[a - 2]) {
            var s = a - 2
            while s > 0, isNameToken(tokens[s - 1]), !isSentenceInitial(s) { s -= 1 }
            return s..<(a - 1)
        }
        // "the Aldmarkian National Intelligence Service": a nationality right before.
        if let norp = found.last(where: { $0.type == .nationality && $0.end <= tokens[a].start }),
           a >= 1, norp.end == tokens[a - 1].end {
            return text.tokenRange(in: norp.span)
        }
        // "the National Intelligence Service of Aldmark", "… d'Aldmark"
        if b + 1 < tokens.count, words.after.contains(tokens[b].lower), isNameToken(tokens[b + 1]) {
            var e = b + 2
            while e < tokens.count, isNameToken(tokens[e]) { e += 1 }
            return (b + 1)..<e
        }
        return nil
    }

    /// Whether the owner is the entry's country: a mention there naming it (a place, or a
    /// nationality of it), or the same name.
    func isCountry(_ owner: Range<Int>, _ home: String) -> Bool {
        let span = span(owner)
        let homeKey = EntityFolding.fold(home.lowercased())
        for m in found where m.start < span.end && span.start < m.end {
            if let c = m.country, c.split(separator: ";").contains(where: { String($0) == home }) { return true }
            if let canonical = m.canonical, EntityFolding.fold(canonical.lowercased()) == homeKey { return true }
            // "Seoul's National Intelligence Service": a place of that country.
            if let id = m.entityId, let entry = kb.entry(id: id),
               entry.country == home || entry.government == home {
                return true
            }
        }
        return folded[owner].joined(separator: " ") == homeKey
    }

    func ownerDisplayName(_ owner: Range<Int>) -> String {
        let span = span(owner)
        if let m = found.first(where: { $0.type == .nationality && $0.start == span.start }), let c = m.country {
            return c
        }
        return written(owner)
    }
}
