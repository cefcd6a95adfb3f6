import DossierCore
import DossierText
import Foundation

/// Measures tagging speed on documents rebuilt from annotated sentences. Lives in the
/// library so that the CLI stays a thin wrapper; timings are printed, never asserted.
public enum NERBenchmark {
    public struct Result: Sendable {
        public var words: Int
        /// Tagging only (text layer done beforehand), words per second.
        public var taggerWordsPerSecond: Double
        /// Text layer plus tagging, words per second.
        public var withTextLayerWordsPerSecond: Double
    }

    /// Joins sentences into documents of about `perDocument` sentences and tags them
    /// repeatedly for at least `seconds`.
    public static func run(_ tagger: NERTagger, sentences: [LabeledSentence], language: Language,
                           perDocument: Int = 20, seconds: Double = 2) -> Result {
        var texts: [String] = []
        var i = 0
        while i < sentences.count {
            let chunk = sentences[i..<min(i + perDocument, sentences.count)]
            texts.append(chunk.map { $0.tokens.joined(separator: " ") }.joined(separator: "\n"))
            i += perDocument
        }
        let analyzed = texts.map { AnalyzedText($0, language: language) }
        let words = analyzed.reduce(0) { total, text in
            total + text.tokens.reduce(0) { $0 + ($1.kind == .punctuation || $1.kind == .symbol ? 0 : 1) }
        }
        // CPU time of this thread, not wall time: the number then means "on one core"
        // even when other processes share the machine.
        func cpuSeconds() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }
        func time(_ body: () -> Int) -> Double {
            var rounds = 0
            var sink = 0
            let start = cpuSeconds()
            var elapsed = 0.0
            repeat {
                sink &+= body()
                rounds += 1
                elapsed = cpuSeconds() - start
            } while elapsed < seconds
            if sink == -1 { print("") }  // keeps the work observable to the optimiser
            return Double(words * rounds) / elapsed
        }
        let tagOnly = time { analyzed.reduce(0) { $0 + tagger.tag($1).count } }
        let full = time { texts.reduce(0) { $0 + tagger.tag(AnalyzedText($1, language: language)).count } }
        return Result(words: words, taggerWordsPerSecond: tagOnly, withTextLayerWordsPerSecond: full)
    }
}
