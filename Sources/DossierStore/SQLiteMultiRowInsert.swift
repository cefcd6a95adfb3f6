import GRDB

/// A document's many small rows (mentions, quantities, times, attributions, hedges, claim
/// links: ≈ 130 per generated article) inserted `chunk` rows per statement —
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

    /// `head`: `INSERT [OR …] INTO table (columns…) VALUES`; `columns`: values per row.
    init(_ head: String, columns: Int) {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        sql = (0...Self.chunk).map { n in
            n == 0 ? "" : head + " " + Array(repeating: row, count: n).joined(separator: ", ")
        }
    }

    /// Inserts `count` rows, `bind(&binder, i)` binding row `i`'s values in column order.
    func run(_ db: Database, count: Int, _ bind: (inout SQLiteRowBinder, Int) -> Void) throws {
        var start = 0
        while start < count {
            let n = min(Self.chunk, count - start)
            var binder = try SQLiteRowBinder(db, sql[n])
            for i in start..<(start + n) { bind(&binder, i) }
            try binder.run()
            start += n
        }
    }
}
