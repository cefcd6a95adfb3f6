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
}
