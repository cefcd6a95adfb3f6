import DossierCore
import Foundation
import GRDB

/// Writes one document inside the caller's transaction. Statements are cached on the
/// connection, so a batch prepares each INSERT once.
struct SQLiteWriter {
    let db: Database

    func save(_ record: DocumentRecord, extraction: Extraction, prepared: PreparedDocument,
              nearDuplicateThreshold: Double) throws -> SaveOutcome {
        // Same bytes, same document: checked inside the transaction, so two processes
        // racing on one file cannot both insert it.
        if let existing = try DocumentID.fetchOne(db, sql: "SELECT id FROM documents WHERE sha256 = ?",
                                                  arguments: [record.sha256]) {
            return .unchanged(existing)
        }
        let link = try record.fingerprint.flatMap { try nearestOriginal($0, threshold: nearDuplicateThreshold) }
        let id = try insertDocument(record, language: extraction.language)
        if let signature = record.fingerprint {
            let band = try db.cachedStatement(sql: "INSERT OR IGNORE INTO document_bands (band, key, document_id) VALUES (?, ?, ?)")
            for (i, key) in signature.bandKeys.enumerated() { try band.execute(arguments: [i, key, id]) }
        }
        var linkedTo: DocumentID?
        if let link, let signature = record.fingerprint {
            linkedTo = try attach(id, signature: signature, published: record.metadata.published?.iso, to: link)
        }
        try db.cachedStatement(sql: "INSERT INTO document_fts (rowid, title, text) VALUES (?, ?, ?)")
            .execute(arguments: [id, record.metadata.title, record.text])
        try db.cachedStatement(sql: """
            INSERT INTO extractions (document_id, schema, language, truncated, json) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [id, extraction.schema, extraction.language.rawValue, extraction.truncated, prepared.json])
        let claimIDs = try insertItems(of: extraction, prepared: prepared, document: id)
        try SQLiteNameIndex.insert(db, document: id, published: record.metadata.published?.iso, rows: prepared.index,
                                   claimIDs: claimIDs)
        try SQLiteNameStats.record(db, document: id, published: record.metadata.published?.iso, linkedTo: linkedTo,
                                   delta: prepared.stats, claims: extraction.claims.count)
        if let origin = record.origin {
            try db.cachedStatement(sql: "DELETE FROM ingest_failures WHERE origin = ?").execute(arguments: [origin])
        }
        return .added(id, nearDuplicateOf: linkedTo)
    }

    /// Links the new document into the group rooted at `link.original`, or — when it was
    /// published earlier than that root — makes it the group's new root, re-pointing every
    /// copy (the old root included) at it. Returns the copy it was linked with: the group's
    /// original, or the previous original when the new document took its place.
    private func attach(_ id: DocumentID, signature: MinHashSignature, published: String?,
                        to link: (original: DocumentID, similarity: Double)) throws -> DocumentID? {
        let rootPublished = try String.fetchOne(db, sql: "SELECT published FROM documents WHERE id = ?",
                                                arguments: [link.original])
        guard NearDuplicateOrder.displaces(candidate: published, root: rootPublished) else {
            try db.cachedStatement(sql: "INSERT INTO near_duplicates (document_id, original_id, similarity) VALUES (?, ?, ?)")
                .execute(arguments: [id, link.original, link.similarity])
            return link.original
        }
        let members = try Row.fetchAll(db, sql: """
            SELECT id, minhash FROM documents
            WHERE id = ?1 OR id IN (SELECT document_id FROM near_duplicates WHERE original_id = ?1)
            """, arguments: [link.original])
        for member in members {
            let blob: Data? = member["minhash"]
            let similarity = blob.flatMap { MinHashSignature(bytes: [UInt8]($0)) }.map(signature.similarity) ?? link.similarity
            try db.execute(sql: """
                INSERT INTO near_duplicates (document_id, original_id, similarity) VALUES (?, ?, ?)
                ON CONFLICT (document_id) DO UPDATE SET original_id = excluded.original_id, similarity = excluded.similarity
                """, arguments: [member["id"] as DocumentID, id, similarity])
        }
        return link.original
    }

    /// The earliest stored document at least `threshold` similar, followed to its own
    /// original so that all copies point at one root. Candidates come from the band
    /// index (locality-sensitive hashing), so the table is never scanned.
    private func nearestOriginal(_ signature: MinHashSignature, threshold: Double) throws -> (original: DocumentID, similarity: Double)? {
        guard threshold > 0, threshold <= 1 else { return nil }
        let keys = signature.bandKeys
        let conditions = keys.indices.map { _ in "(band = ? AND key = ?)" }.joined(separator: " OR ")
        var arguments = StatementArguments()
        for (i, key) in keys.enumerated() { arguments += [i, key] }
        let candidates = try DocumentID.fetchAll(db, sql: """
            SELECT DISTINCT document_id FROM document_bands WHERE \(conditions) ORDER BY document_id
            """, arguments: arguments)
        for candidate in candidates {
            guard let blob = try Data.fetchOne(db, sql: "SELECT minhash FROM documents WHERE id = ?", arguments: [candidate]),
                  let stored = MinHashSignature(bytes: [UInt8](blob)) else { continue }
            let similarity = signature.similarity(stored)
            guard similarity >= threshold else { continue }
            let root = try DocumentID.fetchOne(db, sql: "SELECT original_id FROM near_duplicates WHERE document_id = ?",
                                               arguments: [candidate]) ?? candidate
            return (root, similarity)
        }
        return nil
    }

    private func insertDocument(_ record: DocumentRecord, language: Language) throws -> DocumentID {
        let m = record.metadata
        let arguments: StatementArguments = [
            record.sha256, record.fingerprint.map { Data($0.bytes) },
            m.id, m.title, record.author, m.outlet, m.outlet.map(NameKey.fold), m.url, m.published?.iso,
            (record.language ?? language).rawValue, record.origin,
            record.text.unicodeScalars.count, record.text,
        ]
        try db.cachedStatement(sql: """
            INSERT INTO documents (sha256, minhash,
                external_id, title, author, outlet, outlet_key, url, published,
                language, origin, added_at, length, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?)
            """).execute(arguments: arguments)
        return db.lastInsertedRowID
    }

    /// The normalised rows; returns the claims' ids by index.
    private func insertItems(of e: Extraction, prepared: PreparedDocument, document id: DocumentID) throws -> [Int64] {
        let mention = try db.cachedStatement(sql: """
            INSERT INTO entity_mentions (document_id, idx, start, "end", text, type, canonical, entity_id,
                role, country, is_media, origin, name_key, text_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, m) in e.entities.enumerated() {
            let keys = prepared.mentions[i]
            try mention.execute(arguments: [id, i, m.start, m.end, m.text, m.type.rawValue, m.canonical,
                                            m.entityId, m.role, m.country, m.isMedia, m.origin, keys.nameKey, keys.textKey])
        }
        let quantity = try db.cachedStatement(sql: """
            INSERT INTO quantities (document_id, idx, start, "end", text, kind, value, min, max, unit,
                counted, category, approximate, bound)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, q) in e.quantities.enumerated() {
            try quantity.execute(arguments: [id, i, q.start, q.end, q.text, q.kind.rawValue, q.value, q.min,
                                             q.max, q.unit, q.counted, q.category, q.approximate?.rawValue,
                                             q.bound?.rawValue])
        }
        let time = try db.cachedStatement(sql: """
            INSERT INTO times (document_id, idx, start, "end", text, kind, value, qualifier, relative)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, t) in e.times.enumerated() {
            let value = WriterJSON.string(t.value)
            try time.execute(arguments: [id, i, t.start, t.end, t.text, t.kind.rawValue, value,
                                         t.qualifier, t.relative])
        }
        let attribution = try db.cachedStatement(sql: """
            INSERT INTO attributions (document_id, idx, source_text, source_canonical, source_kind,
                source_sector, source_key, cue, content_start, content_end, kind,
                channel_text, channel_canonical, channel_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, a) in e.attributions.enumerated() {
            let keys = prepared.attributions[i]
            try attribution.execute(arguments: [
                id, i, a.source?.text, a.sourceCanonical, a.sourceKind.rawValue, a.sourceSector,
                keys?.sourceKey, a.cue.text, a.content.start, a.content.end, a.kind.rawValue,
                a.channel?.text, a.channelCanonical, keys?.channelKey,
            ])
        }
        let hedge = try db.cachedStatement(sql: """
            INSERT INTO hedges (document_id, idx, start, "end", text, kind) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (i, h) in e.hedges.enumerated() {
            try hedge.execute(arguments: [id, i, h.start, h.end, h.text, h.kind.rawValue])
        }
        return try insertClaims(e.claims, document: id)
    }

    private func insertClaims(_ claims: [Claim], document id: DocumentID) throws -> [Int64] {
        let claim = try db.cachedStatement(sql: """
            INSERT INTO claims (document_id, idx, start, "end", text, attribution_idx, certainty, direct)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let fts = try db.cachedStatement(sql: "INSERT INTO claim_fts (rowid, text) VALUES (?, ?)")
        let link = try db.cachedStatement(sql: "INSERT OR IGNORE INTO claim_links (claim_id, kind, idx) VALUES (?, ?, ?)")
        var ids: [Int64] = []
        ids.reserveCapacity(claims.count)
        for (i, c) in claims.enumerated() {
            try claim.execute(arguments: [id, i, c.start, c.end, c.text, c.attribution, c.certainty.rawValue, c.direct])
            let claimID = db.lastInsertedRowID
            ids.append(claimID)
            try fts.execute(arguments: [claimID, c.text])
            for (kind, indices) in [("entity", c.entities), ("quantity", c.quantities), ("time", c.times), ("hedge", c.hedges)] {
                for index in indices { try link.execute(arguments: [claimID, kind, index]) }
            }
        }
        return ids
    }
}
