import DossierCore
import DossierText
import Foundation

/// One entity of the knowledge base (`Resources/kb/*.tsv`).
struct KBEntry: Sendable {
    let id: String
    let type: EntityType
    let canonical: String
    /// "country", "city", "region", "continent"...: lets a place cue pick between a city
    /// and a region that share a name ("Koursk").
    let kind: String?
    /// For a capital or a seat of power: the country whose government it can stand for.
    let government: String?
    let isMedia: Bool
    let isCapital: Bool
    /// The country a body or person belongs to (`country=`), so a text giving it another
    /// owner can be told apart ("Aldmark's National Intelligence Service").
    var country: String? = nil
}

/// How a token of an alias constrains the case of the text token it matches. Names are
/// matched case-insensitively and accent-insensitively ("Etats-Unis"), but a capitalised
/// alias word must meet a capitalised token ("Nice" the city, not "nice"), and an
/// acronym an all-caps one ("UN", not French "un").
enum CaseRule: UInt8, Sendable {
    case any, capitalized, allCaps

    init(_ token: Token) {
        if token.isAllCaps { self = .allCaps } else if token.isCapitalized { self = .capitalized } else { self = .any }
    }

    func accepts(_ token: Token) -> Bool {
        switch self {
        case .any: return true
        case .capitalized: return token.isCapitalized
        case .allCaps: return token.isAllCaps || (token.text.unicodeScalars.count == 1 && token.isCapitalized)
        }
    }
}

/// A compiled gazetteer: every alias tokenised with Dossier's own tokenizer and keyed by
/// its folded tokens, so a lookup walks the document's tokens and never re-scans text.
/// Longest match is found by extending a key while `hasLonger` says some alias goes on.
struct Gazetteer: Sendable {
    struct Candidate: Sendable {
        let entry: Int
        let cases: [CaseRule]
        /// A name that is also a common word ("Sucre", "Nice"): not at a sentence start,
        /// where capitals say nothing.
        let weak: Bool
    }
    struct Node: Sendable {
        var candidates: [Candidate] = []
        var hasLonger = false
    }

    private(set) var nodes: [String: Node] = [:]
    private(set) var maxLength = 0
    /// Folded first words of aliases that begin in lowercase ("bande" of "bande de
    /// Gaza"): the only lowercase tokens where a lookup is worth starting.
    private(set) var lowercaseStarts: Set<String> = []

    static let separator = "\u{1F}"

    /// Adds an alias; a leading "~" marks it weak (see `Candidate.weak`).
    mutating func add(alias written: String, entry: Int) {
        let weak = written.hasPrefix("~")
        let alias = weak ? String(written.dropFirst()) : written
        let tokens = Tokenizer().tokenize(NormalizedText(alias).scalars)
        guard !tokens.isEmpty else { return }
        var key = ""
        for (n, t) in tokens.enumerated() {
            key += (n == 0 ? "" : Gazetteer.separator) + EntityFolding.fold(t.lower)
            if n < tokens.count - 1 { nodes[key, default: Node()].hasLonger = true }
        }
        let cases = tokens.map(CaseRule.init)
        if cases[0] == .any { lowercaseStarts.insert(EntityFolding.fold(tokens[0].lower)) }
        if nodes[key]?.candidates.contains(where: { $0.entry == entry }) == true { return }
        nodes[key, default: Node()].candidates.append(Candidate(entry: entry, cases: cases, weak: weak))
        maxLength = max(maxLength, tokens.count)
    }

    /// The longest alias starting at token `i` (not past `limit`) whose case rules the
    /// text satisfies: its end index and the candidate entries. `initial`: token `i` is
    /// capitalised by its position, so weak aliases do not count.
    func longestMatch(_ tokens: [Token], folded: [String], at i: Int, limit: Int,
                      initial: Bool = false) -> (end: Int, entries: [Int])? {
        longestMatch(tokens, folded: folded, at: i, limit: limit, initial: initial, start: nodes[folded[i]])
    }

    /// `longestMatch` from the node of token `i`'s one-word key, already looked up (see
    /// `EntityWordTable`): a token that starts no alias costs nothing, and the key of
    /// several words is only built when some alias goes on.
    func longestMatch<F: FoldedTokenText>(_ tokens: [Token], folded: F, at i: Int, limit: Int,
                                          initial: Bool = false, start: Node?) -> (end: Int, entries: [Int])? {
        guard var node = start else { return nil }
        var key: String?
        var best: (Int, [Int])?
        var j = i
        while true {
            if !node.candidates.isEmpty {
                var ok: [Int] = []
                for c in node.candidates where c.cases.count == j - i + 1 && !(initial && c.weak) {
                    var accepted = true
                    for (n, rule) in c.cases.enumerated() where !rule.accepts(tokens[i + n]) {
                        accepted = false
                        break
                    }
                    if accepted { ok.append(c.entry) }
                }
                if !ok.isEmpty { best = (j + 1, ok) }
            }
            guard node.hasLonger, j + 1 < limit else { break }
            j += 1
            var k = key ?? folded[i]
            k += Gazetteer.separator
            k += folded[j]
            key = k
            guard let next = nodes[k] else { break }
            node = next
        }
        return best
    }
}

