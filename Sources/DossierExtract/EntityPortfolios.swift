import DossierCore
import DossierText

/// Ministries and job titles built on a portfolio: "ministère russe de la Défense",
/// "ministère de l'Intérieur", "Ukrainian Defence Ministry" (one organisation each) and
/// "ministre de la Défense", "président de la République", "Secretary of State" (a title,
/// no entity; the name after it is a person).
///
/// Why: the portfolio is a capitalised common noun, so the generic rules read it as an
/// unknown name ("Défense" became a person, "République Emmanuel Macron" one place) and
/// the nationality in between was cut out as NORP. The words are data
/// (`Resources/<lang>/entity-portfolios.tsv`); titles are the one-word PER `before` cues.
struct EntityPortfolioLexicon: Sendable {
    /// Folded head words ("ministère", "ministry").
    let heads: Set<String>
    /// Folded link words ("de", "la", "l'", "of").
    let links: Set<String>
    /// Folded words joining two portfolios ("et", "and", ",").
    let joiners: Set<String>
    /// Portfolios as folded token sequences, indexed by their first folded token, longest first.
    let portfolios: [String: [[String]]]

    static let shared: [Language: EntityPortfolioLexicon] = {
        var all: [Language: EntityPortfolioLexicon] = [:]
        for language in Language.supported { all[language] = EntityPortfolioLexicon([language]) }
        return all
    }()

    static let merged = EntityPortfolioLexicon(Language.supported)

    static func lexicon(for language: Language) -> EntityPortfolioLexicon { shared[language] ?? merged }

    init(_ languages: [Language]) {
        var heads = Set<String>(), links = Set<String>(), joiners = Set<String>()
        var portfolios: [String: [[String]]] = [:]
        for language in languages {
            for row in LanguageData.file("entity-portfolios.tsv", language).rows where row.count >= 2 {
                // Portfolios are tokenised as the text is; single words are taken as
                // written ("l'" alone would not tokenise as the elision it is in "l'Intérieur").
                let normalized = NormalizedText(row[1])
                let word = EntityFolding.fold(normalized.string(Span(0, normalized.scalars.count)).lowercased())
                let words = Tokenizer().tokenize(normalized.scalars).map { EntityFolding.fold($0.lower) }
                guard let first = words.first else { continue }
                switch row[0] {
                case "head": heads.insert(word)
                case "link": links.insert(word)
                case "and": joiners.insert(word)
                case "portfolio": portfolios[first, default: []].append(words)
                default: fatalError("\(language)/entity-portfolios.tsv: unknown kind \(row[0])")
                }
            }
        }
        self.heads = heads
        self.links = links
        self.joiners = joiners
        self.portfolios = portfolios.mapValues { $0.sorted { $0.count > $1.count } }
    }
}

extension EntityPass {
    /// A ministry or a title phrase starting at token `i`: `end` is where it stops,
    /// `organisation` whether it names one (else it is a title), `nationality` the
    /// nationality token inside it, if any.
    struct PortfolioMatch {
        let end: Int
        let organisation: Bool
        let nationality: Int?
    }

    func portfolioPhrase(at i: Int, limit: Int) -> PortfolioMatch? {
        // Cheap tests first (this runs for every token): the word table says whether a
        // head or title starts here, or a nationality that may open "Ukrainian Defence
        // Ministry"; a portfolio is capitalised and comes within four tokens.
        guard i + 2 < limit, tokens[i].kind == .word else { return nil }
        let startsHead = has(i, .portfolioStart)
        guard startsHead || tokens[i].isCapitalized && (has(i, .country) || has(i + 2, .portfolioStart))
        else { return nil }
        var capitalAhead = false
        for k in (i + 1)..<min(limit, i + 5) where tokens[k].isCapitalized { capitalAhead = true; break }
        guard capitalAhead else { return nil }
        let lexicon = portfolios
        guard !lexicon.portfolios.isEmpty else { return nil }
        let head = lexicon.heads.contains(folded[i])
        // Head last: "Ukrainian Defence Ministry" (nationality + portfolio + head).
        if !head, let nat = nationalityWord(i, capitalised: true),
           let p = portfolio(at: i + 1, limit: limit, lexicon), p < limit, lexicon.heads.contains(folded[p]),
           tokens[p].isCapitalized {
            return PortfolioMatch(end: p + 1, organisation: true, nationality: nat)
        }
        guard head || isTitle(i) else { return nil }
        // Head or title first: head [nationality] link… portfolio [joiner link… portfolio]…
        var k = i + 1
        var nationality: Int?
        if k < limit, nationalityWord(k, capitalised: false) != nil { nationality = k; k += 1 }
        var end: Int?
        while true {
            let linkStart = k
            while k < limit, k - linkStart < 3, lexicon.links.contains(folded[k]) { k += 1 }
            guard (k > linkStart || end != nil), let p = portfolio(at: k, limit: limit, lexicon) else { break }
            end = p
            k = p
            guard k < limit, lexicon.joiners.contains(folded[k]) else { break }
            k += 1
        }
        guard let end else { return nil }
        return PortfolioMatch(end: end, organisation: head, nationality: nationality)
    }

    /// The end of the longest portfolio starting at `p` (first word capitalised), unless a
    /// known name there is longer ("République démocratique du Congo" is a country).
    func portfolio(at p: Int, limit: Int, _ lexicon: EntityPortfolioLexicon) -> Int? {
        guard p < limit, tokens[p].isCapitalized, !tokens[p].isAllCaps || tokens[p].text.unicodeScalars.count < 2,
              let candidates = lexicon.portfolios[folded[p]] else { return nil }
        for words in candidates where p + words.count <= limit {
            guard words.indices.allSatisfy({ folded[p + $0] == words[$0] }) else { continue }
            if let known = knownName(at: p, limit: limit), known.end > p + words.count { return nil }
            return p + words.count
        }
        return nil
    }

    /// Token `k` as a nationality word: a known one, or one ending like a nationality
    /// ("valdorien"), the position between a head and its portfolio being evidence enough.
    func nationalityWord(_ k: Int, capitalised: Bool) -> Int? {
        guard tokens[k].kind == .word, tokens[k].isCapitalized == capitalised else { return nil }
        if nationalityOf(k) != nil { return k }
        return DemonymGuessLexicon.lexicon(for: text.language).stem(folded[k]) != nil ? k : nil
    }

    /// Emits a ministry as one organisation, or a title's nationality word alone; records
    /// where a title ends so that the name after it is a person.
    mutating func emitPortfolio(_ i: Int, _ match: PortfolioMatch) {
        if match.organisation {
            emitRule(i..<match.end, type: .organisation, isMedia: false)
        } else {
            if let n = match.nationality, let country = nationalityOf(n) { emitNationality(n..<(n + 1), country: country) }
            titleEnds.insert(match.end)
            titlePhrases.append(i..<match.end)
        }
    }

    /// Does a title phrase end right before `k` ("président de la République Emmanuel
    /// Macron"), or before a comma there ("ministre de la Défense, Andreï Belooussov")?
    func followsTitlePhrase(_ k: Int) -> Bool {
        titleEnds.contains(k) || (k > 0 && tokens[k - 1].text == "," && titleEnds.contains(k - 1))
    }
}
