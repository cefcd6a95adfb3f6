import DossierCore
import Foundation
import GRDB

/// `BrowsableStore` on the SQLite file. The whole-corpus reads live beside it
/// (SQLiteAnalysisInput, SQLiteDocumentListing, Export/ExportSource); the overrides stay
/// a JSON file next to the store, as `dossier entity merge` has always written them.
extension SQLiteStore: BrowsableStore {
    public var location: String { path }

    /// `dossier.sqlite` → `dossier.sqlite.overrides.json`: a user can read, edit, version
    /// or delete it, and the store schema stays the extraction contract only.
    public var overridesPath: String { path + ".overrides.json" }

    public var overridesLocation: String { overridesPath }

    /// The totals kept by `NameStats` (`store_counts`): one row, where counting a million
    /// claims and their distinct names took a tenth of a second and more.
    func countedStatistics() async throws -> StoreStatistics {
        try await writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT documents, near_duplicates, claims, names FROM store_counts WHERE id = 1")
            let failures = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingest_failures") ?? 0
            return StoreStatistics(documents: row?["documents"] ?? 0, nearDuplicates: row?["near_duplicates"] ?? 0,
                                   claims: row?["claims"] ?? 0, entities: row?["names"] ?? 0, failures: failures)
        }
    }

    /// The newest document id (one descent of the primary key's b-tree) and the overrides
    /// file's date and size: an edit by hand counts as a change too.
    public func generation() async throws -> StoreGeneration {
        let last = try await writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM documents") ?? 0
        }
        var overrides = "none"
        if let attributes = try? FileManager.default.attributesOfItem(atPath: overridesPath) {
            let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes[.size] as? Int) ?? 0
            overrides = "\(date):\(size)"
        }
        return StoreGeneration(lastDocument: last, overrides: overrides)
    }

    public func overridesJSON() async throws -> Data? {
        guard FileManager.default.fileExists(atPath: overridesPath) else { return nil }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: overridesPath))
        } catch {
            throw StoreError("\(overridesPath): cannot read the overrides (\(error.localizedDescription))")
        }
    }

    /// Read, change, write atomically (a rename): a reader never sees half a file. Two
    /// users correcting at the same instant may lose one change, as with any edited file.
    public func updateOverridesJSON(_ change: @Sendable (Data?) throws -> Data) async throws {
        let updated = try change(try await overridesJSON())
        do {
            try updated.write(to: URL(fileURLWithPath: overridesPath), options: .atomic)
        } catch {
            throw StoreError("\(overridesPath): cannot write the overrides (\(error.localizedDescription))")
        }
    }
}
