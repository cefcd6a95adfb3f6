import DossierCore
import Foundation
import PostgresNIO

/// The read side on PostgreSQL: the same answers as `SQLiteQueries`, near-duplicates left
/// out of claim and entity listings the same way.
struct PostgresQueries {
    let connection: PostgresConnection

    static let notNearDuplicate = "NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = d.id)"

    /// Matches ranked per search: the newest this many (by id, i.e. latest stored). A
    /// common word matches a tenth of a million claims; ranking them all cost 0.6 s, and
    /// a reader wants the best of what is recent, not a relevance order over all time.
    static let rankWindow = 1_000

    func search(_ text: String, limit: Int) async throws -> [SearchHit] {
        guard let query = try await PostgresSearchQuery.compile(text, on: connection) else { return [] }
        let pattern = query.pattern
        var out: [SearchHit] = []
        // The bound as a literal: with it the planner knows the window is a few thousand
        // rows and reads them newest first, or takes the GIN match for a rare word.
        let last = try await connection.run("SELECT COALESCE(MAX(id), 0) FROM claims").first?.decode(Int64.self) ?? 0
        for window in SearchWindows.claims.map(Optional.some) + [nil] {
            out = try await claimHits(query, limit: limit, after: window.map { last - Int64($0) })
            if out.count >= limit { return out }
        }
        return try await out + documentHits(pattern, limit: limit - out.count)
    }

    /// The best `limit` claims among the newest `rankWindow` matches, with an id above
    /// `after` when given (see `SearchWindows`). With a prefix query, the candidates come
    /// from `claims_prefixes` (whole entries, intersected by GIN's fast scan) and the
    /// pattern is checked on their rows as a function call, `ts_match_vq`, which no index
    /// serves — written as `@@`, the planner would AND in the prefix walk of `claims_fts`
    /// this index is there to avoid.
    private func claimHits(_ query: PostgresSearchQuery.Compiled, limit: Int, after: Int64?) async throws -> [SearchHit] {
        var claims = SQLBuilder("WITH q AS (SELECT ")
        claims.bind(.text(query.pattern))
        let match: String
        if let prefixes = query.prefixes {
            claims.add("::tsquery AS p, ")
            claims.bind(.text(prefixes))
            claims.add("::tsquery AS x")
            match = "dossier_prefixes(c.fts) @@ (q.x) AND ts_match_vq(c.fts, q.p)"
        } else {
            claims.add("::tsquery AS p")
            match = "c.fts @@ (q.p)"
        }
        claims.add("""
            ), hits AS (
              SELECT c.id, c.document_id, c.idx, c.text, c.fts_config, ts_rank_cd(c.fts, q.p) AS rank
              FROM (SELECT c.* FROM claims c, q WHERE \(match)\(after.map { " AND c.id > \($0)" } ?? "")
                    ORDER BY c.id DESC LIMIT \(Self.rankWindow)) c, q
              ORDER BY rank DESC LIMIT 
            """)
        claims.bind(.int(limit))
        claims.add("""
            )
            SELECT h.document_id, h.idx, d.title, d.outlet, d.published,
                   ts_headline(h.fts_config, h.text, q.p,
                               'StartSel=[, StopSel=], MaxWords=24, MinWords=8, ShortWord=2') AS snippet,
                   -h.rank AS rank
            FROM hits h JOIN documents d ON d.id = h.document_id, q
            ORDER BY h.rank DESC, h.id
            """)
        var out: [SearchHit] = []
        for row in try await connection.run(claims) {
            let r = row.makeRandomAccess()
            out.append(SearchHit(kind: .claim, document: try r["document_id"].decode(Int64.self),
                                 claim: try r["idx"].decode(Int.self), title: try r["title"].decode(String?.self),
                                 outlet: try r["outlet"].decode(String?.self),
                                 published: try r["published"].decode(String?.self).flatMap(Day.init(iso:)),
                                 snippet: try r["snippet"].decode(String.self), rank: Double(try r["rank"].decode(Float.self))))
        }
        return out
    }

