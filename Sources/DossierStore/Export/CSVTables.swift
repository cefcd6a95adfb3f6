import DossierCore

/// The tables `dossier export --format csv` writes: one row per claim, quantity or entity
/// mention. Every row repeats its document's columns and the source chain of the claim it
/// belongs to, so a spreadsheet user can filter and pivot one sheet without joins.
public enum ExportTable: String, CaseIterable, Sendable {
    case claims, quantities, entities

    static let documentColumns = ["document_id", "document_url", "published", "outlet", "title", "near_duplicate_of"]
    static let chainColumns = ["claim_index", "certainty", "source", "source_canonical", "source_kind",
                               "source_sector", "cue", "channel", "speech_kind"]

    public var columns: [String] {
        switch self {
        case .claims:
            return Self.documentColumns + Self.chainColumns
                + ["direct", "incomplete", "start", "end", "text", "entities", "quantities", "times"]
        case .quantities:
            return Self.documentColumns + ["quantity_index", "start", "end", "text", "kind", "value", "min", "max",
                                           "unit", "counted", "lemma", "category", "approximate", "bound",
                                           "qualifier", "vague", "per"] + Self.chainColumns
        case .entities:
            return Self.documentColumns + ["entity_index", "start", "end", "text", "type", "canonical", "entity_id",
                                           "role", "country", "is_media", "origin"] + Self.chainColumns
        }
    }

    public func rows(for item: ExportDocument) -> [[CSVCell]] {
        let x = item.extraction
        let doc = Self.documentCells(item.document)
        switch self {
        case .claims:
            return x.claims.enumerated().map { i, c in
                let entities = c.entities.compactMap { x.entities.indices.contains($0) ? x.entities[$0] : nil }
                    .map { $0.canonical ?? $0.text }
                let quantities = c.quantities.compactMap { x.quantities.indices.contains($0) ? x.quantities[$0].text : nil }
                let times = c.times.compactMap { x.times.indices.contains($0) ? x.times[$0] : nil }
                    .map { TimeValueText.display($0.value) ?? $0.text }
                return doc + Self.chainCells(claim: i, in: x) + [
                    .text(c.direct ? "true" : "false"), .optional(c.incomplete),
                    .integer(c.start), .integer(c.end), .text(c.text),
                    .text(Self.unique(entities).joined(separator: "; ")),
                    .text(quantities.joined(separator: "; ")), .text(times.joined(separator: "; ")),
                ]
            }
        case .quantities:
            let owner = Self.owners(x.claims.map(\.quantities))
            return x.quantities.enumerated().map { i, q in
                doc + [.integer(i), .integer(q.start), .integer(q.end), .text(q.text), .text(q.kind.rawValue),
                       .number(q.value), .optional(q.min), .optional(q.max), .optional(q.unit), .optional(q.counted),
                       .optional(q.lemma), .optional(q.category), .optional(q.approximate?.rawValue),
                       .optional(q.bound?.rawValue), .optional(q.qualifier), .optional(q.vague), .optional(q.per)]
                    + Self.chainCells(claim: owner[i], in: x)
            }
        case .entities:
            let owner = Self.owners(x.claims.map(\.entities))
            return x.entities.enumerated().map { i, e in
                doc + [.integer(i), .integer(e.start), .integer(e.end), .text(e.text), .text(e.type.rawValue),
                       .optional(e.canonical), .optional(e.entityId), .optional(e.role), .optional(e.country),
                       .optional(e.isMedia), .optional(e.origin)]
                    + Self.chainCells(claim: owner[i], in: x)
            }
        }
    }

    static func documentCells(_ d: StoredDocument) -> [CSVCell] {
        [.integer(Int(d.id)), .optional(d.url), .optional(d.published?.iso), .optional(d.outlet), .optional(d.title),
         .optional(d.nearDuplicateOf.map { Int($0) })]
    }

    /// The claim's chain: who (as written and resolved), what kind of source, by which
    /// cue, through which channel. Empty cells when the item is in no claim; a claim
    /// without attribution is the outlet's own assertion (its outlet column says whose).
    static func chainCells(claim index: Int?, in x: Extraction) -> [CSVCell] {
        guard let index, x.claims.indices.contains(index) else {
            return Array(repeating: .empty, count: chainColumns.count)
        }
        let c = x.claims[index]
        let a = c.attribution.flatMap { x.attributions.indices.contains($0) ? x.attributions[$0] : nil }
        return [.integer(index), .text(c.certainty.rawValue), .optional(a?.source?.text), .optional(a?.sourceCanonical),
                .optional(a?.sourceKind.rawValue), .optional(a?.sourceSector), .optional(a?.cue.text),
                .optional(a.flatMap { $0.channelCanonical ?? $0.channel?.text }), .optional(a?.kind.rawValue)]
    }

    /// For each item index, the first claim that lists it.
    static func owners(_ lists: [[Int]]) -> [Int: Int] {
        var owner: [Int: Int] = [:]
        for (claim, items) in lists.enumerated() {
            for item in items where owner[item] == nil { owner[item] = claim }
        }
        return owner
    }

    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}

/// A time value as one readable string: "2024-11-12", "2024-10-22/2024-11-12", "P1M".
enum TimeValueText {
    static func display(_ v: TimeValue) -> String? {
        switch v {
        case .date(let s), .duration(let s): s
        case .period(let value, _, _): value
        case .range(let s, let e): "\(s ?? "..")/\(e ?? "..")"
        case .unresolved: nil
        }
    }
}
