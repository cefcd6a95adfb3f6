import DossierCore
@testable import DossierExtract
import DossierText
import Testing

/// Round 5 numbers each token by its lowercase form once per document (`WordForms`) and
/// lets the stages look up each distinct form once. These tests check that the numbering
/// is exact and that the per-form answers are the per-token answers they replaced.
@Suite("Performance word forms")
struct PerformanceWordFormsTests {
    static let texts = [
        "Selon le porte-parole du ministère, les soldats ont été déployés, a-t-il déclaré à l'AFP. Le Ministère dément.",
        "According to the spokesman, the troops were deployed by the army, he told Reuters. The Army denied it.",
        "ÉTATS-UNIS états-unis États-Unis Élysée élysée « très » « TRÈS » 50 000 50 000 İstanbul istanbul Straße STRASSE",
        "",
    ]

    /// Two tokens share an id exactly when their lowercase forms are the same bytes, and
    /// the form of every token is its lowercase text.
    @Test(arguments: texts)
    func idsNumberTheLowercaseForms(_ text: String) {
        let analyzed = AnalyzedText(text)
        let words = analyzed.words
        #expect(words.ids.count == analyzed.tokens.count)
        #expect(Set(words.forms).count == words.forms.count)
        for (i, t) in analyzed.tokens.enumerated() {
            #expect(Array(words.forms[Int(words.ids[i])].utf8) == Array(t.lower.utf8))
        }
        if text.hasPrefix("ÉTATS") {
            // "ÉTATS-UNIS", "états-unis" and "États-Unis" are one form; "İstanbul" and
            // "istanbul" are not (the dotted capital lowercases to two scalars).
            #expect(words.ids[0] == words.ids[1] && words.ids[1] == words.ids[2])
            #expect(words.forms.count < analyzed.tokens.count)
        }
    }

    /// A document with many distinct words (more than the table's first size) keeps them apart.
    @Test func manyDistinctForms() {
        let text = (0..<3_000).map { "mot\($0)" }.joined(separator: " ") + " mot7 MOT7"
        let words = AnalyzedText(text, language: .french).words
        #expect(words.forms.count == 3_000)
        #expect(words.ids[7] == words.ids[3_000] && words.ids[3_000] == words.ids[3_001])
    }

    /// The attribution word classes read per form equal those read per token.
    @Test(arguments: [Language.french, Language.english])
    func wordClassesPerFormEqualPerToken(_ language: Language) throws {
        let lex = try #require(AttributionLexicon.byLanguage[language])
        for text in Self.texts {
            let analyzed = AnalyzedText(text, language: language)
            #expect(lex.classes(of: analyzed) == lex.classes(of: analyzed.tokens))
        }
    }

    /// The entity word table read per form equals its lookup of each token's folded form.
    @Test(arguments: [Language.french, Language.english])
    func entityFactsPerFormEqualPerToken(_ language: Language) {
        let table = EntityWordTable.table(for: language)
        for text in Self.texts + ["Les soldats nord-coréens et russes, la bande de Gaza, Kim Jong-un."] {
            let analyzed = AnalyzedText(text, language: language)
            let pass = EntityPass(text: analyzed, kb: .shared, lexicon: .lexicon(for: language), words: table)
            for (i, t) in analyzed.tokens.enumerated() {
                let folded = EntityFolding.fold(t.lower)
                #expect(pass.folded[i] == folded)
                let skipped = table.lettersFirst && (t.kind == .punctuation || t.kind == .symbol)
                let expected: Int32 = skipped ? -1 : table.lookup(folded)
                #expect(pass.wordIDs[i] == expected)
            }
        }
    }

    /// The time scanner's per-token arrays, now filled per form, equal the per-token
    /// reading they replaced (reproduced here as it was).
    @Test(arguments: [Language.french, Language.english])
    func timeScannerPerFormEqualsPerToken(_ language: Language) {
        let lexicon = TimeLexicon.forLanguage(language)
        let numbers = NumberReader(language)
        let extra = language == .french
            ? "Du 3 au 5 mars 2024, à la mi-décembre, il y a trois jours, en deux mille quinze, au T3 2023."
            : "From March 3 to 5, in mid-December, three days ago, in nineteen ninety-six, in Q3 2023 and H1."
        for text in Self.texts + [extra] {
            let tokens = AnalyzedText(text, language: language).tokens
            let scanner = TimeScanner(tokens: tokens, forms: AnalyzedText(text, language: language).words,
                                      lexicon: lexicon, language: language, numbers: numbers, published: nil)
            var masks: [UInt64] = []
            for (i, t) in tokens.enumerated() {
                let spelledYear = t.kind == .word && (masks.last ?? 0) & TimeRole.yearCue.bit != 0
                    && numbers.mayStartNumber(t)
                var trigger: Bool, start = false, mask: UInt64 = 0, list: [TimePhrase]?
                if t.kind == .word || t.kind == .elision || t.kind == .punctuation, let w = lexicon.words[t.lower] {
                    list = w.phrases
                    trigger = w.isTrigger || spelledYear
                    start = w.canStart
                    mask = w.mask
                } else {
                    trigger = t.kind == .number || t.kind == .alphanumeric || spelledYear
                        || (t.kind == .word && t.lower.utf8.count == 2 && lexicon.quarter(t.lower) != nil)
                        || (t.kind == .word && lexicon.isHyphenTrigger(t.lower))
                }
                masks.append(mask)
                let opaque = t.kind == .word && !trigger
                    && TimeScanner.isOpaque(t.lower, WordKey.of(t.lower), lexicon, numbers)
                #expect(scanner.triggers[i] == trigger, "\(t.text)")
                #expect(scanner.starts[i] == start, "\(t.text)")
                #expect(scanner.masks[i] == mask, "\(t.text)")
                #expect(scanner.opaque[i] == opaque, "\(t.text)")
                #expect(scanner.lists[i]?.map(\.tokens) == list?.map(\.tokens), "\(t.text)")
            }
        }
    }
}
