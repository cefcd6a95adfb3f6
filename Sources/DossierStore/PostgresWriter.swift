import DossierCore
import Foundation
import PostgresNIO

/// Writes one document inside the caller's transaction on `connection`: the lookups
/// (same bytes, near-duplicates), the `documents` row, then every other row in one
/// statement (`PostgresItemStatement`) — or, for a document too large for one statement,
/// one multi-row INSERT per table. A document costs a fixed number of round trips
/// whatever its size.
struct PostgresWriter {
    let connection: PostgresConnection

    func save(_ record: DocumentRecord, extraction: Extraction, json: String,
              nearDuplicateThreshold: Double) async throws -> SaveOutcome {
        var check = SQLBuilder("SELECT id FROM documents WHERE sha256 = ")
        check.bind(.text(record.sha256))
        if let row = try await connection.run(check).first {
            return .unchanged(try row.decode(Int64.self))
        }
        let link = try await record.fingerprint.asyncFlatMap {
            try await nearestOriginal($0, threshold: nearDuplicateThreshold)
        }
        let id = try await insertDocument(record, language: extraction.language)
        var linkedTo: DocumentID?
        if let link, let signature = record.fingerprint {
            linkedTo = try await attach(id, signature: signature, published: record.metadata.published?.iso, to: link)
        }
        let language = record.language ?? extraction.language
        if let statement = PostgresItemStatement.make(document: id, record: record, extraction: extraction, json: json,
                                                      language: language) {
            try await statement.run(on: connection)
            // The name counters read the mention rows just written.
            try await PostgresNameStats.record(connection, document: id, published: record.metadata.published?.iso, linkedTo: linkedTo)
            return .added(id, nearDuplicateOf: linkedTo)
        }
        // Too many rows for one statement: table by table.
        if let signature = record.fingerprint {
            _ = try await connection.insertRows("document_bands", columns: ["band", "key", "document_id"],
                                                rows: signature.bandKeys.enumerated().map { [.int($0.offset), .int($0.element), .int(id)] },
                                                suffix: " ON CONFLICT DO NOTHING")
        }
        var ex = SQLBuilder("INSERT INTO extractions (document_id, schema, language, truncated, json) VALUES (")
        ex.bind(.int(id)); ex.add(", "); ex.bind(.text(extraction.schema)); ex.add(", ")
        ex.bind(.text(extraction.language.rawValue)); ex.add(", "); ex.bind(.bool(extraction.truncated)); ex.add(", ")
        ex.bind(.text(json)); ex.add(")")
        try await connection.run(ex)
        try await insertItems(of: extraction, document: id, language: language,
                              published: record.metadata.published?.iso, outletKey: record.metadata.outlet.map(NameKey.fold))
        try await PostgresNameStats.record(connection, document: id, published: record.metadata.published?.iso, linkedTo: linkedTo)
        if let origin = record.origin {
            var clear = SQLBuilder("DELETE FROM ingest_failures WHERE origin = ")
            clear.bind(.text(origin))
            try await connection.run(clear)
        }
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
        var sql = SQLBuilder("""
            SELECT d.id, d.minhash, n.original_id FROM documents d LEFT JOIN near_duplicates n ON n.document_id = d.id
            WHERE d.id IN (SELECT document_id FROM document_bands WHERE
            """)
        for (i, key) in signature.bandKeys.enumerated() {
            sql.add(i == 0 ? " (band = " : " OR (band = ")
            sql.bind(.int(i)); sql.add(" AND key = "); sql.bind(.int(key)); sql.add(")")
        }
        sql.add(") ORDER BY d.id")
        for row in try await connection.run(sql) {
            let (candidate, blob, original) = try row.decode((Int64, Data?, Int64?).self)
            guard let blob, let stored = MinHashSignature(bytes: [UInt8](blob)) else { continue }
            let similarity = signature.similarity(stored)
            if similarity >= threshold { return (original ?? candidate, similarity) }
        }
        return nil
    }

