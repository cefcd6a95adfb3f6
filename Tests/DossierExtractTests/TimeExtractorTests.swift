import DossierCore
import DossierText
import Foundation
import Testing

@testable import DossierExtract

/// The time extractor's corpus: every line of Tests/Fixtures/times/{fr,en}.tsv is a case
/// (format in the files' headers), so adding an example is adding a line.
struct TimeExtractorTests {
    struct Case: CustomStringConvertible, Sendable {
        let language: Language
        let published: Day?
        let sentence: String
        let span: String
        let kind: String
        let value: String
        let extras: [String: String]
        var description: String { "\(language): \(sentence)" }
    }

    static let cases: [Case] = ["fr", "en"].flatMap { lang -> [Case] in
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/times/\(lang).tsv")
        let file = ResourceFile(name: "times fixture", contents: (try? String(contentsOf: url, encoding: .utf8)) ?? "")
        return file.rows.filter { $0.count >= 3 }.map { row in
            var extras: [String: String] = [:]
            for field in row.dropFirst(5) {
                let kv = field.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { extras[kv[0]] = kv[1] }
            }
            return Case(language: Language(lang), published: Day(iso: row[0]), sentence: row[1], span: row[2],
                        kind: row.count > 3 ? row[3] : "", value: row.count > 4 ? row[4] : "", extras: extras)
        }
    }

    /// The fixture value syntax: "a..b" is a range, "P…" a duration, else a date.
    static func value(_ s: String) -> TimeValue {
        if s == "unresolved" { return .unresolved }
        if let r = s.range(of: "..") {
            let a = String(s[..<r.lowerBound]), b = String(s[r.upperBound...])
            return .range(start: a.isEmpty ? nil : a, end: b.isEmpty ? nil : b)
        }
        if s.hasPrefix("P") { return .duration(s) }
        // A month ("2023-08") or a year ("2023") is a period: the date and its interval.
        let parts = s.split(separator: "-").compactMap { Int($0) }
        if parts.count == 2 {
            let next = parts[1] == 12 ? (parts[0] + 1, 1) : (parts[0], parts[1] + 1)
            return .period(s, start: s + "-01", end: String(format: "%04d-%02d-01", next.0, next.1))
        }
        if parts.count == 1, s.count == 4 {
            return .period(s, start: s + "-01-01", end: String(format: "%04d-01-01", parts[0] + 1))
        }
        return .date(s)
    }

    @Test func fixturesAreLoaded() {
        #expect(Self.cases.filter { $0.language == .french }.count > 40)
        #expect(Self.cases.filter { $0.language == .english }.count > 30)
    }

    @Test(arguments: cases)
    func extracts(_ c: Case) {
        let text = AnalyzedText(c.sentence, language: c.language)
        let times = TimeExtractor().times(in: text, published: c.published)
        if c.span == "-" {
            #expect(times.isEmpty, "unexpected \(times.map(\.text))")
            return
        }
        guard let t = times.first(where: { $0.text == c.span }) else {
            Issue.record("no \"\(c.span)\" in \(times.map(\.text))")
            return
        }
        #expect(t.kind.rawValue == c.kind)
        #expect(t.value == Self.value(c.value))
        if let q = c.extras["qualifier"] { #expect(t.qualifier == q) }
        if let l = c.extras["lean"] { #expect(t.lean == l) }
        if let r = c.extras["relative"] { #expect(t.relative == r) }
    }

    @Test func relativeExpressionsWithoutPublicationAreFoundButUnresolved() {
        let text = AnalyzedText("Le ministre a démissionné hier, il y a trois jours de la date prévue.", language: .french)
        let times = TimeExtractor().times(in: text, published: nil)
        #expect(times.map(\.text) == ["hier", "il y a trois jours"])
        #expect(times.allSatisfy { $0.value == .unresolved })
    }

    @Test func absoluteDatesResolveWithoutPublication() {
        let text = AnalyzedText("The treaty was signed on 3 March 2023.", language: .english)
        #expect(TimeExtractor().times(in: text, published: nil).map(\.value) == [.date("2023-03-03")])
    }

    @Test func monthsAndYearsAreBothDatesAndIntervals() {
        let text = AnalyzedText("Prices rose in August 2023, after a slump in 2022.", language: .english)
        #expect(TimeExtractor().times(in: text, published: nil).map(\.value) == [
            .period("2023-08", start: "2023-08-01", end: "2023-09-01"),
            .period("2022", start: "2022-01-01", end: "2023-01-01"),
        ])
    }

    @Test func spansPointIntoTheText() {
        let text = AnalyzedText("Ces dernières semaines, Kim a envoyé des troupes.", language: .french)
        for t in TimeExtractor().times(in: text, published: Day(year: 2024, month: 11, day: 12)) {
            #expect(text.string(t.span) == t.text)
        }
    }
}
