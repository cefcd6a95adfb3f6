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
        try SQLiteNameIndex.insertOutlet(db, document: id, published: record.metadata.published?.iso,
                                         words: prepared.outletWords)
        if let signature = record.fingerprint {
            var band = try SQLiteRowBinder(db, "INSERT OR IGNORE INTO document_bands (band, key, document_id) VALUES (?, ?, ?)")
            for (i, key) in signature.bandKeys.enumerated() {
                band.bind(i); band.bind(key); band.bind(id)
                try band.run()
            }
        }
        var linkedTo: DocumentID?
        if let link, let signature = record.fingerprint {
            linkedTo = try attach(id, signature: signature, published: record.metadata.published?.iso, to: link)
        }
        var fts = try SQLiteRowBinder(db, "INSERT INTO document_fts (rowid, title, text) VALUES (?, ?, ?)")
        fts.bind(id); fts.bind(record.metadata.title); fts.bind(record.text)
        try fts.run()
        var json = try SQLiteRowBinder(db, """
            INSERT INTO extractions (document_id, schema, language, truncated, json) VALUES (?, ?, ?, ?, ?)
            """)
        json.bind(id); json.bind(extraction.schema); json.bind(extraction.language.rawValue); json.bind(extraction.truncated)
        json.bind(prepared.sqliteJSON)
        try json.run()
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
        var row = try SQLiteRowBinder(db, """
            INSERT INTO documents (sha256, minhash,
                external_id, title, author, outlet, outlet_key, url, published,
                language, origin, added_at, length, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?)
            """)
        row.bind(record.sha256); row.bind(record.fingerprint?.bytes)
        row.bind(m.id); row.bind(m.title); row.bind(record.author); row.bind(m.outlet); row.bind(m.outlet.map(NameKey.fold))
        row.bind(m.url); row.bind(m.published?.iso)
        row.bind((record.language ?? language).rawValue); row.bind(record.origin)
        row.bind(record.text.unicodeScalars.count); row.bind(record.text)
        try row.run()
        return db.lastInsertedRowID
    }

    /// The normalised rows; returns the claims' ids by index. Values are bound one by one
    /// (`SQLiteRowBinder`): these are most of a document's rows.
    private func insertItems(of e: Extraction, prepared: PreparedDocument, document id: DocumentID) throws -> [Int64] {
        var mention = try SQLiteRowBinder(db, """
            INSERT INTO entity_mentions (document_id, idx, start, "end", text, type, canonical, entity_id,
                role, country, is_media, origin, name_key, text_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, m) in e.entities.enumerated() {
            let keys = prepared.mentions[i]
            mention.bind(id); mention.bind(i); mention.bind(m.start); mention.bind(m.end); mention.bind(m.text)
            mention.bind(m.type.rawValue); mention.bind(m.canonical); mention.bind(m.entityId); mention.bind(m.role)
            mention.bind(m.country); mention.bind(m.isMedia); mention.bind(m.origin)
            mention.bind(keys.nameKey); mention.bind(keys.textKey)
            try mention.run()
        }
        var quantity = try SQLiteRowBinder(db, """
            INSERT INTO quantities (document_id, idx, start, "end", text, kind, value, min, max, unit,
                counted, category, approximate, bound)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, q) in e.quantities.enumerated() {
            quantity.bind(id); quantity.bind(i); quantity.bind(q.start); quantity.bind(q.end); quantity.bind(q.text)
            quantity.bind(q.kind.rawValue); quantity.bind(q.value); quantity.bind(q.min); quantity.bind(q.max)
            quantity.bind(q.unit); quantity.bind(q.counted); quantity.bind(q.category)
            quantity.bind(q.approximate?.rawValue); quantity.bind(q.bound?.rawValue)
            try quantity.run()
        }
        var time = try SQLiteRowBinder(db, """
            INSERT INTO times (document_id, idx, start, "end", text, kind, value, qualifier, relative)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, t) in e.times.enumerated() {
            time.bind(id); time.bind(i); time.bind(t.start); time.bind(t.end); time.bind(t.text)
            time.bind(t.kind.rawValue); time.bind(WriterJSON.string(t.value)); time.bind(t.qualifier); time.bind(t.relative)
            try time.run()
        }
        var attribution = try SQLiteRowBinder(db, """
            INSERT INTO attributions (document_id, idx, source_text, source_canonical, source_kind,
                source_sector, source_key, cue, content_start, content_end, kind,
                channel_text, channel_canonical, channel_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, a) in e.attributions.enumerated() {
            let keys = prepared.attributions[i]
            attribution.bind(id); attribution.bind(i); attribution.bind(a.source?.text); attribution.bind(a.sourceCanonical)
            attribution.bind(a.sourceKind.rawValue); attribution.bind(a.sourceSector); attribution.bind(keys?.sourceKey)
            attribution.bind(a.cue.text); attribution.bind(a.content.start); attribution.bind(a.content.end)
            attribution.bind(a.kind.rawValue); attribution.bind(a.channel?.text); attribution.bind(a.channelCanonical)
            attribution.bind(keys?.channelKey)
            try attribution.run()
        }
        var hedge = try SQLiteRowBinder(db, """
            INSERT INTO hedges (document_id, idx, start, "end", text, kind) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (i, h) in e.hedges.enumerated() {
            hedge.bind(id); hedge.bind(i); hedge.bind(h.start); hedge.bind(h.end); hedge.bind(h.text); hedge.bind(h.kind.rawValue)
            try hedge.run()
        }
        return try insertClaims(e.claims, document: id)
    }

    private func insertClaims(_ claims: [Claim], document id: DocumentID) throws -> [Int64] {
        var claim = try SQLiteRowBinder(db, """
            INSERT INTO claims (document_id, idx, start, "end", text, attribution_idx, certainty, direct)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var fts = try SQLiteRowBinder(db, "INSERT INTO claim_fts (rowid, text) VALUES (?, ?)")
        var link = try SQLiteRowBinder(db, "INSERT OR IGNORE INTO claim_links (claim_id, kind, idx) VALUES (?, ?, ?)")
        var ids: [Int64] = []
        ids.reserveCapacity(claims.count)
        for (i, c) in claims.enumerated() {
            claim.bind(id); claim.bind(i); claim.bind(c.start); claim.bind(c.end); claim.bind(c.text)
            claim.bind(c.attribution); claim.bind(c.certainty.rawValue); claim.bind(c.direct)
            try claim.run()
            let claimID = db.lastInsertedRowID
            ids.append(claimID)
            fts.bind(claimID); fts.bind(c.text)
            try fts.run()
            for (kind, indices) in [("entity", c.entities), ("quantity", c.quantities), ("time", c.times), ("hedge", c.hedges)] {
                for index in indices {
                    link.bind(claimID); link.bind(kind); link.bind(index)
                    try link.run()
                }
            }
        }
        return ids
    }
}
