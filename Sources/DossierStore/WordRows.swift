import GRDB

/// Migration `v10-word-rows` (SQLite): `mention_terms` goes, `word_merges` comes.
///
/// Why drop `mention_terms`: it was 72 of the writer's ≈ 400 rows per generated article
/// (one per word of every mention), yet since the name counters (round 5) no query reads
/// it: `entity` reads `name_terms`, `name_stats`, `name_aliases` and `claim_names`. Its
/// two remaining readers need no word index: near-duplicate re-linking recomputes a
/// group's first and last days from `entity_mentions` by `entity_mentions_name` (as it
/// did for names without a word), and rebuilding `name_terms` (the benchmark's synthetic
/// fill) splits the distinct keys of `entity_mentions` (`rebuildNameTerms`). PostgreSQL
/// keeps its table (its migrations are another matter).
///
/// `word_merges` holds the merge of generations in flight (`WordMerges`).
enum WordRows {
    static let migration: [String] = [
        "DROP TABLE mention_terms",
        WordMerges.schema,
        // The generations' counts without the rows that went.
        """
        UPDATE word_generations SET rows = (SELECT COUNT(*) FROM claim_names c WHERE c.gen = word_generations.gen)
                                          + (SELECT COUNT(*) FROM claim_sources s WHERE s.gen = word_generations.gen)
        """,
        "DELETE FROM word_generations WHERE rows = 0 AND open = 0",
    ]

    /// `NameStats.rebuild` on SQLite since the migration: its statements, but `name_terms`
    /// from the distinct keys of `entity_mentions` split here (the same rows its SQL
    /// derived from `mention_terms`: each word of a group's name key and of each surface key).
    static func rebuildNameStats(_ db: Database) throws {
        for statement in NameStats.rebuild where !statement.contains("INSERT INTO name_terms") {
            try db.execute(sql: statement)
        }
        var row = try SQLiteRowBinder(db, "INSERT OR IGNORE INTO name_terms (term, name_key, type, key) VALUES (?, ?, ?, ?)")
        let keys = try Row.fetchCursor(db, sql: "SELECT DISTINCT name_key, type, text_key FROM entity_mentions")
        while let k = try keys.next() {
            let nameKey: String = k[0], type: String = k[1], textKey: String = k[2]
            for t in NameStats.terms(nameKey: nameKey, textKey: textKey) {
                row.bind(t.term); row.bind(nameKey); row.bind(type); row.bind(t.key)
                try row.run()
            }
        }
    }
}
