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
        let scalars = Array(text.unicodeScalars)
        #expect(extraction.length == scalars.count)
        func slice(_ start: Int, _ end: Int) -> String? {
            guard 0 <= start, start <= end, end <= scalars.count else { return nil }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            return String(view)
        }
        func verify(_ start: Int, _ end: Int, _ quoted: String, _ what: String) {
            let actual = slice(start, end)
            #expect(actual == quoted, "\(what) [\(start),\(end)) quotes \(quoted.debugDescription), text has \(actual.debugDescription)")
        }
        for s in extraction.sentences { #expect(slice(s.start, s.end) != nil) }
        for e in extraction.entities { verify(e.start, e.end, e.text, "entity") }
        for q in extraction.quantities { verify(q.start, q.end, q.text, "quantity") }
        for t in extraction.times { verify(t.start, t.end, t.text, "time") }
        for h in extraction.hedges { verify(h.start, h.end, h.text, "hedge") }
        for c in extraction.claims { verify(c.start, c.end, c.text, "claim") }
        for a in extraction.attributions {
            for part in [a.source, a.cue, a.content, a.channel].compactMap({ $0 }) {
                verify(part.start, part.end, part.text, "attribution part")
            }
        }
        for c in extraction.claims {
            for i in c.entities { #expect(extraction.entities.indices.contains(i)) }
            for i in c.quantities { #expect(extraction.quantities.indices.contains(i)) }
            for i in c.times { #expect(extraction.times.indices.contains(i)) }
            if let a = c.attribution { #expect(extraction.attributions.indices.contains(a)) }
        }
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
