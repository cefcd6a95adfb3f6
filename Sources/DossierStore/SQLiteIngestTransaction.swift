import Dispatch
import GRDB

/// Ingest's long write transaction on SQLite (`DeferredCommitStore`): batches of documents
/// written into one transaction on the writing connection, committed by the caller every
/// few hundred documents. Readers (the pool's other connections) see the last commit only.
///
/// The transaction is `BEGIN IMMEDIATE`: the write lock is taken when the first batch
/// starts and held until the commit, so another process's write waits for at most one
/// commit interval — which is why `Ingestor` bounds it in seconds too, well under the
/// 5 s lock timeout.
extension SQLiteStore: DeferredCommitStore {
    public func saveUncommitted(batch: [DocumentToSave], nearDuplicateThreshold: Double) async throws -> [BatchSaveResult] {
        let prepared = batch.map { PreparedDocument.fitting($0.prepared, $0.record, $0.extraction, for: .sqlite) }
        do {
            return try await writer.writeWithoutTransaction { db in
                if !db.isInsideTransaction { try db.beginTransaction(.immediate) }
                let start = DispatchTime.now().uptimeNanoseconds, cpu = threadCPUSeconds()
                let results = try Self.saveRows(db, batch, prepared, nearDuplicateThreshold: nearDuplicateThreshold)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, used = threadCPUSeconds() - cpu
                checkpointer?.record {
                    $0.rowSeconds += seconds
                    $0.rowCPUSeconds += used
                    $0.batches += 1
                }
                // SQLite rolls the whole transaction back on some errors (a full disk, an
                // I/O error): then every uncommitted document is gone, not only this batch's.
                guard db.isInsideTransaction else {
                    throw StoreError("the write transaction was rolled back: "
                                     + (results.compactMap { if case .failed(let m) = $0 { m } else { nil } }.first ?? "unknown error"))
                }
                return results
            }
        } catch let error as DatabaseError where Self.isLocked(error) {
            throw StoreError(lockedMessage)
        }
    }

    public func commitPending() async throws {
        do {
            try await writer.writeWithoutTransaction { db in
                guard db.isInsideTransaction else { return }
                // Timed without the checkpoint the WAL hook may run inside it (counted apart).
                let before = checkpointer?.timings.writerCheckpointSeconds ?? 0
                let start = DispatchTime.now().uptimeNanoseconds
                try db.commit()
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                checkpointer?.record {
                    $0.commitSeconds += seconds - ($0.writerCheckpointSeconds - before)
                    $0.commits += 1
                }
            }
        } catch let error as DatabaseError where Self.isLocked(error) {
            throw StoreError(lockedMessage)
        }
    }

    public func rollbackPending() async {
        try? await writer.writeWithoutTransaction { db in
            if db.isInsideTransaction { try db.rollback() }
        }
    }
}
