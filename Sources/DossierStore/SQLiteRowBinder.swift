import GRDB
import GRDBSQLite

/// Binds one row's values straight onto a cached GRDB statement with `sqlite3_bind_*`
/// and runs it.
///
/// Why not `statement.execute(arguments:)`: ingest writes ≈ 400 rows a document, and
/// building a `StatementArguments` per row boxes every value into a `DatabaseValue`
/// existential, allocates an array, and has GRDB check and copy it again — about 30 % of
/// the writer thread's time went to that (perf, round 7), against 46 % inside SQLite
/// itself. Text is bound from the string's own UTF-8 storage (copied once by SQLite, as
/// `SQLITE_TRANSIENT` asks), integers and reals as they are, nil as NULL.
///
/// Only for statements inside the caller's transaction that neither begin nor end one
/// (INSERT-like statements, and the writer's lookups: `firstInt64`, `allInt64`…): GRDB's
/// own bookkeeping (observation, the transaction state) does not depend on them.
struct SQLiteRowBinder {
    private let statement: Statement
    private var column: Int32 = 0

    init(_ statement: Statement) {
        self.statement = statement
    }

    /// A binder on the connection's cached statement for `sql`.
    init(_ db: Database, _ sql: String) throws {
        self.init(try db.cachedStatement(sql: sql))
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private var raw: SQLiteStatement { statement.sqliteStatement }

    private mutating func next() -> Int32 {
        column += 1
        return column
    }

    mutating func bind(_ value: Int64) { sqlite3_bind_int64(raw, next(), value) }
    mutating func bind(_ value: Int) { sqlite3_bind_int64(raw, next(), Int64(value)) }
    mutating func bind(_ value: Double) { sqlite3_bind_double(raw, next(), value) }
    mutating func bind(_ value: Bool) { sqlite3_bind_int64(raw, next(), value ? 1 : 0) }

    mutating func bind(_ value: String) {
        let index = next()
        var value = value
        value.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                // "" is not NULL: SQLite binds NULL for a nil pointer.
                _ = sqlite3_bind_text(raw, index, "", 0, Self.transient)
                return
            }
            _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(raw, index, $0, Int32(bytes.count), Self.transient)
            }
        }
    }

    mutating func bind(_ value: [UInt8]) {
        let index = next()
        value.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                _ = sqlite3_bind_blob(raw, index, base, Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_zeroblob(raw, index, 0)
            }
        }
    }

    mutating func bind(_ value: Int?) { if let value { bind(value) } else { bindNull() } }
    mutating func bind(_ value: Int64?) { if let value { bind(value) } else { bindNull() } }
    mutating func bind(_ value: Double?) { if let value { bind(value) } else { bindNull() } }
    mutating func bind(_ value: Bool?) { if let value { bind(value) } else { bindNull() } }
    mutating func bind(_ value: String?) { if let value { bind(value) } else { bindNull() } }
    mutating func bind(_ value: [UInt8]?) { if let value { bind(value) } else { bindNull() } }

    mutating func bindNull() { sqlite3_bind_null(raw, next()) }

    /// Runs the statement with the values bound since the last run, then resets it for
    /// the next row. A failure (a constraint, a full disk) is thrown as GRDB would.
    mutating func run() throws {
        try rows { _ in false }
    }

    /// Runs a query with the values bound since the last run and returns its first row's
    /// first column as an integer: nil when there is no row or it is NULL.
    mutating func firstInt64() throws -> Int64? {
        var value: Int64?
        try rows { raw in
            if sqlite3_column_type(raw, 0) != SQLITE_NULL { value = sqlite3_column_int64(raw, 0) }
            return false
        }
        return value
    }

    /// `firstInt64` for text.
    mutating func firstText() throws -> String? {
        var value: String?
        try rows { raw in
            if let text = sqlite3_column_text(raw, 0) {
                value = String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(raw, 0))), as: UTF8.self)
            }
            return false
        }
        return value
    }

    /// `firstInt64` for a BLOB (an empty BLOB is `[]`).
    mutating func firstBlob() throws -> [UInt8]? {
        var value: [UInt8]?
        try rows { raw in
            guard sqlite3_column_type(raw, 0) != SQLITE_NULL else { return false }
            let count = Int(sqlite3_column_bytes(raw, 0))
            value = sqlite3_column_blob(raw, 0).map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
            return false
        }
        return value
    }

    /// The first column of every row, as integers (NULLs left out).
    mutating func allInt64() throws -> [Int64] {
        var values: [Int64] = []
        try rows { raw in
            if sqlite3_column_type(raw, 0) != SQLITE_NULL { values.append(sqlite3_column_int64(raw, 0)) }
            return true
        }
        return values
    }

    /// Steps the statement, handing each row to `row` until it returns false or the rows
    /// end, then resets it for the next run. Every run binds every value (checked), so
    /// bindings need no clearing.
    private mutating func rows(_ row: (SQLiteStatement) -> Bool) throws {
        precondition(column == sqlite3_bind_parameter_count(raw), "bound \(column) of \(sqlite3_bind_parameter_count(raw)) values")
        column = 0
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_ROW, row(raw) { continue }
            guard code == SQLITE_DONE || code == SQLITE_ROW else {
                let message = sqlite3_errmsg(sqlite3_db_handle(raw)).map { String(cString: $0) }
                // Reset before throwing too, so the cached statement is reusable.
                sqlite3_reset(raw)
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
            }
            break
        }
        sqlite3_reset(raw)
    }
}
