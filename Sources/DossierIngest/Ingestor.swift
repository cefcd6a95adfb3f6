import DossierCore
import DossierExtract
import DossierStore
import DossierText
import Foundation

/// What happened to one input, as the ingest loop reports it.
public enum IngestEvent: Sendable {
    case added(origin: String, id: DocumentID, nearDuplicateOf: DocumentID?)
    case unchanged(origin: String, id: DocumentID)
    case failed(origin: String, message: String)
}

public struct IngestSummary: Sendable, Hashable {
    public var added = 0
    public var nearDuplicates = 0
    public var unchanged = 0
    public var failed = 0
    public var seconds = 0.0
    /// Stopped early (Ctrl-C): what is counted is stored, the rest was not attempted.
    public var interrupted = false
    /// Wall time the writer spent on batches (rows, commits, checkpoints in them), summed.
    public var writerSeconds = 0.0
    /// Wall time the ingest loop — and so the dispatch of new extractions — waited for the
    /// writer to finish the previous batch before handing it the next.
    public var waitedForWriterSeconds = 0.0
    /// Batches handed to the writer.
    public var writes = 0
    public var processed: Int { added + unchanged + failed }
    /// Wall time the writer had no batch to write: it waited for extraction.
    public var writerIdleSeconds: Double { max(0, seconds - writerSeconds) }

    public var line: String {
        let rate = seconds > 0 ? Double(processed) / seconds : 0
        return "\(added) added (\(nearDuplicates) near-duplicates), \(unchanged) already stored, \(failed) failed, "
            + "in \(String(format: "%.1f", seconds)) s (\(String(format: "%.0f", rate)) documents/s)"
            + (interrupted ? "; interrupted — run the same command again to resume" : "")
    }
}

/// Reads inputs, extracts them in parallel and writes them to a store, one transaction
/// per document. Inputs already stored (same SHA-256) are skipped before any work, so an
/// interrupted run resumes by running it again. A failing document is recorded and
/// reported; the batch always goes on.
public struct Ingestor: Sendable {
    public var store: any EvidenceStore
    public var pipeline: Pipeline
    public var overrides: IngestOverrides
    /// Extractions in flight at once; defaults to the number of cores.
    public var jobs: Int
    /// Estimated Jaccard similarity of word shingles from which a text is linked as a
    /// near-duplicate of a stored one.
    public var nearDuplicateThreshold: Double
    /// Documents handed to the writer at a time (per transaction on stores that commit
    /// each batch; see `commitEvery` for SQLite). Larger batches share commit costs; a killed
    /// run loses at most the uncommitted work, which the next run redoes. 64 by measurement
    /// (round 7, release, 600 articles on SQLite): 32 → 87–96 documents/s, 64 → 105–114,
    /// 128 and 256 no faster under load, while peak memory grows with the batch held
    /// (135, 145, 167, 193 MB).
    public var batchSize: Int
    /// With a store that keeps a write transaction open across batches
    /// (`DeferredCommitStore`: SQLite), batches are committed together — every
    /// `commitEvery` documents, or at the first batch after `commitInterval` seconds, or
    /// whenever extraction has nothing in flight (end of input), and on Ctrl-C. Why: each
    /// SQLite commit writes every page it dirtied, and word-index rows land at random
    /// places, so batches of 64 rewrote the same pages again and again (about 1 MB written
    /// per article at 10 000 articles; docs/store.md, round 8). Outcomes are reported only
    /// once committed, so "N added" counts stored documents; a killed run loses what was
    /// not committed, which the next run redoes. The interval stays well under the 5 s a
    /// second process sharing the file waits for the write lock. Other stores commit
    /// every batch.
    public var commitEvery: Int
    public var commitInterval: Double
    /// Set by a Ctrl-C handler: the run stops early and cleanly (see `IngestInterruption`).
    public var interruption: IngestInterruption?
    /// Extraction yields the cores to the writer (`ExtractionPriority`), when several
    /// extractions run in parallel. For a process whose job is this ingest (`dossier add`,
    /// `bench-store`): the threads lowered are the process's shared pool, and they stay
    /// lower afterwards (a nice value raised cannot be lowered back without privilege), so
    /// a long-lived process that does other work on that pool (a server, a test runner
    /// watching worker processes) leaves it off.
    public var lowersExtractionPriority = false

