import GRDB

/// `NameStats` on SQLite: the per-document update the writer calls, and the subtraction
/// of a previous original that near-duplicate re-linking turned into a copy.
enum SQLiteNameStats {
    /// Adds document `id` — already written with its mentions, near-duplicate link
    /// (`linkedTo`, as `save` reports it) and word index — to the counters, inside the
    /// writer's transaction. When the document is counted although it was linked, it took
    /// the place of `linkedTo` as its group's original, so `linkedTo` is subtracted.
    static func record(_ db: Database, document id: DocumentID, published: String?, linkedTo: DocumentID?,
                       delta: NameStatsDelta, claims: Int) throws {
        var copy = try SQLiteRowBinder(db, "SELECT 1 FROM near_duplicates WHERE document_id = ?")
        copy.bind(id)
        let isCopy = try copy.firstInt64() != nil
        let day = isCopy ? nil : published.flatMap { $0.isEmpty ? nil : $0 }
        let groups = Array(delta.groups), aliases = Array(delta.aliases), terms = Array(delta.terms)
        let nameKeys = Array(Set(groups.map(\.key.nameKey)))
        let newNames = try unknownNames.sum(db, count: nameKeys.count) { row, i in row.bind(nameKeys[i]) }
        try groupRows.run(db, count: groups.count) { row, i in
            let (group, g) = groups[i]
            row.bind(group.nameKey); row.bind(group.type); row.bind(g.name); row.bind(g.entityID)
            row.bind(isCopy ? 0 : g.mentions); row.bind(isCopy ? 0 : 1); row.bind(day); row.bind(day)
        }
        try aliasRows.run(db, count: aliases.count) { row, i in
            let (a, n) = aliases[i]
            row.bind(a.group.nameKey); row.bind(a.group.type); row.bind(a.text); row.bind(n)
        }
        try termRows.run(db, count: terms.count) { row, i in
            let t = terms[i]
            row.bind(t.term); row.bind(t.group.nameKey); row.bind(t.group.type); row.bind(t.key)
        }
        var counts = try SQLiteRowBinder(db, """
            INSERT INTO store_counts (id, documents, near_duplicates, claims, names) VALUES (1, 1, ?1, ?2, ?3)
            ON CONFLICT (id) DO UPDATE SET documents = documents + 1, near_duplicates = near_duplicates + ?1,
                claims = claims + ?2, names = names + ?3
            """)
        counts.bind(linkedTo == nil ? 0 : 1); counts.bind(claims); counts.bind(newNames)
        try counts.run()
        if !isCopy, let previous = linkedTo { try subtract(db, document: previous) }
    }

    // A document's ≈ 20 groups, 25 spellings and 60 words, 16 rows per statement
    // (`SQLiteMultiRowInsert`) rather than one statement each: an upsert applies to every
    // row of a multi-row VALUES, and the order of rows changes no total (sums, MIN, MAX).

    /// How many of the name keys given are not yet in `name_stats` (each key once).
    static let unknownNames = SQLiteMultiRowInsert(
        "SELECT COUNT(*) FROM (VALUES", columns: 1,
        tail: ") v WHERE NOT EXISTS (SELECT 1 FROM name_stats s WHERE s.name_key = v.column1)")
    static let groupRows = SQLiteMultiRowInsert("""
        INSERT INTO name_stats (name_key, type, name, entity_id, mentions, documents, first_seen, last_seen) VALUES
        """, columns: 8, tail: """
         ON CONFLICT (name_key, type) DO UPDATE SET
            name = MAX(name, excluded.name),
            entity_id = CASE WHEN entity_id IS NULL OR excluded.entity_id > entity_id THEN excluded.entity_id ELSE entity_id END,
            mentions = mentions + excluded.mentions, documents = documents + excluded.documents,
            first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen THEN excluded.first_seen ELSE first_seen END,
            last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen THEN excluded.last_seen ELSE last_seen END
        """)
    static let aliasRows = SQLiteMultiRowInsert("INSERT INTO name_aliases (name_key, type, text, mentions) VALUES", columns: 4, tail: """
         ON CONFLICT (name_key, type, text) DO UPDATE SET mentions = mentions + excluded.mentions
        """)
    static let termRows = SQLiteMultiRowInsert("INSERT OR IGNORE INTO name_terms (term, name_key, type, key) VALUES", columns: 4)

    /// Takes the mentions of `id`, an original that has just become a copy, out of the
    /// counts; recomputes the first and last days of the groups where its day was one.
    static func subtract(_ db: Database, document id: DocumentID) throws {
        let day = try String.fetchOne(db, sql: "SELECT NULLIF(published, '') FROM documents WHERE id = ?", arguments: [id])
        let groups = try Row.fetchAll(db, sql: """
            SELECT name_key, type, COUNT(*) AS n FROM entity_mentions WHERE document_id = ? GROUP BY name_key, type
            """, arguments: [id])
        for g in groups {
            let nameKey: String = g["name_key"], type: String = g["type"]
            try db.execute(sql: """
                UPDATE name_stats SET mentions = mentions - ?, documents = documents - 1 WHERE name_key = ? AND type = ?
                """, arguments: [g["n"] as Int, nameKey, type])
            guard let day else { continue }
            let bounds = try Row.fetchOne(db, sql: "SELECT first_seen, last_seen FROM name_stats WHERE name_key = ? AND type = ?",
                                          arguments: [nameKey, type])
            guard bounds?["first_seen"] == day || bounds?["last_seen"] == day else { continue }
            // The group's mentions: one range of the word index per generation when its key has a word.
            let range: String
            var arguments: StatementArguments = [nameKey, type]
            if let term = NameIndex.driver(nameKey), try db.tableExists("mention_terms") {
                // `gen IN (…)`: one seek per generation, the leading key column.
                range = """
                    SELECT t.document_id, t.published FROM mention_terms t
                    WHERE t.gen IN (SELECT gen FROM word_generations) AND t.term = ?3 AND t.name_key = ?1 AND t.type = ?2
                    """
                arguments += [term]
            } else {
                range = """
                    SELECT m.document_id, d.published FROM entity_mentions m JOIN documents d ON d.id = m.document_id
                    WHERE m.name_key = ?1 AND m.type = ?2
                    """
            }
            try db.execute(sql: """
                UPDATE name_stats SET (first_seen, last_seen) = (
                    SELECT MIN(NULLIF(r.published, '')), MAX(NULLIF(r.published, '')) FROM (\(range)) r
                    WHERE NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = r.document_id))
                WHERE name_key = ?1 AND type = ?2
                """, arguments: arguments)
        }
    }
}
