import DossierCore
import Foundation
import PostgresNIO

/// Writes documents inside the caller's transaction on `connection` (which holds the
/// writers' advisory lock), with statements of fixed text prepared once per connection.
///
/// A batch costs a few round trips, not a few per document: one lookup of the stored
/// hashes, one of the near-duplicate candidates of every document (band index), then
/// every run of documents that need no near-duplicate link is written by ONE
/// `PostgresRowsStatement` (ids drawn first, in one round trip). A document that does
/// have a near-duplicate (a stored one, or an earlier one of the same batch), or repeats
/// an earlier document's bytes, is written alone, in input order, by `save(_:)` — the
/// linking and re-linking logic needs to see everything before it. Most news documents
/// are not copies, so most go the bulk way.
///
/// Each document is still all-or-nothing and a failing one does not undo the others:
/// a run is written under a savepoint and, if its statement fails, rolled back and
/// written again document by document, each under its own savepoint.
struct PostgresWriter {
    let connection: PostgresConnection

    func save(batch: [DocumentToSave], nearDuplicateThreshold threshold: Double) async throws -> [BatchSaveResult] {
        var results = [BatchSaveResult?](repeating: nil, count: batch.count)
        let prepared = batch.map { PreparedDocument.fitting($0.prepared, $0.record, $0.extraction, for: .postgres) }
        let hashes = try await connection.rows(PostgresStoredHashes(hashes: batch.map(\.record.sha256)))
        let stored = Dictionary(hashes, uniquingKeysWith: { first, _ in first })
        let linking = threshold > 0 && threshold <= 1
        // Signatures already in the store that share a band with a document of the batch.
        var candidates: [MinHashSignature] = []
        if linking {
            var bands: [Int64] = [], keys: [Int64] = []
            for item in batch where stored[item.record.sha256] == nil {
                for (band, key) in (item.record.fingerprint?.bandKeys ?? []).enumerated() {
                    bands.append(Int64(band))
                    keys.append(key)
                }
            }
            if !bands.isEmpty {
                for (_, blob, _) in try await connection.rows(PostgresBandCandidates(bands: bands, keys: keys)) {
                    if let blob, let signature = MinHashSignature(bytes: [UInt8](blob)) { candidates.append(signature) }
                }
            }
        }
        let candidateBands = candidates.map(\.bandKeys)
        var earlier: [(signature: MinHashSignature, bands: [Int64])] = []
        var seen = Set<String>()
        var run: [Int] = []
        for (i, item) in batch.enumerated() {
            let record = item.record
            if let id = stored[record.sha256] {
                results[i] = .saved(.unchanged(id))
                continue
            }
            var alone = !seen.insert(record.sha256).inserted
            if linking, let signature = record.fingerprint {
                let bands = signature.bandKeys
                func near(_ other: MinHashSignature, _ otherBands: [Int64]) -> Bool {
                    zip(bands, otherBands).contains { $0 == $1 } && signature.similarity(other) >= threshold
                }
                alone = alone || zip(candidates, candidateBands).contains { near($0, $1) }
                    || earlier.contains { near($0.signature, $0.bands) }
                earlier.append((signature, bands))
            }
            if alone {
                try await write(run, of: batch, prepared: prepared, threshold: threshold, into: &results)
                run.removeAll()
                results[i] = try await saveUnderSavepoint(batch[i], prepared: prepared[i], threshold: threshold)
            } else {
                run.append(i)
            }
        }
        try await write(run, of: batch, prepared: prepared, threshold: threshold, into: &results)
        return results.map { $0 ?? .failed("not stored") }
    }

    /// Writes a run of documents without near-duplicates in one statement, under a
    /// savepoint; if it fails, again one by one, so only the failing documents are lost.
    private func write(_ run: [Int], of batch: [DocumentToSave], prepared: [PreparedDocument], threshold: Double,
                       into results: inout [BatchSaveResult?]) async throws {
        guard !run.isEmpty else { return }
        try await connection.run("SAVEPOINT run")
        do {
            let claims = run.reduce(0) { $0 + batch[$1].extraction.claims.count }
            let ids = try await drawIDs(documents: run.count, claims: claims)
            var rows = PostgresRows()
            var next = 0
            for (k, i) in run.enumerated() {
                let n = batch[i].extraction.claims.count
                rows.add(document: ids.documents[k], claimIDs: Array(ids.claims[next..<next + n]), record: batch[i].record,
                         extraction: batch[i].extraction, prepared: prepared[i])
                next += n
            }
            _ = try await connection.rows(PostgresRowsStatement(rows: rows, counts: true))
            try await connection.run("RELEASE SAVEPOINT run")
            for (k, i) in run.enumerated() { results[i] = .saved(.added(ids.documents[k], nearDuplicateOf: nil)) }
        } catch {
            try await connection.run("ROLLBACK TO SAVEPOINT run")
            try await connection.run("RELEASE SAVEPOINT run")
            for i in run { results[i] = try await saveUnderSavepoint(batch[i], prepared: prepared[i], threshold: threshold) }
        }
    }

