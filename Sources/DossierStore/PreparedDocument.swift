import DossierCore

/// What a writer derives from a document before touching the store: the extraction JSON,
/// the folded name keys of its mentions and attributions, its word-index rows and its
/// name-counter deltas.
///
/// Why apart: ingest writes on ONE connection (SQLite has one writer; PostgreSQL saves are
/// serialised by an advisory lock), so anything computed inside the write is paid serially
/// while the other cores wait. Folding names (`String.folding`, ≈ 250 calls a document),
/// encoding the JSON and building the index rows need nothing from the store: `Ingestor`
/// and `dossier worker` prepare each document right after extracting it, in parallel, and
/// the writer only binds values. A store given no preparation (or one made for another
/// outlet, which the word index depends on) prepares the document itself.
public struct PreparedDocument: Sendable {
    /// The outlet the index rows were computed for.
    let outlet: String?
    /// The extraction JSON as text: PostgreSQL's column.
    let json: String
    /// The same JSON as a zlib stream (`ExtractionJSONCompression`): SQLite's column. Nil
    /// when prepared for PostgreSQL only; the SQLite writer then compresses it itself.
    let compressedJSON: [UInt8]?
    let mentions: [NameIndex.Mention]
    let attributions: [Int: NameIndex.Attribution]
    let outletKey: String?
    /// Word-index rows; `claimID` is 0 until the writer knows the ids (by `claimIdx`).
    let index: (names: [NameIndex.ClaimTermRow], sources: [NameIndex.SourceTermRow], mentions: [NameIndex.MentionTermRow])
    /// The outlet's words (`NameIndex.outletRows`), one `document_outlets` row each.
    let outletWords: [(term: String, keys: String)]
    let stats: NameStatsDelta

    /// `compressingJSON`: also compress the JSON, as a SQLite store writes it (≈ 0.35 ms
    /// for a 500-word article). On by default, for the default store; a caller that
    /// writes to PostgreSQL only (`dossier worker`) passes false and skips that cost.
    public init(record: DocumentRecord, extraction e: Extraction, compressingJSON: Bool = true) {
        outlet = record.metadata.outlet
        let bytes = WriterJSON.bytes(e)
        json = String(decoding: bytes, as: UTF8.self)
        compressedJSON = compressingJSON ? ExtractionJSONCompression.compress(bytes) : nil
        mentions = PostgresItemRows.mentions(e)
        var attributions: [Int: NameIndex.Attribution] = [:]
        for (i, a) in e.attributions.enumerated() {
            attributions[i] = NameIndex.Attribution(sourceKey: (a.sourceCanonical ?? a.source?.text).map(NameKey.fold),
                                                    channelKey: (a.channelCanonical ?? a.channel?.text).map(NameKey.fold))
        }
        self.attributions = attributions
        outletKey = record.metadata.outlet.map(NameKey.fold)
        let refs = e.claims.enumerated().map { i, c in
            NameIndex.ClaimRef(id: 0, idx: i, start: c.start, end: c.end, linkedEntities: c.entities, attribution: c.attribution)
        }
        index = NameIndex.rows(claims: refs, mentions: mentions, attributions: attributions)
        outletWords = NameIndex.outletRows(outletKey)
        stats = NameStatsDelta(mentions)
    }

    /// This preparation if it still fits `record`, else a new one (compressing the JSON
    /// when the one given did).
    static func fitting(_ prepared: PreparedDocument?, _ record: DocumentRecord, _ extraction: Extraction) -> PreparedDocument {
        if let prepared, prepared.outlet == record.metadata.outlet { return prepared }
        return PreparedDocument(record: record, extraction: extraction, compressingJSON: prepared?.compressedJSON != nil)
    }

    /// The bytes of SQLite's `extractions.json` column.
    var sqliteJSON: [UInt8] { compressedJSON ?? ExtractionJSONCompression.compress(Array(json.utf8)) }
}

/// One document's contribution to the name counters (`NameStats`), aggregated from its
/// mentions in index order, as `SQLiteNameStats.record` used to read them back.
struct NameStatsDelta: Sendable {
    struct Group: Hashable, Sendable { var nameKey: String, type: String }
    struct Alias: Hashable, Sendable { var group: Group, text: String }
    struct Term: Hashable, Sendable { var term: String, group: Group, key: String }

    var groups: [Group: (name: String, entityID: String?, mentions: Int)] = [:]
    var aliases: [Alias: Int] = [:]
    var terms = Set<Term>()

    init(_ mentions: [NameIndex.Mention]) {
        for m in mentions {
            let group = Group(nameKey: m.nameKey, type: m.type)
            if var g = groups[group] {
                g.mentions += 1
                if m.name > g.name { g.name = m.name }
                if let e = m.entityID, g.entityID.map({ e > $0 }) ?? true { g.entityID = e }
                groups[group] = g
            } else {
                groups[group] = (m.name, m.entityID, 1)
                for t in NameStats.terms(nameKey: group.nameKey, textKey: group.nameKey) {
                    terms.insert(Term(term: t.term, group: group, key: t.key))
                }
            }
            let alias = Alias(group: group, text: m.text)
            if aliases[alias, default: 0] == 0 {
                for t in NameStats.terms(nameKey: m.textKey, textKey: m.textKey) {
                    terms.insert(Term(term: t.term, group: group, key: t.key))
                }
            }
            aliases[alias, default: 0] += 1
        }
    }
}
