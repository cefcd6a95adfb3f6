import DossierCore
import Foundation
import PostgresNIO

/// Row values of a document's mentions, quantities, times and attributions, as
/// `PostgresRows` feeds them to `PostgresRowsStatement`.
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
