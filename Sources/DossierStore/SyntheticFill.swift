import DossierCore
import Foundation
import GRDB

/// A large synthetic evidence base written straight into the tables, for query-latency
/// benchmarks (`dossier bench-store`): a million claims through the extractors would take
/// an hour; generated in SQL they take a minute. Words, names, sources and outlets come
/// from the caller (the benchmark takes them from real extractions), so texts and name
/// keys look like the real thing. Name choice is skewed (quadratic), as news is: a few
/// names are everywhere, most are rare.
///
/// Each document gets `claimsPerDocument` claims of 12 words, `mentionsPerDocument`
/// entity mentions (mention m lies inside claim m and is linked to it), and
/// `attributionsPerDocument` attributions; claim k cites attribution k mod that. The
/// documents' own text is empty: document search is measured on the ingested part. The
/// `NameStats` counters are rebuilt from all rows afterwards, as a migration builds them.
public struct SyntheticFill: Sendable {
    public var documents: Int
    public var claimsPerDocument = 10
    public var mentionsPerDocument = 6
    public var attributionsPerDocument = 3
    public var vocabulary: [String]
    public var names: [String]
    public var sources: [String]
    public var outlets: [String]

    public init(documents: Int, vocabulary: [String], names: [String], sources: [String], outlets: [String]) {
        self.documents = documents
        self.vocabulary = vocabulary
        self.names = names
        self.sources = sources
        self.outlets = outlets
    }

    var emptyExtraction: String {
        String(decoding: (try? DossierJSON.encoder().encode(Extraction(language: .undetermined, length: 0))) ?? Data("{}".utf8),
               as: UTF8.self)
    }

