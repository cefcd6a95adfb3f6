import DossierCore
import DossierIngest
import DossierStore
import Foundation

/// The store as `POST /documents` hands it to the ingest: every call goes to the real
/// store, but origins naming the upload's temporary file (gone when the request ends) are
/// rewritten to `http-post:<first 12 hex of the body's SHA-256>`, keeping what the ingest
/// appends (`:3 (article-id)` for a JSON line, `#2` for a feed item). A feed item keeps
/// its own link as origin, which is already meaningful.
struct UploadStore: EvidenceStore {
    let base: any EvidenceStore
    let temporaryPath: String
    let upload: String

    /// `http-post:` and the start of the body's hash: the same body always gets the same
    /// name, so a client can tell which of its requests a stored document came from.
    static func name(of body: Data) -> String {
        "http-post:" + Fingerprints.sha256(body).prefix(12)
    }

    func origin(_ origin: String) -> String {
        guard origin.hasPrefix(temporaryPath) else { return origin }
        return upload + origin.dropFirst(temporaryPath.count)
    }

    private func rewritten(_ record: DocumentRecord) -> DocumentRecord {
        var record = record
        record.origin = record.origin.map(origin)
        return record
    }

    func documentID(sha256: String) async throws -> DocumentID? { try await base.documentID(sha256: sha256) }

    func save(_ record: DocumentRecord, extraction: Extraction, nearDuplicateThreshold: Double) async throws -> SaveOutcome {
        try await base.save(rewritten(record), extraction: extraction, nearDuplicateThreshold: nearDuplicateThreshold)
    }

    func save(batch: [DocumentToSave], nearDuplicateThreshold: Double) async throws -> [BatchSaveResult] {
        let batch = batch.map { DocumentToSave(record: rewritten($0.record), extraction: $0.extraction) }
        return try await base.save(batch: batch, nearDuplicateThreshold: nearDuplicateThreshold)
    }

    func recordFailure(origin: String, message: String) async throws {
        try await base.recordFailure(origin: self.origin(origin), message: message)
    }

    func failures(limit: Int) async throws -> [IngestFailure] { try await base.failures(limit: limit) }
    func search(_ text: String, limit: Int) async throws -> [SearchHit] { try await base.search(text, limit: limit) }
    func claims(matching filter: ClaimFilter, limit: Int) async throws -> [ClaimRow] {
        try await base.claims(matching: filter, limit: limit)
    }
    func entity(named name: String, claimLimit: Int) async throws -> [EntityReport] {
        try await base.entity(named: name, claimLimit: claimLimit)
    }
    func document(_ reference: String) async throws -> StoredDocument? { try await base.document(reference) }
    func extraction(of document: DocumentID) async throws -> Extraction? { try await base.extraction(of: document) }
    func statistics() async throws -> StoreStatistics { try await base.statistics() }
}
