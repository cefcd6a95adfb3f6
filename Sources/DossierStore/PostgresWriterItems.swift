import DossierCore
import Foundation
import PostgresNIO

/// A document's rows below `documents` — bands, extraction JSON, mentions, quantities,
/// times, attributions, hedges, claims with their FTS vectors, claim links, the three
/// word indexes, the cleared failure record — in ONE statement: each table is a
/// data-modifying `WITH` clause, so a document costs one round trip here instead of
/// fifteen. Round trips, not server work, were what a document cost: a writer waits for
/// each answer, and on a loaded machine every wait is a scheduling delay.
///
/// Tables that need claim ids (links, `claim_names`, `claim_sources`) join on the
/// claims clause's `RETURNING idx, id`. Foreign keys are checked at the end of the
/// statement, when every clause has run, so children may reference rows inserted by a
/// sibling clause.
///
/// PostgreSQL takes at most 65 535 bound values per statement: a document needing more
/// (a book-length text) is written table by table as before (`nil` is returned then, and
/// nothing was written).
struct PostgresItemStatement {
    static let maximumBinds = 60_000

    private var sql = SQLBuilder("WITH ")
    private var binds = 0
    private var clauses = 0

    /// Builds the statement; nil when it would exceed `maximumBinds`.
    static func make(document id: DocumentID, record: DocumentRecord, extraction e: Extraction, json: String,
                     language: Language) -> PostgresItemStatement? {
        var s = PostgresItemStatement()
        if let signature = record.fingerprint {
            s.insert("document_bands", ["band", "key", "document_id"],
                     signature.bandKeys.enumerated().map { [.int($0.offset), .int($0.element), .int(id)] },
                     suffix: " ON CONFLICT DO NOTHING")
        }
        s.insert("extractions", ["document_id", "schema", "language", "truncated", "json"],
                 [[.int(id), .text(e.schema), .text(e.language.rawValue), .bool(e.truncated), .text(json)]])
        let mentions = PostgresItemRows.mentions(e)
        s.insert("entity_mentions", PostgresItemRows.mentionColumns, PostgresItemRows.mentionRows(e, mentions, document: id))
        s.insert("quantities", PostgresItemRows.quantityColumns, PostgresItemRows.quantityRows(e, document: id))
        s.insert("times", PostgresItemRows.timeColumns, PostgresItemRows.timeRows(e, document: id))
        let (attributionRows, attributions) = PostgresItemRows.attributionRows(e, document: id)
        s.insert("attributions", PostgresItemRows.attributionColumns, attributionRows)
        s.insert("hedges", ["document_id", "idx", "start", "\"end\"", "text", "kind"], e.hedges.enumerated().map { i, h in
            [.int(id), .int(i), .int(h.start), .int(h.end), .text(h.text), .text(h.kind.rawValue)]
        })
        s.claims(e.claims, document: id, language: language)
        // Claim ids are joined in by index: `NameIndex` rows carry the claim's idx.
        let refs = e.claims.enumerated().map { i, c in
            NameIndex.ClaimRef(id: 0, idx: i, start: c.start, end: c.end, linkedEntities: c.entities, attribution: c.attribution)
        }
        var links: [[PGValue]] = []
        for (i, c) in e.claims.enumerated() {
            for (kind, indices) in [("entity", c.entities), ("quantity", c.quantities), ("time", c.times), ("hedge", c.hedges)] {
                for index in Set(indices).sorted() { links.append([.int(i), .text(kind), .int(index)]) }
            }
        }
        s.insertJoiningClaims("claim_links", ["kind", "idx"], links, suffix: " ON CONFLICT DO NOTHING")
        let published = record.metadata.published?.iso ?? ""
        let rows = NameIndex.rows(claims: refs, mentions: mentions, attributions: attributions,
                                  outletKey: record.metadata.outlet.map(NameKey.fold))
        s.insertJoiningClaims("claim_names", ["term", "published", "document_id", "keys", "names"], rows.names.map {
            [.int($0.claimIdx), .text($0.term), .text(published), .int(id), .text($0.keys), .text($0.names)]
        })
        s.insertJoiningClaims("claim_sources", ["term", "published", "document_id", "keys"], rows.sources.map {
            [.int($0.claimIdx), .text($0.term), .text(published), .int(id), .text($0.keys)]
        })
        s.insert("mention_terms", NameIndex.mentionTermsColumns, rows.mentions.map {
            let m = $0.mention
            return [.text($0.term), .text(m.nameKey), .text(m.type), .text(m.textKey), .int(id), .int(m.idx), .text(published),
                    .text(m.name), .text(m.entityID), .text(m.text)]
        })
        if let origin = record.origin {
            s.clause("DELETE FROM ingest_failures WHERE origin = ")
            s.bind(.text(origin))
            s.sql.add(")")
        }
        guard s.binds <= maximumBinds else { return nil }
        s.sql.add(" SELECT 1")
        return s
    }

