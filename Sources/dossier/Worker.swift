import ArgumentParser
import DossierIngest
import DossierStore
import Foundation

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract documents queued by 'dossier add --queue' on a PostgreSQL store.",
        discussion: """
        Run any number of workers, on any machines, against the same server. Each leases a
        batch of pending documents (SELECT ... FOR UPDATE SKIP LOCKED), extracts them, and
        stores them and marks them done in one transaction. A worker that dies leaves
        leases that expire after --lease seconds; another worker then takes those
        documents. Without --follow the worker exits once no document is pending.
        """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Documents leased and stored per transaction.")
    var batch = 16

    @Option(help: "Seconds a leased batch stays reserved for this worker.")
    var lease = 300

    @Option(help: "Extractions in parallel (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Share of word 3-shingles (0 to 1) from which a text is linked as a near-duplicate.")
    var nearThreshold = 0.7

    @Flag(help: "Keep waiting for new documents instead of exiting when the queue is empty.")
    var follow = false

    @Flag(help: "Only the summary line.")
    var quiet = false

    func validate() throws {
        guard batch > 0 else { throw ValidationError("--batch must be at least 1") }
        guard lease > 0 else { throw ValidationError("--lease must be at least 1 second") }
    }

    func run() async throws {
        let store = try await storeOptions.openPostgres()
        defer { store.close() }
        let owner = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
        var worker = QueueWorker(store: store, owner: owner, batchSize: batch, leaseSeconds: lease,
                                 jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                 nearDuplicateThreshold: nearThreshold, follow: follow)
        let interruption = IngestInterruption()
        worker.interruption = interruption
        // SIGTERM too: a worker run as a service is stopped with it.
        let stop = InterruptHandler(interruption, signals: [SIGINT, SIGTERM],
                                    message: "stopping after the batch in hand (again to quit now; its lease then expires)")
        defer { stop.cancel() }
        let quiet = self.quiet
        let summary = try await worker.run { event in
            guard case .failed(let origin, let message) = event, !quiet else { return }
            Output.error("\(origin): \(message)")
        }
        FileHandle.standardError.write(Data("dossier worker \(owner): \(summary.line)\n".utf8))
        if summary.interrupted { throw ExitCode(stop.exitStatus) }
    }
}
