import Testing
@testable import DossierExtract

/// `NumberReader.firstHyphenPart` replaces `split(separator: "-").first` (Characters) by a
/// byte scan; it must answer the same for every word, combining marks included.
@Suite("NumberReader: first hyphen part by bytes")
struct PerformanceHyphenTests {
    static func reference(_ s: String) -> String? {
        guard s.utf8.contains(0x2D) else { return nil }
        return s.split(separator: "-").first.map(String.init)
    }

    @Test(arguments: [
        "vingt-deux", "twenty-four", "mi-décembre", "dix-sept", "-", "--", "-abc", "abc-", "a--b", "---x-y",
        "quatre-vingt-dix", "été-là", "ré-élu", "a-\u{301}b", "-\u{301}", "x\u{301}-y", "\u{600}-12", "中-文",
        "ж-ж", "plain", "", "œuvre-d'art", "ǅ-x", "a-😀", "😀-a",
    ])
    func sameAsSplit(_ word: String) {
        #expect(NumberReader.firstHyphenPart(word) == Self.reference(word))
    }

    @Test("a spelled number after a hyphenated head still reads") func readsHyphenated() {
        let french = NumberReader(.french), english = NumberReader(.english)
        #expect(french.mayStartNumber(lower: "vingt-deux"))
        #expect(english.mayStartNumber(lower: "twenty-four"))
        #expect(!english.mayStartNumber(lower: "well-known"))
        #expect(!french.mayStartNumber(lower: "peut-être"))
    }
}