    private func documentHits(_ pattern: String, limit: Int) async throws -> [SearchHit] {
        var out: [SearchHit] = []
        var documents = SQLBuilder("WITH q AS (SELECT ")
        documents.bind(.text(pattern))
        documents.add("""
            ::tsquery AS p), hits AS (
              SELECT d.id, ts_rank_cd(d.fts, q.p) AS rank
              FROM (SELECT d.id, d.fts FROM documents d, q WHERE d.fts @@ (q.p)
                    ORDER BY d.id DESC LIMIT \(Self.rankWindow)) d, q
              ORDER BY rank DESC LIMIT 
            """)
        documents.bind(.int(limit))
        documents.add("""
            )
            SELECT d.id, d.title, d.outlet, d.published,
                   ts_headline(d.fts_config, coalesce(d.title, '') || ' — ' || left(d.text, 20000), q.p,
                               'StartSel=[, StopSel=], MaxWords=16, MinWords=6, ShortWord=2') AS snippet,
                   -h.rank AS rank
            FROM hits h JOIN documents d ON d.id = h.id, q
            ORDER BY h.rank DESC, h.id
            """)
        for row in try await connection.run(documents) {
            let r = row.makeRandomAccess()
            out.append(SearchHit(kind: .document, document: try r["id"].decode(Int64.self),
                                 title: try r["title"].decode(String?.self), outlet: try r["outlet"].decode(String?.self),
                                 published: try r["published"].decode(String?.self).flatMap(Day.init(iso:)),
                                 snippet: try r["snippet"].decode(String.self), rank: Double(try r["rank"].decode(Float.self))))
        }
        return out
    }

    /// Claims about a name or from a source come from `NameIndex`'s tables: the newest
    /// matching entries of one index range (`term`, then listing order), then those
    /// claims' rows. Other listings (all claims, `--since` alone) read the claims in the
    /// listing order's index.
    func claims(_ filter: ClaimFilter, limit: Int, exactEntityKey: String? = nil) async throws -> [ClaimRow] {
        let about = filter.about.map(NameKey.fold) ?? ""
        let source = filter.source.map(NameKey.fold) ?? ""
        var sql: SQLBuilder
        // `claims --source` alone: also the claims of the documents whose outlet matches.
        var outletClaims: [ListingOrder]?
        if let key = exactEntityKey, let term = NameIndex.driver(key) {
            sql = SQLBuilder("SELECT t.claim_id FROM claim_names t WHERE t.term = ")
            sql.bind(.text(term)); sql.add(" AND t.names LIKE "); sql.bind(.text(NameIndex.exactPattern(key)))
        } else if exactEntityKey == nil, let term = NameIndex.driver(about) {
            sql = SQLBuilder("SELECT t.claim_id FROM claim_names t WHERE t.term = ")
            sql.bind(.text(term)); sql.add(" AND t.keys LIKE "); sql.bind(.text(NameKey.wordPattern(about)))
            if let sourceTerm = NameIndex.driver(source) {
                // The claim's source or channel (`claim_sources`), or its document's outlet.
                sql.add(" AND (EXISTS (SELECT 1 FROM claim_sources s WHERE s.term = ")
                sql.bind(.text(sourceTerm))
                sql.add(" AND s.published = t.published AND s.document_id = t.document_id AND s.idx = t.idx AND s.keys LIKE ")
                let pattern = sql.bind(.text(NameKey.wordPattern(source)))
                sql.add(") OR EXISTS (SELECT 1 FROM documents d WHERE d.id = t.document_id AND ' ' || d.outlet_key || ' ' LIKE \(pattern)))")
            }
        } else if exactEntityKey == nil, let term = NameIndex.driver(source) {
            sql = SQLBuilder("SELECT t.claim_id, t.published, t.document_id, t.idx FROM claim_sources t WHERE t.term = ")
            sql.bind(.text(term)); sql.add(" AND t.keys LIKE "); sql.bind(.text(NameKey.wordPattern(source)))
            outletClaims = try await claimsOfOutlets(matching: source, since: filter.since, limit: limit)
        } else {
            return try await scannedClaims(filter, limit: limit, exactEntityKey: exactEntityKey)
        }
        if let since = filter.since {
            sql.add(" AND t.published >= ")
            sql.bind(.text(since.iso))
        }
        sql.add(" AND NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = t.document_id)")
        sql.add(" ORDER BY t.published DESC, t.document_id, t.idx LIMIT ")
        sql.bind(.int(limit))
        // The planner estimates that a whole-word LIKE keeps almost no rows, so it reads
        // every entry of the word (bitmap scan) and sorts them — 0.1–0.3 s for a popular
        // name — instead of walking the index in order and stopping at the limit (0.4 ms
        // measured). Bitmap scans are switched off for this one statement only.
        var ids: [Int64]
        if let outletClaims {
            let bySource = try await runInIndexOrder(sql).map { ListingOrder(try $0.decode((Int64, String, Int64, Int).self)) }
            ids = ListingOrder.merge(bySource, outletClaims, limit: limit)
        } else {
            ids = try await runInIndexOrder(sql).map { try $0.decode(Int64.self) }
        }
        let byID = try await claimRows(ids: ids)
        return ids.compactMap { byID[$0] }
    }