    /// The statements, in a dialect-neutral SQL where `seq(d)` is 1...documents and
    /// `base` the first free document id minus one; `series(k, n)` is 0..<n. `generation`:
    /// SQLite's word-index rows carry one (`WordGenerations`); PostgreSQL's carry none.
    /// `entityColumn`: a claim's entity link goes in `claims.entities` (SQLite,
    /// `ClaimEntities`), not in a `claim_links` row (PostgreSQL).
    func statements(base: Int64, series: (String, Int) -> String, seq: String, md5: (String) -> String,
                    day: (String) -> String, config: String, tsvector: (String) -> String,
                    truth: (String) -> String, generation: Int64? = nil, mentionTerms: Bool = true,
                    entityColumn: Bool = false) -> [String] {
        let (genColumn, genValue) = generation.map { ("gen, ", "\($0), ") } ?? ("", "")
        let nv = vocabulary.count, nn = names.count, ns = sources.count, no = outlets.count
        let c = claimsPerDocument, m = mentionsPerDocument, a = attributionsPerDocument
        let nameIndex = "(((d * 31 + m * 977) % \(nn)) * ((d * 31 + m * 977) % \(nn)) / \(nn))"
        // 12 words, each one primary-key lookup: a join here let SQLite's planner scan the
        // vocabulary once per claim.
        let claimText = (0..<12).map { j in
            "(SELECT w FROM bench_vocab WHERE i = (d * 7919 + k * 104729 + \(j * j * 31 + j * 613)) % \(nv))"
        }.joined(separator: " || ' ' || ")
        // `NameIndex` rows: the synthetic claim k < m holds mention k; claim k cites
        // attribution k mod a; helper tables hold each name's and each (source, outlet)
        // pair's words and joined keys, computed by `NameIndex` itself.
        let claimsOfFill = """
            (SELECT c.id, c.document_id, c.idx, c.attribution_idx, c.document_id - \(base) AS d, c.idx AS m, dd.published
             FROM claims c JOIN documents dd ON dd.id = c.document_id WHERE c.document_id > \(base)) x
            """
        return [
            """
            INSERT INTO documents (id, sha256, external_id, title, outlet, outlet_key, url, published, language, origin,
                                   added_at, length, text\(config.isEmpty ? "" : ", fts_config, fts"))
            SELECT \(base) + d, \(md5("'synthetic-' || (\(base) + d)")), 'synthetic-' || (\(base) + d), 'Synthetic ' || d,
                   o.name, o.key, 'https://example.org/synthetic/' || (\(base) + d), \(day("d % 700")),
                   CASE WHEN d % 2 = 0 THEN 'fr' ELSE 'en' END, 'synthetic', '2024-01-01T00:00:00Z', 0, ''
                   \(config.isEmpty ? "" : ", '\(config)', \(tsvector("''"))")
            FROM \(seq) JOIN bench_outlets o ON o.i = d % \(no)
            """,
            """
            INSERT INTO extractions (document_id, schema, language, truncated, json)
            SELECT \(base) + d, 'dossier.extraction/1', 'und', \(truth("false")), bench_json.json FROM \(seq), bench_json
            """,
            """
            INSERT INTO claims (document_id, idx, start, "end", text, attribution_idx, certainty, direct\(config.isEmpty ? "" : ", fts_config, fts")\(entityColumn ? ", entities" : ""))
            SELECT \(base) + d, k, k * 100, k * 100 + 90, x.text, k % \(a),
                   CASE (d + k) % 3 WHEN 0 THEN 'attributed' WHEN 1 THEN 'asserted' ELSE 'hedged' END, \(truth("(d + k) % 4 = 0"))
                   \(config.isEmpty ? "" : ", '\(config)', \(tsvector("x.text"))")\(entityColumn ? ", CASE WHEN k < \(m) THEN k END" : "")
            FROM (SELECT d, k, \(claimText) AS text FROM \(seq) CROSS JOIN \(series("k", c))) x
            """,
            """
            INSERT INTO entity_mentions (document_id, idx, start, "end", text, type, canonical, name_key, text_key)
            SELECT \(base) + d, m, m * 100 + 5, m * 100 + 20, n.name, 'person', n.name, n.key, n.key
            FROM \(seq) CROSS JOIN \(series("m", m)) JOIN bench_names n ON n.i = \(nameIndex)
            """,
            """
            INSERT INTO attributions (document_id, idx, source_text, source_canonical, source_kind, source_key, cue,
                                      content_start, content_end, kind)
            SELECT \(base) + d, a, s.name, s.name, 'person', s.key, 'said', 0, 0, 'indirect'
            FROM \(seq) CROSS JOIN \(series("a", a)) JOIN bench_sources s ON s.i = (d * 13 + a * 101) % \(ns)
            """,
            entityColumn ? "" : """
            INSERT INTO claim_links (claim_id, kind, idx)
            SELECT c.id, 'entity', c.idx FROM claims c WHERE c.document_id > \(base) AND c.idx < \(m)
            """,
            """
            INSERT INTO claim_names (\(genColumn)term, published, document_id, idx, claim_id, keys, names)
            SELECT \(genValue)t.term, x.published, x.document_id, x.idx, x.id, t.keys, t.keys
            FROM \(claimsOfFill) JOIN bench_name_terms t ON t.i = \(nameIndex) WHERE x.idx < \(m)
            """,
            """
            INSERT INTO claim_sources (\(genColumn)term, published, document_id, idx, claim_id, keys)
            SELECT \(genValue)t.term, x.published, x.document_id, x.idx, x.id, t.keys
            FROM \(claimsOfFill) JOIN bench_pair_terms t
              ON t.s = (x.d * 13 + x.attribution_idx * 101) % \(ns) AND t.o = x.d % \(no)
            """,
        ] + (mentionTerms ? [
            """
            INSERT INTO mention_terms (\(genColumn)term, name_key, type, text_key, document_id, idx, published, name, entity_id, text)
            SELECT \(genValue)t.term, y.name_key, y.type, y.text_key, y.document_id, y.idx, y.published, y.canonical, NULL, y.text
            FROM (SELECT mm.*, mm.document_id - \(base) AS d, mm.idx AS m, dd.published FROM entity_mentions mm
                  JOIN documents dd ON dd.id = mm.document_id WHERE mm.document_id > \(base)) y
            JOIN bench_name_terms t ON t.i = \(nameIndex)
            """,
        ] : [])
    }

    /// `bench_name_terms (i, term, keys)`: each name's words and `NameIndex` keys.
    var nameTerms: [(Int, String, String)] {
        names.enumerated().flatMap { i, name -> [(Int, String, String)] in
            let key = NameKey.fold(name)
            let keys = NameIndex.joined([key]) ?? " | "
            return NameIndex.terms([key]).map { (i, $0, keys) }
        }
    }

