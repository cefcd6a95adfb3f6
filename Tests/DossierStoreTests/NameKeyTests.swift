import DossierCore
@testable import DossierStore
import Testing

@Suite("Name keys")
struct NameKeyTests {
    @Test("Name keys fold case, accents and punctuation")
    func nameKeys() {
        #expect(NameKey.fold("Volodymyr ZELENSKY") == "volodymyr zelensky")
        #expect(NameKey.fold("Kim Jong-un") == "kim jong un")
        #expect(NameKey.fold("  Élysée ") == "elysee")
    }

    @Test("The ASCII fast path of name keys gives exactly the general path's keys")
    func asciiNameKeys() {
        var generator = SplitMix64(seed: 42)
        let alphabet = Array(" \t-'.,&()/0123456789AZaz@[`{~_MmQq\u{7f}\u{1}")
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 24)
            let name = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            #expect(NameKey.foldASCII(name) == NameKey.foldUnicode(name), "\(name.debugDescription)")
        }
        for name in ["Kim Jong-un", "NATO", "U.S. Army", "F-16", "  ", "", "Al-Qaeda's", "AT&T"] {
            #expect(NameKey.foldASCII(name) == NameKey.foldUnicode(name), "\(name)")
        }
        #expect(NameKey.foldASCII("Élysée") == nil, "non-ASCII names take the general path")
    }
}
