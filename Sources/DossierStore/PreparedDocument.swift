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
    /// The store a document is prepared for: SQLite stores the JSON compressed, so the
    /// compression is made for SQLite only.
    public enum Target: Sendable, Hashable {
        case sqlite, postgres
    }

    /// The outlet the index rows were computed for.
    let outlet: String?
    /// The extraction JSON's UTF-8 bytes (`WriterJSON.bytes`).
    let jsonBytes: [UInt8]
    /// The extraction JSON as text: PostgreSQL's column. Made when asked: SQLite stores
    /// the compressed bytes, and validating and copying 15 kB into a String per article
    /// was paid for nothing there.
    var json: String { String(decoding: jsonBytes, as: UTF8.self) }
    /// The same JSON as a zlib stream (`ExtractionJSONCompression`): SQLite's column. Nil
    /// when prepared for PostgreSQL; the SQLite writer then compresses it itself.
    let compressedJSON: [UInt8]?
    let mentions: [NameIndex.Mention]
    let attributions: [Int: NameIndex.Attribution]
    let outletKey: String?
    /// Word-index rows; `claimID` is 0 until the writer knows the ids (by `claimIdx`).
    /// `mentions` is empty: neither store has `mention_terms` any more (SQLite's
    /// `v10-word-rows`, PostgreSQL's migration 9); only old SQLite migrations build them.
    let index: (names: [NameIndex.ClaimTermRow], sources: [NameIndex.SourceTermRow], mentions: [NameIndex.MentionTermRow])
    /// The outlet's words (`NameIndex.outletRows`), one `document_outlets` row each.
    let outletWords: [(term: String, keys: String)]
    let stats: NameStatsDelta

    /// `target`: SQLite (the default store) also gets the compressed JSON (≈ 0.35 ms for a
    /// 500-word article); PostgreSQL (`dossier worker`, an ingest into PostgreSQL) does not.
    public init(record: DocumentRecord, extraction e: Extraction, for target: Target = .sqlite) {
        outlet = record.metadata.outlet
        let bytes = WriterJSON.bytes(e)
        jsonBytes = bytes
        compressedJSON = target == .sqlite ? ExtractionJSONCompression.compress(bytes) : nil
        mentions = Self.mentions(e)
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
        index = PreparedRows.rows(claims: refs, mentions: mentions, attributions: attributions, mentionTerms: false)
        outletWords = NameIndex.outletRows(outletKey)
        stats = NameStatsDelta(mentions)
    }

    /// This preparation if it still fits `record` (made for its outlet; SQLite takes one
    /// made for PostgreSQL and compresses the JSON itself), else a new one for `target`.
    static func fitting(_ prepared: PreparedDocument?, _ record: DocumentRecord, _ extraction: Extraction,
                        for target: Target) -> PreparedDocument {
        if let prepared, prepared.outlet == record.metadata.outlet {
            return prepared
        }
        return PreparedDocument(record: record, extraction: extraction, for: target)
    }

    /// The bytes of SQLite's `extractions.json` column.
    var sqliteJSON: [UInt8] { compressedJSON ?? ExtractionJSONCompression.compress(jsonBytes) }

    /// `PostgresItemRows.mentions`, folding a mention's text once: a mention without a
    /// canonical name (or whose canonical name is its text, byte for byte) has the same
    /// name key and text key, which the general code folded twice.
    static func mentions(_ e: Extraction) -> [NameIndex.Mention] {
        var out: [NameIndex.Mention] = []
        out.reserveCapacity(e.entities.count)
        for (i, m) in e.entities.enumerated() {
            let textKey = NameKey.fold(m.text)
            let nameKey: String
            if let canonical = m.canonical, !canonical.utf8.elementsEqual(m.text.utf8) {
                nameKey = NameKey.fold(canonical)
            } else {
                nameKey = textKey
            }
            out.append(NameIndex.Mention(idx: i, start: m.start, end: m.end, nameKey: nameKey, textKey: textKey,
                                         type: m.type.rawValue, text: m.text, name: m.canonical ?? m.text,
                                         entityID: m.entityId))
        }
        return out
    }
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

    /// One hash lookup per mention and group or alias (`index(forKey:)`, then the value
    /// changed in place) where a read, a test and a write hashed the key three times; the
    /// words of a key go straight into `terms` (a Set: repeats vanish there, as they did
    /// in `NameStats.terms`' own Set). `PreparedRowsTests` compares with the former code.
    init(_ mentions: [NameIndex.Mention]) {
        // Sized once: growing these tables rehashed every key (the counters' order is
        // not part of the result: the writers aggregate, and Set/Dictionary order is
        // per process anyway).
        groups.reserveCapacity(mentions.count)
        aliases.reserveCapacity(mentions.count)
        terms.reserveCapacity(mentions.count * 2)
        for m in mentions {
            let group = Group(nameKey: m.nameKey, type: m.type)
            if let g = groups.index(forKey: group) {
                groups.values[g].mentions += 1
                if m.name > groups.values[g].name { groups.values[g].name = m.name }
                if let e = m.entityID, groups.values[g].entityID.map({ e > $0 }) ?? true { groups.values[g].entityID = e }
            } else {
                groups[group] = (m.name, m.entityID, 1)
                insertTerms(of: group.nameKey, group)
            }
            let alias = Alias(group: group, text: m.text)
            if let a = aliases.index(forKey: alias) {
                aliases.values[a] += 1
            } else {
                aliases[alias] = 1
                insertTerms(of: m.textKey, group)
            }
        }
    }

    /// `NameStats.terms(nameKey: key, textKey: key)`, into `terms`.
    private mutating func insertTerms(of key: String, _ group: Group) {
        KeyWords.each(of: key) { terms.insert(Term(term: $0, group: group, key: key)) }
    }
}
