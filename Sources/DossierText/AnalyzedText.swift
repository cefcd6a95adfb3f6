import DossierCore

/// A document after the text layer: normalised scalars with their map to the original,
/// tokens, sentences and language. Every extractor reads this one value (as spaCy's
/// components share one Doc) and reports spans in its normalised coordinates; the
/// pipeline maps them back to the original text once, at the end.
public struct AnalyzedText: Sendable {
    public let normalized: NormalizedText
    public let tokens: [Token]
    public let sentences: [Span]
    public let language: Language
    /// Why the text looks cut off, or nil.
    public let truncation: String?
    /// Each token's lowercase form numbered once per document, so that extractors look up
    /// each distinct word once instead of hashing every token (see `WordForms`).
    public let words: WordForms

    public init(_ text: String, language: Language? = nil) {
        let normalized = NormalizedText(text)
        let tokens = Tokenizer().tokenize(normalized)
        self.normalized = normalized
        self.tokens = tokens
        self.words = WordForms(tokens)
        self.sentences = SentenceSegmenter().segment(normalized, tokens: tokens)
        let given = language.flatMap { $0 == .undetermined ? nil : $0 }
        self.language = given ?? LanguageIdentifier().identify(tokens, forms: words)
        self.truncation = TruncationDetector().reason(normalized, tokens: tokens)
    }

    public var scalars: [Unicode.Scalar] { normalized.scalars }

    /// Normalised text of a span.
    public func string(_ span: Span) -> String { normalized.string(span) }

    /// Index of the first token starting at or after `offset` (binary search).
    @inlinable public func tokenIndex(atOrAfter offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The range of token indices inside a span.
    @inlinable public func tokenRange(in span: Span) -> Range<Int> {
        let from = tokenIndex(atOrAfter: span.start)
        var to = from
        while to < tokens.count, tokens[to].end <= span.end { to += 1 }
        return from..<to
    }

    /// The index of the sentence containing an offset.
    @inlinable public func sentenceIndex(containing offset: Int) -> Int? {
        var lo = 0, hi = sentences.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentences[mid].end <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < sentences.count && sentences[lo].start <= offset ? lo : nil
    }
}
