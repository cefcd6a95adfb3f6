import DossierCore
import DossierText

/// Sports teams named by their city: "Lyon a battu Marseille 2-1", "Metz (16e) jouait
/// contre le PSG", "Leeds beat Hull". The knowledge base knows the cities, so without
/// this they are places; in a sentence about a game (a `context` word or a score) a city
/// right next to a game phrase, a score or a league rank is a team: an organisation whose
/// `role` names the city's club. Words are data (`Resources/<lang>/entity-sports.tsv`).
struct EntitySportsLexicon: Sendable {
    let context: Set<String>
    /// Phrases as folded token sequences.
    let before: [[String]]
    let after: [[String]]
    let rankEndings: [String]

    static let shared: [Language: EntitySportsLexicon] = {
        var all: [Language: EntitySportsLexicon] = [:]
        for language in Language.supported { all[language] = EntitySportsLexicon([language]) }
        return all
    }()

    static let merged = EntitySportsLexicon(Language.supported)

    /// Ids of the knowledge base's cities (a hash test instead of a scan of the base).
    static let cityIDs: Set<String> = Set(EntityKnowledgeBase.shared.entries.filter { $0.kind == "city" }.map(\.id))

    /// Canonical names of the knowledge base's countries: a city of the same name
    /// (Singapore, Monaco) is not read as a club.
    static let countryNames: Set<String> = Set(EntityKnowledgeBase.shared.entries.filter { $0.kind == "country" }.map(\.canonical))

    static func lexicon(for language: Language) -> EntitySportsLexicon { shared[language] ?? merged }

    init(_ languages: [Language]) {
        var context = Set<String>(), before: [[String]] = [], after: [[String]] = [], ranks: [String] = []
        for language in languages {
            for row in LanguageData.file("entity-sports.tsv", language).rows where row.count >= 2 {
                let words = Tokenizer().tokenize(NormalizedText(row[1]).scalars).map { EntityFolding.fold($0.lower) }
                guard !words.isEmpty else { continue }
                switch row[0] {
                case "context": context.insert(words[0])
                case "before": before.append(words)
                case "after": after.append(words)
                case "rank": ranks.append(EntityFolding.fold(row[1].lowercased()))
                default: fatalError("\(language)/entity-sports.tsv: unknown kind \(row[0])")
                }
            }
        }
        self.context = context
        self.before = before
        self.after = after
        self.rankEndings = ranks
    }
}

extension EntityPass {
    /// Retypes cities acting as sports teams (see `EntitySportsLexicon`). Runs after the
    /// rules and the tagger (a city the tagger found is retyped too).
    mutating func retypeSportsTeams() {
        let sports = EntitySportsLexicon.lexicon(for: text.language)
        guard !sports.context.isEmpty else { return }
        var candidates: [(index: Int, range: Range<Int>, sentence: Range<Int>)] = []
        // Cities of the knowledge base, and places it does not know (the rules' guesses);
        // never countries or regions ("l'équipe de Croatie" keeps its place).
        var gameSentences: [Int: Bool] = [:]  // by sentence index, each read once
        for (n, m) in found.enumerated() where m.type == .location && m.role == nil || m.type == .location && m.origin == "kb" {
            if let id = m.entityId, !EntitySportsLexicon.cityIDs.contains(id) { continue }
            // A city-state is its national team's country ("face à Singapour").
            if m.entityId != nil, let name = m.canonical, EntitySportsLexicon.countryNames.contains(name) { continue }
            let r = text.tokenRange(in: m.span)
            // An unknown place is one word ("Lorient"); a longer one is more likely a
            // misread person ("face à Kiki Bertens").
            if m.entityId == nil, r.count != 1 { continue }
            guard !r.isEmpty, let s = text.sentenceIndex(containing: m.start) else { continue }
            let sentence = text.tokenRange(in: text.sentences[s])
            if gameSentences[s] == nil { gameSentences[s] = isGameSentence(sentence, sports) }
            guard gameSentences[s] == true else { continue }
            candidates.append((n, r, sentence))
        }
        guard !candidates.isEmpty else { return }
        var teams = Set<String>()
        var retyped = Set<Int>()
        for c in candidates where isTeamPosition(c.range, sentence: c.sentence, sports) {
            teams.insert(key(c.range))
            retyped.insert(c.index)
        }
        // The same city elsewhere in the document's game sentences ("pour Lorient"), unless
        // a locative makes it a place there.
        for c in candidates where !retyped.contains(c.index) && teams.contains(key(c.range)) {
            if c.range.lowerBound > 0, lexicon.locatives.contains(tokens[c.range.lowerBound - 1].lower) { continue }
            retyped.insert(c.index)
        }
        for n in retyped {
            let m = found[n]
            found[n] = EntityMention(span: m.span, text: m.text, type: .organisation, canonical: m.text,
                                     role: "Sports club of \(m.canonical ?? m.text)", origin: "rule")
        }
    }

    /// A sentence with a game word or a score.
    func isGameSentence(_ sentence: Range<Int>, _ sports: EntitySportsLexicon) -> Bool {
        // The context words are flagged in the word table: no String hash per token.
        sentence.contains { k in has(k, .sportsContext) || isScore(at: k, limit: sentence.upperBound) }
    }

    /// "2-1", "1–0": number, dash, number.
    func isScore(at k: Int, limit: Int) -> Bool {
        k + 2 < limit && tokens[k].kind == .number && tokens[k + 2].kind == .number
            && (tokens[k + 1].text == "-" || tokens[k + 1].text == "–") && !tokens[k + 1].spaceBefore
    }

    /// Next to a game phrase, a score, or followed by a league rank in brackets.
    func isTeamPosition(_ r: Range<Int>, sentence: Range<Int>, _ sports: EntitySportsLexicon) -> Bool {
        let a = r.lowerBound, b = r.upperBound
        if sports.before.contains(where: { phraseEnds(at: a, $0, from: sentence.lowerBound) }) { return true }
        if a > 0, lexicon.locatives.contains(tokens[a - 1].lower) { return false }
        if sports.after.contains(where: { phraseStarts(at: b, $0, limit: sentence.upperBound) }) { return true }
        if isScore(at: b, limit: sentence.upperBound) || (a >= 3 && a - 3 >= sentence.lowerBound && isScore(at: a - 3, limit: a)) {
            return true
        }
        // "Metz (16e)": a bracketed rank right after the name.
        if b + 2 < sentence.upperBound, tokens[b].text == "(", tokens[b + 2].text == ")", tokens[b + 1].kind == .alphanumeric {
            let rank = folded[b + 1]
            let digits = rank.unicodeScalars.prefix { CharClass.isDigit($0) }.count
            let ending = String(String.UnicodeScalarView(rank.unicodeScalars.dropFirst(digits)))
            if digits > 0, sports.rankEndings.contains(ending) { return true }
        }
        return false
    }

    func phraseEnds(at a: Int, _ words: [String], from start: Int) -> Bool {
        guard a - words.count >= start else { return false }
        return words.indices.allSatisfy { folded[a - words.count + $0] == words[$0] }
    }

    func phraseStarts(at b: Int, _ words: [String], limit: Int) -> Bool {
        guard b + words.count <= limit else { return false }
        return words.indices.allSatisfy { folded[b + $0] == words[$0] }
    }
}
