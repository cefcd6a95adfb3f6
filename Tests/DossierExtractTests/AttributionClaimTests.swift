import DossierCore
import DossierText
import Foundation
import Testing
@testable import DossierExtract

/// A claim's certainty is what a reader of the evidence base filters on: a denied or
/// conditional statement must never come out as a plain attribution, and a sentence
/// without any cue is the outlet's own assertion. The examples are the fixture
/// `Tests/Fixtures/attribution/claims.tsv`.
@Suite struct AttributionClaimTests {
    static let rows: [[String]] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/attribution/claims.tsv")
        let contents = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return ResourceFile(name: "claims.tsv", contents: contents).rows.filter { $0.count >= 4 }
    }()

    @Test func fixtureIsNotEmpty() {
        #expect(Self.rows.count >= 20)
        for certainty in ["asserted", "attributed", "hedged", "reported_conditional", "denied"] {
            #expect(Self.rows.contains { $0[3] == certainty }, "no example for \(certainty)")
        }
    }

    @Test(arguments: rows.indices)
    func certainty(_ index: Int) {
        let row = Self.rows[index]
        let language: Language = row[0] == "fr" ? .french : .english
        let extraction = Pipeline().extract(Document(text: row[1], language: language,
                                                     metadata: DocumentMetadata()))
        let claim = extraction.claims.first { $0.text.contains(row[2]) }
        #expect(claim != nil, "no claim containing \(row[2].debugDescription) in \(row[1].debugDescription): \(extraction.claims.map(\.text))")
        #expect(claim?.certainty.rawValue == row[3], "\(row[1].debugDescription): \(claim?.certainty.rawValue ?? "nil") ≠ \(row[3])")
    }
}
