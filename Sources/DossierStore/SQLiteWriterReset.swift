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
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM pragma_table_list
                WHERE schema = 'main' AND type IN ('table', 'virtual')
                  AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                """)
            for table in tables { try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier)") }
        }
        do {
            if FileManager.default.fileExists(atPath: overridesPath) {
                try FileManager.default.removeItem(atPath: overridesPath)
            }
        } catch {
            throw StoreError("\(overridesPath): cannot remove the overrides (\(error.localizedDescription))")
        }
    }
}
