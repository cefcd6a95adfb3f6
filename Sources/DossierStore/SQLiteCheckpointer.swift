import Foundation
import GRDB
import GRDBSQLite

/// Who copies the WAL into the store file, and when.
///
/// SQLite's own auto-checkpoint runs inside the commit that pushes the WAL past N pages, on
/// the writing connection: the copy of every page into the file and its fsync are paid on
/// ingest's one serial writer, while extraction can only fill the one batch it may run
/// ahead (round 9, docs/store.md). `background` moves that copy to a thread of its own with
/// its own connection; the writer only checkpoints itself when the WAL passes `limit`
/// (the checkpointer fell behind, or the writer never left a gap for the WAL to restart),
/// so the WAL stays bounded.
public enum SQLiteCheckpointing: Sendable, Hashable {
    /// As SQLite's auto-checkpoint (`wal_autocheckpoint = pages`): the writer, in the commit.
    case inline(pages: Int)
    /// A checkpointer thread runs a PASSIVE checkpoint after a commit leaves `start` pages
    /// or more in the WAL; past `limit` pages the writer checkpoints itself, as `inline`.
    case background(start: Int, limit: Int)

    /// 8 192 pages (32 MB) as before round 9; the writer takes over at 65 536 (256 MB): a
    /// commit of 512 documents at 10 000 articles writes ≈ 35 000 pages, so the limit
    /// allows the WAL one such commit beyond the checkpointer's.
    public static let standard = SQLiteCheckpointing.background(start: 8192, limit: 65536)

    /// `$DOSSIER_CHECKPOINT`: `inline` (SQLite's auto-checkpoint, as before round 9) or
    /// `background` (the default), for A/B measurements.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SQLiteCheckpointing {
        environment["DOSSIER_CHECKPOINT"] == "inline" ? .inline(pages: 8192) : .standard
    }
}

/// Where the SQLite writer's wall time went, summed since the store was opened: rows
/// (`saveUncommitted`), commits (their checkpoints apart), checkpoints on the writer and on
/// the checkpointer thread. For `bench-store`.
public struct SQLiteWriterTimings: Sendable, Hashable {
    public var rowSeconds = 0.0
    /// CPU time of the writing thread during those rows: wall minus this is waiting
    /// (I/O, page faults, or a core taken by another process).
    public var rowCPUSeconds = 0.0
    public var batches = 0
    /// Commits of ingest's transaction, without the checkpoints run inside them.
    public var commitSeconds = 0.0
    public var commits = 0
    /// Checkpoints run by the writing connection inside a commit (serial).
    public var writerCheckpointSeconds = 0.0
    public var writerCheckpoints = 0
    /// Checkpoints run by the checkpointer thread (overlapping the writer).
    public var backgroundCheckpointSeconds = 0.0
    public var backgroundCheckpoints = 0
    /// The largest WAL seen after a commit, in pages.
    public var peakWALPages = 0
}

/// This thread's CPU time in seconds (user + system).
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The store's WAL hook and checkpointer thread (`SQLiteCheckpointing`).
///
/// Installed with `sqlite3_wal_hook` on the writing connection (after `wal_autocheckpoint
/// = 0`, which would otherwise replace it): SQLite calls it after each commit with the
/// WAL's size in pages. Checkpoints never change what is committed: a PASSIVE checkpoint
/// copies committed pages into the file and fsyncs it, and a process killed during one
/// leaves the WAL to be replayed on the next open, so Ctrl-C and kill -9 keep their
/// guarantees. Checkpoints of this process are serialised by `checkpointLock`: SQLite
/// fails a second concurrent checkpoint at once, so the writer, past the limit, waits for
/// the thread's run and then copies what is left.
final class SQLiteCheckpointer: @unchecked Sendable {
    let path: String
    let mode: SQLiteCheckpointing
    private let statsLock = NSLock()
    private var stats = SQLiteWriterTimings()
    private let checkpointLock = NSLock()
    private let condition = NSCondition()
    private var requested = false
    private var stopping = false
    private var thread: Thread?
    /// The WAL frame the last checkpoint of this process copied up to (under `statsLock`):
    /// the thread is woken by what was committed since, not by the WAL's size — the WAL
    /// only restarts when the writer begins a transaction after a complete checkpoint,
    /// which back-to-back ingest transactions seldom leave room for, so its size says little.
    private var backfilled = 0
    private var threadDone = true
    /// The thread's own connection, opened at its first checkpoint.
    private var connection: OpaquePointer?

