@testable import DossierExtract
import Testing

/// `PhraseTable`'s word filter must never hide a phrase: every word a table holds passes,
/// whatever its script or spelling, and a text's word that String equality matches to a
/// phrase word (canonically equivalent spellings) passes too.
@Suite("Performance: phrase table filter")
struct PerformancePhraseFilterTests {
    @Test("Every inserted word passes; canonically equal spellings pass")
    func noFalseNegatives() {
        var filter = WordFilter()
        let words = ["de", "selon", "à", "jusqu'", "km/h", "a$", "€", "millions", "x", "\u{212A}", "\u{37E}",
                     "e\u{301}t\u{E9}", "Москва", "北京"]
        for w in words { filter.insert(w) }
        for w in words { #expect(filter.mayContain(w)) }
        // ASCII spellings of the Kelvin sign and the Greek question mark, and the
        // decomposed and precomposed "été".
        #expect(filter.mayContain("K"))
        #expect(filter.mayContain(";"))
        #expect(filter.mayContain("\u{E9}t\u{E9}"))
        #expect(filter.mayContain("e\u{301}te\u{301}"))
    }

    @Test("Most other ASCII words are filtered out")
    func rejects() {
        var filter = WordFilter()
        for w in ["selon", "according", "de"] { filter.insert(w) }
        let others = ["the", "president", "said", "tuesday", "war", "ukraine", "people", "minister"]
        #expect(others.filter { filter.mayContain($0) }.count <= 1)
    }

    @Test("A table finds its phrases whatever the spelling of their words")
    func tableMatches() {
        var table = PhraseTable<Int>()
        table.add("selon toute vraisemblance", 1)
        table.add("selon", 2)
        table.add("\u{E9}t\u{E9}", 3)
        #expect(table.match(["selon", "toute", "vraisemblance", "x"])?.1 == 3)
        #expect(table.match(["selon", "lui"])?.0 == 2)
        #expect(table.match(["e\u{301}te\u{301}"])?.0 == 3)
        #expect(table.match(["toute"]) == nil)
    }
}
