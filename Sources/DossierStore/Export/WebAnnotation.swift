import DossierCore
import Foundation

/// A W3C Web Annotation (https://www.w3.org/TR/annotation-model/) in its JSON-LD form.
/// Only the parts Dossier fills are modelled: textual bodies and text selectors.
public struct WebAnnotation: Codable, Hashable, Sendable {
    public static let context = "http://www.w3.org/ns/anno.jsonld"

    public struct Body: Codable, Hashable, Sendable {
        public var type = "TextualBody"
        /// "tagging" for what kind of thing this is, "describing" for its normalised value.
        public var purpose: String
        public var value: String
        public var format = "text/plain"
    }

    public struct Selector: Codable, Hashable, Sendable {
        public var type: String
        public var exact: String?
        public var prefix: String?
        public var suffix: String?
        public var start: Int?
        public var end: Int?
    }

    public struct Target: Codable, Hashable, Sendable {
        public var source: String
        /// A quote selector and a position selector for the same text: a tool tries the
        /// position first and falls back on the quote when the text has changed.
        public var selector: [Selector]
    }

    public var context = WebAnnotation.context
    public var id: String
    public var type = "Annotation"
    public var motivation: String
    public var body: [Body]
    public var target: [Target]

    enum CodingKeys: String, CodingKey {
        case context = "@context", id, type, motivation, body, target
    }

    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}

/// Builds one annotation per entity, quantity, time, claim and attribution of a document.
///
/// Positions: W3C's TextPositionSelector counts Unicode code points of the document's
/// text, and Dossier's spans are code-point offsets into the original text as stored
/// (docs/extraction-schema.md), so they are written unchanged: `text[start..<end]` (by
/// code points) is `exact`. For a document ingested from HTML, the text is the stored
/// plain text, not the page's markup; the quote selector (`exact` with 32 code points
/// of `prefix` and `suffix`) is what re-anchors on the live page.
public enum WebAnnotationExport {
    public static let contextLength = 32

    public static func annotations(for item: ExportDocument) -> [WebAnnotation] {
        let doc = item.document
        let x = item.extraction
        let scalars = Array(item.text.unicodeScalars)
        let source = doc.url ?? "urn:sha256:\(doc.sha256)"
        let base = "urn:dossier:\(doc.sha256.prefix(40))"
        func target(_ start: Int, _ end: Int) -> WebAnnotation.Target? {
            guard start >= 0, start <= end, end <= scalars.count else { return nil }
            func slice(_ a: Int, _ b: Int) -> String {
                var v = String.UnicodeScalarView()
                v.append(contentsOf: scalars[a..<b])
                return String(v)
            }
            let quote = WebAnnotation.Selector(
                type: "TextQuoteSelector", exact: slice(start, end),
                prefix: slice(max(0, start - contextLength), start),
                suffix: slice(end, min(scalars.count, end + contextLength)))
            let position = WebAnnotation.Selector(type: "TextPositionSelector", start: start, end: end)
            return WebAnnotation.Target(source: source, selector: [quote, position])
        }
        func tag(_ s: String) -> WebAnnotation.Body { .init(purpose: "tagging", value: s) }
        func describe(_ s: String) -> WebAnnotation.Body { .init(purpose: "describing", value: s) }
        var out: [WebAnnotation] = []
        func add(_ kind: String, _ i: Int, motivation: String, _ body: [WebAnnotation.Body], _ targets: [WebAnnotation.Target?]) {
            let t = targets.compactMap { $0 }
            guard !t.isEmpty else { return }
            out.append(WebAnnotation(id: "\(base):\(kind):\(i)", motivation: motivation, body: body, target: t))
        }
        for (i, e) in x.entities.enumerated() {
            var body = [tag("entity:\(e.type.rawValue)"), describe(e.canonical ?? e.text)]
            if let id = e.entityId { body.append(.init(purpose: "identifying", value: id)) }
            add("entity", i, motivation: "identifying", body, [target(e.start, e.end)])
        }
        for (i, q) in x.quantities.enumerated() {
            add("quantity", i, motivation: "describing", [tag("quantity:\(q.kind.rawValue)"), describe(normalised(q))],
                [target(q.start, q.end)])
        }
        for (i, t) in x.times.enumerated() {
            add("time", i, motivation: "describing",
                [tag("time:\(t.kind.rawValue)"), describe(TimeValueText.display(t.value) ?? "unresolved")],
                [target(t.start, t.end)])
        }
        for (i, a) in x.attributions.enumerated() {
            var who = a.sourceCanonical ?? a.source?.text ?? "unnamed source"
            who += " (\(a.sourceKind.rawValue))"
            if let channel = a.channelCanonical ?? a.channel?.text { who += " via \(channel)" }
            add("attribution", i, motivation: "describing",
                [tag("attribution:\(a.kind.rawValue)"), describe("\(who), cue: \(a.cue.text)")],
                [target(a.cue.start, a.cue.end), a.source.flatMap { target($0.start, $0.end) },
                 target(a.content.start, a.content.end)])
        }
        for (i, c) in x.claims.enumerated() {
            var value = c.certainty.rawValue
            if let a = c.attribution, x.attributions.indices.contains(a) {
                let at = x.attributions[a]
                value += ", source: " + (at.sourceCanonical ?? at.source?.text ?? "unnamed")
                if let channel = at.channelCanonical ?? at.channel?.text { value += " via \(channel)" }
            }
            add("claim", i, motivation: "assessing", [tag("claim"), describe(value)], [target(c.start, c.end)])
        }
        return out
    }

    /// "≥ 10000 person (soldat)", "~ 1500–3000 person", "25 %": the value as the analysis
    /// compares it, with the qualifier made explicit.
    static func normalised(_ q: Quantity) -> String {
        var s = ""
        switch q.bound {
        case .lower: s += "≥ "
        case .upper: s += "≤ "
        case nil: break
        }
        if q.approximate != nil || q.vague == true { s += "~ " }
        if let lo = q.min, let hi = q.max, lo != hi {
            s += CSVFormat.number(lo) + "–" + CSVFormat.number(hi)
        } else {
            s += CSVFormat.number(q.value)
        }
        if let unit = q.unit { s += " " + unit }
        if let per = q.per { s += "/" + per }
        if let what = q.lemma ?? q.counted { s += " (\(what))" }
        return s
    }
}
