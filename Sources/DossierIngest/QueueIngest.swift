import DossierCore
import DossierExtract
import DossierStore
import Foundation

/// `dossier add --queue`: reads and hashes inputs like `Ingestor`, but leaves extraction
/// to `dossier worker` processes, which may run on other machines. Reading is cheap, so
/// one process can feed many workers.
public struct QueueIngest: Sendable {
    public var store: PostgresStore
    public var overrides: IngestOverrides
    public var batchSize: Int

    public init(store: PostgresStore, overrides: IngestOverrides = .init(), batchSize: Int = 200) {
        self.store = store
        self.overrides = overrides
        self.batchSize = max(1, batchSize)
    }

    public struct Summary: Sendable, Hashable {
        public var queued = 0
        public var alreadyKnown = 0
        public var failed = 0
        public var line: String { "\(queued) queued, \(alreadyKnown) already stored or queued, \(failed) failed" }
    }

    public func run(paths: [String], report: @escaping (IngestEvent) -> Void = { _ in }) async -> Summary {
        let walker = InputWalker(paths: paths, overrides: overrides)
        let reader = DocumentWorker(store: store, pipeline: Pipeline(), overrides: overrides)
        var summary = Summary()
        var batch: [DocumentRecord] = []
        func flush() async {
            guard !batch.isEmpty else { return }
            do {
                let queued = try await store.enqueue(batch)
                summary.queued += queued
                summary.alreadyKnown += batch.count - queued
            } catch {
                summary.failed += batch.count
                for record in batch { report(.failed(origin: record.origin ?? record.sha256, message: "not queued: \(error)")) }
            }
            batch.removeAll(keepingCapacity: true)
        }
        while let unit = walker.next() {
            switch await reader.read(unit) {
            case .success(.ready(let record)):
                batch.append(record)
                if batch.count >= batchSize { await flush() }
            case .success(.unchanged(let origin, let id)):
                summary.alreadyKnown += 1
                report(.unchanged(origin: origin, id: id))
            case .failure(let failure):
                summary.failed += 1
                try? await store.recordFailure(origin: failure.origin, message: failure.message)
                report(.failed(origin: failure.origin, message: failure.message))
            }
        }
        await flush()
        return summary
    }
}

/// `dossier worker`: leases pending documents, extracts them in parallel, and stores them
/// and marks them done in one transaction. A worker that dies leaves leases that expire;
/// any other worker then takes those documents again.
public struct QueueWorker: Sendable {
    public var store: PostgresStore
    public var pipeline: Pipeline
    public var owner: String
    public var batchSize: Int
    public var leaseSeconds: Int
    public var jobs: Int
    public var nearDuplicateThreshold: Double
    /// Keep polling when the queue is empty (a long-running service) instead of exiting.
    public var follow: Bool
    public var pollSeconds: Double
    /// Ctrl-C or SIGTERM: claim no more, write what was claimed, return a summary marked
    /// `interrupted`. Nothing stays leased, so other workers need not wait for a lease to
    /// expire.
    public var interruption: IngestInterruption?

    public init(store: PostgresStore, pipeline: Pipeline = Pipeline(), owner: String, batchSize: Int = 16,
                leaseSeconds: Int = 300, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                nearDuplicateThreshold: Double = 0.7, follow: Bool = false, pollSeconds: Double = 1) {
        self.store = store
        self.pipeline = pipeline
        self.owner = owner
        self.batchSize = max(1, batchSize)
        self.leaseSeconds = max(1, leaseSeconds)
        self.jobs = max(1, jobs)
        self.nearDuplicateThreshold = nearDuplicateThreshold
        self.follow = follow
        self.pollSeconds = pollSeconds
    }

    public struct Summary: Sendable, Hashable {
        public var stored = 0
        public var unchanged = 0
        public var failed = 0
        /// Documents whose lease ran out before this worker finished them (another worker
        /// took them over; nothing was written for them here).
        public var leaseLost = 0
        /// Stopped on request before the queue was empty.
        public var interrupted = false
        public var line: String {
            "\(stored) stored, \(unchanged) already stored, \(failed) failed, \(leaseLost) lost to an expired lease"
                + (interrupted ? " — interrupted; the documents still pending stay queued for any worker" : "")
        }
    }

