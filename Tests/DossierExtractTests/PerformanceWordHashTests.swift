import DossierCore
import DossierText
import Testing
@testable import DossierExtract

/// Round 6's speed changes must answer exactly as the structures they stand in front of.
@Suite struct PerformanceWordHashTests {
    /// The byte-keyed index answers as the dictionary does for ASCII words (present or
    /// absent) and declines non-ASCII ones, which the dictionary then answers.
    @Test func asciiIndexAgreesWithDictionary() {
        var dictionary: [String: Int32] = [:]
        let words = ["russe", "north", "kim", "bande", "de", "la", "new york", "g7", "a$", "koursk",
                     "ministere", "été", "киев", "ß", "nord-coreen", "l'"]
        for (n, w) in words.enumerated() { dictionary[w] = Int32(n) }
        let index = ASCIIKeyIndex(dictionary)
        #expect(index.usable)
        for w in words + ["", "zzz", "russ", "russes", "North", "de ", "nord-coréen", "ete", "киевa"] {
            if let answer = index.lookup(w) {
                #expect(w.utf8.allSatisfy { $0 < 0x80 }, "\(w)")
                #expect(answer == (dictionary[w] ?? -1), "\(w)")
            } else {
                #expect(!w.utf8.allSatisfy { $0 < 0x80 }, "\(w)")
            }
        }
    }

    /// A key that String equality would match with an ASCII word (U+212A KELVIN SIGN is
    /// canonically "K") makes the index step aside: the dictionary answers everything.
    @Test func asciiIndexStepsAsideForCanonicalLookalikes() {
        let index = ASCIIKeyIndex(["\u{212A}m": 1, "paris": 2])
        #expect(!index.usable)
        #expect(index.lookup("paris") == nil)
        #expect(["\u{212A}m": Int32(1)]["Km"] == 1)  // why: String's == is canonical equivalence
    }

    /// Many keys (probing and growth) still agree with the dictionary.
    @Test func asciiIndexAgreesOnManyKeys() {
        var dictionary: [String: Int32] = [:]
        for n in 0..<5_000 { dictionary["w\(n * 7)x"] = Int32(n) }
        let index = ASCIIKeyIndex(dictionary)
        for n in 0..<10_000 {
            let w = "w\(n)x"
            #expect(index.lookup(w) == (dictionary[w] ?? -1))
        }
    }

    /// Per token, the flags read by the recogniser equal the facts they summarise, and the
    /// folded text read through the form ids equals the token's own folding.
    @Test(arguments: [Language.french, Language.english])
    func tokenFlagsEqualFacts(_ language: Language) {
        let table = EntityWordTable.table(for: language)
        let texts = ["Le ministre russe de la Défense a rencontré Kim Jong-un à Pyongyang ; Lyon a battu Marseille 2-1.",
                     "The North Korean troops, said Ruslan Leviev, crossed the Gaza Strip; Leeds beat Hull in the match.",
                     "KELVIN \u{212A} et «ÉTATS-UNIS» — Zелёный, ß, ﬁ, 50 000 soldats nord-coréens."]
        for text in texts {
            let analyzed = AnalyzedText(text, language: language)
            let pass = EntityPass(text: analyzed, kb: .shared, lexicon: .lexicon(for: language), words: table)
            for (i, t) in analyzed.tokens.enumerated() {
                #expect(pass.folded[i] == EntityFolding.fold(t.lower))
                let f = pass.facts(i)
                #expect(pass.has(i, .country) == (f?.country != nil))
                #expect(pass.has(i, .nationalityPhraseStart) == (f?.nationalityPhraseStart ?? false))
                #expect(pass.has(i, .lowercaseStart) == (f?.lowercaseStart ?? false))
                #expect(pass.has(i, .givenName) == (f?.givenName ?? false))
                #expect(pass.has(i, .portfolioStart) == (f?.portfolioStart ?? false))
                #expect(pass.has(i, .sportsContext) == (f?.sportsContext ?? false))
                #expect((pass.node(i) == nil) == (f?.node == nil))
            }
        }
    }

    /// The sports context flag says what the sports lexicon's context set says.
    @Test(arguments: [Language.french, Language.english])
    func sportsContextFlagEqualsLexicon(_ language: Language) {
        let table = EntityWordTable.table(for: language)
        let sports = EntitySportsLexicon.lexicon(for: language)
        for word in sports.context {
            let id = table.lookup(word)
            #expect(id >= 0 && table.facts[Int(id)].sportsContext, "\(word)")
        }
        for word in ["ministre", "paris", "le", "the", "zzzz"] where !sports.context.contains(word) {
            let id = table.lookup(word)
            #expect(id < 0 || !table.facts[Int(id)].sportsContext, "\(word)")
        }
    }

    /// The knowledge base's id index finds the entry a scan of the base finds first.
    @Test func entryByIDEqualsFirstScan() {
        let kb = EntityKnowledgeBase.shared
        for e in kb.entries.prefix(2_000) {
            #expect(kb.entry(id: e.id)?.canonical == kb.entries.first { $0.id == e.id }?.canonical)
        }
        #expect(kb.entry(id: "no-such-id") == nil)
    }

    /// Language identification per distinct word gives the per-token answer.
    @Test func languagePerFormEqualsPerToken() {
        let texts = ["Le président a dit que la guerre continue et que les soldats sont là.",
                     "The president said that the war goes on and that the soldiers are there.",
                     "Le the la and de of", "", "Kim Jong-un", "der die das und", String(repeating: "de la the ", count: 300)]
        for text in texts {
            let analyzed = AnalyzedText(text)
            let identifier = LanguageIdentifier()
            #expect(identifier.identify(analyzed.tokens, forms: analyzed.words) == identifier.identify(analyzed.tokens))
        }
    }
}
