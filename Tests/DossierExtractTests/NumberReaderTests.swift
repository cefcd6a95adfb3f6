import DossierCore
import DossierText
import Foundation
import Testing

@testable import DossierExtract

/// The reader's corpus: every line of Tests/Fixtures/quantities/numbers.tsv is a case.
struct NumberReaderTests {
    struct Case: CustomStringConvertible, Sendable {
        let language: Language
        let text: String
        let expected: Double?
        let flags: Set<String>
        var description: String { "\(language): \(text)" }
    }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/quantities/numbers.tsv")
        let file = ResourceFile(name: "numbers fixture", contents: (try? String(contentsOf: url, encoding: .utf8)) ?? "")
        return file.rows.map { row in
            Case(language: Language(row[0]), text: row[1], expected: Double(row[2]),
                 flags: row.count > 3 ? Set(row[3].split(separator: ",").map(String.init)) : [])
        }
    }()

    @Test func fixtureIsNotEmpty() {
        #expect(Self.cases.count > 50)
    }

    @Test(arguments: cases)
    func reads(_ c: Case) {
        let text = AnalyzedText(c.text, language: c.language)
        let reading = NumberReader(c.language).read(text.tokens, at: 0)
        guard let expected = c.expected else {
            #expect(reading == nil)
            return
        }
        guard let reading else {
            Issue.record("no number in \(c.text)")
            return
        }
        #expect(abs(reading.value - expected) <= 1e-9 * max(1, abs(expected)))
        if !c.flags.contains("prefix") { #expect(reading.end == text.tokens.count) }
        #expect(reading.isOrdinal == c.flags.contains("ordinal"))
        #expect(reading.isVague == c.flags.contains("vague"))
        #expect(reading.isApproximate == c.flags.contains("approx"))
    }

    @Test func loneOneIsMarkedAsSingleWord() {
        let text = AnalyzedText("un salaire", language: .french)
        let reading = NumberReader(.french).read(text.tokens, at: 0)
        #expect(reading?.wordCount == 1)
    }

    @Test func unitSuffixIsLeftToTheCaller() {
        let text = AnalyzedText("29km", language: .french)
        #expect(NumberReader(.french).read(text.tokens, at: 0)?.suffix == "km")
        let six = AnalyzedText("six-mile", language: .english)
        let r = NumberReader(.english).read(six.tokens, at: 0)
        #expect(r?.value == 6)
        #expect(r?.suffix == "mile")
    }
}