    private func saveUnderSavepoint(_ item: DocumentToSave, prepared: PreparedDocument, threshold: Double) async throws -> BatchSaveResult {
        try await connection.run("SAVEPOINT document")
        do {
            let outcome = try await save(item.record, extraction: item.extraction, prepared: prepared,
                                         nearDuplicateThreshold: threshold)
            try await connection.run("RELEASE SAVEPOINT document")
            return .saved(outcome)
        } catch {
            try await connection.run("ROLLBACK TO SAVEPOINT document")
            try await connection.run("RELEASE SAVEPOINT document")
            return .failed(PostgresErrors.message(error))
        }
    }

    private func drawIDs(documents: Int, claims: Int) async throws -> (documents: [Int64], claims: [Int64]) {
        guard let (d, c) = try await connection.rows(PostgresIDs(documents: documents, claims: claims)).first,
              d.count == documents, c.count == claims else { throw StoreError("no ids drawn") }
        return (d.sorted(), c.sorted())
    }

    /// One document: same-bytes check, near-duplicate lookup, its rows, its link, its
    /// counters.
    func save(_ record: DocumentRecord, extraction: Extraction, prepared: PreparedDocument,
              nearDuplicateThreshold: Double) async throws -> SaveOutcome {
        // Same bytes, same document: checked inside the transaction, so two writers
        // racing on one document cannot both insert it.
        if let (_, id) = try await connection.rows(PostgresStoredHashes(hashes: [record.sha256])).first {
            return .unchanged(id)
        }
        let link = try await record.fingerprint.asyncFlatMap {
            try await nearestOriginal($0, threshold: nearDuplicateThreshold)
        }
        let ids = try await drawIDs(documents: 1, claims: extraction.claims.count)
        let id = ids.documents[0]
        var rows = PostgresRows()
        rows.add(document: id, claimIDs: ids.claims, record: record, extraction: extraction, prepared: prepared)
        _ = try await connection.rows(PostgresRowsStatement(rows: rows, counts: false))
        var linkedTo: DocumentID?
        if let link, let signature = record.fingerprint {
            linkedTo = try await attach(id, signature: signature, published: record.metadata.published?.iso, to: link)
        }
        // The name counters read the mention rows just written, and the link.
        try await PostgresNameStats.record(connection, document: id, published: record.metadata.published?.iso, linkedTo: linkedTo)
        return .added(id, nearDuplicateOf: linkedTo)
    }

    /// Links the new document into the group rooted at `link.original`, or — when it was
    /// published earlier than that root — makes it the group's new root, re-pointing every
    /// copy at it. Returns the copy it was linked with: the group's original, or the
    /// previous original when the new document took its place.
    private func attach(_ id: DocumentID, signature: MinHashSignature, published: String?,
                        to link: (original: DocumentID, similarity: Double)) async throws -> DocumentID? {
        var rootQuery = SQLBuilder("SELECT published, minhash FROM documents WHERE id = ")
        rootQuery.bind(.int(link.original))
        let root = try await connection.run(rootQuery).first
        let rootPublished = try root?.makeRandomAccess()["published"].decode(String?.self)
        guard NearDuplicateOrder.displaces(candidate: published, root: rootPublished) else {
            var insert = SQLBuilder("INSERT INTO near_duplicates (document_id, original_id, similarity) VALUES (")
            insert.bind(.int(id)); insert.add(", "); insert.bind(.int(link.original)); insert.add(", ")
            insert.bind(.double(link.similarity)); insert.add(")")
            try await connection.run(insert)
            return link.original
        }
        // The new copy is older: every member of the group, the old root included, now
        // points at it, with its similarity to the new root.
        var members = SQLBuilder("""
            SELECT d.id, d.minhash FROM documents d
            WHERE d.id = 
            """)
        members.bind(.int(link.original))
        members.add(" OR d.id IN (SELECT document_id FROM near_duplicates WHERE original_id = ")
        members.bind(.int(link.original))
        members.add(")")
        var rows: [[PGValue]] = []
        for row in try await connection.run(members) {
            let (member, blob) = try row.decode((Int64, Data?).self)
            let similarity = blob.flatMap { MinHashSignature(bytes: [UInt8]($0)) }.map(signature.similarity) ?? link.similarity
            rows.append([.int(member), .int(id), .double(similarity)])
        }
        _ = try await connection.insertRows("near_duplicates", columns: ["document_id", "original_id", "similarity"], rows: rows,
                                            suffix: " ON CONFLICT (document_id) DO UPDATE SET original_id = EXCLUDED.original_id, similarity = EXCLUDED.similarity")
        return link.original
    }

    /// The group of the first stored document at least `threshold` similar (its root, if
    /// it is itself a copy). Candidates come from the band index, never a scan.
    private func nearestOriginal(_ signature: MinHashSignature, threshold: Double) async throws -> (original: DocumentID, similarity: Double)? {
        guard threshold > 0, threshold <= 1 else { return nil }
        let keys = signature.bandKeys
        let candidates = try await connection.rows(PostgresBandCandidates(bands: keys.indices.map(Int64.init), keys: keys))
        for (candidate, blob, original) in candidates {
            guard let blob, let stored = MinHashSignature(bytes: [UInt8](blob)) else { continue }
            let similarity = signature.similarity(stored)
            if similarity >= threshold { return (original ?? candidate, similarity) }
        }
        return nil
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
