import DossierCore

/// The `extractions.json` column (and `times.value`), written by hand instead of through
/// `JSONEncoder`: byte for byte what `DossierJSON.encoder()` prints (compact, keys
/// snake_case and sorted, `/` unescaped, nil optionals left out), so the stored JSON is
/// still exactly `dossier extract`'s output, the contract, and any JSON reader decodes it.
///
/// Why: the release profile of ingest put 14 % of all samples in `JSONEncoder` — it
/// converts every key to snake_case and sorts every object's keys, for every object of
/// every document — on the one serial writer. Here the keys are constants in sorted
/// order and the bytes go straight into one buffer.
///
/// The cost is keeping this in step with the model in `DossierCore`: `WriterJSONTests`
/// compares the bytes with `JSONEncoder`'s on real and on fully populated extractions,
/// and fails when a model type gains or loses a stored property (by `Mirror`), so a new
/// field cannot be dropped silently.
enum WriterJSON {
    static func string(_ e: Extraction) -> String {
        String(decoding: bytes(e), as: UTF8.self)
    }

    /// The JSON's UTF-8 bytes (what `ExtractionJSONCompression` compresses).
    static func bytes(_ e: Extraction) -> [UInt8] {
        var w = Writer()
        w.bytes.reserveCapacity(4_096 + min(e.length, 1 << 20) * 4)
        w.extraction(e)
        return w.bytes
    }

