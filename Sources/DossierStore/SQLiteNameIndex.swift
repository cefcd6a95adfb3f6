import GRDB

/// `NameIndex` rows on SQLite: written with each document, and backfilled by the
/// migration that creates the tables (from the normalised rows an older store holds).
enum SQLiteNameIndex {
    static func insert(_ db: Database, document id: DocumentID, published: String?, outletKey: String?,
                       claims: [NameIndex.ClaimRef], mentions: [NameIndex.Mention],
                       attributions: [Int: NameIndex.Attribution]) throws {
        let rows = NameIndex.rows(claims: claims, mentions: mentions, attributions: attributions, outletKey: outletKey)
        var claimIDs = [Int64](repeating: 0, count: (claims.map(\.idx).max() ?? -1) + 1)
        for c in claims { claimIDs[c.idx] = c.id }
        try insert(db, document: id, published: published, rows: rows, claimIDs: claimIDs)
    }

    /// Rows computed beforehand (`PreparedDocument`), their claim ids filled by index.
    static func insert(_ db: Database, document id: DocumentID, published: String?,
                       rows: (names: [NameIndex.ClaimTermRow], sources: [NameIndex.SourceTermRow],
                              mentions: [NameIndex.MentionTermRow]),
                       claimIDs: [Int64]) throws {
        let day = published ?? ""
        let name = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO claim_names (term, published, document_id, idx, claim_id, keys, names) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for r in rows.names {
            try name.execute(arguments: [r.term, day, id, r.claimIdx, claimIDs[r.claimIdx], r.keys, r.names])
        }
        let source = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO claim_sources (term, published, document_id, idx, claim_id, keys) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for r in rows.sources { try source.execute(arguments: [r.term, day, id, r.claimIdx, claimIDs[r.claimIdx], r.keys]) }
        let mention = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO mention_terms (term, name_key, type, text_key, document_id, idx, published, name, entity_id, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for r in rows.mentions {
            let m = r.mention
            try mention.execute(arguments: [r.term, m.nameKey, m.type, m.textKey, id, m.idx, day, m.name, m.entityID, m.text])
        }
    }

    /// Fills the tables from `claims`, `claim_links`, `entity_mentions`, `attributions` and
    /// `documents`, document by document, through the same code as a new write.
    static func backfill(_ db: Database) throws {
        let documents = try Row.fetchAll(db, sql: "SELECT id, published, outlet_key FROM documents ORDER BY id")
        for d in documents {
            let id: DocumentID = d["id"]
            let links = try Row.fetchAll(db, sql: """
                SELECT l.claim_id, l.idx FROM claim_links l JOIN claims c ON c.id = l.claim_id
                WHERE c.document_id = ? AND l.kind = 'entity'
                """, arguments: [id])
            var linked: [Int64: [Int]] = [:]
            for l in links { linked[l["claim_id"], default: []].append(l["idx"]) }
            let claims = try Row.fetchAll(db, sql: """
                SELECT id, idx, start, "end", attribution_idx FROM claims WHERE document_id = ? ORDER BY idx
                """, arguments: [id]).map { c in
                NameIndex.ClaimRef(id: c["id"], idx: c["idx"], start: c["start"], end: c["end"],
                                   linkedEntities: linked[c["id"]] ?? [], attribution: c["attribution_idx"])
            }
            let mentions = try Row.fetchAll(db, sql: """
                SELECT idx, start, "end", name_key, text_key, type, text, COALESCE(canonical, text) AS name, entity_id
                FROM entity_mentions WHERE document_id = ? ORDER BY idx
                """, arguments: [id]).map { m in
                NameIndex.Mention(idx: m["idx"], start: m["start"], end: m["end"], nameKey: m["name_key"],
                                  textKey: m["text_key"], type: m["type"], text: m["text"], name: m["name"],
                                  entityID: m["entity_id"])
            }
            var attributions: [Int: NameIndex.Attribution] = [:]
            for a in try Row.fetchAll(db, sql: "SELECT idx, source_key, channel_key FROM attributions WHERE document_id = ?",
                                      arguments: [id]) {
                attributions[a["idx"]] = NameIndex.Attribution(sourceKey: a["source_key"], channelKey: a["channel_key"])
            }
            try insert(db, document: id, published: d["published"], outletKey: d["outlet_key"],
                       claims: claims, mentions: mentions, attributions: attributions)
        }
    }
}
