import DossierCore
import Foundation
import GRDB

/// One page of the document listing, and where the next one starts.
public struct DocumentPage: Sendable, Hashable, Codable {
    public var documents: [StoredDocument]
    public var total: Int
    /// The id to pass as `after` for the next page; nil on the last page.
    public var nextAfter: DocumentID?

    public init(documents: [StoredDocument], total: Int, nextAfter: DocumentID?) {
        self.documents = documents
        self.total = total
        self.nextAfter = nextAfter
    }
}

extension SQLiteStore {
    /// Documents in id order without their texts, for listings served page by page.
    /// `after` (keyset: stable while documents are added) wins over `offset`.
    ///
    /// Additive read API for the server: `EvidenceStore` has no listing, and reading
    /// every extraction (`analysisInputs`) to show twenty titles would be wasteful.
    public func documents(after: DocumentID?, offset: Int, limit: Int) async throws -> DocumentPage {
        try await writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0
            let select = """
                SELECT d.id, d.sha256, d.title, d.author, d.outlet, d.url, d.external_id, d.published, d.language,
                       d.origin, d.added_at, d.length, NULL AS text, n.original_id, n.similarity
                FROM documents d LEFT JOIN near_duplicates n ON n.document_id = d.id
                """
            let rows: [Row]
            if let after {
                rows = try Row.fetchAll(db, sql: select + " WHERE d.id > ? ORDER BY d.id LIMIT ?",
                                        arguments: [after, limit + 1])
            } else {
                rows = try Row.fetchAll(db, sql: select + " ORDER BY d.id LIMIT ? OFFSET ?",
                                        arguments: [limit + 1, offset])
            }
            let documents = rows.prefix(limit).map(SQLiteQueries.storedDocument)
            let next = rows.count > limit ? documents.last?.id : nil
            return DocumentPage(documents: Array(documents), total: total, nextAfter: next)
        }
    }
}
