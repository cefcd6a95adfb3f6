import Foundation
import GRDB

extension SQLiteStore {
    /// Empties the store — every table, and the manual corrections kept in the
    /// `.overrides.json` file beside it — for tests and benchmarks that reuse one file.
    /// Corrections name entities of documents that are gone, so keeping them would leave
    /// an "empty" store that still changes the next analysis.
    ///
    /// Tables are listed from the schema (`pragma_table_list`: ordinary and virtual
    /// tables, not FTS5's shadow tables, which their virtual table empties), so a table
    /// added by a later migration is emptied too. Foreign keys are checked at commit
    /// (`defer_foreign_keys`), when every table is empty, so the order does not matter.
    /// Ids start again at 1 (no table uses AUTOINCREMENT), as after PostgreSQL's
    /// `RESTART IDENTITY`.
    public func removeEverything() async throws {
        try await write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            let tables = try Row.fetchAll(db, sql: """
                SELECT t.name, m.sql FROM pragma_table_list t JOIN sqlite_schema m ON m.name = t.name
                WHERE t.schema = 'main' AND t.type IN ('table', 'virtual')
                  AND t.name NOT LIKE 'sqlite_%' AND t.name NOT LIKE 'grdb_%'
                """)
            for row in tables {
                let table: String = row[0], sql = (row[1] as String?) ?? ""
                let name = table.quotedDatabaseIdentifier
                if Self.indexesExternalContent(sql) {
                    // An FTS5 table over other tables' rows (`content=`): a DELETE would
                    // read each row's text back from its table to find what to remove —
                    // wrong once that table is emptied first. 'delete-all' empties the
                    // index alone.
                    try db.execute(sql: "INSERT INTO \(name) (\(name)) VALUES ('delete-all')")
                } else {
                    try db.execute(sql: "DELETE FROM \(name)")
                }
            }
        }
        do {
            if FileManager.default.fileExists(atPath: overridesPath) {
                try FileManager.default.removeItem(atPath: overridesPath)
            }
        } catch {
            throw StoreError("\(overridesPath): cannot remove the overrides (\(error.localizedDescription))")
        }
    }

    /// True for the `CREATE VIRTUAL TABLE … USING fts5(…, content = 'table', …)` of an
    /// external-content (or contentless) FTS5 table.
    static func indexesExternalContent(_ sql: String) -> Bool {
        let compact = sql.lowercased().filter { $0 != " " }
        return compact.contains("usingfts5(") && compact.contains("content=")
    }
}
