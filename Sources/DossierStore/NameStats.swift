/// Per-name counters kept at write time, so `dossier entity NAME` reads a few rows instead
/// of counting every mention of a popular name (10 000 entries for "agence france presse"
/// at a million claims: 130–380 ms; now under a millisecond of SQL).
///
/// An entity group is a (`name_key`, `type`) pair, as `entity` has always grouped:
///
/// - `name_stats`: per group, over the mentions in documents that are not near-duplicates
///   (originals only, as in every listing), the number of mentions and of documents, and
///   the first and last publication day; `name` and `entity_id` are the greatest over every
///   stored mention of the group (what `MAX` picked before). Rows of groups seen only in
///   copies stay with `mentions = 0` and are not reported.
/// - `name_aliases`: per group and surface text, its mentions (copies included, as the
///   alias list always counted them).
/// - `name_terms`: one row per word of a group's name key or of one of its surface keys,
///   with that key, so the groups a query's words match as whole words are one index
///   range of the query's longest word (as in `NameIndex`).
/// - `store_counts`: one row (`id = 1`) of totals for `statistics()`: documents,
///   near-duplicates, claims and distinct name keys, which `COUNT(DISTINCT …)` over every
///   row took seconds to give at a million claims on PostgreSQL. A missing row reads as
///   zeros, so emptying the table resets it.
///
/// The writer calls `SQLiteNameStats.record` / `PostgresNameStats.record` once per new
/// document, inside its transaction, after the document's rows, near-duplicate link and
/// word index are written. A document that is a copy adds to the aliases and terms
/// only; an older copy that becomes its group's original (near-duplicate re-linking)
/// is counted, and the previous original, now a copy, is subtracted — its groups' first
/// and last days are recomputed when that document held one of them. PostgreSQL writers
/// serialise their saves on an advisory lock; the upserts are `INSERT … ON CONFLICT DO
/// UPDATE` (atomic) in key order (no deadlock between two writers) regardless.
///
/// Migrations build the tables from the normalised rows with `rebuild`, which the
/// benchmark's synthetic fill runs too.
enum NameStats {
    static let tables = ["name_stats", "name_aliases", "name_terms", "store_counts"]

    /// Recomputes every table from `entity_mentions`, `documents`, `near_duplicates`,
    /// `claims` and `mention_terms` (whose rows hold each word of each key), in SQL both
    /// backends speak.
    static let rebuild: [String] = tables.map { "DELETE FROM \($0)" } + [
        """
        INSERT INTO name_stats (name_key, type, name, entity_id, mentions, documents, first_seen, last_seen)
        SELECT m.name_key, m.type, MAX(COALESCE(m.canonical, m.text)), MAX(m.entity_id),
               SUM(CASE WHEN n.document_id IS NULL THEN 1 ELSE 0 END),
               COUNT(DISTINCT CASE WHEN n.document_id IS NULL THEN m.document_id END),
               MIN(CASE WHEN n.document_id IS NULL THEN NULLIF(d.published, '') END),
               MAX(CASE WHEN n.document_id IS NULL THEN NULLIF(d.published, '') END)
        FROM entity_mentions m JOIN documents d ON d.id = m.document_id
        LEFT JOIN near_duplicates n ON n.document_id = m.document_id
        GROUP BY m.name_key, m.type
        """,
        """
        INSERT INTO name_aliases (name_key, type, text, mentions)
        SELECT name_key, type, text, COUNT(*) FROM entity_mentions GROUP BY name_key, type, text
        """,
        """
        INSERT INTO name_terms (term, name_key, type, key)
        SELECT term, name_key, type, name_key FROM mention_terms WHERE ' ' || name_key || ' ' LIKE '% ' || term || ' %'
        UNION
        SELECT term, name_key, type, text_key FROM mention_terms WHERE ' ' || text_key || ' ' LIKE '% ' || term || ' %'
        """,
        """
        INSERT INTO store_counts (id, documents, near_duplicates, claims, names)
        SELECT 1, (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM near_duplicates),
               (SELECT COUNT(*) FROM claims), (SELECT COUNT(DISTINCT name_key) FROM entity_mentions)
        """,
    ]

    /// The groups a folded query matches (its words, as whole words, in the group's name
    /// key or one of its surface keys), best first: the exact name, then the most
    /// mentioned. `?1` the folded query, `?2` its whole-word pattern, `?3` its driver word
    /// (SQLite numbering; PostgreSQL substitutes `$n`).
    static func groupsSQL(_ p1: String, _ p2: String, _ p3: String) -> String {
        """
        SELECT s.name_key, s.type, s.name, s.entity_id, s.mentions, s.documents, s.first_seen, s.last_seen
        FROM (SELECT DISTINCT t.name_key, t.type FROM name_terms t
              WHERE t.term = \(p3) AND ' ' || t.key || ' ' LIKE \(p2)) g
        JOIN name_stats s ON s.name_key = g.name_key AND s.type = g.type
        WHERE s.mentions > 0
        ORDER BY (s.name_key = \(p1)) DESC, s.mentions DESC, s.name_key, s.type
        LIMIT 10
        """
    }

    /// A group's ten commonest spellings.
    static func aliasesSQL(_ p1: String, _ p2: String) -> String {
        "SELECT text FROM name_aliases WHERE name_key = \(p1) AND type = \(p2) ORDER BY mentions DESC, text LIMIT 10"
    }

    /// The (word, key) rows of `name_terms` for a mention's keys.
    static func terms(nameKey: String, textKey: String) -> [(term: String, key: String)] {
        var out: [(String, String)] = []
        for key in nameKey == textKey ? [nameKey] : [nameKey, textKey] {
            var seen = Set<Substring>()
            for word in key.split(separator: " ") where seen.insert(word).inserted { out.append((String(word), key)) }
        }
        return out
    }
}
