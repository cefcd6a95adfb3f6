import DossierAnalysis
import DossierCore
import DossierStore
import Foundation

/// The API's response bodies. Keys go through `DossierJSON` (snake_case), like the CLI's.
struct DocumentList: Encodable {
    var documents: [StoredDocument]
    var total: Int
    var limit: Int
    /// The next page's URL (keyset cursor), or null on the last page.
    var next: String?
}

struct DocumentWithExtraction: Encodable {
    var document: StoredDocument
    var extraction: Extraction?
}

struct ClaimList: Encodable {
    var claims: [ClaimRow]
    var limit: Int
    var offset: Int
    var next: String?
}

struct SearchResults: Encodable {
    var query: String
    var hits: [SearchHit]
}

struct NumberedFact: Encodable {
    /// The fact's number in `dossier facts`, which names it in URLs and on the CLI.
    var number: Int
    var fact: Fact
}

/// A fact in a listing: its counts without its reports.
struct FactSummary: Encodable {
    var number: Int
    var id: String
    var kind: String
    var label: String
    var summary: String
    var reports: Int
    var independentOrigins: Int
    var echoes: Int
    var contradictions: Int

    init(number: Int, fact: Fact) {
        self.number = number
        id = fact.id
        kind = fact.kind.rawValue
        label = fact.label
        summary = fact.summary
        reports = fact.reports.count
        independentOrigins = fact.independentOrigins
        echoes = fact.echoes
        contradictions = fact.contradictions.count
    }
}

struct FactList: Encodable {
    var facts: [FactSummary]
    var total: Int
    var limit: Int
    var offset: Int
    var next: String?
}

struct OutletCount: Encodable {
    var outlet: String
    var mentions: Int
    var documents: Int
}

struct ResolvedView: Encodable {
    var entity: ResolvedEntity
    var mentionsByOutlet: [OutletCount]
}

struct EntityResponse: Encodable {
    var name: String
    /// What the store's tables say (aliases, mention counts, claims mentioning it).
    var stored: [EntityReport]
    /// The cross-article resolution: merged entities, their mentions per outlet.
    var resolved: [ResolvedView]
    var claimsBy: [ClaimRow]
    var claimsAbout: [ClaimRow]
    var facts: [FactSummary]
}

struct IngestResult: Encodable {
    var origin: String
    /// `added`, `unchanged` or `failed`.
    var status: String
    var id: DocumentID?
    var nearDuplicateOf: DocumentID?
    var message: String?
}

struct IngestResponse: Encodable {
    var results: [IngestResult]
}

extension StoreAnalysis {
    /// How often each outlet mentions the entity, most first: who talks about it.
    func mentionsByOutlet(entity: Int) -> [OutletCount] {
        var mentions: [String: Int] = [:], documents: [String: Int] = [:]
        for (a, row) in analysis.mentionEntities.enumerated() where articles.indices.contains(a) {
            let n = row.reduce(0) { $0 + ($1 == entity ? 1 : 0) }
            guard n > 0 else { continue }
            let outlet = articles[a].metadata.outlet ?? "(no outlet)"
            mentions[outlet, default: 0] += n
            documents[outlet, default: 0] += 1
        }
        return mentions.map { OutletCount(outlet: $0.key, mentions: $0.value, documents: documents[$0.key] ?? 0) }
            .sorted { ($0.mentions, $1.outlet) > ($1.mentions, $0.outlet) }
    }
}
