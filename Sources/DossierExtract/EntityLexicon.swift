import DossierCore
import DossierText

/// A context cue for names the knowledge base does not know: "le président X" (before),
/// "X Team" (head: the name's last word), "Université X" (first: the name's first word).
struct EntityCue: Sendable {
    enum Position: String, Sendable { case before, head, first, after }
    /// Lowercased tokens of the cue, as Dossier's tokenizer splits them.
    let tokens: [String]
    let type: EntityType
    let position: Position
    /// For place cues: the kind of place they announce ("region", "city").
    let kind: String?
    let isMedia: Bool
    /// A cue that a given name or a regnal numeral outranks ("à", "in").
    let isWeak: Bool
}

/// The language-specific lists the entity recogniser reads (`Resources/<lang>/entity-*.tsv`,
/// formats in docs/language-data/entities.md). Loaded once per language.
struct EntityLexicon: Sendable {
    /// Every inflected nationality form, folded (lowercase, no accents), → country.
    let demonyms: [String: String]
    /// First words of nationality phrases of several words ("north" of "North Korean").
    let phraseStarts: Set<String>
    /// Combining forms of compound nationality adjectives ("russo") → country.
    let demonymPrefixes: [String: String]
    /// Capitalised words that never start a name ("Toutefois", "However", "Janvier").
    let nonNames: Set<String>
    /// Small words allowed inside a multi-word organisation name ("de", "of", "&").
    let connectors: Set<String>
    /// `before` cues indexed by their last token, longest first.
    let beforeCues: [String: [EntityCue]]
    let headCues: [String: EntityCue]
    /// `after` cues ("X a déclaré", "X said") indexed by their first token.
    let afterCues: [String: [EntityCue]]
    let firstCues: [String: EntityCue]
    /// Words after which a capital is a place, not an actor ("à", "in", "de").
    let locatives: Set<String>
    /// Coordinating words: a capital after one takes the reading of the one before it.
    let coordinators: Set<String>
    /// Locatives that may also introduce a recipient ("fournir à Pyongyang").
    let datives: Set<String>
    /// Stems of verbs whose dative argument is an actor (transfer, communication).
    let transferStems: [String]
    /// Stems of verbs whose object is a physical place ("bombarder Kiev", "visited Paris").
    let placeVerbStems: [String]

    static let shared: [Language: EntityLexicon] = {
        var all: [Language: EntityLexicon] = [:]
        for language in Language.supported { all[language] = EntityLexicon(language) }
        return all
    }()

    /// The lexicon for a language; an undetermined text gets every language's lists.
    static let merged = EntityLexicon(merging: Language.supported.compactMap { shared[$0] })

    static func lexicon(for language: Language) -> EntityLexicon { shared[language] ?? merged }

    init(_ language: Language) {
        var demonyms: [String: String] = [:]
        for row in LanguageData.file("entity-demonyms.tsv", language).rows where row.count >= 2 {
            demonyms[EntityFolding.fold(row[0].lowercased())] = row[1]
        }
        self.demonyms = demonyms
        phraseStarts = Set(demonyms.keys.compactMap { $0.contains(" ") ? $0.split(separator: " ").first.map(String.init) : nil })
        var prefixes: [String: String] = [:]
        for row in LanguageData.file("entity-demonym-prefixes.tsv", language).rows where row.count >= 2 {
            prefixes[EntityFolding.fold(row[0].lowercased())] = row[1]
        }
        self.demonymPrefixes = prefixes
        nonNames = LanguageData.file("entity-nonnames.tsv", language).words
        connectors = LanguageData.file("entity-connectors.tsv", language).words
        var before: [String: [EntityCue]] = [:], after: [String: [EntityCue]] = [:], head: [String: EntityCue] = [:], first: [String: EntityCue] = [:]
        for row in LanguageData.file("entity-cues.tsv", language).rows where row.count >= 3 {
            guard let type = EntityType(rawValue: row[1]), let position = EntityCue.Position(rawValue: row[2]) else {
                fatalError("\(language)/entity-cues.tsv: bad row \(row)")
            }
            let options = row.count > 3 ? row[3].split(separator: ",").map(String.init) : []
            let kind = options.first(where: { $0.hasPrefix("kind=") }).map { String($0.dropFirst(5)) }
            let tokens = Tokenizer().tokenize(NormalizedText(row[0]).scalars).map(\.lower)
            guard let last = tokens.last, let firstToken = tokens.first else { continue }
            let cue = EntityCue(tokens: tokens, type: type, position: position, kind: kind,
                                isMedia: options.contains("media"), isWeak: options.contains("weak"))
            switch position {
            case .before: before[last, default: []].append(cue)
            case .after: after[firstToken, default: []].append(cue)
            case .head: head[last] = cue
            case .first: first[firstToken] = cue
            }
        }
        beforeCues = before.mapValues { $0.sorted { $0.tokens.count > $1.tokens.count } }
        headCues = head
        firstCues = first
        afterCues = after
        var locatives = Set<String>(), datives = Set<String>(), coordinators = Set<String>(), stems: [String] = []
        var placeVerbs: [String] = []
        for row in LanguageData.file("entity-metonymy.tsv", language).rows where row.count >= 2 {
            let word = row[0].lowercased()
            switch row[1] {
            case "locative": locatives.insert(word)
            case "dative": locatives.insert(word); datives.insert(word)
            case "transfer": stems.append(word)
            case "coordinator": coordinators.insert(word)
            case "place-verb": placeVerbs.append(word)
            default: fatalError("\(language)/entity-metonymy.tsv: unknown kind \(row[1])")
            }
        }
        self.locatives = locatives
        self.datives = datives
        self.coordinators = coordinators
        self.transferStems = stems
        self.placeVerbStems = placeVerbs
    }

    init(merging lexicons: [EntityLexicon]) {
        func union<V>(_ path: KeyPath<EntityLexicon, [String: V]>) -> [String: V] {
            lexicons.reduce(into: [:]) { $0.merge($1[keyPath: path]) { a, _ in a } }
        }
        demonyms = union(\.demonyms)
        phraseStarts = lexicons.reduce(into: []) { $0.formUnion($1.phraseStarts) }
        demonymPrefixes = union(\.demonymPrefixes)
        beforeCues = union(\.beforeCues)
        headCues = union(\.headCues)
        afterCues = union(\.afterCues)
        firstCues = union(\.firstCues)
        nonNames = lexicons.reduce(into: []) { $0.formUnion($1.nonNames) }
        connectors = lexicons.reduce(into: []) { $0.formUnion($1.connectors) }
        locatives = lexicons.reduce(into: []) { $0.formUnion($1.locatives) }
        datives = lexicons.reduce(into: []) { $0.formUnion($1.datives) }
        coordinators = lexicons.reduce(into: []) { $0.formUnion($1.coordinators) }
        transferStems = lexicons.flatMap(\.transferStems)
        placeVerbStems = lexicons.flatMap(\.placeVerbStems)
    }

    /// The country (or ";"-joined countries) of a nationality word, compound ones
    /// included; `folded` is the token's folded lowercase form.
    func nationality(_ folded: String) -> String? {
        if let c = demonyms[folded] { return c }
        guard folded.utf8.contains(UInt8(ascii: "-")) else { return nil }  // not Foundation's slow contains
        let parts = folded.split(separator: "-").map(String.init)
        guard parts.count >= 2, let last = demonyms[parts[parts.count - 1]] else { return nil }
        var countries: [String] = []
        for p in parts.dropLast() {
            guard let c = demonymPrefixes[p] else { return nil }
            countries.append(c)
        }
        countries.append(last)
        return countries.joined(separator: ";")
    }
}
