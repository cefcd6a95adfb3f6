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

    func run() throws {
        let corpus = try BenchCorpus.make(documents: documents)
        let words = corpus.reduce(0) { $0 + BenchCorpus.wordCount($1.text) }
        print("corpus: \(corpus.count) documents, \(words) words (French and English, from the bundled articles)")
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
        for (name, stage) in stages {
            let (docs, elapsed) = measure(corpus, minimumSeconds: seconds, stage)
            let wordsDone = Double(words) * Double(docs) / Double(corpus.count)
            print(row("one core", name, words: wordsDone / elapsed, docs: Double(docs) / elapsed))
        }
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
        var paragraphsByLanguage: [(Language, [String])] = []  // language kept for reporting
        for (name, language) in [("article.fr", Language.french), ("article.en", Language.english)] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Seed"),
                  let text = try? String(contentsOf: url, encoding: .utf8)
            else { throw CLIError("bundled article \(name).txt is missing from this build") }
            paragraphsByLanguage.append((language, text.split(separator: "\n").map(String.init)))
        }
        let published = Day(year: 2024, month: 11, day: 12)
        return (0..<documents).map { i in
            // The language is left for the pipeline to identify, as in real use.
            let (_, paragraphs) = paragraphsByLanguage[i % paragraphsByLanguage.count]
            let shift = (i / paragraphsByLanguage.count) % paragraphs.count
            let text = (paragraphs[shift...] + paragraphs[..<shift]).joined(separator: "\n")
            return Document(text: text, language: nil, metadata: DocumentMetadata(id: "bench-\(i)", published: published))
        }
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }

    static func peakMemoryMB() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    }
}
