import DossierCore
import GRDB

/// The read side. Near-duplicates are left out of claim and entity listings, so a wire
/// story republished by ten outlets counts once; `show` and `search` still find them.
struct SQLiteQueries {
    let db: Database

    static let notNearDuplicate = "NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = d.id)"

    /// Matches ranked per search: the newest this many (highest rowid, i.e. latest
    /// stored), as on PostgreSQL. FTS5 reads a doclist newest first and stops there, so a
    /// word found in a tenth of a million claims costs what a rare one does.
    static let rankWindow = 1_000

    func search(_ text: String, limit: Int) throws -> [SearchHit] {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: text) else { return [] }
        // Claims first: they are what a fact-checker is after; documents fill the rest.
        let claims = try ranked("claim_fts", pattern: pattern, limit: limit).map { rowid, rank in
            let row = try Row.fetchOne(db, sql: """
                SELECT c.document_id, c.idx, d.title, d.outlet, d.published,
                       snippet(claim_fts, 0, '[', ']', '…', 24) AS snippet
                FROM claim_fts JOIN claims c ON c.id = claim_fts.rowid JOIN documents d ON d.id = c.document_id
                WHERE claim_fts MATCH ? AND claim_fts.rowid = ?
                """, arguments: [pattern, rowid])
            return row.map { row in
                SearchHit(kind: .claim, document: row["document_id"], claim: row["idx"], title: row["title"],
                          outlet: row["outlet"], published: (row["published"] as String?).flatMap(Day.init(iso:)),
                          snippet: row["snippet"], rank: rank)
            }
        }.compactMap { $0 }
        guard claims.count < limit else { return claims }
        let documents = try ranked("document_fts", pattern: pattern, limit: limit - claims.count).map { rowid, rank in
            let row = try Row.fetchOne(db, sql: """
                SELECT d.id, d.title, d.outlet, d.published, snippet(document_fts, 1, '[', ']', '…', 16) AS snippet
                FROM document_fts JOIN documents d ON d.id = document_fts.rowid
                WHERE document_fts MATCH ? AND document_fts.rowid = ?
                """, arguments: [pattern, rowid])
            return row.map { row in
                SearchHit(kind: .document, document: row["id"], title: row["title"], outlet: row["outlet"],
                          published: (row["published"] as String?).flatMap(Day.init(iso:)),
                          snippet: row["snippet"], rank: rank)
            }
        }.compactMap { $0 }
        return claims + documents
    }

    /// The best `limit` (rowid, BM25) among the newest `rankWindow` matches of `table`.
    private func ranked(_ table: String, pattern: FTS5Pattern, limit: Int) throws -> [(Int64, Double)] {
        try Row.fetchAll(db, sql: """
            SELECT id, rank FROM (SELECT rowid AS id, bm25(\(table)) AS rank FROM \(table)
                                  WHERE \(table) MATCH ? ORDER BY rowid DESC LIMIT \(Self.rankWindow))
            ORDER BY rank, id DESC LIMIT ?
            """, arguments: [pattern, limit]).map { ($0["id"], $0["rank"]) }
    }

    /// Claims about a name or from a source come from `NameIndex`'s tables: the newest
    /// matching rows of one index range, then those claims' rows. Other listings (all
    /// claims, `--since` alone) read the claims in listing order as before.
    func claims(_ filter: ClaimFilter, limit: Int, exactEntityKey: String? = nil) throws -> [ClaimRow] {
        let about = filter.about.map(NameKey.fold) ?? ""
        let source = filter.source.map(NameKey.fold) ?? ""
        var sql: String
        var arguments = StatementArguments()
        if let key = exactEntityKey, let term = NameIndex.driver(key) {
            sql = "SELECT t.claim_id FROM claim_names t WHERE t.term = ? AND t.names LIKE ?"
            arguments += [term, NameIndex.exactPattern(key)]
        } else if exactEntityKey == nil, let term = NameIndex.driver(about) {
            sql = "SELECT t.claim_id FROM claim_names t WHERE t.term = ? AND t.keys LIKE ?"
            arguments += [term, NameKey.wordPattern(about)]
        } else if exactEntityKey == nil, let term = NameIndex.driver(source) {
            return try claimRows(ids: indexedSourceClaims(term: term, source: source, since: filter.since, limit: limit))
        } else {
            return try scannedClaims(filter, limit: limit, exactEntityKey: exactEntityKey)
        }
        if exactEntityKey == nil, let term = NameIndex.driver(source) {
            sql += """
                 AND EXISTS (SELECT 1 FROM claim_sources s WHERE s.term = ? AND s.published = t.published
                             AND s.document_id = t.document_id AND s.idx = t.idx AND s.keys LIKE ?)
                """
            arguments += [term, NameKey.wordPattern(source)]
        }
        if let since = filter.since {
            sql += " AND t.published >= ?"
            arguments += [since.iso]
        }
        sql += " AND NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = t.document_id)"
        sql += " ORDER BY t.published DESC, t.document_id, t.idx LIMIT ?"
        arguments += [limit]
        return try claimRows(ids: Int64.fetchAll(db, sql: sql, arguments: arguments))
    }

    private func indexedSourceClaims(term: String, source: String, since: Day?, limit: Int) throws -> [Int64] {
        var sql = "SELECT t.claim_id FROM claim_sources t WHERE t.term = ? AND t.keys LIKE ?"
        var arguments: StatementArguments = [term, NameKey.wordPattern(source)]
        if let since {
            sql += " AND t.published >= ?"
            arguments += [since.iso]
        }
        sql += """
             AND NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = t.document_id)
             ORDER BY t.published DESC, t.document_id, t.idx LIMIT ?
            """
        arguments += [limit]
        return try Int64.fetchAll(db, sql: sql, arguments: arguments)
    }

    static let claimSelect = ClaimRowSQL.select

    /// The rows of `ids`, in that order.
    private func claimRows(ids: [Int64]) throws -> [ClaimRow] {
        guard !ids.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: "\(Self.claimSelect) WHERE c.id IN (\(placeholders))",
                                    arguments: StatementArguments(ids))
        let byID = Dictionary(rows.map { ($0["id"] as Int64, $0) }, uniquingKeysWith: { a, _ in a })
        return try ids.compactMap { byID[$0] }.map(claimRow)
    }

    private func claimRow(_ row: Row) throws -> ClaimRow {
        ClaimRow(document: row["document_id"], index: row["idx"], text: row["text"],
                 certainty: row["certainty"], direct: row["direct"], source: row["source"],
                 sourceKind: row["source_kind"], cue: row["cue"], channel: row["channel"],
                 outlet: row["outlet"], published: (row["published"] as String?).flatMap(Day.init(iso:)),
                 title: row["title"], url: row["url"], entities: try entities(ofClaim: row["id"]))
    }

    /// The listing without the word indexes: filters evaluated claim by claim in listing
    /// order — SQLite sorts NULL first ascending, so `published DESC` puts undated
    /// documents last, and `documents_listing_order` serves the order, documents newest
    /// first and each one's claims by the `(document_id, idx)` index. Serves unfiltered and `--since` listings (which stop after `limit` rows of
    /// the order), names without any word, and the equivalence tests of the indexes.
    func scannedClaims(_ filter: ClaimFilter, limit: Int, exactEntityKey: String? = nil) throws -> [ClaimRow] {
        var conditions = [Self.notNearDuplicate]
        var arguments = StatementArguments()
        let mentionInClaim = """
            EXISTS (SELECT 1 FROM entity_mentions m
                    WHERE m.document_id = c.document_id
                      AND (m.idx IN (SELECT l.idx FROM claim_links l WHERE l.claim_id = c.id AND l.kind = 'entity')
                           OR (m.start >= c.start AND m."end" <= c."end"))
                      AND %@)
            """
        if let key = exactEntityKey {
            conditions.append(mentionInClaim.replacingOccurrences(of: "%@", with: "m.name_key = ?"))
            arguments += [key]
        } else if let about = filter.about.map(NameKey.fold), !about.isEmpty {
            conditions.append(mentionInClaim.replacingOccurrences(of: "%@", with: """
                (' ' || m.name_key || ' ' LIKE ? OR ' ' || m.text_key || ' ' LIKE ?)
                """))
            arguments += [NameKey.wordPattern(about), NameKey.wordPattern(about)]
        }
        if let source = filter.source.map(NameKey.fold), !source.isEmpty {
            conditions.append("""
                (' ' || a.source_key || ' ' LIKE ? OR ' ' || a.channel_key || ' ' LIKE ?
                 OR ' ' || d.outlet_key || ' ' LIKE ?)
                """)
            let p = NameKey.wordPattern(source)
            arguments += [p, p, p]
        }
        if let since = filter.since {
            conditions.append("d.published >= ?")
            arguments += [since.iso]
        }
        arguments += [limit]
        let rows = try Row.fetchAll(db, sql: """
            \(Self.claimSelect)
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY d.published DESC, d.id, c.idx
            LIMIT ?
            """, arguments: arguments)
        return try rows.map(claimRow)
    }

    private func entities(ofClaim id: Int64) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT COALESCE(m.canonical, m.text)
            FROM claims c JOIN entity_mentions m ON m.document_id = c.document_id
            WHERE c.id = ?
              AND (m.idx IN (SELECT l.idx FROM claim_links l WHERE l.claim_id = c.id AND l.kind = 'entity')
                   OR (m.start >= c.start AND m."end" <= c."end"))
            ORDER BY m.start
            """, arguments: [id])
    }

    /// Entity groups from `NameStats`: the groups whose name or spelling holds the query's
    /// words (one range of `name_terms`), their counters, and their commonest spellings —
    /// a few rows whatever the name's popularity.
    func entity(_ name: String, claimLimit: Int) throws -> [EntityReport] {
        let key = NameKey.fold(name)
        guard let term = NameIndex.driver(key) else { return [] }
        let groups = try Row.fetchAll(db, sql: NameStats.groupsSQL("?1", "?2", "?3"),
                                      arguments: [key, NameKey.wordPattern(key), term])
        return try groups.map { g in
            let nameKey: String = g["name_key"]
            let type: String = g["type"]
            let aliases = try String.fetchAll(db, sql: NameStats.aliasesSQL("?", "?"), arguments: [nameKey, type])
            return EntityReport(
                name: g["name"], type: type, entityID: g["entity_id"], mentions: g["mentions"],
                documents: g["documents"], aliases: aliases,
                firstSeen: (g["first_seen"] as String?).flatMap(Day.init(iso:)),
                lastSeen: (g["last_seen"] as String?).flatMap(Day.init(iso:)),
                claims: try claims(ClaimFilter(), limit: claimLimit, exactEntityKey: nameKey))
        }
    }

    func document(_ reference: String) throws -> StoredDocument? {
        let ref = reference.trimmingCharacters(in: .whitespaces)
        var row: Row?
        if let id = Int64(ref) {
            row = try Row.fetchOne(db, sql: "\(Self.documentSelect) WHERE d.id = ?", arguments: [id])
        }
        if row == nil, ref.count >= 6, ref.count <= 64, ref.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit) {
            let matches = try Row.fetchAll(db, sql: "\(Self.documentSelect) WHERE d.sha256 LIKE ? LIMIT 2",
                                           arguments: [ref.lowercased() + "%"])
            if matches.count > 1 { throw StoreError("\(ref): several documents have a hash starting so; give more of it") }
            row = matches.first
        }
        if row == nil {
            row = try Row.fetchOne(db, sql: "\(Self.documentSelect) WHERE d.url = ?1 OR d.external_id = ?1 ORDER BY d.id LIMIT 1",
                                   arguments: [ref])
        }
        return row.map(Self.storedDocument)
    }

    static let documentSelect = """
        SELECT d.id, d.sha256, d.title, d.author, d.outlet, d.url, d.external_id, d.published, d.language,
               d.origin, d.added_at, d.length, d.text, n.original_id, n.similarity
        FROM documents d LEFT JOIN near_duplicates n ON n.document_id = d.id
        """

    static func storedDocument(_ row: Row) -> StoredDocument {
        StoredDocument(id: row["id"], sha256: row["sha256"], title: row["title"], author: row["author"],
                       outlet: row["outlet"], url: row["url"], externalID: row["external_id"],
                       published: (row["published"] as String?).flatMap(Day.init(iso:)),
                       language: row["language"], origin: row["origin"], addedAt: row["added_at"],
                       length: row["length"], nearDuplicateOf: row["original_id"], similarity: row["similarity"],
                       text: row["text"])
    }
}
