/// A store whose batch writes can share one transaction, committed when the caller says.
///
/// Why: on SQLite every commit writes each page the transaction dirtied — whole — to the
/// WAL, and again to the file at the next checkpoint. The word indexes take rows at random
/// places of their keys, so a batch of 64 documents dirtied nearly as many leaf pages as it
/// had rows, and at 10 000 articles ingest wrote about 1 MB per 73 KB article (round 8,
/// docs/store.md). Committing every few hundred documents writes a page that many
/// batches touched once instead of once per batch.
///
/// The guarantees of `save(batch:)` hold per commit instead of per batch: each document is
/// still all-or-nothing (its own savepoint); nothing written since the last commit is
/// visible to readers or survives a killed process (the next run redoes it, as bytes
/// already stored are skipped); a caller reports a document as stored only after the
/// commit that contains it (`Ingestor`).
public protocol DeferredCommitStore: EvidenceStore {
    /// Writes a batch into the open write transaction, opening one when none is, and does
    /// not commit. Per-document failures are results, as in `save(batch:)`. Throws when
    /// the transaction could not be opened or was lost (SQLite rolls a whole transaction
    /// back on some errors, a full disk among them): then nothing since the last commit is
    /// stored, and the caller must say so for every document it was holding.
    func saveUncommitted(batch: [DocumentToSave], nearDuplicateThreshold: Double) async throws -> [BatchSaveResult]
    /// Commits everything written since the last commit (nothing to do when nothing was).
    /// Throws when the commit failed: then none of it is stored.
    func commitPending() async throws
    /// Abandons what was written since the last commit (after a failure).
    func rollbackPending() async
}
