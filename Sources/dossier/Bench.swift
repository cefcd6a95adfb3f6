import ArgumentParser
import DossierCore
import DossierExtract
import DossierText
import Dispatch
import Foundation

/// Measures extraction speed and memory on a fixed corpus built from the bundled French
/// and English articles, so numbers are comparable from run to run. Build with
/// `-c release` for numbers that mean anything.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure extraction throughput (words/s, documents/s) and peak memory.")

    @Option(help: "How many documents the generated corpus holds.")
    var documents = 2_000

    @Option(help: "Seconds to spend at least on each measurement.")
    var seconds = 2.0

    @Option(help: "Write the generated corpus as JSON lines (corpus.fr.jsonl, corpus.en.jsonl) into this folder and stop, so another tool can read the very same text (scripts/compare-spacy).")
    var writeCorpus: String?

    @Option(name: .customLong("corpus"), help: "Read the corpus from a JSON-lines file ({\"id\",\"text\"} per line) instead of generating it.")
    var corpusFile: String?

    @Flag(help: "Measure only the full extraction on one core.")
    var onlyFull = false

    func run() throws {
        let corpus = try corpusFile.map(BenchCorpus.read) ?? BenchCorpus.make(documents: documents)
        if let folder = writeCorpus {
            try BenchCorpus.write(corpus, to: folder)
            return
        }
        let words = corpus.reduce(0) { $0 + BenchCorpus.wordCount($1.text) }
        let origin = corpusFile ?? "French and English, from the bundled articles"
        print("corpus: \(corpus.count) documents, \(words) words (\(origin))")
        #if DEBUG
        print("warning: this is a debug build; use `swift run -c release dossier bench` for real numbers")
        #endif
        let pipeline = Pipeline()
        let stages: [(String, (Document) -> Int)] = [
            ("text layer", { AnalyzedText($0.text, language: $0.language).tokens.count }),
            ("entities", { pipeline.entityRecognizer.mentions(in: AnalyzedText($0.text, language: $0.language)).count }),
            ("quantities+times", { d in
                let a = AnalyzedText(d.text, language: d.language)
                return pipeline.quantityExtractor.quantities(in: a).count + pipeline.timeExtractor.times(in: a, published: d.metadata.published).count
            }),
            ("attributions+hedges", { d in
                let a = AnalyzedText(d.text, language: d.language)
                return pipeline.attributionExtractor.attributions(in: a, entities: []).count + pipeline.hedgeDetector.hedges(in: a).count
            }),
            ("full extraction", { pipeline.extract($0).claims.count }),
        ]
        // Start-up (language data, knowledge base and tagger models, loaded lazily on first
        // use) is paid once per process, not per word: measured apart, as scripts/compare-spacy
        // also warms spaCy up before timing it. One document of each language present.
        let warmUpStart = DispatchTime.now().uptimeNanoseconds
        var seenLanguages = Set<String>()
        for d in corpus.prefix(20) {
            seenLanguages.insert(pipeline.extract(d).language.rawValue)
            if seenLanguages.count == 2 { break }
        }
        let warmUp = Double(DispatchTime.now().uptimeNanoseconds - warmUpStart) / 1e9
        print(String(format: "start-up  loading language data and models: %.2f s (paid once per process, not counted below)", warmUp))
        for (name, stage) in stages where !onlyFull || name == "full extraction" {
            let (docs, elapsed) = measure(corpus, minimumSeconds: seconds, stage)
            let wordsDone = Double(words) * Double(docs) / Double(corpus.count)
            print(row("one core", name, words: wordsDone / elapsed, docs: Double(docs) / elapsed))
        }
        if onlyFull { return }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: corpus.count) { i in _ = pipeline.extract(corpus[i]) }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(row("\(cores) cores", "full extraction", words: Double(words) / elapsed, docs: Double(corpus.count) / elapsed))
        print(String(format: "peak memory (max RSS): %.1f MB", BenchCorpus.peakMemoryMB()))
    }

    private func row(_ cores: String, _ stage: String, words: Double, docs: Double) -> String {
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        func left(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        return pad(cores, 10) + pad(stage, 22) + left(String(Int(words)), 10) + " words/s" + left(String(Int(docs)), 8) + " docs/s"
    }

    private func measure(_ corpus: [Document], minimumSeconds: Double, _ body: (Document) -> Int) -> (Int, Double) {
        var done = 0
        var sink = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            for d in corpus { sink &+= body(d) }
            done += corpus.count
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } while elapsed < minimumSeconds
        if sink == Int.min { print(sink) }  // keep the work observable
        return (done, elapsed)
    }
}

enum BenchCorpus {
    /// Documents made by rotating the paragraphs of the bundled articles, so every
    /// document differs while the language mix stays fixed.
    static func make(documents: Int) throws -> [Document] {
        let paragraphsByLanguage = try articles()
        let published = Day(year: 2024, month: 11, day: 12)
        return (0..<documents).map { i in
            // The language is left for the pipeline to identify, as in real use.
            let (_, paragraphs) = paragraphsByLanguage[i % paragraphsByLanguage.count]
            let shift = (i / paragraphsByLanguage.count) % paragraphs.count
            let text = (paragraphs[shift...] + paragraphs[..<shift]).joined(separator: "\n")
            return Document(text: text, language: nil, metadata: DocumentMetadata(id: "bench-\(i)", published: published))
        }
    }

    /// The bundled French and English articles, as paragraphs.
    static func articles() throws -> [(Language, [String])] {
        var paragraphsByLanguage: [(Language, [String])] = []  // language kept for reporting
        for (name, language) in [("article.fr", Language.french), ("article.en", Language.english)] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Seed"),
                  let text = try? String(contentsOf: url, encoding: .utf8)
            else { throw CLIError("bundled article \(name).txt is missing from this build") }
            paragraphsByLanguage.append((language, text.split(separator: "\n").map(String.init)))
        }
        return paragraphsByLanguage
    }

    /// Every paragraph of the bundled articles, French then English.
    static func paragraphs() throws -> [String] { try articles().flatMap(\.1) }

    /// One JSON line per document, one file per language (the language each document was
    /// generated from), for tools that need a model per language.
    static func write(_ corpus: [Document], to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        var lines: [String: [String]] = [:]
        for (i, d) in corpus.enumerated() {
            let lang = i % 2 == 0 ? "fr" : "en"  // `make` alternates French and English
            let item = BenchItem(id: d.metadata.id ?? "bench-\(i)", text: d.text, lang: lang, published: "2024-11-12")
            lines[lang, default: []].append(String(decoding: try encoder.encode(item), as: UTF8.self))
        }
        for (lang, items) in lines.sorted(by: { $0.key < $1.key }) {
            let path = (folder as NSString).appendingPathComponent("corpus.\(lang).jsonl")
            try (items.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            print("wrote \(items.count) documents to \(path)")
        }
    }

    /// Documents from JSON lines as `write` produces them; the language is left for the
    /// pipeline to identify, as with the generated corpus.
    static func read(_ path: String) throws -> [Document] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        let published = Day(year: 2024, month: 11, day: 12)
        return try text.split(separator: "\n").map { line in
            let item = try decoder.decode(BenchItem.self, from: Data(line.utf8))
            return Document(text: item.text, language: nil, metadata: DocumentMetadata(id: item.id, published: published))
        }
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }

    static func peakMemoryMB() -> Double {
        Double(ProcessUsage.current().ru_maxrss) / 1024  // kilobytes on Linux
    }
}

/// One document of a written bench corpus (the `extract --format jsonl` input shape).
struct BenchItem: Codable {
    var id: String
    var text: String
    var lang: String
    var published: String
}
