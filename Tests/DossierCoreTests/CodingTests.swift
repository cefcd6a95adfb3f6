import Foundation
import Testing
@testable import DossierCore

@Suite("The JSON contract")
struct CodingTests {
    func json(_ value: some Encodable) throws -> [String: Any] {
        let data = try DossierJSON.encoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("Mentions encode flat, with snake_case keys, as the scorer reads them")
    func entity() throws {
        let m = EntityMention(span: Span(0, 16), text: "Vladimir Poutine", type: .person,
                              canonical: "Vladimir Putin", entityId: "Q7747")
        let o = try json(m)
        #expect(o["start"] as? Int == 0)
        #expect(o["end"] as? Int == 16)
        #expect(o["type"] as? String == "PER")
        #expect(o["entity_id"] as? String == "Q7747")
    }

    @Test("Time values: dates and durations as strings, ranges as objects")
    func timeValues() throws {
        let date = TimeExpression(span: Span(0, 9), text: "août 2023", kind: .date, value: .date("2023-08"))
        #expect(try json(date)["value"] as? String == "2023-08")
        let range = TimeExpression(span: Span(0, 5), text: "x", kind: .range, value: .range(start: nil, end: "2024-11-12"))
        #expect((try json(range)["value"] as? [String: Any])?["end"] as? String == "2024-11-12")
        let duration = TimeExpression(span: Span(0, 5), text: "x", kind: .duration, value: .duration("P1M"), qualifier: "lower")
        #expect(try json(duration)["value"] as? String == "P1M")
    }

    @Test("An extraction survives a round trip through JSON")
    func roundTrip() throws {
        let extraction = Extraction(
            id: "a", language: .french, published: Day(year: 2024, month: 11, day: 12), truncated: true,
            truncation: "colon", length: 40, sentences: [Span(0, 40)],
            entities: [EntityMention(span: Span(0, 6), text: "Koursk", type: .location, canonical: "Kursk Oblast")],
            quantities: [Quantity(span: Span(7, 20), text: "50 000 soldats", kind: .count, value: 50000, unit: "person",
                                  approximate: .near)],
            times: [TimeExpression(span: Span(21, 30), text: "août 2023", kind: .date, value: .date("2023-08"))],
            attributions: [Attribution(source: Excerpt(span: Span(0, 3), text: "lui"), cue: Excerpt(span: Span(4, 9), text: "selon"),
                                       content: Excerpt(span: Span(10, 20), text: "xxxxxxxxxx"), sourceCanonical: "Ruslan Leviev",
                                       sourceKind: .person, kind: .indirect)],
            hedges: [Hedge(span: Span(30, 35), text: "serait", kind: .conditional)],
            claims: [Claim(span: Span(0, 40), text: "...", attribution: 0, certainty: .reportedConditional, hedges: [0])])
        let data = try DossierJSON.encoder().encode(extraction)
        let decoded = try DossierJSON.decoder().decode(Extraction.self, from: data)
        #expect(decoded == extraction)
        let o = try json(extraction)
        #expect(o["schema"] as? String == Extraction.schemaVersion)
        let attribution = try #require((o["attributions"] as? [[String: Any]])?.first)
        #expect(attribution["source_canonical"] as? String == "Ruslan Leviev")
        let claim = try #require((o["claims"] as? [[String: Any]])?.first)
        #expect(claim["certainty"] as? String == "reported_conditional")
    }

    @Test("Days parse only real calendar dates")
    func days() {
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "2016-11-07T00:00:00") == Day(year: 2016, month: 11, day: 7))
        #expect(Day(iso: "12/11/2024") == nil)
        #expect(Day(iso: "2024-13-01") == nil)
    }

    @Test("Certainty orders from firm to denied")
    func certainty() {
        #expect(Certainty.asserted < .attributed)
        #expect(Certainty.hedged < .reportedConditional)
        #expect(max(Certainty.attributed, .denied) == .denied)
    }
}

@Suite("Periods carry both readings")
struct PeriodCodingTests {
    @Test("A month encodes as its ISO value and the interval it covers, and decodes back")
    func period() throws {
        let t = TimeExpression(span: Span(0, 9), text: "août 2023", kind: .date,
                               value: .period("2023-08", start: "2023-08-01", end: "2023-09-01"))
        let data = try DossierJSON.encoder().encode(t)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let value = try #require(object["value"] as? [String: String])
        #expect(value == ["value": "2023-08", "start": "2023-08-01", "end": "2023-09-01"])
        #expect(try DossierJSON.decoder().decode(TimeExpression.self, from: data) == t)
    }
}

@Suite("Day arithmetic")
struct DayArithmeticTests {
    @Test("Day numbers round-trip across leap years and centuries", arguments: [-800_000, -1, 0, 1, 11_016, 19_723, 20_039, 60_000])
    func roundTrip(_ n: Int) {
        #expect(Day(dayNumber: n).dayNumber == n)
    }

    @Test("Known days")
    func known() {
        #expect(Day(dayNumber: 0) == Day(year: 1970, month: 1, day: 1))
        #expect(Day(year: 2024, month: 2, day: 28).adding(days: 1) == Day(year: 2024, month: 2, day: 29))
        #expect(Day(year: 2024, month: 12, day: 31).adding(days: 1) == Day(year: 2025, month: 1, day: 1))
        #expect(Day(year: 2024, month: 11, day: 12).weekday == 2)  // a Tuesday
    }
}
