import DossierCore
import Testing
@testable import DossierText

@Suite("Tokenisation")
struct TokenizerTests {
    func tokens(_ s: String) -> [String] { Tokenizer().tokenize(NormalizedText(s)).map(\.text) }
    func kinds(_ s: String) -> [TokenKind] { Tokenizer().tokenize(NormalizedText(s)).map(\.kind) }

    @Test("French elision splits off the article or pronoun")
    func elision() {
        #expect(tokens("l'armée qu'il d'un jusqu'à L'ONU") == ["l'", "armée", "qu'", "il", "d'", "un", "jusqu'", "à", "L'", "ONU"])
        #expect(kinds("l'armée").first == .elision)
    }

    @Test("Words with an inner apostrophe that is not an elision stay whole")
    func innerApostrophe() {
        #expect(tokens("aujourd'hui") == ["aujourd'hui"])
        #expect(tokens("don't") == ["don't"])
    }

    @Test("English possessive 's is its own token")
    func possessive() {
        #expect(tokens("Russia's army") == ["Russia", "'s", "army"])
    }

    @Test("Hyphenated names and inverted verbs stay whole")
    func hyphens() {
        #expect(tokens("Kim Jong-un, nord-coréens, a-t-il dit") == ["Kim", "Jong-un", ",", "nord-coréens", ",", "a-t-il", "dit"])
    }

    @Test("Grouped numbers are one token, with every grouping mark", arguments: [
        "50 000", "50\u{00A0}000", "50\u{202F}000", "50.000", "50,000", "50'000", "1 500 000", "1,5", "50,000.25", "3.14",
    ])
    func groupedNumbers(_ number: String) {
        let t = Tokenizer().tokenize(NormalizedText("près de \(number) soldats"))
        #expect(t.map(\.kind) == [.word, .word, .number, .word])
    }

    @Test("A year followed by a number does not merge")
    func yearThenNumber() {
        #expect(tokens("en 2023 100 soldats") == ["en", "2023", "100", "soldats"])
    }

    @Test("Digits glued to letters are alphanumeric")
    func alphanumeric() {
        let t = Tokenizer().tokenize(NormalizedText("la 3e brigade, 155mm, 1.5bn"))
        #expect(t.filter { $0.kind == .alphanumeric }.map(\.text) == ["3e", "155mm", "1.5bn"])
    }

    @Test("Initialisms keep their points")
    func initialisms() {
        #expect(tokens("the U.S. army") == ["the", "U.S.", "army"])
    }

    @Test("Every token's text equals the normalised slice")
    func spansMatch() {
        let text = NormalizedText("« Il a dit : “non” », selon l’AFP… 3 500 $ !")
        for token in Tokenizer().tokenize(text) {
            #expect(text.string(token.span) == token.text)
        }
    }
}