    func run(on connection: PostgresConnection) async throws {
        try await connection.run(sql)
    }

    private mutating func bind(_ value: PGValue) {
        sql.bind(value)
        binds += 1
    }

    /// `name AS (` + body; the caller closes the parenthesis.
    private mutating func clause(_ body: String) {
        sql.add(clauses == 0 ? "" : ", ")
        sql.add("w\(clauses) AS (")
        sql.add(body)
        clauses += 1
    }

    private mutating func values(_ rows: [[PGValue]]) {
        for (r, row) in rows.enumerated() {
            sql.add(r == 0 ? "(" : ", (")
            for (c, value) in row.enumerated() {
                if c > 0 { sql.add(", ") }
                bind(value)
            }
            sql.add(")")
        }
    }

    private mutating func insert(_ table: String, _ columns: [String], _ rows: [[PGValue]], suffix: String = "") {
        guard !rows.isEmpty else { return }
        clause("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ")
        values(rows)
        sql.add(suffix + ")")
    }

    /// The claims, returning their ids by index, as clause `claims`.
    private mutating func claims(_ claims: [Claim], document id: DocumentID, language: Language) {
        guard !claims.isEmpty else { return }
        let config = PostgresSchema.textSearchConfiguration(for: language.rawValue)
        sql.add(clauses == 0 ? "" : ", ")
        sql.add("""
            claims_in AS (INSERT INTO claims (document_id, idx, start, "end", text, attribution_idx, certainty, direct,
            fts_config, fts) VALUES 
            """)
        clauses += 1
        for (i, c) in claims.enumerated() {
            sql.add(i == 0 ? "(" : ", (")
            for value in [PGValue.int(id), .int(i), .int(c.start), .int(c.end)] { bind(value); sql.add(", ") }
            let text = sql.bind(.text(c.text))
            binds += 1
            sql.add(", ")
            for value in [PGValue.int(c.attribution), .text(c.certainty.rawValue), .bool(c.direct)] { bind(value); sql.add(", ") }
            sql.add("'\(config)'::regconfig, to_tsvector('\(config)', \(text)))")
        }
        sql.add(" RETURNING idx, id)")
    }

    /// Rows whose first value is a claim's idx, inserted with that claim's id first.
    private mutating func insertJoiningClaims(_ table: String, _ columns: [String], _ rows: [[PGValue]], suffix: String = "") {
        guard !rows.isEmpty else { return }
        let names = columns.map { $0 == "idx" ? "item_idx" : $0 }
        let selected = columns == ["kind", "idx"] ? ["v.kind", "v.item_idx"] : names.map { "v.\($0)" }
        let target = table == "claim_links" ? ["claim_id", "kind", "idx"] : ["claim_id", "idx"] + columns
        let claimIdx = table == "claim_links" ? [] : ["c.idx"]
        clause("INSERT INTO \(table) (\(target.joined(separator: ", "))) SELECT c.id, "
               + (claimIdx + selected).joined(separator: ", ") + " FROM (VALUES ")
        values(rows)
        sql.add(") AS v(claim_idx, \(names.joined(separator: ", "))) JOIN claims_in c ON c.idx = v.claim_idx" + suffix + ")")
    }
}

