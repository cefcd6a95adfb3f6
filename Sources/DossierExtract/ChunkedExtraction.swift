import DossierCore
import DossierText

/// A very long text extracted piece by piece and handed out as it goes, so that neither
/// the analysis nor the result of a 50 MB text is ever held whole: the caller writes each
/// piece's items (see `ExtractionJSONStream`) and drops them. Memory is then bounded by a
/// piece (`Pipeline.pieceLimit` scalars), time stays linear.
///
/// Pieces end at a paragraph break when there is one in the last half of the window, else
/// at a space, else anywhere (`Pipeline.cut`); names, sources and claims are not linked
/// across pieces.
public struct ExtractedPiece: Sendable {
    /// The piece's extraction in its own coordinates (spans from 0, indices from 0).
    public let local: Extraction
    /// The piece's text, which `local`'s spans index.
    public let text: String
    /// Where the piece starts in the whole text, in Unicode scalars.
    public let offset: Int
    /// Items of each kind in the pieces before this one, which its claims' indices follow.
    public let before: ItemCounts

    /// The piece's items in the whole text's coordinates: spans moved by `offset`, claims'
    /// indices by `before`.
    public var global: Extraction { local.shifted(by: offset, after: before) }
}

/// How many items of each kind an extraction holds: where the next piece's indices start.
public struct ItemCounts: Sendable, Hashable {
    public var entities = 0, quantities = 0, times = 0, attributions = 0, hedges = 0, claims = 0, sentences = 0

    public init() {}

    mutating func add(_ x: Extraction) {
        entities += x.entities.count
        quantities += x.quantities.count
        times += x.times.count
        attributions += x.attributions.count
        hedges += x.hedges.count
        claims += x.claims.count
        sentences += x.sentences.count
    }
}

/// What the whole text's extraction says besides its items, known once every piece is done.
public struct ChunkedSummary: Sendable {
    public var language: Language
    public var length = 0
    public var pieces = 0
    public var truncated = false
    public var truncation: String?
    public var warnings: [String] = []

    /// The top-level fields of the whole extraction, with no items.
    public func header(id: String?, published: Day?) -> Extraction {
        Extraction(id: id, language: language, published: published, truncated: truncated,
                   truncation: truncation, length: length, warnings: warnings)
    }
}

extension Pipeline {
    /// Whether `text` is long enough to be extracted in pieces.
    public static func needsPieces(_ text: String) -> Bool {
        // utf8.count is O(1) and bounds the scalar count: most texts skip the count.
        text.utf8.count > pieceLimit && text.unicodeScalars.count > pieceLimit
    }

    /// Extracts `document` piece by piece, calling `body` with each piece as soon as it is
    /// done. A text under `limit` is one piece.
    @discardableResult
    public func extractPieces(_ document: Document, limit: Int = Pipeline.pieceLimit,
                              _ body: (ExtractedPiece) throws -> Void) rethrows -> ChunkedSummary {
        let view = document.text.unicodeScalars
        var summary = ChunkedSummary(language: document.language ?? .undetermined)
        var language = document.language
        var counts = ItemCounts()
        var warnings: [String] = []
        var a = view.startIndex
        repeat {
            var b = view.index(a, offsetBy: limit, limitedBy: view.endIndex) ?? view.endIndex
            if b < view.endIndex { b = Self.cut(view, from: a, before: b, window: limit / 2) }
            let piece = String(String.UnicodeScalarView(view[a..<b]))
            let part = extractWhole(Document(text: piece, language: language, metadata: document.metadata))
            language = language ?? part.language  // the first piece decides for the rest
            if summary.pieces == 0 { summary.language = part.language }
            try body(ExtractedPiece(local: part, text: piece, offset: summary.length, before: counts))
            counts.add(part)
            summary.length += part.length
            summary.pieces += 1
            // Only the end of the text can be cut off.
            summary.truncated = part.truncated
            summary.truncation = part.truncation
            warnings += part.warnings.filter { !$0.hasPrefix("truncated:") }
            a = b
        } while a < view.endIndex
        summary.warnings = warnings
        if let reason = summary.truncation { summary.warnings.append("truncated: \(reason)") }
        if summary.pieces > 1 {
            summary.warnings.append("long text: \(summary.length) characters, extracted in \(summary.pieces) pieces of at most \(limit); names, sources and claims are not linked across pieces")
        }
        return summary
    }
}

extension Extraction {
    /// The same items with every span moved by `offset` and claims' indices by `before`.
    func shifted(by offset: Int, after before: ItemCounts) -> Extraction {
        func move(_ s: Span) -> Span { Span(s.start + offset, s.end + offset) }
        func move(_ e: Excerpt) -> Excerpt { var e = e; e.start += offset; e.end += offset; return e }
        var w = self
        w.sentences = sentences.map(move)
        w.entities = entities.map { var m = $0; m.start += offset; m.end += offset; return m }
        w.quantities = quantities.map { var q = $0; q.start += offset; q.end += offset; return q }
        w.times = times.map { var t = $0; t.start += offset; t.end += offset; return t }
        w.hedges = hedges.map { var h = $0; h.start += offset; h.end += offset; return h }
        w.attributions = attributions.map { a in
            var a = a
            a.source = a.source.map(move)
            a.cue = move(a.cue)
            a.content = move(a.content)
            a.channel = a.channel.map(move)
            return a
        }
        w.claims = claims.map { c in
            var c = c
            c.start += offset
            c.end += offset
            c.entities = c.entities.map { $0 + before.entities }
            c.quantities = c.quantities.map { $0 + before.quantities }
            c.times = c.times.map { $0 + before.times }
            c.attribution = c.attribution.map { $0 + before.attributions }
            c.hedges = c.hedges.map { $0 + before.hedges }
            return c
        }
        return w
    }
}
