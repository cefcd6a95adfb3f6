import DossierCore
import DossierText

/// Very long texts (a 50 MB dump, a whole site in one "article", a page on one line) are
/// extracted piece by piece: every stage's memory grows with the text it holds (scalars,
/// offset map, tokens), so cutting keeps the peak bounded by the piece while time stays
/// linear. `extractPieces` (ChunkedExtraction.swift) hands the pieces out one by one; this
/// gathers them into one `Extraction` for callers that need it whole (the store).
extension Pipeline {
    /// Longest text extracted in one piece, in Unicode scalars (about a novel's length,
    /// far beyond any news article).
    public static let pieceLimit = 1 << 20

    func extractInPieces(_ document: Document, limit: Int) -> Extraction {
        var merged = Extraction(language: document.language ?? .undetermined, length: 0)
        // In place: appending to a copy would copy everything found so far per piece.
        let summary = extractPieces(document, limit: limit) { piece in
            let part = piece.global
            merged.sentences += part.sentences
            merged.entities += part.entities
            merged.quantities += part.quantities
            merged.times += part.times
            merged.attributions += part.attributions
            merged.hedges += part.hedges
            merged.claims += part.claims
        }
        let header = summary.header(id: document.metadata.id, published: document.metadata.published)
        merged.id = header.id
        merged.language = header.language
        merged.published = header.published
        merged.truncated = header.truncated
        merged.truncation = header.truncation
        merged.length = header.length
        merged.warnings = header.warnings
        return merged
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
}
