import PostgresNIO

/// `NameStats` on PostgreSQL: the per-document update the writer calls — one statement,
/// one round trip, the server aggregating the document's mentions — and the subtraction
/// of a previous original that near-duplicate re-linking turned into a copy.
enum PostgresNameStats {
    /// How a group's new counts join its row: counts add up, the name and id keep the
    /// greatest (as `MAX` did over every mention), the days widen. Shared by the
    /// one-document and the run-of-documents writes.
    static let mergeOnConflict = """
        ON CONFLICT (name_key, type) DO UPDATE SET
            name = GREATEST(name_stats.name, EXCLUDED.name),
            entity_id = GREATEST(name_stats.entity_id, EXCLUDED.entity_id),
            mentions = name_stats.mentions + EXCLUDED.mentions,
            documents = name_stats.documents + EXCLUDED.documents,
            first_seen = LEAST(name_stats.first_seen, EXCLUDED.first_seen),
            last_seen = GREATEST(name_stats.last_seen, EXCLUDED.last_seen)
        """

    /// Adds document `id` — already written with its mentions, near-duplicate link
    /// (`linkedTo`, as `save` reports it) and word index — to the counters, inside the
    /// writer's transaction. When the document is counted although it was linked, it took
    /// the place of `linkedTo` as its group's original, so `linkedTo` is subtracted.
    ///
    /// Every upsert is `INSERT … ON CONFLICT DO UPDATE` (atomic under concurrent writers)
    /// fed in key order, so two writers lock shared rows in the same order. The new-name
    /// count reads the statement's snapshot: exact while saves are serialised (they take
    /// the writers' advisory lock), at worst one too many per name two unserialised
    /// writers introduce at the same instant.
    static func record(_ c: PostgresConnection, document id: DocumentID, published: String?, linkedTo: DocumentID?) async throws {
        var sql = SQLBuilder("WITH m AS (SELECT name_key, type, text_key, text, COALESCE(canonical, text) AS name, entity_id FROM entity_mentions WHERE document_id = ")
        let doc = sql.bind(.int(id))
        sql.add("), counted AS (SELECT NOT EXISTS (SELECT 1 FROM near_duplicates WHERE document_id = \(doc)) AS yes, NULLIF(")
        sql.bind(.text(published ?? ""))
        sql.add("""
            ::text, '') AS day),
            fresh AS (SELECT COUNT(DISTINCT m.name_key) AS n FROM m
                      WHERE NOT EXISTS (SELECT 1 FROM name_stats s WHERE s.name_key = m.name_key)),
            aliases AS (INSERT INTO name_aliases (name_key, type, text, mentions)
                SELECT name_key, type, text, COUNT(*) FROM m GROUP BY name_key, type, text ORDER BY name_key, type, text
                ON CONFLICT (name_key, type, text) DO UPDATE SET mentions = name_aliases.mentions + EXCLUDED.mentions),
            terms AS (INSERT INTO name_terms (term, name_key, type, key)
                SELECT DISTINCT w.term, m.name_key, m.type, k.key
                FROM m CROSS JOIN LATERAL (VALUES (m.name_key), (m.text_key)) k(key)
                CROSS JOIN LATERAL unnest(string_to_array(k.key, ' ')) w(term)
                WHERE w.term <> ''
                ORDER BY 1, 2, 3, 4
                ON CONFLICT DO NOTHING),
            stats AS (INSERT INTO name_stats (name_key, type, name, entity_id, mentions, documents, first_seen, last_seen)
                SELECT m.name_key, m.type, MAX(m.name), MAX(m.entity_id),
                       CASE WHEN c.yes THEN COUNT(*) ELSE 0 END, CASE WHEN c.yes THEN 1 ELSE 0 END,
                       CASE WHEN c.yes THEN c.day END, CASE WHEN c.yes THEN c.day END
                FROM m CROSS JOIN counted c GROUP BY m.name_key, m.type, c.yes, c.day ORDER BY m.name_key, m.type
                \(Self.mergeOnConflict))
            INSERT INTO store_counts AS s (id, documents, near_duplicates, claims, names)
            SELECT 1, 1, 
            """)
        sql.bind(.int(linkedTo == nil ? 0 : 1))
        sql.add("::bigint, (SELECT COUNT(*) FROM claims WHERE document_id = \(doc)), (SELECT n FROM fresh)")
        sql.add("""
             ON CONFLICT (id) DO UPDATE SET documents = s.documents + 1,
                near_duplicates = s.near_duplicates + EXCLUDED.near_duplicates,
                claims = s.claims + EXCLUDED.claims, names = s.names + EXCLUDED.names
            RETURNING (SELECT yes FROM counted)
            """)
        let counted = try await c.run(sql).first?.decode(Bool.self) ?? false
        if counted, let previous = linkedTo { try await subtract(c, document: previous) }
    }

