import DossierCore
import Foundation
import PostgresNIO

/// Every row of one or more documents — `documents` with its FTS vector, bands,
/// extraction JSON, mentions, quantities, times, attributions, hedges, claims with their
/// FTS vectors, claim links, the three word indexes, cleared failure records, and (when
/// `counts`) the name counters and store totals — in ONE statement of FIXED text, each
/// table fed by `unnest` of array parameters.
///
/// Why fixed text: round 5 built one statement per document with a `$n` per value; its
/// text changed with every document, so the server parsed (≈ 6 ms), bound (≈ 6 ms) and
/// planned it afresh each time, more than it spent executing it. This one is prepared once
/// per connection (`PostgresPreparedStatement`), has no limit on rows (an array is one
/// parameter, so a book-length document needs no table-by-table fallback), and carries a
/// whole run of documents, so a batch of 32 costs a handful of round trips.
///
/// Ids are drawn beforehand (`PostgresIDs`), so rows refer to their document and claims
/// directly. Foreign keys are checked at the end of the statement, when every clause has
/// run. With `counts`, every document is counted as an original (the batch writer only
/// sends documents without a near-duplicate that way); copies are counted afterwards by
/// `PostgresNameStats.record`, which knows about re-linking.
struct PostgresRowsStatement: PostgresPreparedStatement {
    typealias Row = Int64

    static let name = "dossier_rows_v2"

    /// The array parameters, in order: one group per table, one array per column.
    enum Group: Int, CaseIterable {
        case documents, bands, extractions, mentions, quantities, times, attributions, hedges, claims, links
        case claimNames, claimSources, failures
    }

    static let columns: [Group: [(String, PGColumnType)]] = [
        .documents: [("id", .int8), ("sha256", .text), ("minhash", .bytea), ("external_id", .text), ("title", .text),
                     ("author", .text), ("outlet", .text), ("outlet_key", .text), ("url", .text), ("published", .text),
                     ("language", .text), ("origin", .text), ("length", .int8), ("text", .text), ("cfg", .text)],
        .bands: [("band", .int8), ("key", .int8), ("document_id", .int8)],
        .extractions: [("document_id", .int8), ("schema", .text), ("language", .text), ("truncated", .bool), ("json", .text)],
        .mentions: [("document_id", .int8), ("idx", .int8), ("start", .int8), ("end", .int8), ("text", .text),
                    ("type", .text), ("canonical", .text), ("entity_id", .text), ("role", .text), ("country", .text),
                    ("is_media", .bool), ("origin", .text), ("name_key", .text), ("text_key", .text)],
        .quantities: [("document_id", .int8), ("idx", .int8), ("start", .int8), ("end", .int8), ("text", .text),
                      ("kind", .text), ("value", .float8), ("min", .float8), ("max", .float8), ("unit", .text),
                      ("counted", .text), ("category", .text), ("approximate", .text), ("bound", .text)],
        .times: [("document_id", .int8), ("idx", .int8), ("start", .int8), ("end", .int8), ("text", .text), ("kind", .text),
                 ("value", .text), ("qualifier", .text), ("relative", .text)],
        .attributions: [("document_id", .int8), ("idx", .int8), ("source_text", .text), ("source_canonical", .text),
                        ("source_kind", .text), ("source_sector", .text), ("source_key", .text), ("cue", .text),
                        ("content_start", .int8), ("content_end", .int8), ("kind", .text), ("channel_text", .text),
                        ("channel_canonical", .text), ("channel_key", .text)],
        .hedges: [("document_id", .int8), ("idx", .int8), ("start", .int8), ("end", .int8), ("text", .text), ("kind", .text)],
        .claims: [("id", .int8), ("document_id", .int8), ("idx", .int8), ("start", .int8), ("end", .int8), ("text", .text),
                  ("attribution_idx", .int8), ("certainty", .text), ("direct", .bool), ("cfg", .text)],
        .links: [("claim_id", .int8), ("kind", .text), ("idx", .int8)],
        .claimNames: [("term", .text), ("published", .text), ("document_id", .int8), ("idx", .int8), ("claim_id", .int8),
                      ("keys", .text), ("names", .text)],
        .claimSources: [("term", .text), ("published", .text), ("document_id", .int8), ("idx", .int8),
                        ("claim_id", .int8), ("keys", .text)],
        .failures: [("origin", .text)],
    ]

