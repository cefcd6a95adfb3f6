import DossierCore
import Foundation
import PostgresNIO

/// The array parameters of `PostgresRowsStatement` for a run of documents whose ids (and
/// their claims' ids) are already drawn.
struct PostgresRows: Sendable {
    typealias Group = PostgresRowsStatement.Group

    var groups: [PGColumns] = Group.allCases.map { PGColumns(PostgresRowsStatement.columns[$0]!.map(\.1)) }
    private(set) var documents = 0

    private mutating func add(_ group: Group, _ row: [PGValue]) { groups[group.rawValue].append(row) }

    /// Adds one document: `claimIDs` has one id per claim of the extraction, in order.
    mutating func add(document id: DocumentID, claimIDs: [Int64], record: DocumentRecord, extraction e: Extraction,
                      prepared: PreparedDocument) {
        precondition(claimIDs.count == e.claims.count)
        documents += 1
        let m = record.metadata
        let language = (record.language ?? e.language).rawValue
        let config = PostgresSchema.textSearchConfiguration(for: language)
        add(.documents, [.int(id), .text(record.sha256), .bytes(record.fingerprint.map { Data($0.bytes) }), .text(m.id),
                         .text(m.title), .text(record.author), .text(m.outlet), .text(prepared.outletKey), .text(m.url),
                         .text(m.published?.iso), .text(language), .text(record.origin),
                         .int(record.text.unicodeScalars.count), .text(record.text), .text(config)])
        if let signature = record.fingerprint {
            for (band, key) in signature.bandKeys.enumerated() { add(.bands, [.int(band), .int(key), .int(id)]) }
        }
        add(.extractions, [.int(id), .text(e.schema), .text(e.language.rawValue), .bool(e.truncated), .text(prepared.json)])
        for row in PostgresItemRows.mentionRows(e, prepared.mentions, document: id) { add(.mentions, row) }
        for row in PostgresItemRows.quantityRows(e, document: id) { add(.quantities, row) }
        for row in PostgresItemRows.timeRows(e, document: id) { add(.times, row) }
        for (i, a) in e.attributions.enumerated() {
            let keys = prepared.attributions[i]
            add(.attributions, [.int(id), .int(i), .text(a.source?.text), .text(a.sourceCanonical),
                                .text(a.sourceKind.rawValue), .text(a.sourceSector), .text(keys?.sourceKey),
                                .text(a.cue.text), .int(a.content.start), .int(a.content.end), .text(a.kind.rawValue),
                                .text(a.channel?.text), .text(a.channelCanonical), .text(keys?.channelKey)])
        }
        for (i, h) in e.hedges.enumerated() {
            add(.hedges, [.int(id), .int(i), .int(h.start), .int(h.end), .text(h.text), .text(h.kind.rawValue)])
        }
        for (i, c) in e.claims.enumerated() {
            let claimID = claimIDs[i]
            add(.claims, [.int(claimID), .int(id), .int(i), .int(c.start), .int(c.end), .text(c.text), .int(c.attribution),
                          .text(c.certainty.rawValue), .bool(c.direct), .text(config)])
            for (kind, indices) in [("entity", c.entities), ("quantity", c.quantities), ("time", c.times), ("hedge", c.hedges)] {
                for index in Set(indices).sorted() { add(.links, [.int(claimID), .text(kind), .int(index)]) }
            }
        }
        let published = m.published?.iso ?? ""
        for r in prepared.index.names {
            add(.claimNames, [.text(r.term), .text(published), .int(id), .int(r.claimIdx), .int(claimIDs[r.claimIdx]),
                              .text(r.keys), .text(r.names)])
        }
        for r in prepared.index.sources {
            add(.claimSources, [.text(r.term), .text(published), .int(id), .int(r.claimIdx), .int(claimIDs[r.claimIdx]),
                                .text(r.keys)])
        }
        if let origin = record.origin { add(.failures, [.text(origin)]) }
    }
}

/// Draws `documents` document ids and `claims` claim ids from the tables' sequences in
/// one round trip, so a run of documents can be written by one statement whose rows name
/// their ids. Sequences only grow, so ids drawn later are larger: input order is kept.
struct PostgresIDs: PostgresPreparedStatement {
    typealias Row = ([Int64], [Int64])
    static let name = "dossier_ids_v1"
    static let sql = """
        SELECT ARRAY(SELECT nextval(pg_get_serial_sequence('documents', 'id')) FROM generate_series(1, $1::int8)),
               ARRAY(SELECT nextval(pg_get_serial_sequence('claims', 'id')) FROM generate_series(1, $2::int8))
        """
    var documents: Int
    var claims: Int

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings()
        b.append(Int64(documents))
        b.append(Int64(claims))
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// Which of these SHA-256 are stored, and under which id.
struct PostgresStoredHashes: PostgresPreparedStatement {
    typealias Row = (String, Int64)
    static let name = "dossier_stored_hashes_v1"
    static let sql = "SELECT sha256, id FROM documents WHERE sha256 = ANY($1::text[])"
    var hashes: [String]

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings()
        b.append(PGArray(hashes.map(Optional.some)))
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// The stored documents sharing at least one (band, key) with the given ones: the
/// near-duplicate candidates of a whole batch in one indexed lookup, with their
/// signatures and their group's original (nil for an original).
struct PostgresBandCandidates: PostgresPreparedStatement {
    typealias Row = (Int64, Data?, Int64?)
    static let name = "dossier_band_candidates_v1"
    static let sql = """
        SELECT d.id, d.minhash, n.original_id FROM documents d LEFT JOIN near_duplicates n ON n.document_id = d.id
        WHERE d.id IN (SELECT b.document_id FROM unnest($1::int8[], $2::int8[]) AS q(band, key)
                       JOIN document_bands b ON b.band = q.band AND b.key = q.key)
        ORDER BY d.id
        """
    var bands: [Int64]
    var keys: [Int64]

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings()
        b.append(PGArray(bands.map(Optional.some)))
        b.append(PGArray(keys.map(Optional.some)))
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

extension PostgresConnection {
    /// Runs a prepared statement (prepared on this connection the first time) and
    /// collects its rows.
    func rows<S: PostgresPreparedStatement>(_ statement: S) async throws -> [S.Row] {
        var out: [S.Row] = []
        for try await row in try await execute(statement, logger: Self.quiet) { out.append(row) }
        return out
    }
}