    init(path: String, mode: SQLiteCheckpointing) {
        self.path = path
        self.mode = mode
    }

    var timings: SQLiteWriterTimings {
        statsLock.lock(); defer { statsLock.unlock() }
        return stats
    }

    func record(_ update: (inout SQLiteWriterTimings) -> Void) {
        statsLock.lock(); defer { statsLock.unlock() }
        update(&stats)
    }

    /// Installs the hook on the writing connection. The checkpointer is retained by the
    /// connection's hook for as long as the process lives (a few bytes per store opened):
    /// the connection may outlive the store object, and a hook must never see a freed context.
    func install(on db: Database) throws {
        try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        let context = Unmanaged.passRetained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, _, pages in
            guard let context, let connection else { return SQLITE_OK }
            Unmanaged<SQLiteCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(connection, pages: Int(pages))
            return SQLITE_OK
        }, context)
    }

    /// After a commit on the writing connection (its thread), with the WAL's size in pages.
    private func committed(_ connection: OpaquePointer, pages: Int) {
        statsLock.lock()
        stats.peakWALPages = max(stats.peakWALPages, pages)
        if pages < backfilled { backfilled = 0 }  // the WAL restarted from its beginning
        let pending = pages - backfilled
        statsLock.unlock()
        switch mode {
        case .inline(let threshold):
            if pages >= threshold { checkpoint(connection, onWriter: true) }
        case .background(let start, let limit):
            if pages >= limit {
                checkpoint(connection, onWriter: true)
            } else if pending >= start {
                request()
            }
        }
    }

    /// A PASSIVE checkpoint on `connection`, timed. Errors are ignored as SQLite's
    /// auto-checkpoint ignores them: a checkpoint that could not run leaves the WAL as it
    /// was, and the next one copies it.
    private func checkpoint(_ connection: OpaquePointer, onWriter: Bool) {
        checkpointLock.lock()
        let start = DispatchTime.now().uptimeNanoseconds
        var copied: Int32 = 0
        let code = sqlite3_wal_checkpoint_v2(connection, "main", SQLITE_CHECKPOINT_PASSIVE, nil, &copied)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        checkpointLock.unlock()
        record {
            if code == SQLITE_OK, copied > 0 { self.backfilled = Int(copied) }
            if onWriter {
                $0.writerCheckpointSeconds += seconds
                $0.writerCheckpoints += 1
            } else {
                $0.backgroundCheckpointSeconds += seconds
                $0.backgroundCheckpoints += 1
            }
        }
    }

    /// Wakes the thread (starting it the first time); requests while it runs merge into one.
    private func request() {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return }
        requested = true
        if thread == nil {
            threadDone = false
            let thread = Thread { [self] in self.loop() }
            thread.name = "dossier-checkpointer"
            self.thread = thread
            thread.start()
        }
        condition.signal()
    }

    private func loop() {
        while true {
            condition.lock()
            while !requested && !stopping { condition.wait() }
            let stop = stopping
            requested = false
            condition.unlock()
            if stop { break }
            if let connection = openConnection() { checkpoint(connection, onWriter: false) }
        }
        if let connection { sqlite3_close_v2(connection) }
        connection = nil
        condition.lock()
        threadDone = true
        condition.broadcast()
        condition.unlock()
    }

    private func openConnection() -> OpaquePointer? {
        if let connection { return connection }
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db else {
            if let db { sqlite3_close_v2(db) }
            return nil
        }
        // NORMAL, as the writer: a checkpoint fsyncs the WAL before copying and the file after.
        sqlite3_exec(db, "PRAGMA synchronous = NORMAL", nil, nil, nil)
        connection = db
        return db
    }

    /// Waits for the thread's run, if any, and runs `body` with no checkpoint of this
    /// process running (the final checkpoint of an ingest).
    func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        checkpointLock.lock()
        defer { checkpointLock.unlock() }
        return try body()
    }

    /// Stops the thread (after its current run) and closes its connection.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        while !threadDone { condition.wait() }
        condition.unlock()
    }
}