    /// The newest `limit` claims of documents whose outlet holds `source`'s words, in
    /// listing order (`published` newest first, unknown last, then document and index):
    /// the outlet's words are not `claim_sources` rows. Whether any outlet matches is
    /// asked first (the trigram index on outlets answers). Then the distinct outlets are
    /// read by skipping through `documents_outlet_order` (one probe per outlet, however
    /// many documents each has), and each matching outlet's newest claims come from the
    /// same index. Walking all documents in listing order instead took 92 ms at 100 000
    /// documents for an outlet with one old document, against 0.6 ms this way.
    private func claimsOfOutlets(matching source: String, since: Day?, limit: Int) async throws -> [ListingOrder] {
        var exists = SQLBuilder("SELECT EXISTS (SELECT 1 FROM documents d WHERE ' ' || d.outlet_key || ' ' LIKE ")
        let pattern = NameKey.wordPattern(source)
        exists.bind(.text(pattern))
        exists.add(")")
        guard try await connection.run(exists).first?.decode(Bool.self) == true else { return [] }
        var sql = SQLBuilder("""
            WITH RECURSIVE outlets(k) AS (
                SELECT min(outlet_key) FROM documents
                UNION ALL
                SELECT (SELECT min(d.outlet_key) FROM documents d WHERE d.outlet_key > o.k) FROM outlets o WHERE o.k IS NOT NULL)
            SELECT x.id, x.published, x.document_id, x.idx FROM outlets o CROSS JOIN LATERAL (
                SELECT c.id, COALESCE(d.published, '') AS published, d.id AS document_id, c.idx, d.published AS day
                FROM documents d JOIN claims c ON c.document_id = d.id
                WHERE d.outlet_key = o.k
            """)
        if let since {
            sql.add(" AND d.published >= ")
            sql.bind(.text(since.iso))
        }
        sql.add(" AND NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = d.id)")
        sql.add(" ORDER BY d.published DESC NULLS LAST, d.id, c.idx LIMIT ")
        sql.bind(.int(limit))
        sql.add(") x WHERE o.k IS NOT NULL AND ' ' || o.k || ' ' LIKE ")
        sql.bind(.text(pattern))
        sql.add(" ORDER BY x.day DESC NULLS LAST, x.document_id, x.idx LIMIT ")
        sql.bind(.int(limit))
        return try await runInIndexOrder(sql).map { ListingOrder(try $0.decode((Int64, String, Int64, Int).self)) }
    }

    /// Runs `sql` with bitmap and sequential scans switched off for it alone (SET LOCAL in
    /// its own transaction), so a word-index lookup walks the covering index: the planner
    /// misjudges whole-word LIKE filters on those rows (see `claims`).
    private func runInIndexOrder(_ sql: SQLBuilder) async throws -> [PostgresRow] {
        try await connection.withTransaction(logger: PostgresConnection.quiet) { c in
            try await c.run("SET LOCAL enable_bitmapscan = off")
            try await c.run("SET LOCAL enable_seqscan = off")
            return try await c.run(sql)
        }
    }

    static let claimSelect = ClaimRowSQL.select

    /// Runs a `claimSelect` query and attaches each claim's entity names.
    /// The rows of `ids`, by id, in slices: a statement binds at most 65 535 parameters,
    /// and `claims --format jsonl` returns every hit by default. (No ids, no statement:
    /// `IN ()` is no valid SQL.)
    private func claimRows(ids: [Int64]) async throws -> [Int64: ClaimRow] {
        var out: [Int64: ClaimRow] = [:]
        var start = ids.startIndex
        while start < ids.endIndex {
            let end = min(start + Self.idsPerStatement, ids.endIndex)
            var sql = SQLBuilder("\(Self.claimSelect) WHERE c.id IN (")
            for (i, id) in ids[start..<end].enumerated() {
                if i > 0 { sql.add(", ") }
                sql.bind(.int(id))
            }
            sql.add(")")
            for (id, row) in try await claimRows(sql) where out[id] == nil { out[id] = row }
            start = end
        }
        return out
    }

