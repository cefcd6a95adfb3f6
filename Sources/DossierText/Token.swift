import DossierCore

/// A token's broad class, enough for rule-based extractors to decide cheaply.
public enum TokenKind: String, Sendable, Codable {
    /// Letters, possibly with inner hyphens or apostrophes ("Jong-un", "aujourd'hui").
    case word
    /// A French elided article or pronoun with its apostrophe ("l'", "qu'", "d'").
    case elision
    /// Digits with their grouping and decimal marks ("50 000", "1,5", "50,000.25").
    case number
    /// Digits glued to letters ("3e", "155mm", "1.5bn", "04th").
    case alphanumeric
    case punctuation
    /// Currency and other symbols ("$", "€", "%", "°").
    case symbol
}

/// One token, as a span into the normalised text.
public struct Token: Hashable, Sendable {
    public var span: Span
    public var kind: TokenKind
    /// The token's normalised text.
    public var text: String
    /// Lowercased text, precomputed because every lexicon lookup wants it.
    public var lower: String
    /// Whether the token follows whitespace (or starts the text): "50 000" is one token
    /// but a reader still needs to know that "5" and "%" in "5 %" were apart.
    public var spaceBefore: Bool

    public init(span: Span, kind: TokenKind, text: String, spaceBefore: Bool) {
        self.span = span
        self.kind = kind
        self.text = text
        self.lower = text.lowercased()
        self.spaceBefore = spaceBefore
    }

    /// Builds a token straight from the scalars it covers (the tokenizer's fast path).
    init(scalars s: [Unicode.Scalar], span: Span, kind: TokenKind, spaceBefore: Bool) {
        self.span = span
        self.kind = kind
        let text = ScalarString.make(s, span.start..<span.end)
        self.text = text
        // Most tokens have no capital: their lowercase is the same String, not a copy.
        self.lower = ScalarString.lowercasedIfChanged(s, span.start..<span.end) ?? text
        self.spaceBefore = spaceBefore
    }

    // The accessors below are `@inlinable`: every extractor asks them of every token from
    // another module, and an opaque call there copied the whole token (retaining its two
    // Strings) for each question. Inlined, a question reads the field it needs.
    @inlinable public var start: Int { span.start }
    @inlinable public var end: Int { span.end }

    /// True when the first letter is uppercase ("Koursk", "ONU").
    @inlinable public var isCapitalized: Bool {
        guard let first = text.unicodeScalars.first else { return false }
        // ASCII without a Unicode property lookup: recognisers ask this of every token.
        if first.value < 128 { return first.value >= 65 && first.value <= 90 }
        return first.properties.isUppercase
    }

    /// True when every letter is uppercase and there are at least two ("OTAN", "AIEA").
    @inlinable public var isAllCaps: Bool {
        var letters = 0
        for s in text.unicodeScalars {
            if s.value < 128 {
                // ASCII without Unicode property lookups.
                if s.value >= 97 && s.value <= 122 { return false }
                if s.value >= 65 && s.value <= 90 { letters += 1 }
                continue
            }
            guard s.properties.isAlphabetic else { continue }
            if !s.properties.isUppercase { return false }
            letters += 1
        }
        return letters >= 2
    }
}