    public init(store: any EvidenceStore, pipeline: Pipeline = Pipeline(), overrides: IngestOverrides = .init(),
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, nearDuplicateThreshold: Double = 0.7,
                batchSize: Int = 64, commitEvery: Int = 512, commitInterval: Double = 2) {
        self.store = store
        self.commitEvery = max(1, commitEvery)
        self.commitInterval = max(0, commitInterval)
        self.pipeline = pipeline
        self.overrides = overrides
        self.jobs = max(1, jobs)
        self.nearDuplicateThreshold = nearDuplicateThreshold
        self.batchSize = max(1, batchSize)
    }

    /// `report` is called on each document as its outcome is known; `progress` with
    /// (documents done, documents expected so far) after each.
    ///
    /// Extraction runs in parallel but results are stored in input order: the same input
    /// always gets the same document ids, and of two same-day copies the first in the input
    /// is the original — otherwise which one "wins" would depend on thread timing.
    ///
    /// Writing overlaps extraction: a full batch goes to a writer task and the loop goes
    /// back to extracting the next one at once, so the cores never wait for the store
    /// (before, the loop awaited each write and extraction stalled meanwhile). At most one
    /// batch is being written while the next fills: memory stays bounded, and batches are
    /// written one after the other, in input order, so ids, originals of near-duplicates,
    /// resume (a killed run loses at most the batches not yet committed) and dedupe
    /// (checked again inside each write transaction) are as before.
    public func run(paths: [String], report: @escaping (IngestEvent) -> Void = { _ in },
                    progress: @escaping (IngestSummary, Int) -> Void = { _, _ in }) async -> IngestSummary {
        let walker = InputWalker(paths: paths, overrides: overrides)
        let started = Date()
        var summary = IngestSummary()
        let worker = DocumentWorker(store: store, pipeline: pipeline, overrides: overrides, lowersPriority: lowersExtractionPriority && jobs > 1)
        await withTaskGroup(of: (Int, WorkerResult).self) { group in
            var running = 0
            var exhausted = false
            // Outcomes in input order, waiting to be written (or just reported) as a batch.
            var pending: [WorkerResult] = []
            var writing: Task<WriteOutcome, Never>?
            // Outcomes written but not committed yet (`commitEvery`), reported at the commit.
            var held: [IngestEvent] = []
            var heldDocuments = 0
            var lastCommit = Date()
            let deferred = store is any DeferredCommitStore
            // Results that finished before an earlier document: held until it is done.
            var waiting: [Int: WorkerResult] = [:]
            var dispatched = 0, released = 0
            func record(_ event: IngestEvent) {
                switch event {
                case .added(_, _, let link):
                    summary.added += 1
                    if link != nil { summary.nearDuplicates += 1 }
                case .unchanged: summary.unchanged += 1
                case .failed: summary.failed += 1
                }
                report(event)
                summary.seconds = Date().timeIntervalSince(started)
                progress(summary, walker.expected)
            }
            /// Waits for the batch being written (reporting its outcomes once committed),
            /// then hands `pending` to a new writer task, which commits when it is time
            /// (`idle`: nothing is being extracted, so nothing else is coming soon).
            func flush(idle: Bool) async {
                if let previous = writing {
                    let waitStart = DispatchTime.now().uptimeNanoseconds
                    let outcome = await previous.value
                    summary.waitedForWriterSeconds += Double(DispatchTime.now().uptimeNanoseconds - waitStart) / 1e9
                    summary.writerSeconds += outcome.seconds
                    summary.writes += 1
                    writing = nil
                    if outcome.committed { outcome.events.forEach(record) } else { held += outcome.events }
                }
                let commit = !deferred || idle || heldDocuments + pending.count >= commitEvery
                    || Date().timeIntervalSince(lastCommit) >= commitInterval
                guard !pending.isEmpty || (commit && !held.isEmpty) else { return }
                let batch = pending, carried = held
                pending.removeAll(keepingCapacity: true)
                held = []
                if commit {
                    heldDocuments = 0
                    lastCommit = Date()
                } else {
                    heldDocuments += batch.count
                }
                writing = Task {
                    let start = DispatchTime.now().uptimeNanoseconds
                    var outcome = await self.write(batch, after: carried, commit: commit)
                    outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    return outcome
                }
            }
            var stopping = false
            while true {
                if !stopping, interruption?.isRequested == true {
                    // No more inputs, no new batch: extractions still running are
                    // awaited (they cannot be cut short) and dropped with `pending`.
                    stopping = true
                    exhausted = true
                    pending.removeAll()
                    waiting.removeAll()
                }
                while !exhausted, running + waiting.count < jobs * 2 + batchSize {
                    guard let unit = walker.next() else { exhausted = true; break }
                    let sequence = dispatched
                    group.addTask { (sequence, await worker.process(unit)) }
                    dispatched += 1
                    running += 1
                }
                // Write when a batch is full, or when nothing else is coming.
                if !stopping, pending.count >= batchSize || (running == 0 && !pending.isEmpty) { await flush(idle: running == 0) }
                guard let (sequence, finished) = await group.next() else { break }
                running -= 1
                if stopping { continue }
                waiting[sequence] = finished
                while let result = waiting.removeValue(forKey: released) {
                    released += 1
                    pending.append(result)
                }
            }
            if stopping {
                pending.removeAll()
                summary.interrupted = true
            }
            await flush(idle: true)  // hands over the last, partial batch (none when stopping) and commits…
            await flush(idle: true)  // …and waits for it
        }
        // A self-contained file at the end (not on Ctrl-C, which should stop promptly: the
        // WAL is as safe, and the next open or checkpoint copies it).
        if !summary.interrupted, let sqlite = store as? SQLiteStore {
            let start = DispatchTime.now().uptimeNanoseconds
            await sqlite.checkpointAfterIngest()
            summary.writerSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Events of a write, and whether they are final: committed (or failed for good).
    struct WriteOutcome: Sendable {
        var events: [IngestEvent]
        var committed: Bool
        /// Wall time of the write (set by the writer task).
        var seconds = 0.0
    }

    /// Writes a run of outcomes in input order: the extracted documents in one store
    /// batch, failures recorded. The only place that writes (one call at a time), so
    /// writes are serial and extraction is what runs in parallel. One savepoint per
    /// document: a document is stored whole or not at all. On a `DeferredCommitStore` the
    /// batch joins the open transaction and is committed, with the outcomes `carried`
    /// from earlier uncommitted batches, when `commit`; if the transaction is lost, every
    /// one of those documents is reported as not stored. Other stores commit each batch.
    private func write(_ outcomes: [WorkerResult], after carried: [IngestEvent], commit: Bool) async -> WriteOutcome {
        guard let deferred = store as? any DeferredCommitStore else {
            return WriteOutcome(events: carried + (await write(outcomes)), committed: true)
        }
        var batch: [DocumentToSave] = []
        for case .extracted(let document) in outcomes { batch.append(document) }
        var lost: String?
        var saved: [BatchSaveResult] = []
        if !batch.isEmpty {
            do {
                saved = try await deferred.saveUncommitted(batch: batch, nearDuplicateThreshold: nearDuplicateThreshold)
            } catch {
                lost = String(describing: error)
            }
        }
        if lost == nil, commit {
            do { try await deferred.commitPending() } catch { lost = String(describing: error) }
        }
        guard let lost else {
            return WriteOutcome(events: carried + (await events(outcomes, saved)), committed: commit)
        }
        await deferred.rollbackPending()
        var events: [IngestEvent] = []
        for event in carried {
            guard case .added(let origin, _, _) = event else { events.append(event); continue }
            events.append(await fail(origin, "not stored: \(lost)"))
        }
        events += await self.events(outcomes, batch.map { _ in .failed(lost) })
        return WriteOutcome(events: events, committed: true)
    }

    /// `write` for a store that commits each batch.
    private func write(_ outcomes: [WorkerResult]) async -> [IngestEvent] {
        var batch: [DocumentToSave] = []
        for case .extracted(let document) in outcomes { batch.append(document) }
        var saved: [BatchSaveResult] = []
        if !batch.isEmpty {
            do {
                saved = try await store.save(batch: batch, nearDuplicateThreshold: nearDuplicateThreshold)
            } catch {
                saved = batch.map { _ in .failed(String(describing: error)) }
            }
        }
        return await events(outcomes, saved)
    }

    /// The events of a batch's outcomes, `saved` holding the store's results of its
    /// extracted documents in order; failures are recorded in the store.
    private func events(_ outcomes: [WorkerResult], _ saved: [BatchSaveResult]) async -> [IngestEvent] {
        var events: [IngestEvent] = []
        events.reserveCapacity(outcomes.count)
        var next = saved.makeIterator()
        for outcome in outcomes {
            switch outcome {
            case .extracted(let document):
                let record = document.record
                let origin = record.origin ?? record.sha256
                switch next.next() ?? .failed("not stored") {
                case .saved(.added(let id, let link)): events.append(.added(origin: origin, id: id, nearDuplicateOf: link))
                case .saved(.unchanged(let id)): events.append(.unchanged(origin: origin, id: id))
                case .failed(let message): events.append(await fail(origin, "not stored: \(message)"))
                }
            case .unchanged(let origin, let id): events.append(.unchanged(origin: origin, id: id))
            case .failed(let origin, let message): events.append(await fail(origin, message))
            }
        }
        return events
    }

    private func fail(_ origin: String, _ message: String) async -> IngestEvent {
        do {
            try await store.recordFailure(origin: origin, message: message)
            return .failed(origin: origin, message: message)
        } catch {
            return .failed(origin: origin, message: "\(message) (and the failure could not be recorded: \(error))")
        }
    }
}

/// An input that could not be read, as `Result`'s failure.
struct IngestFailureMessage: Error, Sendable {
    let origin: String
    let message: String
}

enum WorkerResult: Sendable {
    case extracted(DocumentToSave)
    case unchanged(origin: String, id: DocumentID)
    case failed(origin: String, message: String)
}

/// The parallel part: read, hash, skip if stored, turn HTML into text, extract.
struct DocumentWorker: Sendable {
    let store: any EvidenceStore
    let pipeline: Pipeline
    let overrides: IngestOverrides
    /// Extracting threads yield to the writer (`ExtractionPriority`): set when several
    /// extractions run in parallel, i.e. when they can crowd the writer out.
    var lowersPriority = false

    func process(_ unit: WorkUnit) async -> WorkerResult {
        switch unit {
        case .failure(let origin, let message): return .failed(origin: origin, message: message)
        case .document(let pending):
            do {
                return try await process(pending)
            } catch let error as IngestError {
                return .failed(origin: pending.origin, message: error.description)
            } catch let error as TextDecodingError {
                return .failed(origin: pending.origin, message: error.description)
            } catch {
                return .failed(origin: pending.origin, message: String(describing: error))
            }
        }
    }

    private func process(_ pending: PendingDocument) async throws -> WorkerResult {
        switch try await read(pending) {
        case .unchanged(let origin, let id): return .unchanged(origin: origin, id: id)
        case .ready(let record):
            if lowersPriority { ExtractionPriority.lowerCurrentThread() }
            let extraction = pipeline.extract(Document(text: record.text, language: record.language,
                                                       metadata: record.metadata))
            // Prepared here, on the parallel side, so the one writer only binds values, and for
            // the store's kind: each pays only for the rows and JSON it writes.
            let prepared = PreparedDocument(record: record, extraction: extraction,
                                            for: store is PostgresStore ? .postgres : .sqlite)
            return .extracted(DocumentToSave(record: record, extraction: extraction, prepared: prepared))
        }
    }

    enum ReadResult: Sendable {
        case unchanged(origin: String, id: DocumentID)
        case ready(DocumentRecord)
    }

    /// Everything but the extraction: bytes, hash, skip if stored, decoding, HTML to text,
    /// metadata, fingerprint. `dossier add --queue` stops here and leaves the extraction
    /// to the workers.
    func read(_ unit: WorkUnit) async -> Result<ReadResult, IngestFailureMessage> {
        switch unit {
        case .failure(let origin, let message): return .failure(IngestFailureMessage(origin: origin, message: message))
        case .document(let pending):
            do {
                return .success(try await read(pending))
            } catch let error as IngestError {
                return .failure(IngestFailureMessage(origin: pending.origin, message: error.description))
            } catch let error as TextDecodingError {
                return .failure(IngestFailureMessage(origin: pending.origin, message: error.description))
            } catch {
                return .failure(IngestFailureMessage(origin: pending.origin, message: String(describing: error)))
            }
        }
    }

    private func read(_ pending: PendingDocument) async throws -> ReadResult {
        var bytes = pending.bytes ?? Data()
        var isHTML = false
        var raw: String?
        switch pending.body {
        case .file(let path, let format):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IngestError.unreadable("cannot be read (permissions?)")
            }
            bytes = data
            isHTML = format == .html
        case .text(let text): raw = text
        case .html(let html): raw = html; isHTML = true
        }
        let sha = Fingerprints.sha256(bytes)
        if let id = try await store.documentID(sha256: sha) {
            return .unchanged(origin: pending.origin, id: id)
        }
        // Text is checked as bytes are: no NUL, valid UTF-8, not blank. A page that
        // declares a Latin charset is read in it: older CMSs still serve those.
        let decoded: String
        do {
            decoded = try TextDecoding.decode(raw.map { Data($0.utf8) } ?? bytes)
        } catch {
            guard case .invalidUTF8 = error, isHTML, raw == nil,
                  let latin = LegacyCharset.decodeDeclared(bytes) else { throw error }
            decoded = latin
        }
        var metadata = pending.metadata
        var author = pending.author
        var language = pending.language
        var text = decoded
        if isHTML {
            let article = try HTMLArticle(html: decoded)
            text = article.text
            metadata.title = metadata.title ?? article.title
            metadata.outlet = metadata.outlet ?? article.outlet
            metadata.url = metadata.url ?? article.url
            metadata.published = metadata.published ?? article.published
            author = author ?? article.author
            language = language ?? article.language
        }
        metadata.outlet = overrides.outlet ?? metadata.outlet
        metadata.published = overrides.published ?? metadata.published
        metadata.url = overrides.url ?? metadata.url
        language = overrides.language ?? language
        return .ready(DocumentRecord(sha256: sha, fingerprint: Fingerprints.minHash(text), text: text,
                                     metadata: metadata, author: author, language: language, origin: pending.origin))
    }
}

/// Pages that declare `charset=iso-8859-1`/`windows-1252` (or their aliases) in their
/// first bytes. Only declared charsets are honoured: undeclared non-UTF-8 is rejected,
/// never guessed.
enum LegacyCharset {
    static let latin: Set<String> = ["iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252",
                                     "iso-8859-15", "us-ascii"]

    static func decodeDeclared(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        let name = head[range.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
            .prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        guard latin.contains(String(name)), !data.contains(0) else { return nil }
        // Windows-1252 is a superset of Latin-1 for printable text, as browsers treat both.
        return String(data: data, encoding: .windowsCP1252) ?? String(data: data, encoding: .isoLatin1)
    }
}