    /// Claim ids bound in one statement, well under PostgreSQL's 65 535 parameters.
    static let idsPerStatement = 5_000

    private func claimRows(_ sql: SQLBuilder) async throws -> [(id: Int64, row: ClaimRow)] {
        let rows = try await connection.run(sql)
        var out: [ClaimRow] = []
        var ids: [Int64] = []
        for row in rows {
            let r = row.makeRandomAccess()
            ids.append(try r["id"].decode(Int64.self))
            out.append(ClaimRow(document: try r["document_id"].decode(Int64.self), index: try r["idx"].decode(Int.self),
                                text: try r["text"].decode(String.self), certainty: try r["certainty"].decode(String.self),
                                direct: try r["direct"].decode(Bool.self), source: try r["source"].decode(String?.self),
                                sourceKind: try r["source_kind"].decode(String?.self), cue: try r["cue"].decode(String?.self),
                                channel: try r["channel"].decode(String?.self), outlet: try r["outlet"].decode(String?.self),
                                published: try r["published"].decode(String?.self).flatMap(Day.init(iso:)),
                                title: try r["title"].decode(String?.self), url: try r["url"].decode(String?.self)))
        }
        let entities = try await entities(ofClaims: ids)
        for i in out.indices { out[i].entities = entities[ids[i]] ?? [] }
        return Array(zip(ids, out)).map { (id: $0.0, row: $0.1) }
    }

    /// The listing without the word indexes: the name and source filters evaluated on the
    /// normalised rows (trigram indexes). Serves unfiltered and `--since` listings, names
    /// without any word, and the equivalence tests of the indexes.
    func scannedClaims(_ filter: ClaimFilter, limit: Int, exactEntityKey: String? = nil) async throws -> [ClaimRow] {
        var sql = SQLBuilder("WITH ")
        var candidates: [String] = []
        var ctes: [String] = []
        func cte(_ name: String, _ body: (inout SQLBuilder) -> Void) {
            sql.add(ctes.isEmpty ? "" : ", ")
            sql.add("\(name) AS MATERIALIZED (")
            body(&sql)
            sql.add(")")
            ctes.append(name)
        }
        let about = filter.about.map(NameKey.fold) ?? ""
        if exactEntityKey != nil || !about.isEmpty {
            cte("mm") {
                $0.add("SELECT m.document_id, m.idx, m.start, m.\"end\" FROM entity_mentions m WHERE ")
                if let key = exactEntityKey {
                    $0.add("m.name_key = "); $0.bind(.text(key))
                } else {
                    $0.add("(' ' || m.name_key || ' ' LIKE ")
                    let p = $0.bind(.text(NameKey.wordPattern(about)))
                    $0.add(" OR ' ' || m.text_key || ' ' LIKE \(p))")
                }
            }
            cte("about_claims") {
                $0.add("""
                    SELECT DISTINCT x.id FROM mm CROSS JOIN LATERAL (
                        SELECT c.id FROM claims c WHERE c.document_id = mm.document_id
                          AND ((mm.start >= c.start AND mm."end" <= c."end")
                               OR EXISTS (SELECT 1 FROM claim_links l WHERE l.claim_id = c.id AND l.kind = 'entity' AND l.idx = mm.idx))) x
                    """)
            }
            candidates.append("c.id IN (SELECT id FROM about_claims)")
        }
        let source = filter.source.map(NameKey.fold) ?? ""
        if !source.isEmpty {
            cte("source_claims") {
                // LATERAL: the claims of each matching row by index, never a scan of all claims.
                $0.add("SELECT x.id FROM attributions a CROSS JOIN LATERAL (SELECT c.id FROM claims c WHERE c.document_id = a.document_id AND c.attribution_idx = a.idx) x WHERE ' ' || a.source_key || ' ' LIKE ")
                let p = $0.bind(.text(NameKey.wordPattern(source)))
                $0.add(" OR ' ' || a.channel_key || ' ' LIKE \(p) UNION SELECT x.id FROM documents d CROSS JOIN LATERAL (SELECT c.id FROM claims c WHERE c.document_id = d.id) x WHERE ' ' || d.outlet_key || ' ' LIKE \(p)")
            }
            candidates.append("c.id IN (SELECT id FROM source_claims)")
        }
        if ctes.isEmpty { sql = SQLBuilder() }
        sql.add("""
            \(Self.claimSelect)
            WHERE \(Self.notNearDuplicate)
            """)
        for condition in candidates { sql.add(" AND \(condition)") }
        if let since = filter.since {
            sql.add(" AND d.published >= ")
            sql.bind(.text(since.iso))
        }
        sql.add(" ORDER BY d.published DESC NULLS LAST, c.document_id, c.idx LIMIT ")
        sql.bind(.int(limit))
        return try await claimRows(sql).map(\.row)
    }