    /// `bench_pair_terms (s, o, term, keys)`: the words and keys of a claim citing source s
    /// in a document of outlet o (the same for every o since the outlet left `claim_sources`).
    var pairTerms: [(Int, Int, String, String)] {
        var out: [(Int, Int, String, String)] = []
        for (s, source) in sources.enumerated() {
            // The source's words only: the outlet's are found through the document.
            for o in outlets.indices {
                for w in NameIndex.sourceTerms(source: NameKey.fold(source), channel: nil) { out.append((s, o, w.term, w.keys)) }
            }
        }
        return out
    }

    /// Rows of the helper tables: (table, [(i, text, key)]).
    var lookupTables: [(String, [(Int, String, String)])] {
        func rows(_ items: [String]) -> [(Int, String, String)] {
            items.enumerated().map { ($0.offset, $0.element, NameKey.fold($0.element)) }
        }
        return [("bench_vocab", vocabulary.enumerated().map { ($0.offset, $0.element, "") }),
                ("bench_names", rows(names)), ("bench_sources", rows(sources)), ("bench_outlets", rows(outlets))]
    }
}

extension SQLiteStore {
    /// Writes `fill` into the store in one transaction (see `SyntheticFill`), with
    /// `synchronous = OFF` for that transaction only (a benchmark's rows: a crash mid-fill
    /// loses them, never the file), and the claims' FTS5 rows built in one pass after.
    public func fill(_ fill: SyntheticFill) async throws {
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF")
            // Its sorts (name counters over every mention) spill to temporary files,
            // not to memory as the writer's small sub-journals do.
            try db.execute(sql: "PRAGMA temp_store = DEFAULT")
            defer {
                try? db.execute(sql: "PRAGMA synchronous = NORMAL")
                try? db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
            try db.inTransaction {
                try Self.fill(fill, db)
                return .commit
            }
            try db.execute(sql: "ANALYZE")
        }
    }

    private static func fill(_ fill: SyntheticFill, _ db: Database) throws {
        let base = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM documents") ?? 0
        for (table, rows) in fill.lookupTables {
            let column = table == "bench_vocab" ? "w" : "name"
            try db.execute(sql: "CREATE TEMP TABLE \(table) (i INTEGER PRIMARY KEY, \(column) TEXT NOT NULL, key TEXT NOT NULL)")
            let insert = try db.makeStatement(sql: "INSERT INTO \(table) VALUES (?, ?, ?)")
            for row in rows { try insert.execute(arguments: [row.0, row.1, row.2]) }
        }
        try db.execute(sql: "CREATE TEMP TABLE bench_name_terms (i INTEGER NOT NULL, term TEXT NOT NULL, keys TEXT NOT NULL, PRIMARY KEY (i, term))")
        let nameTerm = try db.makeStatement(sql: "INSERT INTO bench_name_terms VALUES (?, ?, ?)")
        for row in fill.nameTerms { try nameTerm.execute(arguments: [row.0, row.1, row.2]) }
        try db.execute(sql: """
            CREATE TEMP TABLE bench_pair_terms (s INTEGER NOT NULL, o INTEGER NOT NULL, term TEXT NOT NULL, keys TEXT NOT NULL,
                                                PRIMARY KEY (s, o, term))
            """)
        let pairTerm = try db.makeStatement(sql: "INSERT INTO bench_pair_terms VALUES (?, ?, ?, ?)")
        for row in fill.pairTerms { try pairTerm.execute(arguments: [row.0, row.1, row.2, row.3]) }
        try db.execute(sql: "CREATE TEMP TABLE bench_json (json TEXT)")
        try db.execute(sql: "INSERT INTO bench_json VALUES (?)", arguments: [fill.emptyExtraction])
        try db.execute(sql: "CREATE TEMP TABLE bench_seq (d INTEGER PRIMARY KEY)")
        try db.execute(sql: """
            WITH RECURSIVE s(d) AS (SELECT 1 UNION ALL SELECT d + 1 FROM s WHERE d < \(fill.documents))
            INSERT INTO bench_seq SELECT d FROM s
            """)
        for (name, n) in [("k", fill.claimsPerDocument), ("m", fill.mentionsPerDocument), ("a", fill.attributionsPerDocument)] {
            try db.execute(sql: "CREATE TEMP TABLE bench_\(name) (\(name) INTEGER PRIMARY KEY)")
            for i in 0..<n { try db.execute(sql: "INSERT INTO bench_\(name) VALUES (?)", arguments: [i]) }
        }
        // The fill's word-index rows: one generation of their own, closed (the open one
        // is closed first: a document's rows never share a generation with another's
        // half-written ones, and the fill does not count as a merge).
        try WordGenerations.close(db, compacting: false)
        let gen = try WordGenerations.next(db)
        let statements = fill.statements(
            base: base, series: { name, _ in "bench_\(name)" }, seq: "bench_seq",
            md5: { $0 }, day: { "date('2024-01-01', '+' || (\($0)) || ' days')" },
            config: "", tsvector: { $0 }, truth: { $0 }, generation: gen, mentionTerms: false,
            entityColumn: true)
        for statement in statements where !statement.isEmpty { try db.execute(sql: statement) }
        try db.execute(sql: """
            INSERT INTO word_generations (gen, documents, rows, open)
            SELECT ?1, ?2, (SELECT COUNT(*) FROM claim_names WHERE gen = ?1) + (SELECT COUNT(*) FROM claim_sources WHERE gen = ?1), 0
            """, arguments: [gen, fill.documents])
        try db.execute(sql: "INSERT INTO claim_fts (rowid, text) SELECT id, text FROM claims WHERE document_id > ?",
                       arguments: [base])
        try SQLiteNameIndex.fillOutlets(db, after: base)
        // The per-name counters and totals, recomputed from the rows as a migration does
        // (`name_terms` from `entity_mentions`: SQLite has no `mention_terms` since `v10-word-rows`).
        try WordRows.rebuildNameStats(db)
        for table in ["bench_vocab", "bench_names", "bench_sources", "bench_outlets", "bench_json", "bench_seq",
                      "bench_k", "bench_m", "bench_a", "bench_name_terms", "bench_pair_terms"] {
            try db.execute(sql: "DROP TABLE temp.\(table)")
        }
    }
}