    /// The statement's text, built once from `columns`.
    static let sql: String = {
        var b = Builder()
        let documents = b.unnest(.documents)
        b.clause("""
            INSERT INTO documents (id, sha256, minhash, external_id, title, author, outlet, outlet_key, url, published,
                language, origin, added_at, length, text, fts_config, fts)
            SELECT u.id, u.sha256, u.minhash, u.external_id, u.title, u.author, u.outlet, u.outlet_key, u.url, u.published,
                u.language, u.origin, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), u.length, u.text,
                u.cfg::regconfig,
                setweight(to_tsvector(u.cfg::regconfig, coalesce(u.title, '')), 'A') || to_tsvector(u.cfg::regconfig, u.text)
            FROM \(documents.sql)
            """)
        b.insert("document_bands", .bands, suffix: " ON CONFLICT DO NOTHING")
        b.insert("extractions", .extractions)
        let mentions = b.unnest(.mentions)
        b.add(", m AS (SELECT * FROM \(mentions.sql))")
        b.clause("INSERT INTO entity_mentions (\(b.names(.mentions))) SELECT * FROM m")
        b.insert("quantities", .quantities)
        b.insert("times", .times)
        b.insert("attributions", .attributions)
        b.insert("hedges", .hedges)
        let claims = b.unnest(.claims)
        b.clause("""
            INSERT INTO claims (id, document_id, idx, start, "end", text, attribution_idx, certainty, direct, fts_config, fts)
            SELECT u.id, u.document_id, u.idx, u.start, u."end", u.text, u.attribution_idx, u.certainty, u.direct,
                u.cfg::regconfig, to_tsvector(u.cfg::regconfig, u.text)
            FROM \(claims.sql)
            """)
        b.insert("claim_links", .links, suffix: " ON CONFLICT DO NOTHING")
        b.insert("claim_names", .claimNames)
        b.insert("claim_sources", .claimSources)
        let origins = b.unnest(.failures)
        b.clause("DELETE FROM ingest_failures WHERE origin IN (SELECT u.origin FROM \(origins.sql))")
        // Name counters, from the mention arrays (a sibling clause's rows are not visible
        // to the others): the aggregation of `PostgresNameStats.record`, over all the
        // statement's documents at once. Upserts in key order, so concurrent writers lock
        // shared rows in the same order.
        let counts = b.parameter("bool")
        let ids = documents.first, published = "$\(Int(documents.first.dropFirst())! + 9)"
        b.add("""
            , day AS (SELECT u.id, NULLIF(u.published, '') AS day FROM unnest(\(ids)::int8[], \(published)::text[]) AS u(id, published)),
            mm AS (SELECT m.document_id, m.name_key, m.type, m.text_key, m.text, COALESCE(m.canonical, m.text) AS name,
                          m.entity_id, day.day FROM m JOIN day ON day.id = m.document_id WHERE \(counts)),
            fresh AS (SELECT COUNT(DISTINCT mm.name_key) AS n FROM mm
                      WHERE NOT EXISTS (SELECT 1 FROM name_stats s WHERE s.name_key = mm.name_key))
            """)
        b.clause("""
            INSERT INTO name_aliases (name_key, type, text, mentions)
            SELECT name_key, type, text, COUNT(*) FROM mm GROUP BY name_key, type, text ORDER BY name_key, type, text
            ON CONFLICT (name_key, type, text) DO UPDATE SET mentions = name_aliases.mentions + EXCLUDED.mentions
            """)
        b.clause("""
            INSERT INTO name_terms (term, name_key, type, key)
            SELECT DISTINCT w.term, mm.name_key, mm.type, k.key
            FROM mm CROSS JOIN LATERAL (VALUES (mm.name_key), (mm.text_key)) k(key)
            CROSS JOIN LATERAL unnest(string_to_array(k.key, ' ')) w(term)
            WHERE w.term <> ''
            ORDER BY 1, 2, 3, 4
            ON CONFLICT DO NOTHING
            """)
        b.clause("""
            INSERT INTO name_stats (name_key, type, name, entity_id, mentions, documents, first_seen, last_seen)
            SELECT name_key, type, MAX(name), MAX(entity_id), COUNT(*), COUNT(DISTINCT document_id), MIN(day), MAX(day)
            FROM mm GROUP BY name_key, type ORDER BY name_key, type
            \(PostgresNameStats.mergeOnConflict)
            """)
        b.add("""

            INSERT INTO store_counts AS s (id, documents, near_duplicates, claims, names)
            SELECT 1, cardinality(\(ids)::int8[]), 0, cardinality(\(claims.first)::int8[]), (SELECT n FROM fresh) WHERE \(counts)
            ON CONFLICT (id) DO UPDATE SET documents = s.documents + EXCLUDED.documents,
                near_duplicates = s.near_duplicates + EXCLUDED.near_duplicates,
                claims = s.claims + EXCLUDED.claims, names = s.names + EXCLUDED.names
            RETURNING documents
            """)
        precondition(b.parameters == Group.allCases.reduce(0) { $0 + columns[$1]!.count } + 1)
        return b.text
    }()

    static func quoted(_ column: String) -> String { column == "end" ? "\"end\"" : column }

    /// Assembles `WITH w0 AS (…), w1 AS (…) …`, numbering the parameters in order.
    struct Builder {
        var text = "WITH "
        var parameters = 0
        var clauses = 0

        mutating func parameter(_ type: String) -> String {
            parameters += 1
            return "$\(parameters)::\(type)"
        }

        func names(_ group: Group) -> String {
            PostgresRowsStatement.columns[group]!.map { quoted($0.0) }.joined(separator: ", ")
        }

        /// `unnest($a::t[], $b::u[]) AS u(a, b)`; `first` is the group's first parameter, `$n`.
        mutating func unnest(_ group: Group) -> (sql: String, first: String) {
            let first = "$\(parameters + 1)"
            let arrays = PostgresRowsStatement.columns[group]!.map { parameter($0.1.rawValue + "[]") }
            return ("unnest(\(arrays.joined(separator: ", "))) AS u(\(names(group)))", first)
        }

        mutating func add(_ sql: String) { text += sql }

        mutating func clause(_ body: String) {
            text += (clauses == 0 ? "" : ", ") + "w\(clauses) AS (" + body + ")"
            clauses += 1
        }

        mutating func insert(_ table: String, _ group: Group, suffix: String = "") {
            let source = unnest(group)
            clause("INSERT INTO \(table) (\(names(group))) SELECT * FROM \(source.sql)" + suffix)
        }
    }

    var rows: PostgresRows
    var counts: Bool

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        for group in Group.allCases { rows.groups[group.rawValue].append(to: &bindings) }
        bindings.append(counts)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
}
