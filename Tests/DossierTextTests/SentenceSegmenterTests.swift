import Foundation
import DossierCore
import Testing
@testable import DossierText

@Suite("Sentence segmentation")
struct SentenceSegmenterTests {
    func sentences(_ s: String) -> [String] {
        let a = AnalyzedText(s)
        return a.sentences.map { a.string($0) }
    }

    @Test("Abbreviations do not end sentences")
    func abbreviations() {
        #expect(sentences("M. Dupont et Mme Martin sont arrivés. Le Dr. Who aussi.")
            == ["M. Dupont et Mme Martin sont arrivés.", "Le Dr. Who aussi."])
        #expect(sentences("The U.S. Army said so. Officials agreed.")
            == ["The U.S. Army said so.", "Officials agreed."])
        #expect(sentences("Voir p. ex. le rapport. Il est long.").count == 2)
    }

    @Test("Initials do not end sentences")
    func initials() {
        #expect(sentences("J. K. Rowling wrote it. She agreed.").count == 2)
    }

    @Test("A quote spanning sentences stays with its sentence")
    func quotes() {
        let s = sentences("Il a dit : « Nous partons. Nous ne reviendrons pas. » Puis il est parti.")
        #expect(s == ["Il a dit : « Nous partons. Nous ne reviendrons pas. »", "Puis il est parti."])
    }

    @Test("A closing quote after the final point belongs to the sentence")
    func closingQuote() {
        let s = sentences("He said: “We are leaving.” Then he left.")
        #expect(s == ["He said: «We are leaving.»", "Then he left."])
    }

    @Test("Ellipses end a sentence only before a capital")
    func ellipses() {
        #expect(sentences("Il hésite… puis accepte. Ensuite… Rien.").count == 3)
    }

    @Test("Line breaks end sentences, even without a point")
    func lineBreaks() {
        #expect(sentences("Un titre sans point\nLe texte commence ici.") == ["Un titre sans point", "Le texte commence ici."])
    }

    @Test("An unclosed quote cannot swallow a long text")
    func strayQuote() {
        let body = String(repeating: "Une phrase assez longue pour compter. ", count: 80)
        #expect(sentences("« " + body).count > 10)
    }
}

@Suite("Language identification and truncation")
struct LanguageAndTruncationTests {
    @Test func french() {
        #expect(LanguageIdentifier().identify("Les soldats sont arrivés dans la région selon le ministère.") == .french)
    }

    @Test func english() {
        #expect(LanguageIdentifier().identify("The soldiers have arrived in the region, according to the ministry.") == .english)
    }

    @Test("Too little text, or another language, is undetermined")
    func undetermined() {
        #expect(LanguageIdentifier().identify("Koursk") == .undetermined)
        #expect(LanguageIdentifier().identify("Die Soldaten sind gestern angekommen und warten.") == .undetermined)
    }

    @Test("Text cut mid-sentence or on a colon is truncated", arguments: [
        "Les troupes avancent. Selon lui, les renforts ne suffiront pas:",
        "The army said on Tuesday that the troops were moving towards the border and that",
        "Il a déclaré : « Nous ne céderons pas. Jamais.",
        "Les combats continuent,",
    ])
    func truncated(_ text: String) {
        #expect(AnalyzedText(text).truncation != nil)
    }

    @Test("Text that ends cleanly is not truncated", arguments: [
        "Les troupes avancent. Le ministère l'a confirmé.",
        "« Nous ne céderons pas », a-t-il dit.",
        "The ministry confirmed it (Reuters)",
        "Breaking news headline",
    ])
    func complete(_ text: String) {
        #expect(AnalyzedText(text).truncation == nil)
    }
}

@Suite("Decoding input bytes")
struct TextDecodingTests {
    @Test func valid() throws {
        #expect(try TextDecoding.decode(Data("Koursk".utf8)) == "Koursk")
        #expect(try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array("ok".utf8))) == "ok")
    }

    @Test func rejects() {
        #expect(throws: TextDecodingError.empty) { try TextDecoding.decode(Data("  \n ".utf8)) }
        #expect(throws: TextDecodingError.binary(offset: 1)) { try TextDecoding.decode(Data([0x41, 0x00, 0x42])) }
        #expect(throws: TextDecodingError.invalidUTF8(offset: 2)) { try TextDecoding.decode(Data([0x41, 0x42, 0xFF])) }
        // Overlong encoding and a lone surrogate are not UTF-8 either.
        #expect(throws: TextDecodingError.invalidUTF8(offset: 0)) { try TextDecoding.decode(Data([0xC0, 0xAF])) }
        #expect(throws: TextDecodingError.invalidUTF8(offset: 0)) { try TextDecoding.decode(Data([0xED, 0xA0, 0x80])) }
        #expect(throws: TextDecodingError.tooLarge(bytes: 11, limit: 10)) {
            try TextDecoding.decode(Data(repeating: 0x41, count: 11), limit: 10)
        }
    }
}
