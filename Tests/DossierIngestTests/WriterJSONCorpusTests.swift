import DossierCore
import DossierExtract
@testable import DossierStore
import Foundation
import Testing

/// The hand-written extraction JSON against `JSONEncoder` on what the extractors really
/// produce: every fixture sentence of the repository, French and English, in documents
/// of 25 sentences.
@Suite("Extraction JSON of real extractions")
struct WriterJSONCorpusTests {
    static func sentences(_ language: String) throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        var out: [String] = []
        for folder in ["attribution", "entities", "quantities", "times"] {
            let dir = root.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            where file.hasSuffix(".tsv") && file.contains(language) {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                    if let first = line.split(separator: "\t", maxSplits: 1).first { out.append(String(first)) }
                }
            }
        }
        return out
    }

    @Test("Byte for byte JSONEncoder's, on extractions of the fixture sentences", arguments: ["fr", "en"])
    func sameBytes(_ language: String) throws {
        let lines = try Self.sentences(language)
        #expect(lines.count > 100)
        let pipeline = Pipeline()
        let encoder = DossierJSON.encoder()
        var documents = 0, claims = 0, quantities = 0, times = 0
        for start in stride(from: 0, to: lines.count, by: 25) {
            let text = lines[start..<min(lines.count, start + 25)].joined(separator: " ")
            let e = pipeline.extract(Document(text: text, language: Language(language),
                                              metadata: DocumentMetadata(id: "d\(start)", published: Day(iso: "2024-11-12"))))
            let expected = String(decoding: try encoder.encode(e), as: UTF8.self)
            #expect(WriterJSON.string(e) == expected, "document of lines \(start)…")
            documents += 1; claims += e.claims.count; quantities += e.quantities.count; times += e.times.count
        }
        // The corpus did exercise the model.
        #expect(documents > 4 && claims > 20 && quantities > 20 && times > 20)
    }
}
