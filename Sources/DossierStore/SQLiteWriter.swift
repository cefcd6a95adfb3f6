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
        var same = try SQLiteRowBinder(db, "SELECT id FROM documents WHERE sha256 = ?")
        same.bind(record.sha256)
        if let existing = try same.firstInt64() { return .unchanged(existing) }
        let link = try record.fingerprint.flatMap { try nearestOriginal($0, threshold: nearDuplicateThreshold) }
        let id = try insertDocument(record, language: extraction.language)
        try SQLiteNameIndex.insertOutlet(db, document: id, published: record.metadata.published?.iso,
                                         words: prepared.outletWords)
        if let signature = record.fingerprint {
            let keys = signature.bandKeys
            try Self.bandRows.run(db, count: keys.count) { band, i in
                band.bind(i); band.bind(keys[i]); band.bind(id)
            }
        }
        var linkedTo: DocumentID?
        if let link, let signature = record.fingerprint {
            linkedTo = try attach(id, signature: signature, published: record.metadata.published?.iso, to: link)
        }
        // The full-text rows are written per batch, after its documents (`indexText`).
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
            var failure = try SQLiteRowBinder(db, "DELETE FROM ingest_failures WHERE origin = ?")
            failure.bind(origin)
            try failure.run()
        }
        return .added(id, nearDuplicateOf: linkedTo)
    }

    static let bandRows = SQLiteMultiRowInsert("INSERT OR IGNORE INTO document_bands (band, key, document_id) VALUES", columns: 3)

    /// The last document and claim ids before a batch: the full-text rows of what the
    /// batch adds are those after them (`indexText`).
    struct TextMark: Sendable, Hashable {
        var document: Int64
        var claim: Int64
    }

    func textMark() throws -> TextMark {
        var document = try SQLiteRowBinder(db, "SELECT MAX(id) FROM documents")
        var claim = try SQLiteRowBinder(db, "SELECT MAX(id) FROM claims")
        return TextMark(document: try document.firstInt64() ?? 0, claim: try claim.firstInt64() ?? 0)
    }

    /// Adds the documents and claims written since `mark` to `document_fts` and
    /// `claim_fts`, in id order: one statement per table for a whole batch.
    ///
    /// Why per batch and not per row: FTS5 keeps inserted rows in memory and writes them as
    /// a new segment whenever a savepoint begins — each document's own savepoint, and every
    /// multi-row statement (which opens a statement savepoint) — so per-row inserts wrote
    /// two small segments per document, and FTS5's automerge kept merging them (the
    /// multi-row statements that triggered the flush were then the writer's costliest:
    /// docs/store.md, "Round 10 — the writer's rows"). Inserted after the batch's
    /// documents, a batch's rows become one segment per table, flushed at the next
    /// savepoint or commit; the index is the same. Rows only ever append (ids grow, a
    /// rolled-back document leaves no row), so "after `mark`" is exactly what the batch added.
    func indexText(since mark: TextMark) throws {
        var documents = try SQLiteRowBinder(db, """
            INSERT INTO document_fts (rowid, title, text) SELECT id, title, text FROM documents WHERE id > ? ORDER BY id
            """)
        documents.bind(mark.document)
        try documents.run()
        var claims = try SQLiteRowBinder(db, "INSERT INTO claim_fts (rowid, text) SELECT id, text FROM claims WHERE id > ? ORDER BY id")
        claims.bind(mark.claim)
        try claims.run()
    }

    /// Links the new document into the group rooted at `link.original`, or — when it was
    /// published earlier than that root — makes it the group's new root, re-pointing every
    /// copy (the old root included) at it. Returns the copy it was linked with: the group's
    /// original, or the previous original when the new document took its place.
    private func attach(_ id: DocumentID, signature: MinHashSignature, published: String?,
                        to link: (original: DocumentID, similarity: Double)) throws -> DocumentID? {
        var root = try SQLiteRowBinder(db, "SELECT published FROM documents WHERE id = ?")
        root.bind(link.original)
        let rootPublished = try root.firstText()
        guard NearDuplicateOrder.displaces(candidate: published, root: rootPublished) else {
            var copy = try SQLiteRowBinder(db, "INSERT INTO near_duplicates (document_id, original_id, similarity) VALUES (?, ?, ?)")
            copy.bind(id); copy.bind(link.original); copy.bind(link.similarity)
            try copy.run()
            return link.original
        }
        // A new root (rare): the group's members, re-pointed one by one.
        let members = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, minhash FROM documents
            WHERE id = ?1 OR id IN (SELECT document_id FROM near_duplicates WHERE original_id = ?1)
            """), arguments: [link.original])
        for member in members {
            let blob: Data? = member["minhash"]
            let similarity = blob.flatMap { MinHashSignature(bytes: [UInt8]($0)) }.map(signature.similarity) ?? link.similarity
            try db.cachedStatement(sql: """
                INSERT INTO near_duplicates (document_id, original_id, similarity) VALUES (?, ?, ?)
                ON CONFLICT (document_id) DO UPDATE SET original_id = excluded.original_id, similarity = excluded.similarity
                """).execute(arguments: [member["id"] as DocumentID, id, similarity])
        }
        return link.original
    }

    /// The earliest stored document at least `threshold` similar, followed to its own
    /// original so that all copies point at one root. Candidates come from the band
    /// index (locality-sensitive hashing), so the table is never scanned.
    private func nearestOriginal(_ signature: MinHashSignature, threshold: Double) throws -> (original: DocumentID, similarity: Double)? {
        guard threshold > 0, threshold <= 1 else { return nil }
        let keys = signature.bandKeys
        var bands = try SQLiteRowBinder(db, keys.count == MinHashSignature.bands ? Self.bandQuery : Self.bandSQL(keys.count))
        for (i, key) in keys.enumerated() { bands.bind(i); bands.bind(key) }
        let candidates = try bands.allInt64()
        for candidate in candidates {
            var minhash = try SQLiteRowBinder(db, "SELECT minhash FROM documents WHERE id = ?")
            minhash.bind(candidate)
            guard let blob = try minhash.firstBlob(), let stored = MinHashSignature(bytes: blob) else { continue }
            let similarity = signature.similarity(stored)
            guard similarity >= threshold else { continue }
            var original = try SQLiteRowBinder(db, "SELECT original_id FROM near_duplicates WHERE document_id = ?")
            original.bind(candidate)
            return (try original.firstInt64() ?? candidate, similarity)
        }
        return nil
    }

    /// The documents sharing a band key with a signature of `count` bands (`band`, `key`
    /// bound in band order). Built once for the usual count: the statement stays cached.
    static let bandQuery = bandSQL(MinHashSignature.bands)

    static func bandSQL(_ count: Int) -> String {
        let conditions = (0..<count).map { _ in "(band = ? AND key = ?)" }.joined(separator: " OR ")
        return "SELECT DISTINCT document_id FROM document_bands WHERE \(conditions) ORDER BY document_id"
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
    /// (`SQLiteRowBinder`), many rows per statement (`SQLiteMultiRowInsert`): these are
    /// most of a document's rows.
    private func insertItems(of e: Extraction, prepared: PreparedDocument, document id: DocumentID) throws -> [Int64] {
        try Self.mentionRows.run(db, count: e.entities.count) { row, i in
            let m = e.entities[i], keys = prepared.mentions[i]
            row.bind(id); row.bind(i); row.bind(m.start); row.bind(m.end); row.bind(m.text)
            row.bind(m.type.rawValue); row.bind(m.canonical); row.bind(m.entityId); row.bind(m.role)
            row.bind(m.country); row.bind(m.isMedia); row.bind(m.origin)
            row.bind(keys.nameKey); row.bind(keys.textKey)
        }
        try Self.quantityRows.run(db, count: e.quantities.count) { row, i in
            let q = e.quantities[i]
            row.bind(id); row.bind(i); row.bind(q.start); row.bind(q.end); row.bind(q.text)
            row.bind(q.kind.rawValue); row.bind(q.value); row.bind(q.min); row.bind(q.max)
            row.bind(q.unit); row.bind(q.counted); row.bind(q.category)
            row.bind(q.approximate?.rawValue); row.bind(q.bound?.rawValue)
        }
        try Self.timeRows.run(db, count: e.times.count) { row, i in
            let t = e.times[i]
            row.bind(id); row.bind(i); row.bind(t.start); row.bind(t.end); row.bind(t.text)
            row.bind(t.kind.rawValue); row.bind(WriterJSON.string(t.value)); row.bind(t.qualifier); row.bind(t.relative)
        }
        try Self.attributionRows.run(db, count: e.attributions.count) { row, i in
            let a = e.attributions[i], keys = prepared.attributions[i]
            row.bind(id); row.bind(i); row.bind(a.source?.text); row.bind(a.sourceCanonical)
            row.bind(a.sourceKind.rawValue); row.bind(a.sourceSector); row.bind(keys?.sourceKey)
            row.bind(a.cue.text); row.bind(a.content.start); row.bind(a.content.end)
            row.bind(a.kind.rawValue); row.bind(a.channel?.text); row.bind(a.channelCanonical)
            row.bind(keys?.channelKey)
        }
        try Self.hedgeRows.run(db, count: e.hedges.count) { row, i in
            let h = e.hedges[i]
            row.bind(id); row.bind(i); row.bind(h.start); row.bind(h.end); row.bind(h.text); row.bind(h.kind.rawValue)
        }
        return try insertClaims(e.claims, document: id)
    }

    static let mentionRows = SQLiteMultiRowInsert("""
        INSERT INTO entity_mentions (document_id, idx, start, "end", text, type, canonical, entity_id,
            role, country, is_media, origin, name_key, text_key) VALUES
        """, columns: 14)
    static let quantityRows = SQLiteMultiRowInsert("""
        INSERT INTO quantities (document_id, idx, start, "end", text, kind, value, min, max, unit,
            counted, category, approximate, bound) VALUES
        """, columns: 14)
    static let timeRows = SQLiteMultiRowInsert("""
        INSERT INTO times (document_id, idx, start, "end", text, kind, value, qualifier, relative) VALUES
        """, columns: 9)
    static let attributionRows = SQLiteMultiRowInsert("""
        INSERT INTO attributions (document_id, idx, source_text, source_canonical, source_kind,
            source_sector, source_key, cue, content_start, content_end, kind,
            channel_text, channel_canonical, channel_key) VALUES
        """, columns: 14)
    static let hedgeRows = SQLiteMultiRowInsert("""
        INSERT INTO hedges (document_id, idx, start, "end", text, kind) VALUES
        """, columns: 6)

    /// Claims `chunk` per statement, their ids given by the writer — it holds the write
    /// lock, so the ids after the greatest stored one are free — instead of one statement
    /// per claim and `lastInsertedRowID` after each. A claim's entity links are a column
    /// (`ClaimEntities`); its other links live in the extraction JSON only.
    private func insertClaims(_ claims: [Claim], document id: DocumentID) throws -> [Int64] {
        guard !claims.isEmpty else { return [] }
        var last = try SQLiteRowBinder(db, "SELECT MAX(id) FROM claims")
        let first = (try last.firstInt64() ?? 0) + 1
        let ids = claims.indices.map { first + Int64($0) }
        try Self.claimRows.run(db, count: claims.count) { row, i in
            let c = claims[i]
            row.bind(ids[i]); row.bind(id); row.bind(i); row.bind(c.start); row.bind(c.end); row.bind(c.text)
            row.bind(c.attribution); row.bind(c.certainty.rawValue); row.bind(c.direct)
            row.bind(ClaimEntities.column(c.entities))
        }
        return ids
    }

    static let claimRows = SQLiteMultiRowInsert("""
        INSERT INTO claims (id, document_id, idx, start, "end", text, attribution_idx, certainty, direct, entities) VALUES
        """, columns: 10)
}
