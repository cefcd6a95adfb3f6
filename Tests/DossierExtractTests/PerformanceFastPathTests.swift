import DossierCore
@testable import DossierExtract
import DossierText
import Testing

/// The speed work replaced lookups by precomputed tables and byte tests; each must give
/// exactly the answers of the slower code it replaced. These tests compare the two.
@Suite("Performance fast paths")
struct PerformanceFastPathTests {
    /// The tokenizer's Latin lowercase fast path agrees with `String.lowercased()`, for
    /// capitals, accented capitals, ligatures, letters outside the fast path ("İ", Greek,
    /// Cyrillic) and text that has no capital at all (whose lowercase is the text itself).
    @Test(arguments: [
        "ÉTATS-UNIS Élysée À Œuvre ŒUVRE Ÿ ÇA ÀÉÎÕÜ Þ ß ÿ µ ª º",
        "İstanbul ΑΘΗΝΑ Москва ǅemal ﬁnance Straße",
        "déjà vu, ça va — « très » bien… 50 € ou 3 $",
        "The WHO said on Tuesday that U.S. officials met NATO's chief",
    ])
    func tokenLowercaseMatchesStringLowercased(_ text: String) {
        let tokens = AnalyzedText(text).tokens
        #expect(!tokens.isEmpty)
        for t in tokens {
            #expect(t.lower == t.text.lowercased(), "\(t.text)")
        }
    }

    /// Every fact of the merged word table is what the separate lists say, for words the
    /// lists hold and words they do not.
    @Test(arguments: [Language.french, Language.english, Language.undetermined])
    func wordTableAgreesWithLists(_ language: Language) {
        let table = EntityWordTable.table(for: language)
        let lexicon = EntityLexicon.lexicon(for: language)
        let kb = EntityKnowledgeBase.shared
        var words = Array(lexicon.demonyms.keys.prefix(200)) + Array(kb.givenNames.prefix(200))
            + Array(kb.gazetteer.lowercaseStarts.prefix(100))
        words += ["russe", "north", "ruslan", "bande", "koursk", "paris", "le", "the", "zzzz", "«", "50 000"]
        for word in words {
            let id = table.lookup(word)
            let facts = id < 0 ? nil : table.facts[Int(id)]
            #expect(facts?.country == lexicon.demonyms[word], "\(word)")
            #expect((facts?.nationalityPhraseStart ?? false) == lexicon.phraseStarts.contains(word), "\(word)")
            #expect((facts?.lowercaseStart ?? false) == kb.gazetteer.lowercaseStarts.contains(word), "\(word)")
            #expect((facts?.givenName ?? false) == kb.givenNames.contains(word), "\(word)")
            #expect((facts?.node != nil) == (kb.gazetteer.nodes[word] != nil), "\(word)")
        }
    }

    /// Accent folding through the array table: accents dropped, the rest kept.
    @Test func foldingDropsAccentsOnly() {
        #expect(EntityFolding.fold("états-unis") == "etats-unis")
        #expect(EntityFolding.fold("mykolaïv") == "mykolaiv")
        #expect(EntityFolding.fold("zürich") == "zurich")
        #expect(EntityFolding.fold("łódź") == "łodz")  // a stroke is no diacritic to Foundation
        #expect(EntityFolding.fold("«") == "«")
        #expect(EntityFolding.fold("москва") == "москва")
        #expect(EntityFolding.fold("paris") == "paris")
    }

    /// Quotation marks are told apart by their bytes exactly as by String comparison.
    @Test func quoteMarks() {
        let tokens = AnalyzedText("« Oui » , dit-il \" non \" ‹ “ ' » « — » ...", language: .french).tokens
        var seen: Set<UInt8> = []
        for t in tokens {
            let expected: UInt8 = t.text == "«" ? QuoteMap.opening : t.text == "»" ? QuoteMap.closing
                : t.text == "\"" ? QuoteMap.straight : 0
            #expect(QuoteMap.mark(t) == expected, "\(t.text)")
            seen.insert(expected)
        }
        #expect(seen == [0, QuoteMap.opening, QuoteMap.closing, QuoteMap.straight])
    }

    /// A phrase written glued ("km/h") needs glued tokens even when the same words were
    /// first added spaced; a phrase written with spaces alone matches either way.
    @Test func gluedPhrases() {
        var table = PhraseTable<Int>()
        table.add("km / h", 1)
        table.add("km/h", 2)
        table.add("par jour", 3)
        let glued = AnalyzedText("90 km/h", language: .french).tokens
        let spaced = AnalyzedText("90 km / h", language: .french).tokens
        #expect(table.match(glued, at: 1, end: glued.count)?.length == 3)
        #expect(table.match(spaced, at: 1, end: spaced.count) == nil)
        let jour = AnalyzedText("deux fois par jour", language: .french).tokens
        #expect(table.match(jour, at: 2, end: jour.count)?.value == 3)
        #expect(table.match(jour, endingBefore: jour.count)?.1 == 2)
    }

    /// Word classes are the lexicon's sets, bit by bit.
    @Test(arguments: [Language.french, Language.english])
    func wordClassesAgreeWithSets(_ language: Language) throws {
        let lex = try #require(AttributionLexicon.byLanguage[language])
        let text = AnalyzedText(language == .french
            ? "Selon le porte-parole du ministère, les soldats ont été déployés, a-t-il déclaré à l'AFP."
            : "According to the spokesman, the troops were deployed by the army, he told Reuters.",
            language: language)
        let classes = lex.classes(of: text.tokens)
        for (k, t) in text.tokens.enumerated() {
            #expect((classes[k] & (1 << AttributionLexicon.WordClass.determiners.rawValue) != 0) == lex.determiners.contains(t.lower))
            #expect((classes[k] & (1 << AttributionLexicon.WordClass.prepositions.rawValue) != 0) == lex.prepositions.contains(t.lower))
            #expect((classes[k] & (1 << AttributionLexicon.WordClass.aux.rawValue) != 0) == lex.aux.contains(t.lower))
            #expect((classes[k] & (1 << AttributionLexicon.WordClass.cueStarts.rawValue) != 0) == lex.cueStarts.contains(t.lower))
        }
    }
}
