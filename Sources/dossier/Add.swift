import ArgumentParser
import DossierCore
import DossierExtract
import DossierIngest
import DossierStore
import Foundation

struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read articles (text, HTML, RSS/Atom, JSON lines, directories) into the store.",
        discussion: """
        Each input is hashed first: bytes already stored are skipped, so running the same
        command again after an interruption finishes the job without duplicates. Texts that
        nearly duplicate a stored one are linked to the earliest copy. A document that
        cannot be read is reported on one line and recorded; the batch goes on. The exit
        status is 1 when any document failed.
        """)

    @Argument(help: "Files, directories (read recursively), or '-' for standard input.")
    var paths: [String]

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Outlet name for every document, overriding the input's.")
    var outlet: String?

    @Option(help: "Publication date (YYYY-MM-DD) for every document, overriding the input's.")
    var published: String?

    @Option(help: "URL for every document, overriding the input's.")
    var url: String?

    @Option(help: "Language: auto, fr or en.")
    var lang: String = "auto"

    @Option(name: .customLong("input-format"), help: "Read every input as text, html, feed or jsonl instead of guessing.")
    var inputFormat: String?

    @Option(help: "Extractions in parallel (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Share of word 3-shingles (0 to 1) from which a text is linked as a near-duplicate.")
    var nearThreshold = 0.7

    @Option(help: "Documents handed to the writer at a time (each still all-or-nothing).")
    var batchSize = 64

    @Option(help: "SQLite: documents per commit (batches share one write transaction).")
    var commitEvery = 512

    @Option(help: "SQLite: seconds after which the shared transaction commits at the next batch. Another process writing the same store waits this long (plus a batch) for the lock; raise it when ingesting alone on a slow machine.")
    var commitInterval = 2.0

    @Flag(help: "No progress line and no per-document errors; only the summary.")
    var quiet = false

    @Flag(help: "PostgreSQL only: queue the documents for 'dossier worker' processes instead of extracting them here.")
    var queue = false

    func run() async throws {
        var format: InputFormat?
        if let inputFormat {
            guard let f = InputFormat(rawValue: inputFormat) else {
                throw CLIError("--input-format \(inputFormat): use text, html, feed or jsonl")
            }
            format = f
        }
        let overrides = IngestOverrides(outlet: outlet, published: try Inputs.day(published), url: url,
                                        language: try Inputs.language(lang), format: format)
        if queue {
            try await runQueue(overrides)
            return
        }
        let store = try await storeOptions.openStore(readOnly: false)
        var ingestor = Ingestor(store: store, overrides: overrides,
                                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                nearDuplicateThreshold: nearThreshold, batchSize: batchSize, commitEvery: commitEvery,
                                commitInterval: commitInterval)
        let interruption = IngestInterruption()
        ingestor.interruption = interruption
        ingestor.lowersExtractionPriority = true
        let sigint = InterruptHandler(interruption)
        defer { sigint.cancel() }
        let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) != 0)
        let quiet = self.quiet
        let summary = await ingestor.run(paths: paths, report: { event in
            guard case .failed(let origin, let message) = event, !quiet else { return }
            progress.clear()
            Output.error("\(origin): \(message)")
        }, progress: progress.update)
        progress.clear()
        FileHandle.standardError.write(Data("dossier: \(summary.line) → \(storeOptions.location)\n".utf8))
        // 128 + SIGINT, as a shell reports a command stopped by Ctrl-C: scripts see it was cut short.
        if summary.interrupted { throw ExitCode(sigint.exitStatus) }
        if summary.failed > 0 { throw ExitCode(1) }
    }

    private func runQueue(_ overrides: IngestOverrides) async throws {
        let store = try await storeOptions.openPostgres()
        defer { store.close() }
        let quiet = self.quiet
        let summary = await QueueIngest(store: store, overrides: overrides).run(paths: paths) { event in
            guard case .failed(let origin, let message) = event, !quiet else { return }
            Output.error("\(origin): \(message)")
        }
        FileHandle.standardError.write(Data("dossier: \(summary.line) → \(store.displayURL) (run 'dossier worker')\n".utf8))
        if summary.failed > 0 { throw ExitCode(1) }
    }
}

/// The one-line progress display on a terminal: documents done, rate, ETA, errors.
/// Redrawn at most five times a second so drawing never costs more than ingesting.
final class ProgressLine {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ summary: IngestSummary, _ expected: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let done = summary.processed
        let rate = summary.seconds > 0 ? Double(done) / summary.seconds : 0
        var line = "\(done)/\(max(done, expected)) documents, \(String(format: "%.0f", rate))/s"
        if rate > 0, expected > done {
            let eta = Int(Double(expected - done) / rate)
            line += ", ETA \(eta / 60)m\(String(format: "%02d", eta % 60))s"
        }
        line += ", \(summary.failed) errors"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        drawn = true
    }

    func clear() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}
