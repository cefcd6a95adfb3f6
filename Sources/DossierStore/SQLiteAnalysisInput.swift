import DossierCore
import Foundation
import GRDB

/// One stored document as the cross-article analysis needs it: metadata (without the
/// text, which the analysis never reads) and its extraction.
public struct StoredAnalysisInput: Sendable, Hashable {
    public var document: StoredDocument
    public var extraction: Extraction

    public init(document: StoredDocument, extraction: Extraction) {
        self.document = document
        self.extraction = extraction
    }
}

extension SQLiteStore {
    /// Every document with its metadata and extraction, in id order, streamed row by row
    /// from one read transaction so the analysis sees a consistent snapshot.
    ///
    /// Additive read API: the analysis works over the whole corpus, which none of the
    /// per-query methods of `EvidenceStore` give in one pass.
    public func analysisInputs() async throws -> [StoredAnalysisInput] {
        try await writer.read { db in
            let sql = """
                SELECT d.id, d.sha256, d.title, d.author, d.outlet, d.url, d.external_id, d.published, d.language,
                       d.origin, d.added_at, d.length, NULL AS text, n.original_id, n.similarity, e.json
                FROM documents d JOIN extractions e ON e.document_id = d.id
                LEFT JOIN near_duplicates n ON n.document_id = d.id
                ORDER BY d.id
                """
            let decoder = DossierJSON.decoder()
            var out: [StoredAnalysisInput] = []
            let cursor = try Row.fetchCursor(db, sql: sql)
            while let row = try cursor.next() {
                // Plain JSON or a zlib stream (`ExtractionJSONCompression`).
                let extraction = try ExtractionJSONCompression.extraction(row["json"], decoder: decoder)
                out.append(StoredAnalysisInput(document: SQLiteQueries.storedDocument(row), extraction: extraction))
            }
            return out
        }
    }
}
