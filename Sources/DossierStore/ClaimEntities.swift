/// Migration `v11-claim-entities` (SQLite): a claim's links to entity mentions move from
/// `claim_links` rows into a column of `claims`, `entities` (`"3,5,7"`: the mentions' `idx`
/// in the document, NULL when there is none); `claim_links` goes.
///
/// Why: `claim_links` was ≈ 46 rows per generated article — one per link of a claim to an
/// entity, quantity, time or hedge — each a B-tree insert with its foreign-key probe of
/// `claims`, on ingest's one serial writer. Yet only the `entity` links were ever read,
/// always together with their claim: which names a claim is about (a listing's entity
/// names, `scannedClaims`' name filter, both "linked or inside the claim's span"). The
/// other links are in the stored extraction JSON, as all of them always were. PostgreSQL
/// keeps its table.
///
/// The migration copies every claim's entity links into the column in one pass over
/// `claim_links` (in its key order), then drops the table. `.immediate` foreign-key checks
/// (`SQLiteSchema`): nothing here can break one, and the default (`PRAGMA
/// foreign_key_check` of the whole store after the migration) reads every table.
enum ClaimEntities {
    static let migration: [String] = [
        "ALTER TABLE claims ADD COLUMN entities TEXT",
        """
        UPDATE claims SET entities = l.list
        FROM (SELECT claim_id, group_concat(idx, ',') AS list FROM claim_links WHERE kind = 'entity' GROUP BY claim_id) AS l
        WHERE claims.id = l.claim_id
        """,
        "DROP TABLE claim_links",
    ]

    /// The column's value for a claim linked to the mentions `indexes`.
    static func column(_ indexes: [Int]) -> String? {
        guard let first = indexes.first else { return nil }
        var out = String(first)
        for i in indexes.dropFirst() {
            out += ","
            out += String(i)
        }
        return out
    }

    /// SQL that is true when the mention aliased `m` is one the claim aliased `c` links to
    /// (NULL, so false in a condition, when the claim links none).
    static func linked(mention m: String, claim c: String) -> String {
        "instr(',' || \(c).entities || ',', ',' || \(m).idx || ',') > 0"
    }
}
