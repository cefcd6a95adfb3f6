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
        // The newest matches' ids first (no ranking: FTS5 reads its doclist newest first):
        // they tell which window of `SearchWindows` is the first with `limit` matches, so
        // one ranking query follows, over that window only.
        let newest = try Int64.fetchAll(db, sql: """
            SELECT rowid FROM claim_fts WHERE claim_fts MATCH ? ORDER BY rowid DESC LIMIT \(Self.rankWindow)
            """, arguments: [pattern])
        let last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM claims") ?? 0
        let window = SearchWindows.claims.first { w in limit > 0 && newest.count(where: { $0 > last - Int64(w) }) >= limit }
        let claimHits = newest.isEmpty ? [] : try ranked("claim_fts", pattern: pattern, limit: limit,
                                                         after: window.map { last - Int64($0) })
        let claimSnippets = try snippets("claim_fts", column: 0, tokens: 24, pattern: pattern, ids: claimHits.map(\.0))
        let claimRows = try rowsByID("""
            SELECT c.id, c.document_id, c.idx, d.title, d.outlet, d.published
            FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.id IN
            """, ids: claimHits.map(\.0))
        let claims = claimHits.compactMap { id, rank -> SearchHit? in
            guard let row = claimRows[id], let snippet = claimSnippets[id] else { return nil }
            return SearchHit(kind: .claim, document: row["document_id"], claim: row["idx"], title: row["title"],
                             outlet: row["outlet"], published: (row["published"] as String?).flatMap(Day.init(iso:)),
                             snippet: snippet, rank: rank)
        }
        guard claims.count < limit else { return claims }
        let documentHits = try ranked("document_fts", pattern: pattern, limit: limit - claims.count)
        let documentSnippets = try snippets("document_fts", column: 1, tokens: 16, pattern: pattern, ids: documentHits.map(\.0))
        let documentRows = try rowsByID("SELECT d.id, d.title, d.outlet, d.published FROM documents d WHERE d.id IN",
                                        ids: documentHits.map(\.0))
        let documents = documentHits.compactMap { id, rank -> SearchHit? in
            guard let row = documentRows[id], let snippet = documentSnippets[id] else { return nil }
            return SearchHit(kind: .document, document: row["id"], title: row["title"], outlet: row["outlet"],
                             published: (row["published"] as String?).flatMap(Day.init(iso:)),
                             snippet: snippet, rank: rank)
        }
        return claims + documents
    }

    /// The snippets of the hits `ids`, in one FTS5 query: a prefix query (`word*`) gathers
    /// every matching row of the word each time it runs, and running it once per hit cost
    /// twenty times that for one search. The rowid range bounds what FTS5 reads; `+rowid
    /// IN` (not handed to FTS5, which would re-run the query per value) picks the hits.
    private func snippets(_ table: String, column: Int, tokens: Int, pattern: FTS5Pattern,
                          ids: [Int64]) throws -> [Int64: String] {
        guard let low = ids.min(), let high = ids.max() else { return [:] }
        let list = ids.map(String.init).joined(separator: ", ")
        var out: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT rowid, snippet(\(table), \(column), '[', ']', '…', \(tokens)) FROM \(table)
            WHERE \(table) MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (\(list))
            """, arguments: [pattern, low, high]) {
            out[row[0]] = row[1]
        }
        return out
    }

    /// Rows of `sql` (ending in `… IN`) for `ids`, by their first column.
    private func rowsByID(_ sql: String, ids: [Int64]) throws -> [Int64: Row] {
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db, sql: "\(sql) (\(ids.map(String.init).joined(separator: ", ")))")
        return Dictionary(rows.map { ($0[0] as Int64, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The best `limit` (rowid, BM25) among the newest `rankWindow` matches of `table`
    /// with a rowid above `after` when given (see `SearchWindows`).
    private func ranked(_ table: String, pattern: FTS5Pattern, limit: Int, after: Int64? = nil) throws -> [(Int64, Double)] {
        try Row.fetchAll(db, sql: """
            SELECT id, rank FROM (SELECT rowid AS id, bm25(\(table)) AS rank FROM \(table)
                                  WHERE \(table) MATCH ? AND rowid > ? ORDER BY rowid DESC LIMIT \(Self.rankWindow))
            ORDER BY rank, id DESC LIMIT ?
            """, arguments: [pattern, after ?? Int64.min, limit]).map { ($0["id"], $0["rank"]) }
    }

    /// Claims about a name or from a source come from `NameIndex`'s tables: the newest
    /// matching rows of one index range per generation (`WordGenerations.merged`), then
    /// those claims' rows. Other listings (all claims, `--since` alone) read the claims in
    /// listing order as before.
    func claims(_ filter: ClaimFilter, limit: Int, exactEntityKey: String? = nil) throws -> [ClaimRow] {
        let about = filter.about.map(NameKey.fold) ?? ""
        let source = filter.source.map(NameKey.fold) ?? ""
        var conditions: [String]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let key = exactEntityKey, let term = NameIndex.driver(key) {
            conditions = ["t.term = ?1", "t.names LIKE ?2"]
            arguments += [term, NameIndex.exactPattern(key)]
        } else if exactEntityKey == nil, let term = NameIndex.driver(about) {
            conditions = ["t.term = ?1", "t.keys LIKE ?2"]
            arguments += [term, NameKey.wordPattern(about)]
        } else if exactEntityKey == nil, let term = NameIndex.driver(source) {
            return try claimRows(ids: sourceClaims(term: term, source: source, since: filter.since, limit: limit))
        } else {
            return try scannedClaims(filter, limit: limit, exactEntityKey: exactEntityKey)
        }
        if exactEntityKey == nil, let term = NameIndex.driver(source) {
            // The claim's source or channel (its row has the claim's generation — or, while
            // a merge runs and the claim is in it, any generation of the merge:
            // `WordMerges.probeGenerations`), or its document's outlet: one key probe each.
            func sources(_ gen: String) -> String {
                """
                EXISTS (SELECT 1 FROM claim_sources s WHERE \(gen) AND s.term = ?3 AND s.published = t.published
                        AND s.document_id = t.document_id AND s.idx = t.idx AND s.keys LIKE ?4)
                """
            }
            let merging = try WordMerges.probeGenerations(db).map { list in
                " OR (t.gen IN (\(list)) AND \(sources("s.gen IN (\(list))")))"
            } ?? ""
            conditions.append("""
                (\(sources("s.gen = t.gen"))\(merging)
                 OR EXISTS (SELECT 1 FROM document_outlets o WHERE o.term = ?3 AND o.published = t.published
                            AND o.document_id = t.document_id AND o.keys LIKE ?4))
                """)
            arguments += [term, NameKey.wordPattern(source)]
        }
        if let since = filter.since {
            conditions.append("t.published >= ?\(arguments.count + 1)")
            arguments += [since.iso]
        }
        conditions.append("NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = t.document_id)")
        arguments += [limit]
        guard let sql = WordGenerations.merged(
            try WordGenerations.live(db), select: "SELECT t.claim_id, t.published, t.document_id, t.idx FROM claim_names t",
            conditions: conditions, orderBy: "published DESC, document_id, idx", limit: "?\(arguments.count)") else { return [] }
        return try claimRows(ids: Int64.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)))
    }

    /// The newest `limit` claims from a source: those whose source or channel matches
    /// (`claim_sources`, one range per generation) merged with the claims of documents
    /// whose outlet matches (`document_outlets`, one row per document and word). Each side
    /// is read in listing order and cut at `limit`, so the merge is exact and as cheap as
    /// one range was when `claim_sources` held the outlet on every claim.
    private func sourceClaims(term: String, source: String, since: Day?, limit: Int) throws -> [Int64] {
        let pattern = NameKey.wordPattern(source)
        let sinceFilter = since == nil ? "" : " AND t.published >= ?3"
        var arguments: StatementArguments = [term, pattern, since?.iso ?? "", limit]
        var conditions = ["t.term = ?1", "t.keys LIKE ?2",
                          "NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = t.document_id)"]
        if since != nil { conditions.append("t.published >= ?3") }
        let bySource = try WordGenerations.merged(
            try WordGenerations.live(db), select: "SELECT t.claim_id, t.published, t.document_id, t.idx FROM claim_sources t",
            conditions: conditions, orderBy: "published DESC, document_id, idx", limit: "?4"
        ).map { try Row.fetchAll(db, sql: $0, arguments: arguments) } ?? []
        arguments = [term, pattern, since?.iso ?? "", limit]
        let byOutlet = try Row.fetchAll(db, sql: """
            SELECT c.id, t.published, t.document_id, c.idx
            FROM document_outlets t JOIN claims c ON c.document_id = t.document_id
            WHERE t.term = ?1 AND t.keys LIKE ?2\(sinceFilter)
              AND NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = t.document_id)
            ORDER BY t.published DESC, t.document_id, c.idx LIMIT ?4
            """, arguments: arguments)
        return ListingOrder.merge(bySource.map(ListingOrder.init), byOutlet.map(ListingOrder.init), limit: limit)
    }

    static let claimSelect = ClaimRowSQL.select

    /// The rows of `ids`, in that order.
    private func claimRows(ids: [Int64]) throws -> [ClaimRow] {
        let byID = try claimRowsByID(ids)
        return ids.compactMap { byID[$0] }
    }

    /// The rows of `ids` with their entity names: two statements whatever the count (an
    /// entity report lists up to 10 × 20 claims; a query per claim cost 10 ms per group).
    private func claimRowsByID(_ ids: [Int64]) throws -> [Int64: ClaimRow] {
        // SQLite refuses a statement with more than 32 766 parameters, and `claims
        // --format jsonl` returns every hit by default: so the ids go in slices.
        var out: [Int64: ClaimRow] = [:]
        var start = ids.startIndex
        while start < ids.endIndex {
            let end = min(start + Self.idsPerStatement, ids.endIndex)
            out.merge(try claimRowsByID(slice: Array(ids[start..<end]))) { first, _ in first }
            start = end
        }
        return out
    }

    /// Claim ids bound in one statement: far under SQLite's limit of 32 766 parameters,
    /// and large enough that a listing of a million claims takes a few thousand statements.
    static let idsPerStatement = 500

    private func claimRowsByID(slice ids: [Int64]) throws -> [Int64: ClaimRow] {
        guard !ids.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: "\(Self.claimSelect) WHERE c.id IN (\(placeholders))",
                                    arguments: StatementArguments(ids))
        var names: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.id, COALESCE(m.canonical, m.text) AS name, MIN(m.start) AS first
            FROM claims c JOIN entity_mentions m ON m.document_id = c.document_id
            WHERE c.id IN (\(placeholders))
              AND (\(ClaimEntities.linked(mention: "m", claim: "c"))
                   OR (m.start >= c.start AND m."end" <= c."end"))
            GROUP BY c.id, COALESCE(m.canonical, m.text)
            ORDER BY c.id, first
            """, arguments: StatementArguments(ids)) {
            names[row[0], default: []].append(row[1])
        }
        var out: [Int64: ClaimRow] = [:]
        // By position, in `ClaimRowSQL.select`'s order: a lookup by column name per value
        // was most of the time of a 200-claim entity report.
        for row in rows {
            let id: Int64 = row[0]
            out[id] = ClaimRow(document: row[1], index: row[2], text: row[3], certainty: row[4], direct: row[5],
                               source: row[6], sourceKind: row[7], cue: row[8], channel: row[9], outlet: row[10],
                               published: (row[11] as String?).flatMap(Day.init(iso:)), title: row[12], url: row[13],
                               entities: names[id] ?? [])
        }
        return out
    }

    /// The newest `limit` claims about the exact name `key` (canonical keys only), from
    /// one range of `claim_names` per generation; nil when the key has no word to look up.
    private func exactNameClaimIDs(_ key: String, limit: Int) throws -> [Int64]? {
        guard let term = NameIndex.driver(key) else { return nil }
        guard let sql = WordGenerations.merged(
            try WordGenerations.live(db), select: "SELECT t.claim_id, t.published, t.document_id, t.idx FROM claim_names t",
            conditions: ["t.term = ?1", "t.names LIKE ?2",
                         "NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = t.document_id)"],
            orderBy: "published DESC, document_id, idx", limit: "?3") else { return [] }
        return try Int64.fetchAll(db, sql: sql, arguments: [term, NameIndex.exactPattern(key), limit])
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
                      AND (\(ClaimEntities.linked(mention: "m", claim: "c"))
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
        return try claimRows(ids: rows.map { $0["id"] as Int64 })
    }

    /// Entity groups from `NameStats`: the groups whose name or spelling holds the query's
    /// words (one range of `name_terms`), their counters, and their commonest spellings —
    /// a few rows whatever the name's popularity.
    func entity(_ name: String, claimLimit: Int) throws -> [EntityReport] {
        let key = NameKey.fold(name)
        guard let term = NameIndex.driver(key) else { return [] }
        let groups = try Row.fetchAll(db, sql: NameStats.groupsSQL("?1", "?2", "?3"),
                                      arguments: [key, NameKey.wordPattern(key), term])
        // Each group's claim ids (one index range each), then every claim row at once.
        var ids: [[Int64]?] = []
        for g in groups { ids.append(try exactNameClaimIDs(g["name_key"], limit: claimLimit)) }
        let rows = try claimRowsByID(ids.flatMap { $0 ?? [] })
        return try zip(groups, ids).map { g, ids in
            let nameKey: String = g["name_key"]
            let type: String = g["type"]
            let aliases = try String.fetchAll(db, sql: NameStats.aliasesSQL("?", "?"), arguments: [nameKey, type])
            return EntityReport(
                name: g["name"], type: type, entityID: g["entity_id"], mentions: g["mentions"],
                documents: g["documents"], aliases: aliases,
                firstSeen: (g["first_seen"] as String?).flatMap(Day.init(iso:)),
                lastSeen: (g["last_seen"] as String?).flatMap(Day.init(iso:)),
                claims: try ids.map { $0.compactMap { rows[$0] } }
                    ?? claims(ClaimFilter(), limit: claimLimit, exactEntityKey: nameKey))
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