    /// The entity names of many claims in one query, in text order per claim.
    private func entities(ofClaims ids: [Int64]) async throws -> [Int64: [String]] {
        guard !ids.isEmpty else { return [:] }
        var sql = SQLBuilder("""
            SELECT c.id, COALESCE(m.canonical, m.text) AS name, MIN(m.start) AS first
            FROM claims c JOIN entity_mentions m ON m.document_id = c.document_id
            WHERE c.id IN (
            """)
        for (i, id) in ids.enumerated() {
            if i > 0 { sql.add(", ") }
            sql.bind(.int(id))
        }
        sql.add("""
            )
              AND (m.idx IN (SELECT l.idx FROM claim_links l WHERE l.claim_id = c.id AND l.kind = 'entity')
                   OR (m.start >= c.start AND m."end" <= c."end"))
            GROUP BY c.id, COALESCE(m.canonical, m.text)
            ORDER BY c.id, first
            """)
        var out: [Int64: [String]] = [:]
        for row in try await connection.run(sql) {
            let (id, name, _) = try row.decode((Int64, String, Int).self)
            out[id, default: []].append(name)
        }
        return out
    }

    /// Entity groups from `NameStats`: the groups whose name or spelling holds the query's
    /// words (one range of `name_terms`), their counters, and their commonest spellings —
    /// a few rows whatever the name's popularity.
    func entity(_ name: String, claimLimit: Int) async throws -> [EntityReport] {
        let key = NameKey.fold(name)
        guard let term = NameIndex.driver(key) else { return [] }
        let groups = try await connection.run(NameStats.groupsSQL("$1", "$2", "$3"), [key, NameKey.wordPattern(key), term])
            .map { $0.makeRandomAccess() }
        var keys: [(nameKey: String, type: String)] = []
        for g in groups { keys.append((try g["name_key"].decode(String.self), try g["type"].decode(String.self))) }
        guard !keys.isEmpty else { return [] }
        // Round trips are the cost here (ten groups, each with aliases and claims, took 80):
        // every group's aliases in one statement, every group's claim ids in another, then
        // every claim row at once.
        let aliases = try await aliases(of: keys)
        let ids = try await exactNameClaimIDs(keys.map(\.nameKey), limit: claimLimit)
        let rows = try await claimRows(ids: Array(ids.values.joined()))
        var reports: [EntityReport] = []
        for (i, g) in groups.enumerated() {
            let claims: [ClaimRow]
            if let found = ids[i] {
                claims = found.compactMap { rows[$0] }
            } else {
                claims = try await scannedClaims(ClaimFilter(), limit: claimLimit, exactEntityKey: keys[i].nameKey)
            }
            reports.append(EntityReport(
                name: try g["name"].decode(String.self), type: keys[i].type, entityID: try g["entity_id"].decode(String?.self),
                mentions: try g["mentions"].decode(Int.self), documents: try g["documents"].decode(Int.self),
                aliases: aliases[i] ?? [],
                firstSeen: try g["first_seen"].decode(String?.self).flatMap(Day.init(iso:)),
                lastSeen: try g["last_seen"].decode(String?.self).flatMap(Day.init(iso:)),
                claims: claims))
        }
        return reports
    }

    /// The ten commonest spellings of each group, by its position in `keys`.
    private func aliases(of keys: [(nameKey: String, type: String)]) async throws -> [Int: [String]] {
        var sql = SQLBuilder("""
            SELECT g.i, a.text FROM (VALUES 
            """)
        for (i, k) in keys.enumerated() {
            sql.add(i == 0 ? "(" : ", (")
            sql.bind(.int(i)); sql.add("::int, "); sql.bind(.text(k.nameKey)); sql.add("::text, "); sql.bind(.text(k.type))
            sql.add("::text)")
        }
        sql.add("""
            ) g(i, name_key, type) CROSS JOIN LATERAL (
                SELECT s.text FROM name_aliases s WHERE s.name_key = g.name_key AND s.type = g.type
                ORDER BY s.mentions DESC, s.text LIMIT 10) a
            """)
        var out: [Int: [String]] = [:]
        for row in try await connection.run(sql) {
            let (i, text) = try row.decode((Int, String).self)
            out[i, default: []].append(text)
        }
        return out
    }

