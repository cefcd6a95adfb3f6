import Foundation
import GRDB
import GRDBSQLite

/// Where the writing connection's time goes, statement by statement: CPU and wall time
/// of every statement SQLite runs on it, summed by SQL text (`bench-store --profile-sql`,
/// or `DOSSIER_PROFILE_SQL=1` for any writer).
///
/// Why: the SQLite writer is ingest's serial path and almost all of its time is inside
/// libsqlite3, whose frames a sampling profiler shows without call chains — so perf
/// cannot say which of a document's ≈ 400 row inserts, lookups and FTS5 flushes cost
/// what. `sqlite3_trace_v2` can: `SQLITE_TRACE_STMT` fires when a statement starts,
/// `SQLITE_TRACE_PROFILE` when it ends (for nested statements too — FTS5 runs its own on
/// its shadow tables, and their SQL starts with `-- `). SQLite's own PROFILE duration
/// comes from the VFS clock, in whole milliseconds on Linux, so each start and end is
/// timed here instead: the thread's CPU clock and the monotonic clock, in nanoseconds.
/// A statement's `self` time leaves out the statements nested in it (FTS5's flushes
/// inside the INSERT or SAVEPOINT that triggered them).
///
/// Off by default; when off nothing is installed and nothing is paid. On, each statement
/// costs two clock reads and a dictionary update (≈ 1–2 µs): compare CPU per article
/// with profiling off.
public final class SQLiteStatementProfile: @unchecked Sendable {
    /// One statement text's totals.
    public struct Entry: Sendable, Hashable {
        public var sql: String
        /// Run by SQLite inside another statement (FTS5's shadow-table statements).
        public var nested: Bool
        public var count = 0
        /// Nanoseconds of the writing thread's CPU, statements nested in it left out.
        public var cpuNanoseconds: UInt64 = 0
        /// The same, nested statements included.
        public var inclusiveCPUNanoseconds: UInt64 = 0
        public var wallNanoseconds: UInt64 = 0
    }

    private struct Frame {
        var statement: UnsafeMutableRawPointer
        var cpu: UInt64
        var wall: UInt64
        var childCPU: UInt64 = 0
        var childWall: UInt64 = 0
    }

    private let lock = NSLock()
    private var totals: [String: Entry] = [:]
    /// Statements running, outermost first. Only touched by trace callbacks, which run on
    /// the connection's one thread at a time (GRDB serialises a connection's use).
    private var frames: [Frame] = []

    public init() {}

    /// `DOSSIER_PROFILE_SQL=1` (any value but empty or 0).
    public static func enabled(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["DOSSIER_PROFILE_SQL"] else { return false }
        return !value.isEmpty && value != "0"
    }

    /// Totals so far, largest own CPU first.
    public var entries: [Entry] {
        lock.lock(); defer { lock.unlock() }
        return totals.values.sorted { $0.cpuNanoseconds > $1.cpuNanoseconds }
    }

    /// Forgets the totals (to profile one phase only).
    public func reset() {
        lock.lock(); defer { lock.unlock() }
        totals.removeAll()
    }

    /// Installs the trace on `db`. The profile is retained by the connection's trace for
    /// as long as the process lives: the connection may outlive the store object.
    func install(on db: Database) {
        let context = Unmanaged.passRetained(self).toOpaque()
        let mask = UInt32(SQLITE_TRACE_STMT) | UInt32(SQLITE_TRACE_PROFILE)
        sqlite3_trace_v2(db.sqliteConnection, mask, { event, context, p, x in
            guard let context, let p else { return 0 }
            let profile = Unmanaged<SQLiteStatementProfile>.fromOpaque(context).takeUnretainedValue()
            if event == UInt32(SQLITE_TRACE_STMT) {
                profile.started(p, text: x)
            } else if event == UInt32(SQLITE_TRACE_PROFILE) {
                profile.finished(p)
            }
            return 0
        }, context)
    }