    /// Runs until no pending document is left (waiting while other workers hold leases,
    /// since a dead worker's leases come back), or forever with `follow`.
    ///
    /// The next batch is claimed and extracted while the previous one is written (one
    /// write in flight at most), so the cores do not wait for the server. A worker killed
    /// then leaves two leased batches instead of one; both come back when their leases
    /// expire, and storing stays idempotent on the SHA-256.
    public func run(report: @escaping (IngestEvent) -> Void = { _ in }) async throws -> Summary {
        var summary = Summary()
        var writing: Task<[(QueueItem, BatchSaveResult?)], any Error>?
        func finishWrite() async throws {
            guard let previous = writing else { return }
            writing = nil
            for (item, result) in try await previous.value {
                let origin = item.document.origin ?? item.document.sha256
                switch result {
                case nil: summary.leaseLost += 1
                case .saved(.added(let id, let link))?:
                    summary.stored += 1
                    report(.added(origin: origin, id: id, nearDuplicateOf: link))
                case .saved(.unchanged(let id))?:
                    summary.unchanged += 1
                    report(.unchanged(origin: origin, id: id))
                case .failed(let message)?:
                    summary.failed += 1
                    try? await store.recordFailure(origin: origin, message: message)
                    report(.failed(origin: origin, message: message))
                }
            }
        }
        while !Task.isCancelled {
            // Checked before claiming: once a batch is leased it is extracted and written,
            // so an interrupted worker leaves no lease behind.
            if interruption?.isRequested == true {
                summary.interrupted = true
                break
            }
            let items = try await store.claim(owner: owner, limit: batchSize, lease: leaseSeconds)
            if items.isEmpty {
                // Nothing to claim: finish the write in flight before deciding to wait or stop.
                if writing != nil { try await finishWrite(); continue }
                let status = try await store.queueStatus()
                if status.pending == 0 && !follow { break }
                try await pause()
                continue
            }
            let work = await extract(items)
            try await finishWrite()
            let (store, owner, threshold) = (self.store, self.owner, nearDuplicateThreshold)
            writing = Task {
                let results = try await store.complete(owner: owner, work: work, nearDuplicateThreshold: threshold)
                return zip(work, results).map { ($0.item, $1) }
            }
        }
        try await finishWrite()
        return summary
    }

    /// Waits `pollSeconds` before polling again, waking early when interrupted.
    private func pause() async throws {
        let until = ContinuousClock.now + .seconds(pollSeconds)
        while ContinuousClock.now < until, interruption?.isRequested != true {
            try await Task.sleep(for: .milliseconds(min(100, max(1, Int(pollSeconds * 1000)))))
        }
    }

    private func extract(_ items: [QueueItem]) async -> [(item: QueueItem, result: PostgresStore.WorkResult)] {
        let pipeline = self.pipeline
        return await withTaskGroup(of: (Int, PostgresStore.WorkResult).self) { group in
            var next = 0, finished = 0
            var out = [PostgresStore.WorkResult?](repeating: nil, count: items.count)
            while finished < items.count {
                // Keep `jobs` extractions in flight.
                while next < items.count, next - finished < jobs {
                    let i = next
                    let record = items[i].document.record
                    next += 1
                    group.addTask {
                        let extraction = pipeline.extract(Document(text: record.text, language: record.language,
                                                                   metadata: record.metadata))
                        // PostgreSQL stores the JSON as text: no compression.
                        let prepared = PreparedDocument(record: record, extraction: extraction, for: .postgres)
                        return (i, .extracted(DocumentToSave(record: record, extraction: extraction, prepared: prepared)))
                    }
                }
                guard let (i, result) = await group.next() else { break }
                out[i] = result
                finished += 1
            }
            return zip(items, out).map { ($0, $1 ?? .failed("not extracted")) }
        }
    }
}
