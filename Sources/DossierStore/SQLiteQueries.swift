import DossierCore
import GRDB

/// The read side. Near-duplicates are left out of claim and entity listings, so a wire
/// story republished by ten outlets counts once; `show` and `search` still find them.
struct SQLiteQueries {
    let db: Database

    static let notNearDuplicate = "NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = d.id)"

    func search(_ text: String, limit: Int) throws -> [SearchHit] {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: text) else { return [] }
        let documents = try Row.fetchAll(db, sql: """
            SELECT d.id, d.title, d.outlet, d.published,
                   snippet(document_fts, 1, '[', ']', '…', 16) AS snippet, bm25(document_fts) AS rank
            FROM document_fts JOIN documents d ON d.id = document_fts.rowid
            WHERE document_fts MATCH ?
            ORDER BY rank LIMIT ?
            """, arguments: [pattern, limit])
            .map { row in
                SearchHit(kind: .document, document: row["id"], title: row["title"], outlet: row["outlet"],
                          published: (row["published"] as String?).flatMap(Day.init(iso:)),
                          snippet: row["snippet"], rank: row["rank"])
            }
        let claims = try Row.fetchAll(db, sql: """
            SELECT c.document_id, c.idx, d.title, d.outlet, d.published,
                   snippet(claim_fts, 0, '[', ']', '…', 24) AS snippet, bm25(claim_fts) AS rank
            FROM claim_fts JOIN claims c ON c.id = claim_fts.rowid JOIN documents d ON d.id = c.document_id
            WHERE claim_fts MATCH ?
            ORDER BY rank LIMIT ?
            """, arguments: [pattern, limit])
            .map { row in
                SearchHit(kind: .claim, document: row["document_id"], claim: row["idx"], title: row["title"],
                          outlet: row["outlet"], published: (row["published"] as String?).flatMap(Day.init(iso:)),
                          snippet: row["snippet"], rank: row["rank"])
            }
        // Claims first: they are what a fact-checker is after; documents fill the rest.
        return Array((claims + documents).prefix(limit))
    }

    func claims(_ filter: ClaimFilter, limit: Int, exactEntityKey: String? = nil) throws -> [ClaimRow] {
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
            SELECT c.id, c.document_id, c.idx, c.text, c.certainty, c.direct,
                   COALESCE(a.source_canonical, a.source_text) AS source, a.source_kind, a.cue,
                   COALESCE(a.channel_canonical, a.channel_text) AS channel,
                   d.outlet, d.published, d.title, d.url
            FROM claims c
            JOIN documents d ON d.id = c.document_id
            LEFT JOIN attributions a ON a.document_id = c.document_id AND a.idx = c.attribution_idx
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY d.published IS NULL, d.published DESC, c.document_id, c.idx
            LIMIT ?
            """, arguments: arguments)
        return try rows.map { row in
            ClaimRow(document: row["document_id"], index: row["idx"], text: row["text"],
                     certainty: row["certainty"], direct: row["direct"], source: row["source"],
                     sourceKind: row["source_kind"], cue: row["cue"], channel: row["channel"],
                     outlet: row["outlet"], published: (row["published"] as String?).flatMap(Day.init(iso:)),
                     title: row["title"], url: row["url"], entities: try entities(ofClaim: row["id"]))
        }
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

    func entity(_ name: String, claimLimit: Int) throws -> [EntityReport] {
        let key = NameKey.fold(name)
        guard !key.isEmpty else { return [] }
        let groups = try Row.fetchAll(db, sql: """
            SELECT m.name_key, m.type, MAX(COALESCE(m.canonical, m.text)) AS name, MAX(m.entity_id) AS entity_id,
                   COUNT(*) AS mentions, COUNT(DISTINCT m.document_id) AS documents,
                   MIN(d.published) AS first_seen, MAX(d.published) AS last_seen
            FROM entity_mentions m JOIN documents d ON d.id = m.document_id
            WHERE (m.name_key = ?1 OR m.text_key = ?1
                   OR ' ' || m.name_key || ' ' LIKE ?2 OR ' ' || m.text_key || ' ' LIKE ?2)
              AND \(Self.notNearDuplicate)
            GROUP BY m.name_key, m.type
            ORDER BY (m.name_key = ?1) DESC, mentions DESC
            LIMIT 10
            """, arguments: [key, NameKey.wordPattern(key)])
        return try groups.map { g in
            let nameKey: String = g["name_key"]
            let type: String = g["type"]
            let aliases = try String.fetchAll(db, sql: """
                SELECT m.text FROM entity_mentions m WHERE m.name_key = ? AND m.type = ?
                GROUP BY m.text ORDER BY COUNT(*) DESC, m.text LIMIT 10
                """, arguments: [nameKey, type])
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
