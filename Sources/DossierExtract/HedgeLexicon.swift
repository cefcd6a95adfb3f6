import DossierCore
import DossierText

/// The hedge data of one language, compiled once from `hedge-expressions.tsv`,
/// `hedge-denials.tsv` and `hedge-conditional.tsv` (the last only where the language
/// has a reporting conditional).
struct HedgeLexicon: Sendable {
    var expressions = PhraseTable<HedgeKind>()
    /// Denial verb forms → the object nouns they need (empty: any).
    var denials: [String: (form: VerbForm, objects: Set<String>)] = [:]
    var conditionalEndings: [String] = []
    var stemRules: [String: Bool] = [:]
    var longestStemRule = 0
    var notConditional: Set<String> = []
    var conditionalAux: Set<String> = []
    var participleEndings: [String] = []
    var adverbs: Set<String> = []
    var hypothetical = PhraseTable<Bool>()
    var complementizers: Set<String> = []
    /// Past forms (imperfect, simple past, participle) of verbs that introduce a
    /// future-in-the-past.
    var anchorPastForms: Set<String> = []
    var aux: Set<String> = []
    var determiners: Set<String> = []
    /// Third-person subject pronouns: "si" followed by one opens a condition.
    var subjectPronouns: Set<String> = []

    init(_ language: Language, attribution: AttributionLexicon?) {
        for row in LanguageData.file("hedge-expressions.tsv", language).rows where row.count >= 2 {
            if let kind = HedgeKind(rawValue: row[1]) { expressions.add(row[0], kind) }
        }
        for row in LanguageData.file("hedge-denials.tsv", language).rows {
            let objects = Set(row.first { $0.hasPrefix("objects=") }.map {
                $0.dropFirst("objects=".count).split(separator: ",").map { String($0).lowercased() }
            } ?? [])
            let parts = row.map { $0.hasPrefix("objects=") ? "" : $0 }
            let forms = attribution?.forms(parts) ?? FrenchConjugator.forms(parts)
            // A finite reading wins over a participle one ("denied" in "the ministry denied").
            for f in forms where denials[f.text] == nil || denials[f.text]!.form.tense == .participle {
                denials[f.text] = (f, objects)
            }
        }
        for row in LanguageData.file("hedge-conditional.tsv", language).rows where row.count >= 2 {
            let word = row[1].lowercased()
            switch row[0] {
            case "ending": conditionalEndings.append(word)
            case "stem":
                stemRules[word] = row.count > 2 && row[2] == "yes"
                longestStemRule = max(longestStemRule, word.unicodeScalars.count)
            case "not": notConditional.insert(word)
            case "aux": conditionalAux.insert(word)
            case "participle": participleEndings.append(word)
            case "adverb": adverbs.insert(word)
            case "hypothetical": hypothetical.add(word, true)
            case "complementizer": complementizers.insert(word)
            case "anchor":
                for f in FrenchConjugator.forms(Array(row.dropFirst()))
                where [.imperfect, .simplePast, .participle, .gerund].contains(f.tense) {
                    anchorPastForms.insert(f.text)
                }
            default: break
            }
        }
        conditionalEndings.sort { $0.count > $1.count }
        starts = expressions.firstWords.union(denials.keys)
        if let a = attribution {
            aux = a.aux
            subjectPronouns = Set(a.pronouns.filter { $0.value.person == 3 || $0.value.person == 0 }.keys)
            starts.formUnion(a.aux)
            determiners = a.determiners
            if !conditionalEndings.isEmpty {
                for (text, forms) in a.verbForms where forms.contains(where: { [.imperfect, .simplePast, .participle, .gerund].contains($0.tense) }) {
                    anchorPastForms.insert(text)
                }
            }
        }
    }

    /// Words at which an expression or a denial can start: other tokens only get the
    /// (cheap, byte-level) conditional test.
    var starts: Set<String> = []

    static let byLanguage: [Language: HedgeLexicon] = {
        var table: [Language: HedgeLexicon] = [:]
        for language in Language.supported {
            table[language] = HedgeLexicon(language, attribution: AttributionLexicon.byLanguage[language])
        }
        return table
    }()

    /// Is this lowercase word a 3rd-person conditional by its shape?
    func looksConditional(_ word: String) -> Bool {
        guard let ending = conditionalEndings.first(where: { WordShape.endsWith(word, $0) }),
              !notConditional.contains(word) else { return false }
        let stem = Array(word.unicodeScalars.dropLast(ending.unicodeScalars.count))
        guard stem.last == "r" else { return false }
        // The longest stem ending with a rule decides.
        var n = min(longestStemRule, stem.count)
        while n > 0 {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: stem[(stem.count - n)...])
            if let rule = stemRules[String(view)] { return rule }
            n -= 1
        }
        return false
    }

    func isParticiple(_ word: String) -> Bool {
        word.unicodeScalars.count > 2 && participleEndings.contains { WordShape.endsWith(word, $0) }
    }
}