    /// The newest `limit` claim ids about each exact name (canonical keys), by its position
    /// in `keys`, in one statement (one index range per name, walked in order as in
    /// `claims`). A name without a word to look up has no entry.
    private func exactNameClaimIDs(_ keys: [String], limit: Int) async throws -> [Int: [Int64]] {
        var sql = SQLBuilder("SELECT g.i, x.claim_id FROM (VALUES ")
        var any = false
        var out: [Int: [Int64]] = [:]
        for (i, key) in keys.enumerated() {
            guard let term = NameIndex.driver(key) else { continue }
            out[i] = []
            sql.add(any ? ", (" : "(")
            any = true
            sql.bind(.int(i)); sql.add("::int, "); sql.bind(.text(term)); sql.add("::text, ")
            sql.bind(.text(NameIndex.exactPattern(key))); sql.add("::text)")
        }
        guard any else { return out }
        sql.add("""
            ) g(i, term, pattern) CROSS JOIN LATERAL (
                SELECT t.claim_id, t.published, t.document_id, t.idx FROM claim_names t
                WHERE t.term = g.term AND t.names LIKE g.pattern
                  AND NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = t.document_id)
                ORDER BY t.published DESC, t.document_id, t.idx LIMIT 
            """)
        sql.bind(.int(limit))
        sql.add(") x ORDER BY g.i, x.published DESC, x.document_id, x.idx")
        for row in try await runInIndexOrder(sql) {
            let (i, id) = try row.decode((Int, Int64).self)
            out[i, default: []].append(id)
        }
        return out
    }

    static let documentSelect = """
        SELECT d.id, d.sha256, d.title, d.author, d.outlet, d.url, d.external_id, d.published, d.language,
               d.origin, d.added_at, d.length, d.text, n.original_id, n.similarity
        FROM documents d LEFT JOIN near_duplicates n ON n.document_id = d.id
        """

    func document(_ reference: String) async throws -> StoredDocument? {
        let ref = reference.trimmingCharacters(in: .whitespaces)
        if let id = Int64(ref) {
            var sql = SQLBuilder("\(Self.documentSelect) WHERE d.id = ")
            sql.bind(.int(id))
            if let row = try await connection.run(sql).first { return try Self.storedDocument(row) }
        }
        if ref.count >= 6, ref.count <= 64, ref.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit) {
            var sql = SQLBuilder("\(Self.documentSelect) WHERE d.sha256 LIKE ")
            sql.bind(.text(ref.lowercased() + "%"))
            sql.add(" LIMIT 2")
            let matches = try await connection.run(sql)
            if matches.count > 1 { throw StoreError("\(ref): several documents have a hash starting so; give more of it") }
            if let row = matches.first { return try Self.storedDocument(row) }
        }
        var sql = SQLBuilder("\(Self.documentSelect) WHERE d.url = ")
        let r = sql.bind(.text(ref))
        sql.add(" OR d.external_id = \(r) ORDER BY d.id LIMIT 1")
        return try await connection.run(sql).first.map(Self.storedDocument)
    }

    static func storedDocument(_ row: PostgresRow) throws -> StoredDocument {
        let r = row.makeRandomAccess()
        return StoredDocument(
            id: try r["id"].decode(Int64.self), sha256: try r["sha256"].decode(String.self),
            title: try r["title"].decode(String?.self), author: try r["author"].decode(String?.self),
            outlet: try r["outlet"].decode(String?.self), url: try r["url"].decode(String?.self),
            externalID: try r["external_id"].decode(String?.self),
            published: try r["published"].decode(String?.self).flatMap(Day.init(iso:)),
            language: try r["language"].decode(String?.self), origin: try r["origin"].decode(String?.self),
            addedAt: try r["added_at"].decode(String.self), length: try r["length"].decode(Int.self),
            nearDuplicateOf: try r["original_id"].decode(Int64?.self), similarity: try r["similarity"].decode(Double?.self),
            text: r.contains("text") ? try r["text"].decode(String?.self) : nil)
    }
}