    static func string(_ value: TimeValue) -> String {
        var w = Writer()
        w.timeValue(value)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// The JSON keys of each type, in the order written; the test checks them against
    /// the model's stored properties.
    static let keys: [String: [String]] = [
        "Extraction": ["attributions", "claims", "entities", "hedges", "id", "language", "length", "published",
                       "quantities", "schema", "sentences", "times", "truncated", "truncation", "warnings"],
        "Span": ["end", "start"],
        "Excerpt": ["end", "start", "text"],
        "Attribution": ["channel", "channel_canonical", "content", "cue", "kind", "source", "source_canonical",
                        "source_kind", "source_plural", "source_sector"],
        "Claim": ["attribution", "certainty", "direct", "end", "entities", "hedges", "incomplete", "quantities",
                  "start", "text", "times"],
        "EntityMention": ["canonical", "country", "end", "entity_id", "is_media", "origin", "role", "start", "text", "type"],
        "Quantity": ["approximate", "bound", "category", "counted", "end", "kind", "lemma", "max", "min", "per",
                     "qualifier", "start", "text", "unit", "vague", "value"],
        "TimeExpression": ["end", "kind", "lean", "qualifier", "relative", "start", "text", "value"],
        "Hedge": ["end", "kind", "start", "text"],
    ]

    /// An object being written: commas between members, nil members skipped.
    struct Writer {
        var bytes: [UInt8] = []
        private var first = true

        mutating func extraction(_ e: Extraction) {
            object {
                $0.array("attributions", e.attributions) { $0.attribution($1) }
                $0.array("claims", e.claims) { $0.claim($1) }
                $0.array("entities", e.entities) { $0.entity($1) }
                $0.array("hedges", e.hedges) { $0.hedge($1) }
                $0.field("id", e.id)
                $0.field("language", e.language.rawValue)
                $0.field("length", e.length)
                $0.field("published", e.published?.iso)
                $0.array("quantities", e.quantities) { $0.quantity($1) }
                $0.field("schema", e.schema)
                $0.array("sentences", e.sentences) { w, s in w.object { $0.field("end", s.end); $0.field("start", s.start) } }
                $0.array("times", e.times) { $0.time($1) }
                $0.field("truncated", e.truncated)
                $0.field("truncation", e.truncation)
                $0.array("warnings", e.warnings) { $0.string($1) }
            }
        }

        mutating func attribution(_ a: Attribution) {
            object {
                $0.excerpt("channel", a.channel)
                $0.field("channel_canonical", a.channelCanonical)
                $0.excerpt("content", a.content)
                $0.excerpt("cue", a.cue)
                $0.field("kind", a.kind.rawValue)
                $0.excerpt("source", a.source)
                $0.field("source_canonical", a.sourceCanonical)
                $0.field("source_kind", a.sourceKind.rawValue)
                $0.field("source_plural", a.sourcePlural)
                $0.field("source_sector", a.sourceSector)
            }
        }

        mutating func claim(_ c: Claim) {
            object {
                $0.field("attribution", c.attribution)
                $0.field("certainty", c.certainty.rawValue)
                $0.field("direct", c.direct)
                $0.field("end", c.end)
                $0.array("entities", c.entities) { $0.int($1) }
                $0.array("hedges", c.hedges) { $0.int($1) }
                $0.field("incomplete", c.incomplete)
                $0.array("quantities", c.quantities) { $0.int($1) }
                $0.field("start", c.start)
                $0.field("text", c.text)
                $0.array("times", c.times) { $0.int($1) }
            }
        }

        mutating func entity(_ m: EntityMention) {
            object {
                $0.field("canonical", m.canonical)
                $0.field("country", m.country)
                $0.field("end", m.end)
                $0.field("entity_id", m.entityId)
                $0.field("is_media", m.isMedia)
                $0.field("origin", m.origin)
                $0.field("role", m.role)
                $0.field("start", m.start)
                $0.field("text", m.text)
                $0.field("type", m.type.rawValue)
            }
        }

        mutating func quantity(_ q: Quantity) {
            object {
                $0.field("approximate", q.approximate?.rawValue)
                $0.field("bound", q.bound?.rawValue)
                $0.field("category", q.category)
                $0.field("counted", q.counted)
                $0.field("end", q.end)
                $0.field("kind", q.kind.rawValue)
                $0.field("lemma", q.lemma)
                $0.field("max", q.max)
                $0.field("min", q.min)
                $0.field("per", q.per)
                $0.field("qualifier", q.qualifier)
                $0.field("start", q.start)
                $0.field("text", q.text)
                $0.field("unit", q.unit)
                $0.field("vague", q.vague)
                $0.field("value", q.value)
            }
        }

        mutating func time(_ t: TimeExpression) {
            object {
                $0.field("end", t.end)
                $0.field("kind", t.kind.rawValue)
                $0.field("lean", t.lean)
                $0.field("qualifier", t.qualifier)
                $0.field("relative", t.relative)
                $0.field("start", t.start)
                $0.field("text", t.text)
                $0.key("value")
                $0.timeValue(t.value)
            }
        }

        mutating func hedge(_ h: Hedge) {
            object {
                $0.field("end", h.end)
                $0.field("kind", h.kind.rawValue)
                $0.field("start", h.start)
                $0.field("text", h.text)
            }
        }

        /// `TimeValue`'s own `encode(to:)`: a string, null, or {end, start, value}.
        mutating func timeValue(_ v: TimeValue) {
            switch v {
            case .date(let s), .duration(let s): string(s)
            case .unresolved: raw("null")
            case .period(let value, let start, let end):
                object { $0.field("end", end); $0.field("start", start); $0.field("value", value) }
            case .range(let start, let end):
                object { $0.field("end", end); $0.field("start", start) }
            }
        }

        // MARK: members

        mutating func object(_ body: (inout Writer) -> Void) {
            bytes.append(UInt8(ascii: "{"))
            let outer = first
            first = true
            body(&self)
            first = outer
            bytes.append(UInt8(ascii: "}"))
        }

        mutating func key(_ name: StaticString) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: ":"))
        }

        mutating func array<T>(_ name: StaticString, _ items: [T], _ element: (inout Writer, T) -> Void) {
            key(name)
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                element(&self, item)
            }
            bytes.append(UInt8(ascii: "]"))
        }

        mutating func excerpt(_ name: StaticString, _ x: Excerpt?) {
            guard let x else { return }
            key(name)
            object { $0.field("end", x.end); $0.field("start", x.start); $0.field("text", x.text) }
        }

        mutating func field(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            key(name)
            string(value)
        }

        mutating func field(_ name: StaticString, _ value: Int?) {
            guard let value else { return }
            key(name)
            int(value)
        }

        mutating func field(_ name: StaticString, _ value: Bool?) {
            guard let value else { return }
            key(name)
            raw(value ? "true" : "false")
        }

        /// `JSONEncoder`'s numbers: the shortest round-tripping form (`description`),
        /// without a trailing ".0". Not-finite values cannot occur in JSON; `JSONEncoder`
        /// would throw, here they are null, which decodes as a missing value.
        mutating func field(_ name: StaticString, _ value: Double?) {
            guard let value else { return }
            key(name)
            guard value.isFinite else { raw("null"); return }
            // Whole numbers of everyday size (the common case) without formatting a String.
            if value == value.rounded(), abs(value) < 1e9, value != 0 || value.sign == .plus {
                int(Int(value))
                return
            }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            bytes.append(contentsOf: text.utf8)
        }

        mutating func raw(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func int(_ value: Int) {
            if value < 0 {
                bytes.append(UInt8(ascii: "-"))
                // Int.min has no positive counterpart: its magnitude as UInt.
                appendDigits(UInt(bitPattern: value).magnitudeOfNegative)
            } else {
                appendDigits(UInt(value))
            }
        }

        private mutating func appendDigits(_ value: UInt) {
            var v = value
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes ≥ 20 digits
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[23 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                    count += 1
                } while v > 0
                bytes.append(contentsOf: buffer[(24 - count)...])
            }
        }

        /// Escapes as `JSONEncoder` does: `"` and `\`, the control characters (short
        /// forms for \b \f \n \r \t, else \u00xx in lower case); everything else as is.
        mutating func string(_ s: String) {
            bytes.append(UInt8(ascii: "\""))
            var s = s
            s.withUTF8 { utf8 in
                var start = 0
                for i in 0..<utf8.count {
                    let b = utf8[i]
                    guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                    if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                    start = i + 1
                    bytes.append(UInt8(ascii: "\\"))
                    switch b {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
                    case 0x08: bytes.append(UInt8(ascii: "b"))
                    case 0x0C: bytes.append(UInt8(ascii: "f"))
                    case 0x0A: bytes.append(UInt8(ascii: "n"))
                    case 0x0D: bytes.append(UInt8(ascii: "r"))
                    case 0x09: bytes.append(UInt8(ascii: "t"))
                    default:
                        let hex: [UInt8] = Array("0123456789abcdef".utf8)
                        bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                                  hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                    }
                }
                if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}

private extension UInt {
    /// The magnitude of the negative Int whose bit pattern this is.
    var magnitudeOfNegative: UInt { 0 &- self }
}
