import DossierCore
import Foundation
import GRDB

/// One stored document as the exports need it: metadata, the original text (every
/// exported span points into it) and the extraction.
public struct ExportDocument: Sendable, Hashable {
    public var document: StoredDocument
    public var extraction: Extraction

    public init(document: StoredDocument, extraction: Extraction) {
        self.document = document
        self.extraction = extraction
    }

    /// The original text; empty when the document was loaded without it.
    public var text: String { document.text ?? "" }
}

extension SQLiteStore {
    /// Calls `body` for every stored document with its text and extraction, in id order,
    /// from one read transaction (a consistent snapshot), one row at a time: an export of
    /// a large store never holds every text in memory at once.
    ///
    /// Near-duplicates are included (an export is the whole evidence base); each carries
    /// `nearDuplicateOf` so a consumer can drop them.
    public func forEachExportDocument(_ body: (ExportDocument) throws -> Void) throws {
        try writer.read { db in
            let sql = """
                SELECT d.id, d.sha256, d.title, d.author, d.outlet, d.url, d.external_id, d.published, d.language,
                       d.origin, d.added_at, d.length, d.text, n.original_id, n.similarity, e.json
                FROM documents d JOIN extractions e ON e.document_id = d.id
                LEFT JOIN near_duplicates n ON n.document_id = d.id
                ORDER BY d.id
                """
            let decoder = DossierJSON.decoder()
            let cursor = try Row.fetchCursor(db, sql: sql)
            while let row = try cursor.next() {
                // Plain JSON or a zlib stream (`ExtractionJSONCompression`).
                let extraction = try ExtractionJSONCompression.extraction(row["json"], decoder: decoder)
                try body(ExportDocument(document: SQLiteQueries.storedDocument(row), extraction: extraction))
            }
        }
    }
}