    /// `NameStats.rebuild` on PostgreSQL: its statements, but `name_terms` from the keys of
    /// `entity_mentions` split as `record` splits them (the rows its SQL derived from
    /// `mention_terms`, which migration 9 dropped: each word of a group's name key and of
    /// each surface key).
    static let rebuild: [String] = NameStats.rebuild.map { statement in
        guard statement.contains("INSERT INTO name_terms") else { return statement }
        return """
            INSERT INTO name_terms (term, name_key, type, key)
            SELECT DISTINCT w.term, m.name_key, m.type, k.key
            FROM (SELECT DISTINCT name_key, type, text_key FROM entity_mentions) m
            CROSS JOIN LATERAL (VALUES (m.name_key), (m.text_key)) k(key)
            CROSS JOIN LATERAL unnest(string_to_array(k.key, ' ')) w(term)
            WHERE w.term <> ''
            """
    }

    /// Takes the mentions of `id`, an original that has just become a copy, out of the
    /// counts; recomputes the first and last days of the groups where its day was one.
    static func subtract(_ c: PostgresConnection, document id: DocumentID) async throws {
        var sql = SQLBuilder("""
            WITH old AS (SELECT name_key, type, COUNT(*) AS n FROM entity_mentions WHERE document_id =
            """)
        let doc = sql.bind(.int(id))
        sql.add("""
             GROUP BY name_key, type),
            day AS (SELECT NULLIF(published, '') AS d FROM documents WHERE id = \(doc))
            UPDATE name_stats s SET mentions = s.mentions - old.n, documents = s.documents - 1
            FROM old WHERE s.name_key = old.name_key AND s.type = old.type
            RETURNING s.name_key, s.type, COALESCE(s.first_seen = (SELECT d FROM day) OR s.last_seen = (SELECT d FROM day), false)
            """)
        for row in try await c.run(sql) {
            let (nameKey, type, bound) = try row.decode((String, String, Bool).self)
            guard bound else { continue }
            // By `entity_mentions_name` (`mention_terms`, indexed by word, went in migration 9).
            var update = SQLBuilder("UPDATE name_stats s SET (first_seen, last_seen) = (SELECT MIN(NULLIF(r.published, '')), MAX(NULLIF(r.published, '')) FROM (")
            update.add("SELECT t.document_id, d.published FROM entity_mentions t JOIN documents d ON d.id = t.document_id WHERE t.name_key = ")
            let key = update.bind(.text(nameKey))
            update.add(" AND t.type = ")
            let kind = update.bind(.text(type))
            update.add("""
                ) r WHERE NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = r.document_id))
                WHERE s.name_key = \(key) AND s.type = \(kind)
                """)
            try await c.run(update)
        }
    }
}

extension PostgresConnection {
    /// Runs a statement whose text is fixed and whose `$n` are the given texts in order:
    /// for SQL shared with SQLite (`NameStats`), written once with its placeholders.
    func run(_ text: String, _ values: [String]) async throws -> [PostgresRow] {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        return try await query(PostgresQuery(unsafeSQL: text, binds: binds), logger: Self.quiet).collect()
    }
}
