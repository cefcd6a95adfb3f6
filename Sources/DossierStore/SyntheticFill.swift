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
/// documents' own text is empty: document search is measured on the ingested part.
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
    /// `base` the first free document id minus one; `series(k, n)` is 0..<n.
    func statements(base: Int64, series: (String, Int) -> String, seq: String, md5: (String) -> String,
                    day: (String) -> String, config: String, tsvector: (String) -> String,
                    aggregate: (String) -> String, truth: (String) -> String) -> [String] {
        let nv = vocabulary.count, nn = names.count, ns = sources.count, no = outlets.count
        let c = claimsPerDocument, m = mentionsPerDocument, a = attributionsPerDocument
        let nameIndex = "(((d * 31 + m * 977) % \(nn)) * ((d * 31 + m * 977) % \(nn)) / \(nn))"
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
            INSERT INTO claims (document_id, idx, start, "end", text, attribution_idx, certainty, direct\(config.isEmpty ? "" : ", fts_config, fts"))
            SELECT \(base) + d, k, k * 100, k * 100 + 90, x.text, k % \(a),
                   CASE (d + k) % 3 WHEN 0 THEN 'attributed' WHEN 1 THEN 'asserted' ELSE 'hedged' END, \(truth("(d + k) % 4 = 0"))
                   \(config.isEmpty ? "" : ", '\(config)', \(tsvector("x.text"))")
            FROM (SELECT d, k, (SELECT \(aggregate("v.w")) FROM \(series("j", 12))
                                JOIN bench_vocab v ON v.i = (d * 7919 + k * 104729 + j * j * 31 + j * 613) % \(nv)) AS text
                  FROM \(seq) CROSS JOIN \(series("k", c))) x
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
            """
            INSERT INTO claim_links (claim_id, kind, idx)
            SELECT c.id, 'entity', c.idx FROM claims c WHERE c.document_id > \(base) AND c.idx < \(m)
            """,
        ]
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
    /// Writes `fill` into the store in one transaction (see `SyntheticFill`).
    public func fill(_ fill: SyntheticFill) async throws {
        try await writer.write { db in
            let base = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM documents") ?? 0
            for (table, rows) in fill.lookupTables {
                let column = table == "bench_vocab" ? "w" : "name"
                try db.execute(sql: "CREATE TEMP TABLE \(table) (i INTEGER PRIMARY KEY, \(column) TEXT NOT NULL, key TEXT NOT NULL)")
                let insert = try db.makeStatement(sql: "INSERT INTO \(table) VALUES (?, ?, ?)")
                for row in rows { try insert.execute(arguments: [row.0, row.1, row.2]) }
            }
            try db.execute(sql: "CREATE TEMP TABLE bench_json (json TEXT)")
            try db.execute(sql: "INSERT INTO bench_json VALUES (?)", arguments: [fill.emptyExtraction])
            try db.execute(sql: "CREATE TEMP TABLE bench_seq (d INTEGER PRIMARY KEY)")
            try db.execute(sql: """
                WITH RECURSIVE s(d) AS (SELECT 1 UNION ALL SELECT d + 1 FROM s WHERE d < \(fill.documents))
                INSERT INTO bench_seq SELECT d FROM s
                """)
            for (name, n) in [("k", fill.claimsPerDocument), ("m", fill.mentionsPerDocument), ("a", fill.attributionsPerDocument), ("j", 12)] {
                try db.execute(sql: "CREATE TEMP TABLE bench_\(name) (\(name) INTEGER PRIMARY KEY)")
                for i in 0..<n { try db.execute(sql: "INSERT INTO bench_\(name) VALUES (?)", arguments: [i]) }
            }
            let statements = fill.statements(
                base: base, series: { name, _ in "bench_\(name)" }, seq: "bench_seq",
                md5: { $0 }, day: { "date('2024-01-01', '+' || (\($0)) || ' days')" },
                config: "", tsvector: { $0 }, aggregate: { "group_concat(\($0), ' ')" }, truth: { $0 })
            for statement in statements { try db.execute(sql: statement) }
            try db.execute(sql: "INSERT INTO claim_fts (rowid, text) SELECT id, text FROM claims WHERE document_id > ?",
                           arguments: [base])
            for table in ["bench_vocab", "bench_names", "bench_sources", "bench_outlets", "bench_json", "bench_seq",
                          "bench_k", "bench_m", "bench_a", "bench_j"] {
                try db.execute(sql: "DROP TABLE temp.\(table)")
            }
        }
        try await writer.write { db in try db.execute(sql: "ANALYZE") }
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
                aggregate: { "string_agg(\($0), ' ')" }, truth: { "(\($0))" })
            for statement in statements { try await c.run(statement) }
            try await c.run("SELECT setval('documents_id_seq', (SELECT MAX(id) FROM documents))")
        }
        try await execute("ANALYZE")
    }
}