    private func insertDocument(_ record: DocumentRecord, language: Language) async throws -> DocumentID {
        let m = record.metadata
        let lang = (record.language ?? language).rawValue
        let config = PostgresSchema.textSearchConfiguration(for: lang)
        var sql = SQLBuilder("""
            INSERT INTO documents (sha256, minhash, external_id, title, author, outlet, outlet_key, url, published,
                language, origin, added_at, length, text, fts_config, fts)
            VALUES (
            """)
        let values: [PGValue] = [
            .text(record.sha256), .bytes(record.fingerprint.map { Data($0.bytes) }), .text(m.id), .text(m.title),
            .text(record.author), .text(m.outlet), .text(m.outlet.map(NameKey.fold)), .text(m.url),
            .text(m.published?.iso), .text(lang), .text(record.origin),
        ]
        for value in values { sql.bind(value); sql.add(", ") }
        sql.add("to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ")
        sql.bind(.int(record.text.unicodeScalars.count)); sql.add(", ")
        let text = sql.bind(.text(record.text))
        sql.add(", '\(config)'::regconfig, setweight(to_tsvector('\(config)', coalesce(")
        sql.bind(.text(m.title))
        sql.add(", '')), 'A') || to_tsvector('\(config)', \(text))) RETURNING id")
        guard let row = try await connection.run(sql).first else { throw StoreError("the document was not inserted") }
        return try row.decode(Int64.self)
    }

    private func insertItems(of e: Extraction, document id: DocumentID, language: Language,
                             published: String?, outletKey: String?) async throws {
        let mentions = PostgresItemRows.mentions(e)
        _ = try await connection.insertRows("entity_mentions", columns: PostgresItemRows.mentionColumns,
                                            rows: PostgresItemRows.mentionRows(e, mentions, document: id))
        _ = try await connection.insertRows("quantities", columns: PostgresItemRows.quantityColumns,
                                            rows: PostgresItemRows.quantityRows(e, document: id))
        _ = try await connection.insertRows("times", columns: PostgresItemRows.timeColumns,
                                            rows: PostgresItemRows.timeRows(e, document: id))
        let (attributionRows, attributions) = PostgresItemRows.attributionRows(e, document: id)
        _ = try await connection.insertRows("attributions", columns: PostgresItemRows.attributionColumns, rows: attributionRows)
        _ = try await connection.insertRows("hedges", columns: ["document_id", "idx", "start", "\"end\"", "text", "kind"],
                                            rows: e.hedges.enumerated().map { i, h in
            [.int(id), .int(i), .int(h.start), .int(h.end), .text(h.text), .text(h.kind.rawValue)]
        })
        let claims = try await insertClaims(e.claims, document: id, language: language)
        try await PostgresNameIndex.insert(connection, document: id, published: published, outletKey: outletKey,
                                           claims: claims, mentions: mentions, attributions: attributions)
    }

    private func insertClaims(_ claims: [Claim], document id: DocumentID, language: Language) async throws -> [NameIndex.ClaimRef] {
        guard !claims.isEmpty else { return [] }
        let config = PostgresSchema.textSearchConfiguration(for: language.rawValue)
        // The tsvector is computed from the bound text by the server: one expression per row.
        let perStatement = 2_000
        var claimIDs: [Int: Int64] = [:]
        var start = 0
        while start < claims.count {
            let end = min(claims.count, start + perStatement)
            var sql = SQLBuilder("""
                INSERT INTO claims (document_id, idx, start, "end", text, attribution_idx, certainty, direct, fts_config, fts) VALUES 
                """)
            for i in start..<end {
                let c = claims[i]
                sql.add(i == start ? "(" : ", (")
                for value in [PGValue.int(id), .int(i), .int(c.start), .int(c.end)] { sql.bind(value); sql.add(", ") }
                let text = sql.bind(.text(c.text)); sql.add(", ")
                for value in [PGValue.int(c.attribution), .text(c.certainty.rawValue), .bool(c.direct)] { sql.bind(value); sql.add(", ") }
                sql.add("'\(config)'::regconfig, to_tsvector('\(config)', \(text)))")
            }
            sql.add(" RETURNING idx, id")
            for row in try await connection.run(sql) {
                let (idx, claimID) = try row.decode((Int, Int64).self)
                claimIDs[idx] = claimID
            }
            start = end
        }
        var links: [[PGValue]] = []
        var refs: [NameIndex.ClaimRef] = []
        for (i, c) in claims.enumerated() {
            guard let claimID = claimIDs[i] else { continue }
            refs.append(NameIndex.ClaimRef(id: claimID, idx: i, start: c.start, end: c.end, linkedEntities: c.entities,
                                           attribution: c.attribution))
            for (kind, indices) in [("entity", c.entities), ("quantity", c.quantities), ("time", c.times), ("hedge", c.hedges)] {
                for index in Set(indices) { links.append([.int(claimID), .text(kind), .int(index)]) }
            }
        }
        _ = try await connection.insertRows("claim_links", columns: ["claim_id", "kind", "idx"], rows: links,
                                            suffix: " ON CONFLICT DO NOTHING")
        return refs
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
