import DossierCore
import Foundation
import Testing
@testable import DossierExtract
import DossierTestSupport

/// A long text extracted in pieces must give what extracting it whole gives wherever
/// nothing crosses a piece boundary, with every span the original slice, and its streamed
/// JSON must be byte for byte the JSON of the merged extraction.
@Suite("Chunked extraction")
struct ChunkedExtractionTests {
    /// The 23 French and English articles of the conflict corpus, one paragraph each.
    static let articles: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/conflict-corpus/articles")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        return names.compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ") }
    }()

    let pipeline = Pipeline()
    let day = Day(year: 2025, month: 5, day: 6)

    func document(_ text: String, language: Language? = nil) -> Document {
        Document(text: text, language: language, metadata: DocumentMetadata(id: "t", published: day))
    }

    /// Articles that do not refer to each other, one per line, padded to one length so that
    /// every cut falls on a line end: the pieces give exactly what each article extracted
    /// alone (unchunked) gives, moved to its place in the whole text.
    @Test("Pieces cut between articles equal the articles extracted whole, one by one", arguments: [Language.french, .english])
    func equalsArticlesAlone(language: Language) throws {
        let articles = Self.articles.filter { Self.language(of: $0) == language }
        try #require(articles.count >= 6)
        let longest = articles.map { $0.unicodeScalars.count }.max()!
        let lines = articles.map { $0 + String(repeating: " ", count: longest - $0.unicodeScalars.count) + "\n" }
        let text = lines.joined()
        var cuts: [Int] = []
        pipeline.extractPieces(document(text, language: language), limit: longest + 1) { cuts.append($0.offset) }
        #expect(cuts.count == lines.count)
        var expected: [Extraction] = []
        var offset = 0, counts = ItemCounts()
        for line in lines {
            let alone = pipeline.extract(document(line, language: language))
            expected.append(alone.shifted(by: offset, after: counts))
            counts.add(alone)
            offset += alone.length
        }
        let pieces = pipeline.extractInPieces(document(text, language: language), limit: longest + 1)
        #expect(pieces.length == offset)
        #expect(pieces.sentences == expected.flatMap(\.sentences))
        #expect(pieces.entities == expected.flatMap(\.entities))
        #expect(pieces.quantities == expected.flatMap(\.quantities))
        #expect(pieces.times == expected.flatMap(\.times))
        #expect(pieces.attributions == expected.flatMap(\.attributions))
        #expect(pieces.hedges == expected.flatMap(\.hedges))
        #expect(pieces.claims == expected.flatMap(\.claims))
        #expect(ExtractionInvariants.violations(of: pieces, text: text).isEmpty)
    }

    /// Figures and dates depend only on their sentence: cut anywhere between sentences,
    /// the pieces find exactly what the whole text gives.
    @Test("Figures, dates and hedges are the same whole or in pieces, in both languages", arguments: [400, 900, 2_000])
    func sentenceLocalItems(limit: Int) throws {
        for language in [Language.french, .english] {
            let text = Self.articles.filter { Self.language(of: $0) == language }.joined(separator: "\n")
            let whole = pipeline.extract(document(text, language: language))
            let pieces = pipeline.extractInPieces(document(text, language: language), limit: limit)
            #expect(pieces.quantities == whole.quantities, "\(language) \(limit)")
            #expect(pieces.times == whole.times, "\(language) \(limit)")
            #expect(pieces.hedges == whole.hedges, "\(language) \(limit)")
            #expect(pieces.length == whole.length)
            #expect(ExtractionInvariants.violations(of: pieces, text: text).isEmpty)
        }
    }

    @Test("Every piece's spans, moved to the whole text, are the original slices, even cut inside a line")
    func spansAreSlices() throws {
        // One line with no newline, odd scalars: the cut falls on a space or anywhere.
        let text = Self.articles.joined(separator: " 👩🏽‍🔬 e\u{301} ").replacingOccurrences(of: "\n", with: " ")
        var offset = 0
        var merged = [Extraction]()
        pipeline.extractPieces(document(text), limit: 700) { piece in
            #expect(piece.offset == offset)
            #expect(ExtractionInvariants.violations(of: piece.local, text: piece.text).isEmpty)
            offset += piece.local.length
            merged.append(piece.global)
        }
        #expect(offset == text.unicodeScalars.count)
        let all = pipeline.extractInPieces(document(text), limit: 700)
        #expect(all.entities == merged.flatMap(\.entities))
        #expect(all.claims == merged.flatMap(\.claims))
        #expect(ExtractionInvariants.violations(of: all, text: text).isEmpty)
    }

    @Test("The streamed JSON is byte for byte the JSON of the whole extraction", arguments: [500, 1 << 20])
    func streamedJSON(limit: Int) throws {
        let text = Self.articles.joined(separator: "\n")
        let doc = document(text)
        let url = Scratch.path("chunked").appendingPathExtension("json")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: url.path))
        try pipeline.extractJSON(doc, to: handle, limit: limit)
        try handle.close()
        defer { try? FileManager.default.removeItem(at: url) }
        let streamed = try Data(contentsOf: url)
        let whole = limit >= text.unicodeScalars.count ? pipeline.extract(doc) : pipeline.extractInPieces(doc, limit: limit)
        #expect(streamed == (try DossierJSON.encoder().encode(whole)))
        #expect((try DossierJSON.decoder().decode(Extraction.self, from: streamed)) == whole)
    }

    @Test("A short text is one piece, and nothing is said about pieces")
    func shortText() {
        let text = "Le ministre a déclaré mardi que 300 soldats étaient arrivés."
        var count = 0
        let summary = pipeline.extractPieces(document(text), limit: 1_000) { _ in count += 1 }
        #expect(count == 1 && summary.pieces == 1)
        #expect(!summary.warnings.contains { $0.hasPrefix("long text") })
        #expect(!Pipeline.needsPieces(text))
    }

    static func language(of text: String) -> Language {
        let lower = " " + text.lowercased() + " "
        let french = [" le ", " la ", " les ", " des ", " selon "].filter { lower.contains($0) }.count
        let english = [" the ", " of ", " said ", " and ", " according "].filter { lower.contains($0) }.count
        return french > english ? .french : .english
    }
}