/// Row values shared by the one-statement path and the table-by-table one.
enum PostgresItemRows {
    static let mentionColumns = ["document_id", "idx", "start", "\"end\"", "text", "type", "canonical", "entity_id",
                                 "role", "country", "is_media", "origin", "name_key", "text_key"]
    static let quantityColumns = ["document_id", "idx", "start", "\"end\"", "text", "kind", "value", "min", "max", "unit",
                                  "counted", "category", "approximate", "bound"]
    static let timeColumns = ["document_id", "idx", "start", "\"end\"", "text", "kind", "value", "qualifier", "relative"]
    static let attributionColumns = ["document_id", "idx", "source_text", "source_canonical", "source_kind", "source_sector",
                                     "source_key", "cue", "content_start", "content_end", "kind", "channel_text",
                                     "channel_canonical", "channel_key"]

    static func mentions(_ e: Extraction) -> [NameIndex.Mention] {
        e.entities.enumerated().map { i, m in
            NameIndex.Mention(idx: i, start: m.start, end: m.end, nameKey: NameKey.fold(m.canonical ?? m.text),
                              textKey: NameKey.fold(m.text), type: m.type.rawValue, text: m.text,
                              name: m.canonical ?? m.text, entityID: m.entityId)
        }
    }

    static func mentionRows(_ e: Extraction, _ mentions: [NameIndex.Mention], document id: DocumentID) -> [[PGValue]] {
        e.entities.enumerated().map { i, m in
            [.int(id), .int(i), .int(m.start), .int(m.end), .text(m.text), .text(m.type.rawValue), .text(m.canonical),
             .text(m.entityId), .text(m.role), .text(m.country), .bool(m.isMedia), .text(m.origin),
             .text(mentions[i].nameKey), .text(mentions[i].textKey)]
        }
    }

    static func quantityRows(_ e: Extraction, document id: DocumentID) -> [[PGValue]] {
        e.quantities.enumerated().map { i, q in
            [.int(id), .int(i), .int(q.start), .int(q.end), .text(q.text), .text(q.kind.rawValue), .double(q.value),
             .double(q.min), .double(q.max), .text(q.unit), .text(q.counted), .text(q.category),
             .text(q.approximate?.rawValue), .text(q.bound?.rawValue)]
        }
    }

    static func timeRows(_ e: Extraction, document id: DocumentID) -> [[PGValue]] {
        e.times.enumerated().map { i, t in
            [.int(id), .int(i), .int(t.start), .int(t.end), .text(t.text), .text(t.kind.rawValue),
             .text(WriterJSON.string(t.value)), .text(t.qualifier), .text(t.relative)]
        }
    }

    static func attributionRows(_ e: Extraction, document id: DocumentID) -> ([[PGValue]], [Int: NameIndex.Attribution]) {
        var attributions: [Int: NameIndex.Attribution] = [:]
        let rows: [[PGValue]] = e.attributions.enumerated().map { i, a in
            let sourceKey = (a.sourceCanonical ?? a.source?.text).map(NameKey.fold)
            let channelKey = (a.channelCanonical ?? a.channel?.text).map(NameKey.fold)
            attributions[i] = NameIndex.Attribution(sourceKey: sourceKey, channelKey: channelKey)
            return [.int(id), .int(i), .text(a.source?.text), .text(a.sourceCanonical), .text(a.sourceKind.rawValue),
                    .text(a.sourceSector), .text(sourceKey), .text(a.cue.text),
                    .int(a.content.start), .int(a.content.end), .text(a.kind.rawValue), .text(a.channel?.text),
                    .text(a.channelCanonical), .text(channelKey)]
        }
        return (rows, attributions)
    }
}
