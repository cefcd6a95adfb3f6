import Foundation

/// The word indexes that answer `claims --about`, `claims --source` and `entity` from an
/// index range instead of a scan: computed at write time (and by the migration that
/// backfills an older store), identical on both backends.
///
/// A name matches a query when the query's words occur in it as consecutive whole words
/// (`' ' || key || ' ' LIKE '% words %'`). Every such name contains each query word, so
/// one row per (word, claim) — the *term* — finds every candidate; the row carries all of
/// the claim's name keys (`keys`, `" | k1 | k2 | "`: the separator is not a key
/// character, so a phrase never spans two keys), and the exact whole-word test runs on
/// the row itself. The rows are ordered in the listing order — `published` newest first
/// (`''` when unknown, which sorts last as NULL did), then document and claim index — so
/// the newest N claims about a name are the first N rows of one index range.
///
/// - `claim_names`: the claim's entity mentions (linked to it, or inside its span), both
///   their canonical (`name_key`) and surface (`text_key`) spellings; `names` holds the
///   name keys alone, for `entity`'s exact-name listing.
/// - `claim_sources`: the claim's attribution source and channel. The outlet is not
///   repeated there on every claim (it was 104 000 of 163 000 rows for 1 000 articles):
///   `claims --source` finds the outlet's claims through the document (`outletRows`:
///   `document_outlets` on SQLite, `documents.outlet_key` on PostgreSQL).
/// - `mention_terms`: every mention once per word of its keys, with what `entity`
///   aggregates (name, type, document, date), so an entity report reads one range.
enum NameIndex {
    /// The distinct words of folded keys.
    static func terms<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
        var seen = Set<String>()
        var out: [String] = []
        for key in keys {
            for word in key.split(separator: " ") where seen.insert(String(word)).inserted { out.append(String(word)) }
        }
        return out
    }

    /// The word of a query that drives the index range: the longest, as the rarest guess.
    static func driver(_ key: String) -> String? {
        let words: [Substring] = key.split(separator: " ")
        return words.max { $0.count < $1.count }.map { String($0) }
    }

    /// `" | a | b | "`, or nil when there is no key.
    static func joined<S: Sequence>(_ keys: S) -> String? where S.Element == String {
        var seen = Set<String>()
        let list = keys.filter { !$0.isEmpty && seen.insert($0).inserted }
        return list.isEmpty ? nil : " | " + list.joined(separator: " | ") + " | "
    }

    /// LIKE pattern for an exact key inside `joined` keys.
    static func exactPattern(_ key: String) -> String { "% | \(key) | %" }

    struct Mention {
        var idx: Int, start: Int, end: Int
        var nameKey: String, textKey: String
        var type: String, text: String, name: String, entityID: String?
    }

    struct ClaimRef {
        var id: Int64, idx: Int, start: Int, end: Int
        var linkedEntities: [Int]
        var attribution: Int?
    }

    struct Attribution { var sourceKey: String?, channelKey: String? }

    struct ClaimTermRow { var term: String, claimIdx: Int, claimID: Int64, keys: String, names: String }
    struct SourceTermRow { var term: String, claimIdx: Int, claimID: Int64, keys: String }
    struct MentionTermRow { var term: String, mention: Mention }

    /// The rows of one document.
    static func rows(claims: [ClaimRef], mentions: [Mention], attributions: [Int: Attribution])
        -> (names: [ClaimTermRow], sources: [SourceTermRow], mentions: [MentionTermRow]) {
        var names: [ClaimTermRow] = [], sources: [SourceTermRow] = [], mentionRows: [MentionTermRow] = []
        var sourceWords: [Int: [(term: String, keys: String)]] = [:]
        for c in claims {
            let linked = Set(c.linkedEntities)
            let all = mentions.filter { linked.contains($0.idx) || ($0.start >= c.start && $0.end <= c.end) }
            if let keys = joined(all.flatMap { [$0.nameKey, $0.textKey] }) {
                let nameList = joined(all.map(\.nameKey)) ?? " | "
                for term in terms(all.flatMap { [$0.nameKey, $0.textKey] }) {
                    names.append(ClaimTermRow(term: term, claimIdx: c.idx, claimID: c.id, keys: keys, names: nameList))
                }
            }
            guard let i = c.attribution, let a = attributions[i] else { continue }
            if sourceWords[i] == nil { sourceWords[i] = sourceTerms(source: a.sourceKey, channel: a.channelKey) }
            for w in sourceWords[i] ?? [] {
                sources.append(SourceTermRow(term: w.term, claimIdx: c.idx, claimID: c.id, keys: w.keys))
            }
        }
        for m in mentions {
            for term in terms([m.nameKey, m.textKey]) { mentionRows.append(MentionTermRow(term: term, mention: m)) }
        }
        return (names, sources, mentionRows)
    }

    /// The `claim_sources` words of a claim citing this source and channel, each with the
    /// joined keys; the one definition the writers and the migration that rebuilt the
    /// table share.
    static func sourceTerms(source: String?, channel: String?) -> [(term: String, keys: String)] {
        let keys = [source, channel].compactMap { $0 }
        guard let joined = joined(keys) else { return [] }
        return terms(keys).map { ($0, joined) }
    }

    /// The words of a document's outlet, with its joined key: one row each per document
    /// (`document_outlets`), where `claim_sources` had one per claim.
    static func outletRows(_ outletKey: String?) -> [(term: String, keys: String)] {
        guard let outletKey, let joined = joined([outletKey]) else { return [] }
        return terms([outletKey]).map { ($0, joined) }
    }

    static let claimNamesColumns = ["term", "published", "document_id", "idx", "claim_id", "keys", "names"]
    static let claimSourcesColumns = ["term", "published", "document_id", "idx", "claim_id", "keys"]
    static let mentionTermsColumns = ["term", "name_key", "type", "text_key", "document_id", "idx", "published",
                                      "name", "entity_id", "text"]
}
