import PostgresNIO

/// `NameIndex` rows on PostgreSQL: two multi-row INSERTs per document (`mention_terms`
/// went in migration 9), and the backfill of migration 4 (from the normalised rows an
/// older database holds).
enum PostgresNameIndex {
    static func insert(_ connection: PostgresConnection, document id: DocumentID, published: String?, outletKey: String?,
                       claims: [NameIndex.ClaimRef], mentions: [NameIndex.Mention],
                       attributions: [Int: NameIndex.Attribution]) async throws {
        // The outlet's words are no longer index rows (claims --source reads documents.outlet_key).
        let rows = NameIndex.rows(claims: claims, mentions: mentions, attributions: attributions)
        let day = PGValue.text(published ?? "")
        _ = try await connection.insertRows("claim_names", columns: NameIndex.claimNamesColumns, rows: rows.names.map {
            [.text($0.term), day, .int(id), .int($0.claimIdx), .int($0.claimID), .text($0.keys), .text($0.names)]
        })
        _ = try await connection.insertRows("claim_sources", columns: NameIndex.claimSourcesColumns, rows: rows.sources.map {
            [.text($0.term), day, .int(id), .int($0.claimIdx), .int($0.claimID), .text($0.keys)]
        })
    }

    /// Fills the tables document by document through the same code as a new write.
    static func backfill(_ c: PostgresConnection) async throws {
        var documents: [(DocumentID, String?, String?)] = []
        for row in try await c.run("SELECT id, published, outlet_key FROM documents ORDER BY id") {
            documents.append(try row.decode((Int64, String?, String?).self))
        }
        for (id, published, outletKey) in documents {
            var linked: [Int64: [Int]] = [:]
            var q = SQLBuilder("SELECT l.claim_id, l.idx FROM claim_links l JOIN claims c ON c.id = l.claim_id WHERE l.kind = 'entity' AND c.document_id = ")
            q.bind(.int(id))
            for row in try await c.run(q) {
                let (claim, idx) = try row.decode((Int64, Int).self)
                linked[claim, default: []].append(idx)
            }
            var claims: [NameIndex.ClaimRef] = []
            q = SQLBuilder("SELECT id, idx, start, \"end\", attribution_idx FROM claims WHERE document_id = ")
            q.bind(.int(id))
            q.add(" ORDER BY idx")
            for row in try await c.run(q) {
                let (claim, idx, start, end, attribution) = try row.decode((Int64, Int, Int, Int, Int?).self)
                claims.append(NameIndex.ClaimRef(id: claim, idx: idx, start: start, end: end,
                                                 linkedEntities: linked[claim] ?? [], attribution: attribution))
            }
            var mentions: [NameIndex.Mention] = []
            q = SQLBuilder("""
                SELECT idx, start, "end", name_key, text_key, type, text, COALESCE(canonical, text), entity_id
                FROM entity_mentions WHERE document_id = 
                """)
            q.bind(.int(id))
            q.add(" ORDER BY idx")
            for row in try await c.run(q) {
                let (idx, start, end, nameKey, textKey, type, text, name, entity) =
                    try row.decode((Int, Int, Int, String, String, String, String, String, String?).self)
                mentions.append(NameIndex.Mention(idx: idx, start: start, end: end, nameKey: nameKey, textKey: textKey,
                                                  type: type, text: text, name: name, entityID: entity))
            }
            var attributions: [Int: NameIndex.Attribution] = [:]
            q = SQLBuilder("SELECT idx, source_key, channel_key FROM attributions WHERE document_id = ")
            q.bind(.int(id))
            for row in try await c.run(q) {
                let (idx, source, channel) = try row.decode((Int, String?, String?).self)
                attributions[idx] = NameIndex.Attribution(sourceKey: source, channelKey: channel)
            }
            try await insert(c, document: id, published: published, outletKey: outletKey, claims: claims,
                             mentions: mentions, attributions: attributions)
        }
    }
}