extension PostgresStore {
    /// Writes `fill` into the store in one transaction (see `SyntheticFill`).
    public func fill(_ fill: SyntheticFill) async throws {
        try await transaction { c in
            let base = try await c.run("SELECT COALESCE(MAX(id), 0) FROM documents").first?.decode(Int64.self) ?? 0
            for (table, rows) in fill.lookupTables {
                let column = table == "bench_vocab" ? "w" : "name"
                try await c.run("CREATE TEMP TABLE \(table) (i INTEGER PRIMARY KEY, \(column) TEXT NOT NULL, key TEXT NOT NULL) ON COMMIT DROP")
                _ = try await c.insertRows(table, columns: ["i", column, "key"], rows: rows.map { [.int($0.0), .text($0.1), .text($0.2)] })
            }
            try await c.run("CREATE TEMP TABLE bench_name_terms (i INTEGER NOT NULL, term TEXT NOT NULL, keys TEXT NOT NULL, PRIMARY KEY (i, term)) ON COMMIT DROP")
            _ = try await c.insertRows("bench_name_terms", columns: ["i", "term", "keys"],
                                       rows: fill.nameTerms.map { [.int($0.0), .text($0.1), .text($0.2)] })
            try await c.run("CREATE TEMP TABLE bench_pair_terms (s INTEGER NOT NULL, o INTEGER NOT NULL, term TEXT NOT NULL, keys TEXT NOT NULL, PRIMARY KEY (s, o, term)) ON COMMIT DROP")
            _ = try await c.insertRows("bench_pair_terms", columns: ["s", "o", "term", "keys"],
                                       rows: fill.pairTerms.map { [.int($0.0), .int($0.1), .text($0.2), .text($0.3)] })
            try await c.run("CREATE TEMP TABLE bench_json (json TEXT) ON COMMIT DROP")
            var json = SQLBuilder("INSERT INTO bench_json VALUES (")
            json.bind(.text(fill.emptyExtraction))
            json.add(")")
            try await c.run(json)
            let statements = fill.statements(
                base: base, series: { name, n in "generate_series(0, \(n - 1)) AS \(name)" },
                seq: "generate_series(1, \(fill.documents)) AS d",
                md5: { "md5(\($0))" }, day: { "to_char(date '2024-01-01' + (\($0))::int, 'YYYY-MM-DD')" },
                config: "dossier_simple", tsvector: { "to_tsvector('dossier_simple', \($0))" },
                truth: { "(\($0))" }, mentionTerms: false)
            for statement in statements + PostgresNameStats.rebuild { try await c.run(statement) }
            try await c.run("SELECT setval('documents_id_seq', (SELECT MAX(id) FROM documents))")
        }
        try await execute("VACUUM ANALYZE")
    }
}