    private func started(_ statement: UnsafeMutableRawPointer, text: UnsafeMutableRawPointer?) {
        // A statement that is not nested starts while no other runs: frames left are
        // statements never reset (their end comes later, and is then not counted).
        let nested = text.map { $0.load(as: UInt8.self) == UInt8(ascii: "-") && $0.load(fromByteOffset: 1, as: UInt8.self) == UInt8(ascii: "-") } ?? false
        if !nested { frames.removeAll(keepingCapacity: true) }
        frames.append(Frame(statement: statement, cpu: Self.cpuNow(), wall: Self.wallNow()))
    }

    private func finished(_ statement: UnsafeMutableRawPointer) {
        let cpuEnd = Self.cpuNow(), wallEnd = Self.wallNow()
        guard let i = frames.lastIndex(where: { $0.statement == statement }) else { return }
        let frame = frames[i]
        frames.removeSubrange(i...)
        let cpu = cpuEnd &- frame.cpu, wall = wallEnd &- frame.wall
        let nested = !frames.isEmpty
        let sql = sqlite3_sql(OpaquePointer(statement)).map { String(cString: $0) } ?? "?"
        lock.lock()
        totals[sql, default: Entry(sql: sql, nested: nested)].add(
            cpu: cpu, ownCPU: cpu &- min(cpu, frame.childCPU), ownWall: wall &- min(wall, frame.childWall))
        lock.unlock()
        if nested {
            // The parent's own time leaves out this statement and its bookkeeping here.
            frames[frames.count - 1].childCPU &+= Self.cpuNow() &- frame.cpu
            frames[frames.count - 1].childWall &+= Self.wallNow() &- frame.wall
        }
    }

    private static func cpuNow() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private static func wallNow() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// The table `bench-store` prints: the `top` statements by own CPU, with their count,
    /// milliseconds in all and per document, and share of `rowsCPUSeconds` (the writer's
    /// CPU in its rows); then what all statements sum to.
    public func report(documents: Int, rowsCPUSeconds: Double, top: Int = 40) -> String {
        let all = entries
        let perDocument = 1.0 / Double(max(1, documents))
        let rowsMS = rowsCPUSeconds * 1000
        var lines = ["SQL profile of the writing connection (CPU of its thread; own = nested statements left out):",
                     "   own CPU ms   per doc   share   calls  wall ms  statement"]
        func share(_ ms: Double) -> String { rowsMS > 0 ? String(format: "%5.1f%%", 100 * ms / rowsMS) : "    -" }
        for e in all.prefix(top) {
            let ms = Double(e.cpuNanoseconds) / 1e6
            lines.append(String(format: "  %11.1f  %8.3f  %@  %6d  %7.0f  %@%@", ms, ms * perDocument, share(ms) as NSString,
                                e.count, Double(e.wallNanoseconds) / 1e6, (e.nested ? "↳ " : "") as NSString,
                                Self.oneLine(e.sql, limit: 110) as NSString))
        }
        let ownMS = Double(all.reduce(0) { $0 + $1.cpuNanoseconds }) / 1e6
        let calls = all.reduce(0) { $0 + $1.count }
        lines.append(String(format: "  %11.1f  %8.3f  %@  %6d           all %d statement texts (rows' CPU: %.1f ms, %.3f per document)",
                            ownMS, ownMS * perDocument, share(ownMS) as NSString, calls, all.count, rowsMS, rowsMS * perDocument))
        return lines.joined(separator: "\n")
    }

    /// `sql` on one line, runs of white space as one space, cut at `limit` characters.
    static func oneLine(_ sql: String, limit: Int) -> String {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        return words.count > limit ? String(words.prefix(limit - 1)) + "…" : words
    }
}

private extension SQLiteStatementProfile.Entry {
    mutating func add(cpu: UInt64, ownCPU: UInt64, ownWall: UInt64) {
        count += 1
        inclusiveCPUNanoseconds &+= cpu
        cpuNanoseconds &+= ownCPU
        wallNanoseconds &+= ownWall
    }
}
