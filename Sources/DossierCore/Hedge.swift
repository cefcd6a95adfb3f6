/// What kind of uncertainty marker a hedge is.
public enum HedgeKind: String, Sendable, Codable {
    /// A hedging expression: "il semblerait que", "apparemment", "reportedly".
    case hedge
    /// The French reporting conditional: "aurait déployé", "le transport prendrait".
    case conditional
    /// A modal of possibility: "pourrait", "devrait", "could", "may".
    case modal
    /// A denial: "dément", "a démenti", "denied".
    case denial
}

/// A word or phrase that weakens (or denies) the statement around it.
public struct Hedge: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var text: String
    public var kind: HedgeKind

    public init(span: Span, text: String, kind: HedgeKind) {
        self.start = span.start
        self.end = span.end
        self.text = text
        self.kind = kind
    }

    public var span: Span { Span(start, end) }
}
