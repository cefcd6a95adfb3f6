import DossierCore
import DossierText

/// Very long texts (a 50 MB dump, a whole site in one "article", a page on one line) are
/// extracted piece by piece: every stage's memory grows with the text it holds (scalars,
/// offset map, tokens), so cutting keeps the peak bounded by the piece while time stays
/// linear. Pieces end at a paragraph break when there is one in the last half of the
/// window, else at a space, else anywhere; names, sources and claims are not linked
/// across pieces, and the extraction says so in its warnings.
extension Pipeline {
    /// Longest text extracted in one piece, in Unicode scalars (about a novel's length,
    /// far beyond any news article).
    public static let pieceLimit = 1 << 20

    func extractInPieces(_ document: Document, limit: Int) -> Extraction {
        let view = document.text.unicodeScalars
        var merged: Extraction?
        var offset = 0
        var pieces = 0
        var language = document.language
        var a = view.startIndex
        while a < view.endIndex {
            var b = view.index(a, offsetBy: limit, limitedBy: view.endIndex) ?? view.endIndex
            if b < view.endIndex { b = Self.cut(view, from: a, before: b, window: limit / 2) }
            let piece = String(String.UnicodeScalarView(view[a..<b]))
            let part = extractWhole(Document(text: piece, language: language, metadata: document.metadata))
            language = language ?? part.language  // the first piece decides for the rest
            // In place: appending to a copy would copy everything found so far per piece.
            if merged == nil { merged = part } else { Self.append(part, to: &merged!, offset: offset) }
            offset += part.length
            pieces += 1
            a = b
        }
        guard var result = merged else { return extractWhole(document) }
        result.warnings.append("long text: \(offset) characters, extracted in \(pieces) pieces of at most \(limit); names, sources and claims are not linked across pieces")
        return result
    }

    /// Where to end a piece that would end at `end`: after the last newline, else the last
    /// space, in the `window` scalars before it; `end` itself when there is neither.
    static func cut(_ view: String.UnicodeScalarView, from start: String.UnicodeScalarView.Index,
                    before end: String.UnicodeScalarView.Index, window: Int) -> String.UnicodeScalarView.Index {
        var space: String.UnicodeScalarView.Index?
        var i = end
        var steps = 0
        while i > start, steps < window {
            let previous = view.index(before: i)
            let s = view[previous]
            if s == "\n" { return i }
            if space == nil, s == " " { space = i }
            i = previous
            steps += 1
        }
        return space ?? end
    }

    /// `part`'s items after `whole`'s, its offsets moved by `offset` and its claims'
    /// indices by the counts already there.
    static func append(_ part: Extraction, to w: inout Extraction, offset: Int) {
        func move(_ s: Span) -> Span { Span(s.start + offset, s.end + offset) }
        func move(_ e: Excerpt) -> Excerpt { var e = e; e.start += offset; e.end += offset; return e }
        let counts = (w.entities.count, w.quantities.count, w.times.count, w.attributions.count, w.hedges.count)
        w.length += part.length
        w.sentences += part.sentences.map(move)
        w.entities += part.entities.map { var m = $0; m.start += offset; m.end += offset; return m }
        w.quantities += part.quantities.map { var q = $0; q.start += offset; q.end += offset; return q }
        w.times += part.times.map { var t = $0; t.start += offset; t.end += offset; return t }
        w.hedges += part.hedges.map { var h = $0; h.start += offset; h.end += offset; return h }
        w.attributions += part.attributions.map { a in
            var a = a
            a.source = a.source.map(move)
            a.cue = move(a.cue)
            a.content = move(a.content)
            a.channel = a.channel.map(move)
            return a
        }
        w.claims += part.claims.map { c in
            var c = c
            c.start += offset
            c.end += offset
            c.entities = c.entities.map { $0 + counts.0 }
            c.quantities = c.quantities.map { $0 + counts.1 }
            c.times = c.times.map { $0 + counts.2 }
            c.attribution = c.attribution.map { $0 + counts.3 }
            c.hedges = c.hedges.map { $0 + counts.4 }
            return c
        }
        // Only the end of the text can be cut off.
        w.truncated = part.truncated
        w.truncation = part.truncation
        w.warnings = w.warnings.filter { !$0.hasPrefix("truncated:") } + part.warnings
    }
}