/// The language-independent knowledge base, loaded once for the process.
struct EntityKnowledgeBase: Sendable {
    let entries: [KBEntry]
    let gazetteer: Gazetteer
    /// Folded words that begin a person's name ("ruslan", "kim"): an unknown capitalised
    /// pair starting with one is a person.
    let givenNames: Set<String>
    /// Country canonical name → how a sentence names it ("the United States"), for roles.
    let countryPhrases: [String: String]

    /// Id → index of the first entry with that id: `entry(id:)` without a scan of the base
    /// (run for every knowledge-base organisation of every document).
    let firstIndexByID: [String: Int]

    /// The first entry with this id, as `entries.first { $0.id == id }` finds it.
    func entry(id: String) -> KBEntry? { firstIndexByID[id].map { entries[$0] } }

    /// The role of a place or building acting for a country's government.
    func governmentRole(_ country: String) -> String {
        "Government of \(countryPhrases[country] ?? country)"
    }

    /// Files in priority order: when an alias names several entities, the earlier file's
    /// entry is the default (a person or outlet before a place, a city before a region).
    static let files = ["people.tsv", "media.tsv", "organisations.tsv", "countries.tsv",
                        "cities.tsv", "regions.tsv", "us-states.tsv"]

    static let shared = EntityKnowledgeBase(files: files.map(LanguageData.knowledgeBase),
                                            givenNames: LanguageData.knowledgeBase("given-names.tsv"))

    init(files: [ResourceFile], givenNames: ResourceFile) {
        self.givenNames = Set(givenNames.rows.compactMap { $0.first.map { EntityFolding.fold($0.lowercased()) } })
        var entries: [KBEntry] = []
        var gazetteer = Gazetteer()
        var phrases: [String: String] = [:]
        for file in files {
            for row in file.rows {
                guard row.count >= 4, let type = EntityType(rawValue: row[1]) else {
                    fatalError("\(file.name): malformed row \(row)")
                }
                var attributes: [String: String] = [:]
                if row.count > 4 {
                    for pair in row[4].split(separator: ";") {
                        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        attributes[kv[0]] = kv.count > 1 ? kv[1] : ""
                    }
                }
                if let article = attributes["article"] { phrases[row[2]] = "\(article) \(row[2])" }
                let index = entries.count
                entries.append(KBEntry(id: row[0], type: type, canonical: row[2], kind: attributes["kind"],
                                       government: attributes["gov"], isMedia: attributes["media"] == "1",
                                       isCapital: attributes["capital"] == "1", country: attributes["country"]))
                for alias in row[3].split(separator: "|") where !alias.isEmpty {
                    gazetteer.add(alias: String(alias), entry: index)
                }
            }
        }
        self.entries = entries
        var byID: [String: Int] = [:]
        for (n, e) in entries.enumerated() where byID[e.id] == nil { byID[e.id] = n }
        self.firstIndexByID = byID
        self.gazetteer = gazetteer
        self.countryPhrases = phrases
    }
}

/// Accent and case folding for name lookup: "États-Unis" and "Etats-Unis" are one key.
enum EntityFolding {
    private static let low: UInt32 = 0xC0, high: UInt32 = 0x24F

    /// Base letter of each precomposed Latin letter from U+00C0 to U+024F (0: none),
    /// computed once; an array, since every accented token of every document reads it.
    private static let table: [UInt32] = {
        (low...high).map { v in
            guard let s = Unicode.Scalar(v) else { return 0 }
            let folded = String(s).folding(options: [.diacriticInsensitive], locale: nil).unicodeScalars
            if folded.count == 1, let f = folded.first, f != s { return f.value }
            return 0
        }
    }()

    @inline(__always) private static func base(_ v: UInt32) -> UInt32 {
        guard v >= low, v <= high else { return 0 }
        return table[Int(v - low)]
    }

    static func fold(_ lower: String) -> String {
        if lower.utf8.allSatisfy({ $0 < 0x80 }) { return lower }
        // Most non-ASCII tokens ("«", "—") have no accent to drop: keep the String.
        guard lower.unicodeScalars.contains(where: { base($0.value) != 0 }) else { return lower }
        var out = String.UnicodeScalarView()
        for s in lower.unicodeScalars {
            let b = base(s.value)
            out.append(b == 0 ? s : Unicode.Scalar(b)!)
        }
        return String(out)
    }
}
