import DossierCore
import Foundation
import Testing
@testable import DossierExtract

/// Whatever the input, the pipeline must not crash, and every span it reports must lie in
/// the text and quote it exactly: that is the promise a user clicks on.
@Suite("Pipeline invariants on hostile input")
struct PipelineInvariantTests {
    static func check(_ text: String, published: Day? = Day(year: 2024, month: 11, day: 12)) {
        let extraction = Pipeline().extract(Document(text: text, metadata: DocumentMetadata(published: published)))
        let problems = ExtractionInvariants.violations(of: extraction, text: text)
        #expect(problems.isEmpty, "\(problems.prefix(5)) in \(text.prefix(500).debugDescription)")
    }

    @Test("The invariant checker catches a span that does not quote the text")
    func checkerCatches() {
        var extraction = Pipeline().extract(Document(text: "Vladimir Poutine a parlé à Moscou."))
        #expect(ExtractionInvariants.violations(of: extraction, text: "Vladimir Poutine a parlé à Moscou.").isEmpty)
        #expect(!extraction.entities.isEmpty)
        extraction.entities[0].start += 1
        #expect(!ExtractionInvariants.violations(of: extraction, text: "Vladimir Poutine a parlé à Moscou.").isEmpty)
        extraction.claims = [Claim(span: Span(0, 3), text: "Vla", certainty: .asserted, entities: [99])]
        #expect(ExtractionInvariants.violations(of: extraction, text: "Vladimir Poutine a parlé à Moscou.")
            .contains { $0.contains("does not exist") })
    }

    @Test("Random Unicode: combining marks, RTL, emoji, NUL, length-changing case", arguments: 0..<150)
    func randomUnicode(seed: Int) {
        var rng = FuzzRandom(seed: UInt64(seed) &+ 1_000)
        Self.check(FuzzInput.text(maxPieces: 150, using: &rng))
    }

    @Test("A long text extracted in pieces keeps every promise and finds what the whole finds")
    func pieces() throws {
        let paragraph = "Selon l'AFP, Vladimir Poutine a déclaré le 20 janvier 2023 que 50 000 soldats étaient à Koursk."
        let text = Array(repeating: paragraph, count: 12).joined(separator: "\n") + " « Fin"
        let pipeline = Pipeline()
        let whole = pipeline.extract(Document(text: text))
        let pieced = pipeline.extractInPieces(Document(text: text), limit: 250)
        #expect(ExtractionInvariants.violations(of: pieced, text: text).isEmpty)
        #expect(pieced.length == whole.length)
        #expect(pieced.warnings.contains { $0.hasPrefix("long text:") })
        #expect(pieced.quantities.map(\.value) == whole.quantities.map(\.value))
        #expect(pieced.times.count == whole.times.count)
        #expect(pieced.claims.count == whole.claims.count)
        #expect(pieced.truncated == whole.truncated)
        // A line longer than a piece is cut at a space, never inside a word.
        let line = String(repeating: "Poutine parle. ", count: 100)
        let cut = pipeline.extractInPieces(Document(text: line), limit: 100)
        #expect(ExtractionInvariants.violations(of: cut, text: line).isEmpty)
        #expect(cut.entities.allSatisfy { $0.text == "Poutine" })
    }

    @Test("Random mixes of news words, digits, quotes and odd Unicode", arguments: 0..<300)
    func randomText(seed: Int) {
        var rng = SeededRandom(seed: UInt64(seed))
        let pieces = [
            "Selon", "selon", "lui", ",", ".", ":", "«", "»", "\u{201C}", "\u{201D}", "\"", "'", "l'", "qu'",
            "a", "dit", "que", "said", "according", "to", "près de", "environ", "50", "000", "50\u{00A0}000",
            "1,5", "million", "dollars", "$", "€", "%", "soldats", "troops", "le", "20", "janvier", "2023",
            "août", "March", "hier", "il y a", "trois", "jours", "plus d'un mois", "Poutine", "Kim Jong-un",
            "Koursk", "Kremlin", "Moscou", "nord-coréens", "prendrait", "aurait", "il semblerait que",
            "reportedly", "\n", "\n\n", "\u{00AD}", "\u{200B}", "&amp;", "&nbsp;", "&#8217;", "e\u{0301}",
            "\u{1F600}", "\u{05E9}\u{05DC}\u{05D5}\u{05DD}", "\u{0627}\u{0644}", "\u{202E}", "\t", "…", "...",
            "M.", "U.S.", "—", "-", "(", ")", "a-t-il", "explique-t-elle", "Dr.", "10 000 à 12 000",
        ]
        var parts: [String] = []
        for _ in 0..<Int.random(in: 0...60, using: &rng) {
            parts.append(pieces.randomElement(using: &rng)!)
            if Bool.random(using: &rng) { parts.append(" ") }
        }
        Self.check(parts.joined(), published: seed % 3 == 0 ? nil : Day(year: 2024, month: 11, day: 12))
    }

    @Test("Degenerate inputs", arguments: [
        "", " ", "\n\n\n", ".", "«", "»»»", "\"\"\"\"", "&amp;&amp;", "\u{00AD}\u{00AD}", "e\u{0301}\u{0301}\u{0301}",
        String(repeating: "«", count: 5_000), String(repeating: "a ", count: 20_000),
        String(repeating: "Selon lui, ", count: 2_000), String(repeating: "50 000 ", count: 3_000),
        "Il a dit : « " + String(repeating: "oui. ", count: 3_000),
    ])
    func degenerate(_ text: String) {
        Self.check(text)
    }
}

struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x2545_F491_4F6C_DD1D &+ 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
