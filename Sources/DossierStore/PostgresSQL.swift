import Foundation
import PostgresNIO

/// One bound value of a statement built at run time. PostgresNIO's string interpolation
/// needs the query's shape at compile time; multi-row INSERTs and optional filters do
/// not have one, so they are assembled here with `$n` placeholders and typed binds.
enum PGValue: Sendable {
    case int(Int64?)
    case double(Double?)
    case text(String?)
    case bool(Bool?)
    case bytes(Data?)

    static func int(_ v: Int?) -> PGValue { .int(v.map(Int64.init)) }

    func append(to binds: inout PostgresBindings) {
        switch self {
        case .int(let v): binds.append(v)
        case .double(let v): binds.append(v)
        case .text(let v): binds.append(v)
        case .bool(let v): binds.append(v)
        case .bytes(let v): binds.append(v.map { ByteBuffer(bytes: $0) })
        }
    }
}

/// SQL text plus its binds, numbered as they are added.
struct SQLBuilder {
    private(set) var text = ""
    private var binds = PostgresBindings()
    private var count = 0

    init(_ text: String = "") { self.text = text }

    mutating func add(_ sql: String) { text += sql }

    /// Appends a placeholder for `value` and returns it, e.g. "$3".
    @discardableResult
    mutating func bind(_ value: PGValue) -> String {
        count += 1
        value.append(to: &binds)
        let placeholder = "$\(count)"
        text += placeholder
        return placeholder
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: binds) }

    /// `INSERT INTO table (columns) VALUES (...), (...)` for many rows in one round trip;
    /// nil when there are no rows. Callers keep rows × columns under PostgreSQL's 65 535
    /// binds by chunking.
    static func insert(_ table: String, columns: [String], rows: [[PGValue]], suffix: String = "") -> SQLBuilder? {
        guard !rows.isEmpty else { return nil }
        var sql = SQLBuilder("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ")
        for (r, row) in rows.enumerated() {
            sql.add(r == 0 ? "(" : ", (")
            for (c, value) in row.enumerated() {
                if c > 0 { sql.add(", ") }
                sql.bind(value)
            }
            sql.add(")")
        }
        sql.add(suffix)
        return sql
    }
}

extension PostgresConnection {
    /// Only critical messages: the CLI's output must stay its own.
    static let quiet: Logger = {
        var logger = Logger(label: "dossier.postgres")
        logger.logLevel = .critical
        return logger
    }()

    /// Runs a statement and collects its rows.
    @discardableResult
    func run(_ sql: SQLBuilder) async throws -> [PostgresRow] {
        try await query(sql.query, logger: Self.quiet).collect()
    }

    @discardableResult
    func run(_ text: String) async throws -> [PostgresRow] {
        try await query(PostgresQuery(unsafeSQL: text), logger: Self.quiet).collect()
    }

    /// Multi-row INSERTs in chunks that stay under the bind limit.
    func insertRows(_ table: String, columns: [String], rows: [[PGValue]], suffix: String = "") async throws -> [PostgresRow] {
        let perStatement = max(1, 30_000 / max(1, columns.count))
        var out: [PostgresRow] = []
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + perStatement)
            if let sql = SQLBuilder.insert(table, columns: columns, rows: Array(rows[start..<end]), suffix: suffix) {
                out += try await run(sql)
            }
            start = end
        }
        return out
    }
}

enum PostgresErrors {
    /// PostgresNIO hides server messages from `description` (they may carry data); the
    /// CLI's user owns the data, so the server's own message is what they should read.
    static func message(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] {
                let state = e.serverInfo?[.sqlState].map { " [\($0)]" } ?? ""
                return message + state
            }
            if let underlying = e.underlying { return "\(e.code): \(underlying)" }
            return "PostgreSQL: \(e.code)"
        }
        if let e = error as? PostgresTransactionError {
            if let inner = e.closureError ?? e.commitError ?? e.beginError { return message(inner) }
        }
        return String(describing: error)
    }

    static func sqlState(_ error: any Error) -> String? {
        if let e = error as? PSQLError { return e.serverInfo?[.sqlState] }
        if let e = error as? PostgresTransactionError, let inner = e.closureError { return sqlState(inner) }
        return nil
    }
}
