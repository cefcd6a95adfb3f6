import DossierCore
import Testing
@testable import DossierText

@Suite("Normalisation keeps a map back to the original")
struct NormalizedTextTests {
    @Test("Spaces of every width become plain spaces, one for one")
    func spaces() {
        let text = NormalizedText("50\u{00A0}000 et 12\u{202F}000 puis 3\u{2009}500")
        #expect(text.text == "50 000 et 12 000 puis 3 500")
        #expect(text.originalSpan(Span(0, 6)) == Span(0, 6))
    }

    @Test("Soft hyphens and zero-width characters vanish but offsets still map")
    func dropped() {
        let original = "Zelen\u{00AD}sky a dit\u{200B}."
        let text = NormalizedText(original)
        #expect(text.text == "Zelensky a dit.")
        // "Zelensky" in normalised text covers the soft hyphen in the original.
        let span = text.originalSpan(Span(0, 8))
        #expect(span == Span(0, 9))
        #expect(text.originalString(span) == "Zelen\u{00AD}sky")
    }

    @Test("HTML entities are decoded and map back to the whole entity")
    func entities() {
        let text = NormalizedText("AT&amp;T l&rsquo;a dit&nbsp;: &#171;non&#187;")
        #expect(text.text == "AT&T l'a dit : «non»")
        let amp = text.originalSpan(Span(0, 4))
        #expect(text.originalString(amp) == "AT&amp;T")
    }

    @Test("Unknown or malformed entities are left alone")
    func malformedEntities() {
        #expect(NormalizedText("a &bogus; b & c &#0; &#xZZ;").text == "a &bogus; b & c &#0; &#xZZ;")
    }

    @Test("Curly quotes become guillemets, apostrophes straight")
    func quotes() {
        #expect(NormalizedText("“It’s over,” he said").text == "«It's over,» he said")
    }

    @Test("Decomposed accents are composed")
    func composition() {
        let text = NormalizedText("Koursk e\u{0301}te\u{0301}")
        #expect(text.text == "Koursk été")
        #expect(text.originalSpan(Span(7, 10)) == Span(7, 12))
    }

    @Test("Offsets round-trip on random Unicode", arguments: 0..<200)
    func randomRoundTrip(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 0x9E37_79B9_7F4A_7C15)
        let pool: [Unicode.Scalar] = ["a", "é", " ", "\u{00A0}", "\u{202F}", "\u{00AD}", "\u{200B}", "&", ";", "#",
                                      "\u{2019}", "\u{201C}", "\u{201D}", "\u{0301}", "\u{0327}", "\n", "5", "0",
                                      "\u{1F600}", "\u{05D0}", "\u{0627}", "\u{FEFF}", "\u{0000}", "«", "»", "."]
        var view = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...80, using: &rng) {
            if Int.random(in: 0..<10, using: &rng) == 0 {
                view.append(contentsOf: ["&amp;", "&nbsp;", "&#8217;", "&eacute;"].randomElement(using: &rng)!.unicodeScalars)
            } else {
                view.append(pool.randomElement(using: &rng)!)
            }
        }
        let original = String(view)
        let text = NormalizedText(original)
        let n = text.count
        #expect(text.originalSpan(Span(0, n)).end == text.original.count)
        var previous = 0
        for i in 0...n {
            let o = text.originalOffset(i)
            #expect(o >= previous && o <= text.original.count)
            previous = o
        }
        for _ in 0..<20 where n > 0 {
            let a = Int.random(in: 0...n, using: &rng)
            let b = Int.random(in: a...n, using: &rng)
            let span = text.originalSpan(Span(a, b))
            #expect(span.start <= span.end && span.end <= text.original.count)
            // Renormalising the original slice gives back the normalised slice.
            if a < b {
                let slice = text.originalString(span)
                #expect(NormalizedText(slice).text == text.string(Span(a, b)) || slice.contains("&"))
            }
        }
    }
}
