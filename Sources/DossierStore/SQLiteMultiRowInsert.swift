import GRDB

/// A document's many small rows (mentions, quantities, times, attributions, hedges,
/// claims: ≈ 85 per generated article) inserted `chunk` rows per statement —
/// `INSERT … VALUES (…), (…), …` — instead of one `sqlite3_step` per row.
///
/// Why: each step of a one-row INSERT runs the statement's whole program — opening a
/// write cursor on the table and on each index, the foreign-key lookups' cursors, the
/// reset — for one row, on ingest's one serial writer. A multi-row statement opens them
/// once per chunk. The SQL of every chunk size is built once (a static per table), so the
/// connection's statement cache finds it without formatting a string per document.
struct SQLiteMultiRowInsert: Sendable {
    static let chunk = 16
    /// `sql[n]`: the statement for `n` rows (1…chunk).
    private let sql: [String]

    /// `head`: `INSERT [OR …] INTO table (columns…) VALUES`; `columns`: values per row;
    /// `tail`: what follows the rows (an upsert's `ON CONFLICT …`, a query's end).
    init(_ head: String, columns: Int, tail: String = "") {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        sql = (0...Self.chunk).map { n in
            n == 0 ? "" : head + " " + Array(repeating: row, count: n).joined(separator: ", ") + tail
        }
    }

    /// Inserts `count` rows, `bind(&binder, i)` binding row `i`'s values in column order.
    func run(_ db: Database, count: Int, _ bind: (inout SQLiteRowBinder, Int) -> Void) throws {
        _ = try sum(db, count: count, bind)
    }

    /// For a query over rows given as `VALUES` (`head` … `tail` returning one integer):
    /// the sum of its results over the chunks.
    func sum(_ db: Database, count: Int, _ bind: (inout SQLiteRowBinder, Int) -> Void) throws -> Int64 {
        var start = 0, total: Int64 = 0
        while start < count {
            let n = min(Self.chunk, count - start)
            var binder = try SQLiteRowBinder(db, sql[n])
            for i in start..<(start + n) { bind(&binder, i) }
            total += try binder.firstInt64() ?? 0
            start += n
        }
        return total
    }
}
