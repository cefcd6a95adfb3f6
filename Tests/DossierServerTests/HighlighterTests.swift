import DossierCore
import DossierServer
import Testing

/// The highlighted article is built from code-point offsets; these cases check the
/// offsets are read as Unicode scalars and that overlapping marks stay well-formed.
@Suite("Article highlighting")
struct HighlighterTests {
    typealias Mark = ArticleHighlighter.Mark
    let h = ArticleHighlighter()

    func mark(_ start: Int, _ end: Int, _ kind: ArticleHighlighter.Kind, _ index: Int = 0) -> Mark {
        Mark(start: start, end: end, kind: kind, classes: [], title: nil, index: index)
    }

    /// Text inside the spans of one kind, in order (continuations joined to their item).
    func texts(_ html: String, kind: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        while let r = rest.range(of: "data-kind=\"\(kind)\"") {
            let after = rest[r.upperBound...]
            guard let close = after.firstIndex(of: ">") else { break }
            var depth = 1, i = after.index(after: close), text = ""
            while depth > 0, i < after.endIndex {
                if after[i...].hasPrefix("</span>") { depth -= 1; i = after.index(i, offsetBy: 7); continue }
                if after[i...].hasPrefix("<span") { depth += 1; i = after[i...].firstIndex(of: ">").map { after.index(after: $0) } ?? after.endIndex; continue }
                text.append(after[i]); i = after.index(after: i)
            }
            out.append(text)
            rest = after[i...]
        }
        return out
    }

    func balanced(_ html: String) -> Bool {
        var depth = 0
        var rest = Substring(html)
        while let r = rest.range(of: "<span") ?? rest.range(of: "</span>") {
            let open = rest.range(of: "<span"), close = rest.range(of: "</span>")
            if let open, close == nil || open.lowerBound < close!.lowerBound { depth += 1; rest = rest[open.upperBound...] }
            else if let close { depth -= 1; if depth < 0 { return false }; rest = rest[close.upperBound...] }
            else { rest = rest[r.upperBound...] }
        }
        return depth == 0
    }

    @Test func offsetsAreCodePointsNotUTF16() {
        // "🇫🇷" is 2 scalars (4 UTF-16 units); "é" precomposed is 1 scalar.
        let text = "🇫🇷 Élysée: 😀 Paris dit 3 000 km."
        let paris = Array(text.unicodeScalars).firstIndex(of: "P")!
        let html = h.render(text: text, marks: [mark(paris, paris + 5, .entity), mark(3, 9, .entity, 1)])
        #expect(texts(html, kind: "entity") == ["Élysée", "Paris"])
    }

    @Test func nestedMarksNestAndCrossingMarksSplitCleanly() {
        let text = "Selon Kiev, près de 50 000 soldats seraient là."
        // claim [0,47) ⊃ quantity [12,34) ⊃ ...; a hedge crossing the quantity's end.
        let marks = [mark(0, 47, .claim), mark(12, 34, .quantity), mark(6, 10, .entity), mark(27, 43, .hedge)]
        let html = h.render(text: text, marks: marks)
        #expect(balanced(html))
        #expect(texts(html, kind: "entity") == ["Kiev"])
        #expect(texts(html, kind: "quantity") == ["près de 50 000 soldats"])
        // The hedge is split where the quantity ends: one piece inside, one continued after.
        #expect(html.contains("data-cont=\"1\""))
        #expect(texts(html, kind: "hedge").joined() == "soldats seraient")
        #expect(html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression) == text)
    }

    @Test func textAndTitlesAreEscaped() {
        let text = "<script>alert('x')</script> & \"quotes\""
        var m = mark(0, 8, .entity)
        m.title = "\"><img src=x onerror=alert(1)>"
        let html = h.render(text: text, marks: [m])
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        let stripped = html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        #expect(stripped == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
    }

    @Test func marksOutsideTheTextAreDropped() {
        let html = h.render(text: "abc", marks: [mark(2, 9, .time), mark(1, 1, .cue), mark(-1, 2, .hedge)])
        #expect(html == "abc")
    }

    @Test func everyExtractionItemBecomesAMark() {
        let text = "The ministry said 300 people left on Monday."
        var x = Extraction(language: Language("en"), length: text.unicodeScalars.count)
        x.quantities = [Quantity(span: Span(18, 28), text: "300 people", kind: .count, value: 300)]
        x.hedges = [Hedge(span: Span(13, 17), text: "said", kind: .hedge)]
        let kinds = Set(h.marks(of: x).map(\.kind))
        #expect(kinds == [.quantity, .hedge])
    }
}
