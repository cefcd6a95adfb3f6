import DossierCore
@testable import DossierStore
import Foundation
import Testing

/// `WriterJSON` must print exactly what `DossierJSON.encoder()` prints — the stored
/// extraction is the contract — and must know every stored property of the model.
@Suite("Extraction JSON written by hand, byte for byte JSONEncoder's")
struct WriterJSONTests {
    static func encoded<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try DossierJSON.encoder().encode(value), as: UTF8.self)
    }

    /// Every optional set, strings that need escaping, numbers of every shape.
    static var full: Extraction {
        let text = "Il a dit \"non\" \\ à l'AFP/Reuters\n\tnuit\u{1}\u{1F}\u{7F} 🇫🇷 «ok»"
        let x = Excerpt(span: Span(0, 5), text: text)
        var claim = Claim(span: Span(1, 9), text: "line\r\nfeed\u{8}\u{C}", attribution: 0, certainty: .reportedConditional,
                          direct: true, hedges: [0], entities: [0, 1], quantities: [2], times: [-3])
        claim.incomplete = true
        let values: [Double] = [50_000, 0.5, -3, 1e20, 1.5e-7, 2, 123_456_789_012, -0.0, 0, 999_999_999, 1e9,
                                0.1 + 0.2, -1e-300, 4_294_967_296.25]
        let quantities = values.enumerated().map { i, v in
            Quantity(span: Span(i, i + 1), text: "q\(i)", kind: .money, value: v, min: -v, max: v * 3, unit: "EUR/t",
                     counted: "tonnes", lemma: "tonne", category: "mass", approximate: .about, bound: .upper,
                     qualifier: "près de", vague: false, per: "month")
        }
        let times: [TimeExpression] = [
            TimeExpression(span: Span(0, 1), text: "lundi", kind: .date, value: .date("2024-03-04"),
                           qualifier: "avant", relative: "last", lean: "past"),
            TimeExpression(span: Span(1, 2), text: "août 2023", kind: .date,
                           value: .period("2023-08", start: "2023-08-01", end: "2023-09-01")),
            TimeExpression(span: Span(2, 3), text: "depuis mai", kind: .range, value: .range(start: "2024-05", end: nil)),
            TimeExpression(span: Span(3, 4), text: "jusqu'en mai", kind: .range, value: .range(start: nil, end: "2024-05")),
            TimeExpression(span: Span(4, 5), text: "trois jours", kind: .duration, value: .duration("P3D")),
            TimeExpression(span: Span(5, 6), text: "un jour", kind: .set, value: .unresolved),
        ]
        return Extraction(
            id: "doc/1 \"x\"", language: .french, published: Day(year: 2024, month: 11, day: 12), truncated: true,
            truncation: "ends on a colon:", length: Int.max,
            sentences: [Span(0, 10), Span(11, Int(Int32.max))],
            entities: [EntityMention(span: Span(0, 3), text: "AFP", type: .organisation, canonical: "Agence France-Presse",
                                     entityId: "org:afp", role: "agency", country: "France", isMedia: true, origin: "kb"),
                       EntityMention(span: Span(4, 6), text: "Kim", type: .person)],
            quantities: quantities, times: times,
            attributions: [Attribution(source: x, cue: x, content: x, sourceCanonical: "AFP", sourceKind: .outlet,
                                       sourceSector: "media", sourcePlural: false, kind: .mixed, channel: x,
                                       channelCanonical: "Reuters"),
                           Attribution(source: nil, cue: x, content: x, kind: .direct)],
            hedges: [Hedge(span: Span(0, 2), text: "peut-être", kind: .modal)],
            claims: [claim, Claim(span: Span(0, 0), text: "", certainty: .asserted)],
            warnings: ["truncated: x", ""])
    }

    @Test("Fully populated, and empty, extractions: the same bytes as JSONEncoder")
    func sameBytes() throws {
        #expect(WriterJSON.string(Self.full) == (try Self.encoded(Self.full)))
        let empty = Extraction(language: .english, length: 0)
        #expect(WriterJSON.string(empty) == (try Self.encoded(empty)))
        for t in Self.full.times { #expect(WriterJSON.string(t.value) == (try Self.encoded(t.value))) }
        // And it reads back as the same value.
        let back = try DossierJSON.decoder().decode(Extraction.self, from: Data(WriterJSON.string(Self.full).utf8))
        #expect(back == Self.full)
    }

    @Test("Not a JSON encoder for nothing: a changed value changes the bytes")
    func sensitive() {
        var changed = Self.full
        changed.quantities[1].value = 0.25
        #expect(WriterJSON.string(changed) != WriterJSON.string(Self.full))
        #expect(WriterJSON.string(changed).contains("\"value\":0.25"))
    }

    /// A property added to (or removed from) a model type must be added to `WriterJSON`
    /// too, or the stored JSON would silently lose it: this lists the stored properties.
    @Test("Every stored property of the model types is written")
    func knowsEveryProperty() {
        let full = Self.full
        let samples: [(String, Any)] = [
            ("Extraction", full), ("Span", full.sentences[0]), ("Excerpt", full.attributions[0].cue),
            ("Attribution", full.attributions[0]), ("Claim", full.claims[0]), ("EntityMention", full.entities[0]),
            ("Quantity", full.quantities[0]), ("TimeExpression", full.times[0]), ("Hedge", full.hedges[0]),
        ]
        for (name, value) in samples {
            let properties = Mirror(reflecting: value).children.compactMap(\.label).map(Self.snakeCase).sorted()
            #expect(properties == WriterJSON.keys[name], "\(name): update WriterJSON for the model's properties")
        }
        #expect(Set(samples.map(\.0)) == Set(WriterJSON.keys.keys))
    }

    static func snakeCase(_ name: String) -> String {
        var out = ""
        for c in name {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
