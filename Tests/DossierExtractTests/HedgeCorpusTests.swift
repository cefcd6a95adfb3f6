import DossierCore
import DossierText
import Foundation
import Testing
@testable import DossierExtract

/// The hedge fixture corpus (`Tests/Fixtures/attribution/hedges.<lang>.tsv`) is the
/// test: each text must yield exactly its expected hedges (kind and text), and texts
/// marked "-" (hypotheticals, futures-in-the-past, look-alike nouns) none.
@Suite struct HedgeCorpusTests {
    static func rows(_ lang: String) -> [[String]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/attribution/hedges.\(lang).tsv")
        return ResourceFile(name: lang, contents: (try? String(contentsOf: url, encoding: .utf8)) ?? "").rows
    }

    @Test(arguments: [("fr", Language.french), ("en", Language.english)])
    func corpus(_ lang: String, _ language: Language) {
        let rows = Self.rows(lang)
        #expect(rows.count >= 15)
        var failures: [String] = []
        for row in rows where row.count >= 2 {
            let found = HedgeDetector().hedges(in: AnalyzedText(row[0], language: language))
                .map { "\($0.kind.rawValue):\($0.text)" }
            let expected = row[1] == "-" ? [] : row[1].components(separatedBy: " | ")
            if found != expected { failures.append("\(row[0]) → \(found), expected \(expected)") }
        }
        for f in failures { print("  hedges \(lang): \(f)") }
        #expect(failures.isEmpty)
    }

    @Test func conditionalShape() {
        let lex = HedgeLexicon.byLanguage[.french]!
        for word in ["prendrait", "serait", "aurait", "déploieraient", "finirait", "mettrait", "verrait", "irait", "conclurait"] {
            #expect(lex.looksConditional(word), "\(word)")
        }
        for word in ["déclarait", "durait", "montrait", "ouvrait", "errait", "retirait", "portrait", "attrait", "espérait"] {
            #expect(!lex.looksConditional(word), "\(word)")
        }
    }
}
