import DossierCore

/// Builds the article's HTML with every extracted item wrapped in a `<span>` of its kind.
///
/// Offsets are Unicode code points into the original text (docs/extraction-schema.md),
/// so the text is walked as `[Unicode.Scalar]`, never as UTF-16 or `Character`s. Items
/// overlap freely (a quantity inside a claim, a source crossing a hedge): marks that nest
/// are nested, and a mark that crosses another's end is closed there and reopened after it
/// (the reopened piece carries `data-cont`, so counting `[data-kind]:not([data-cont])`
/// counts items, not pieces). Every character of the text goes through `HTMLEscape`.
public struct ArticleHighlighter: Sendable {
    /// What a highlight is, in nesting order for equal spans: a claim is the outermost.
    public enum Kind: String, Sendable, CaseIterable {
        case claim, source, channel, cue, hedge, quantity, time, entity

        var rank: Int { Self.allCases.firstIndex(of: self)! }
    }

    public struct Mark: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var kind: Kind
        /// Extra CSS classes (entity type, certainty, hedge kind).
        public var classes: [String]
        public var title: String?
        /// The index of the item in its array of the extraction (claims: `data-claim`).
        public var index: Int

        public init(start: Int, end: Int, kind: Kind, classes: [String] = [], title: String? = nil, index: Int = 0) {
            self.start = start
            self.end = end
            self.kind = kind
            self.classes = classes
            self.title = title
            self.index = index
        }
    }

    public init() {}

    /// Every item of the extraction as a mark, in document order.
    public func marks(of x: Extraction) -> [Mark] {
        var marks: [Mark] = []
        for (i, c) in x.claims.enumerated() {
            // Hovering a claim in the text shows how firmly and through whom it is said.
            var title = c.certainty.rawValue
            if let a = c.attribution.flatMap({ x.attributions.indices.contains($0) ? x.attributions[$0] : nil }) {
                let chain = [a.sourceCanonical ?? a.source?.text, a.channelCanonical ?? a.channel?.text].compactMap { $0 }
                if !chain.isEmpty { title += " · " + chain.joined(separator: " → ") }
            }
            marks.append(Mark(start: c.start, end: c.end, kind: .claim, classes: ["c-" + c.certainty.rawValue],
                              title: title, index: i))
        }
        for (i, e) in x.entities.enumerated() {
            let title = [e.canonical, e.type.rawValue, e.role].compactMap { $0 }.joined(separator: " · ")
            marks.append(Mark(start: e.start, end: e.end, kind: .entity, classes: ["ent-" + e.type.rawValue],
                              title: title, index: i))
        }
        for (i, q) in x.quantities.enumerated() {
            let title = [q.kind.rawValue, q.unit, q.counted, q.approximate.map { "\($0)" }, q.bound.map { "\($0)" }]
                .compactMap { $0 }.joined(separator: " · ")
            marks.append(Mark(start: q.start, end: q.end, kind: .quantity, classes: ["q-" + q.kind.rawValue],
                              title: title, index: i))
        }
        for (i, t) in x.times.enumerated() {
            marks.append(Mark(start: t.start, end: t.end, kind: .time, classes: ["t-" + t.kind.rawValue],
                              title: t.kind.rawValue + (TimeValueText.describe(t).map { ": " + $0 } ?? ""), index: i))
        }
        for (i, a) in x.attributions.enumerated() {
            if let s = a.source {
                marks.append(Mark(start: s.start, end: s.end, kind: .source, classes: ["s-" + a.sourceKind.rawValue],
                                  title: [a.sourceCanonical, a.sourceKind.rawValue].compactMap { $0 }.joined(separator: " · "),
                                  index: i))
            }
            marks.append(Mark(start: a.cue.start, end: a.cue.end, kind: .cue, classes: ["k-" + a.kind.rawValue],
                              title: a.kind.rawValue + " speech", index: i))
            if let c = a.channel {
                marks.append(Mark(start: c.start, end: c.end, kind: .channel, classes: [],
                                  title: "relayed by " + (a.channelCanonical ?? c.text), index: i))
            }
        }
        for (i, h) in x.hedges.enumerated() {
            marks.append(Mark(start: h.start, end: h.end, kind: .hedge, classes: ["h-" + h.kind.rawValue],
                              title: h.kind.rawValue, index: i))
        }
        return marks
    }

    /// The text as HTML with the marks applied; marks outside the text or empty are dropped.
    public func render(text: String, marks input: [Mark]) -> String {
        let scalars = Array(text.unicodeScalars)
        let n = scalars.count
        let marks = input.filter { $0.start >= 0 && $0.start < $0.end && $0.end <= n }
            .sorted { ($0.start, -$0.end, $0.kind.rank) < ($1.start, -$1.end, $1.kind.rank) }
        var boundaries = Set<Int>([n])
        for m in marks { boundaries.insert(m.start); boundaries.insert(m.end) }
        var out = ""
        out.reserveCapacity(n * 2)
        var stack: [Mark] = []
        var position = 0
        var next = 0
        for b in boundaries.sorted() {
            if b > position {
                HTMLEscape.append(scalars[position..<b], to: &out)
                position = b
            }
            if let k = stack.firstIndex(where: { $0.end <= b }) {
                let popped = stack[k...]
                for _ in popped { out += "</span>" }
                stack.removeSubrange(k...)
                for m in popped where m.end > b {
                    open(m, continued: true, into: &out)
                    stack.append(m)
                }
            }
            while next < marks.count, marks[next].start == b {
                open(marks[next], continued: false, into: &out)
                stack.append(marks[next])
                next += 1
            }
        }
        for _ in stack { out += "</span>" }
        return out
    }

    private func open(_ m: Mark, continued: Bool, into out: inout String) {
        let classes = ([m.kind == .claim ? "claim" : "hl", "hl-" + m.kind.rawValue] + m.classes).joined(separator: " ")
        out += "<span class=\"\(HTMLEscape.escape(classes))\" data-kind=\"\(m.kind.rawValue)\""
        if m.kind == .claim { out += " data-claim=\"\(m.index)\"" }
        if !continued, m.kind == .claim { out += " id=\"claim-\(m.index)\"" }
        if continued { out += " data-cont=\"1\"" }
        if let title = m.title, !title.isEmpty { out += " title=\"\(HTMLEscape.escape(title))\"" }
        out += ">"
    }
}

/// HTML escaping for text built in Swift (the templates escape with `{{ }}`): the five
/// characters that matter in text and in quoted attribute values.
public enum HTMLEscape {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.unicodeScalars.count)
        append(s.unicodeScalars[...], to: &out)
        return out
    }

    static func append<S: Sequence>(_ scalars: S, to out: inout String) where S.Element == Unicode.Scalar {
        for s in scalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(s)
            }
        }
    }
}

/// A time expression's resolved value as a reader sees it ("2024-11-05", "2024-11 → 2025-01").
enum TimeValueText {
    static func describe(_ t: TimeExpression) -> String? {
        switch t.value {
        case .date(let s), .duration(let s): return s
        case .period(let s, _, _): return s
        case .range(let start, let end): return "\(start ?? "…") → \(end ?? "…")"
        case .unresolved: return nil
        }
    }
}
