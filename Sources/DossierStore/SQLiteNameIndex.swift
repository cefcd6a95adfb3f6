import GRDB

/// `NameIndex` rows on SQLite: written with each document, and backfilled by the
/// migration that creates the tables (from the normalised rows an older store holds).
enum SQLiteNameIndex {
    static func insert(_ db: Database, document id: DocumentID, published: String?,
                       claims: [NameIndex.ClaimRef], mentions: [NameIndex.Mention],
                       attributions: [Int: NameIndex.Attribution], layout: Layout = .generations) throws {
        let rows = NameIndex.rows(claims: claims, mentions: mentions, attributions: attributions)
        var claimIDs = [Int64](repeating: 0, count: (claims.map(\.idx).max() ?? -1) + 1)
        for c in claims { claimIDs[c.idx] = c.id }
        try insert(db, document: id, published: published, rows: rows, claimIDs: claimIDs, layout: layout)
    }

    /// The tables' layout: `.v7` before migration `v8-word-generations` (what the older
    /// migrations that backfill them write), `.generations` after it.
    enum Layout { case v7, generations }

    /// Rows computed beforehand (`PreparedDocument`), their claim ids filled by index. All
    /// of the document's rows go to one generation, the open one (`WordGenerations`).
    static func insert(_ db: Database, document id: DocumentID, published: String?,
                       rows: (names: [NameIndex.ClaimTermRow], sources: [NameIndex.SourceTermRow],
                              mentions: [NameIndex.MentionTermRow]),
                       claimIDs: [Int64], layout: Layout = .generations) throws {
        // `mention_terms` is gone since migration `v10-word-rows` (`WordRows`); the older
        // migrations that backfill it, and a store not yet migrated, still write it. A
        // store not yet migrated (a test writing at an older schema) has the v7 layout
        // (GRDB caches the schema: no query per document).
        let mentions = try db.tableExists("mention_terms") ? rows.mentions : []
        let count = rows.names.count + rows.sources.count + mentions.count
        guard count > 0 else { return }
        let day = published ?? ""
        var gen: Int64?
        if layout == .generations, try db.tableExists("word_generations") {
            gen = try WordGenerations.generation(forDocumentWith: count, db)
        }
        if let gen {
            try ClaimWords.insert(db, gen: gen, document: id, day: day, names: rows.names, sources: rows.sources,
                                  claimIDs: claimIDs)
        } else {
            try insertV7(db, document: id, day: day, names: rows.names, sources: rows.sources, claimIDs: claimIDs)
        }
        guard !mentions.isEmpty else { return }
        let (genColumn, genValue) = gen == nil ? ("", "") : ("gen, ", "?, ")
        var mention = try SQLiteRowBinder(db, """
            INSERT OR IGNORE INTO mention_terms (\(genColumn)term, name_key, type, text_key, document_id, idx, published, name, entity_id, text)
            VALUES (\(genValue)?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for r in mentions {
            let m = r.mention
            if let gen { mention.bind(gen) }
            mention.bind(r.term); mention.bind(m.nameKey); mention.bind(m.type); mention.bind(m.textKey); mention.bind(id)
            mention.bind(m.idx); mention.bind(day); mention.bind(m.name); mention.bind(m.entityID); mention.bind(m.text)
            try mention.run()
        }
    }

    /// The claim words in the layout before `v8-word-generations` (the backfill of
    /// migration `v2-name-index`), one row per statement.
    private static func insertV7(_ db: Database, document id: DocumentID, day: String, names: [NameIndex.ClaimTermRow],
                                 sources: [NameIndex.SourceTermRow], claimIDs: [Int64]) throws {
        var name = try SQLiteRowBinder(db, """
            INSERT OR IGNORE INTO claim_names (term, published, document_id, idx, claim_id, keys, names)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for r in names {
            name.bind(r.term); name.bind(day); name.bind(id); name.bind(r.claimIdx); name.bind(claimIDs[r.claimIdx])
            name.bind(r.keys); name.bind(r.names)
            try name.run()
        }
        var source = try SQLiteRowBinder(db, """
            INSERT OR IGNORE INTO claim_sources (term, published, document_id, idx, claim_id, keys)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for r in sources {
            source.bind(r.term); source.bind(day); source.bind(id); source.bind(r.claimIdx); source.bind(claimIDs[r.claimIdx])
            source.bind(r.keys)
            try source.run()
        }
    }

    /// The document's outlet words (`document_outlets`, migration `v4-outlet-words`).
    static func insertOutlet(_ db: Database, document id: DocumentID, published: String?,
                             words: [(term: String, keys: String)]) throws {
        guard !words.isEmpty else { return }
        var row = try SQLiteRowBinder(db, """
            INSERT OR IGNORE INTO document_outlets (term, published, document_id, keys) VALUES (?, ?, ?, ?)
            """)
        for w in words {
            row.bind(w.term); row.bind(published ?? ""); row.bind(id); row.bind(w.keys)
            try row.run()
        }
    }

    /// `document_outlets` rows for the documents after `base` (the migration: all; the
    /// benchmark's synthetic fill: its own), in key order, from each outlet's words.
    static func fillOutlets(_ db: Database, after base: DocumentID) throws {
        let outlets = try String.fetchAll(db, sql: """
            SELECT DISTINCT outlet_key FROM documents WHERE id > ? AND outlet_key IS NOT NULL
            """, arguments: [base])
        try db.execute(sql: "CREATE TEMP TABLE outlet_words (key TEXT NOT NULL, term TEXT NOT NULL, keys TEXT NOT NULL, PRIMARY KEY (key, term))")
        var word = try SQLiteRowBinder(db.makeStatement(sql: "INSERT INTO temp.outlet_words VALUES (?, ?, ?)"))
        for key in outlets {
            for w in NameIndex.outletRows(key) {
                word.bind(key); word.bind(w.term); word.bind(w.keys)
                try word.run()
            }
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO document_outlets (term, published, document_id, keys)
            SELECT w.term, IFNULL(d.published, ''), d.id, w.keys
            FROM documents d JOIN temp.outlet_words w ON w.key = d.outlet_key WHERE d.id > ?
            ORDER BY 1, 2 DESC, 3
            """, arguments: [base])
        try db.execute(sql: "DROP TABLE temp.outlet_words")
    }

    /// Rewrites `claim_sources` from the attributions, without the outlet's words (which
    /// every claim of a document repeated): migration `v4-outlet-words`. One statement,
    /// rows in key order, from each distinct (source, channel) pair's words.
    static func rebuildSources(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM claim_sources")
        try db.execute(sql: """
            CREATE TEMP TABLE source_words (s TEXT NOT NULL, c TEXT NOT NULL, term TEXT NOT NULL, keys TEXT NOT NULL,
                                            PRIMARY KEY (s, c, term))
            """)
        var word = try SQLiteRowBinder(db.makeStatement(sql: "INSERT INTO temp.source_words VALUES (?, ?, ?, ?)"))
        for pair in try Row.fetchAll(db, sql: """
            SELECT DISTINCT IFNULL(source_key, ''), IFNULL(channel_key, '') FROM attributions
            """) {
            let s: String = pair[0], c: String = pair[1]
            for w in NameIndex.sourceTerms(source: s.isEmpty ? nil : s, channel: c.isEmpty ? nil : c) {
                word.bind(s); word.bind(c); word.bind(w.term); word.bind(w.keys)
                try word.run()
            }
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO claim_sources (term, published, document_id, idx, claim_id, keys)
            SELECT w.term, IFNULL(d.published, ''), c.document_id, c.idx, c.id, w.keys
            FROM claims c
            JOIN attributions a ON a.document_id = c.document_id AND a.idx = c.attribution_idx
            JOIN documents d ON d.id = c.document_id
            JOIN temp.source_words w ON w.s = IFNULL(a.source_key, '') AND w.c = IFNULL(a.channel_key, '')
            ORDER BY 1, 2 DESC, 3, 4
            """)
        try db.execute(sql: "DROP TABLE temp.source_words")
    }

    /// Fills the tables from `claims`, `claim_links`, `entity_mentions`, `attributions` and
    /// `documents`, document by document, through the same code as a new write (in the
    /// layout of migration `v2-name-index`, which calls it).
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
            try insert(db, document: id, published: d["published"],
                       claims: claims, mentions: mentions, attributions: attributions, layout: .v7)
        }
    }
}
