import DossierAnalysis
import DossierCore
import DossierStore
import Foundation

/// The whole store, analysed in one pass: the analysis is cross-article, so it reads
/// every document's extraction (never the texts) and applies the manual overrides.
/// Shared by the CLI (`dossier facts/corroboration/conflicts/timeline`) and the server,
/// so both show the same facts with the same numbers.
public struct StoreAnalysis: Sendable {
    public var articles: [AnalyzedArticle]
    public var analysis: Analysis
    /// The store's id of each article, parallel to `articles`.
    public var documentIDs: [DocumentID]

    public init(articles: [AnalyzedArticle], analysis: Analysis, documentIDs: [DocumentID]) {
        self.articles = articles
        self.analysis = analysis
        self.documentIDs = documentIDs
    }

    /// An article is named by its external id (the input's `id`), else its URL, else the
    /// store's document number: the name a user sees in `dossier show`.
    public static func load(store: any BrowsableStore) async throws -> StoreAnalysis {
        let inputs = try await store.analysisInputs()
        var names: [DocumentID: String] = [:]
        for input in inputs { names[input.document.id] = name(of: input.document) }
        let articles = inputs.map { input in
            let d = input.document
            return AnalyzedArticle(
                metadata: DocumentMetadata(id: names[d.id], title: d.title, outlet: d.outlet, url: d.url,
                                           published: d.published ?? input.extraction.published),
                extraction: input.extraction,
                nearDuplicateOf: d.nearDuplicateOf.map { names[$0] ?? String($0) })
        }
        let overrides = try await StoredOverrides(store: store).read()
        let analysis = CrossArticleAnalyzer(overrides: overrides).analyze(articles)
        return StoreAnalysis(articles: articles, analysis: analysis, documentIDs: inputs.map(\.document.id))
    }

    public static func name(of d: StoredDocument) -> String { d.externalID ?? d.url ?? String(d.id) }

    /// A fact named by its number in `dossier facts` (1-based), its full id, or a piece
    /// of its id or label that only one fact has.
    public func fact(_ reference: String) throws -> (Int, Fact)? {
        let facts = analysis.facts
        if let n = Int(reference) {
            guard facts.indices.contains(n - 1) else { throw StoreError("fact \(n): there are \(facts.count) facts") }
            return (n - 1, facts[n - 1])
        }
        if let i = facts.firstIndex(where: { $0.id == reference }) { return (i, facts[i]) }
        let folded = NameFolding.fold(reference)
        guard !folded.isEmpty else { return nil }
        let hits = facts.indices.filter {
            NameFolding.fold(facts[$0].id).contains(folded) || NameFolding.fold(facts[$0].label).contains(folded)
        }
        if hits.count > 1 {
            throw StoreError("\(reference): \(hits.count) facts match (\(hits.prefix(5).map { String($0 + 1) }.joined(separator: ", "))…); give its number")
        }
        return hits.first.map { ($0, facts[$0]) }
    }

    /// Entities whose name or one of whose aliases folds to `name`; else those with an
    /// alias ending in it as a word ("Ostrin" finds "Pavel Ostrin").
    public func entities(named name: String) -> [Int] {
        let folded = NameFolding.fold(name)
        guard !folded.isEmpty else { return [] }
        let all = analysis.entities.indices
        let exact = all.filter { i in
            let e = analysis.entities[i]
            return NameFolding.fold(e.name) == folded || e.aliases.contains { NameFolding.fold($0) == folded }
                || e.id == name
        }
        if !exact.isEmpty { return exact }
        return all.filter { i in
            analysis.entities[i].aliases.contains { NameFolding.fold($0).hasSuffix(" " + folded) }
        }
    }

    /// True when one of the fact's reports is a claim mentioning one of `entities`.
    public func fact(_ fact: Fact, mentions entities: Set<Int>) -> Bool {
        var index: [String: Int] = [:]
        for (i, a) in articles.enumerated() { index[a.id] = i }
        return fact.reports.contains { r in
            guard let a = index[r.articleId], analysis.mentionEntities.indices.contains(a) else { return false }
            let x = articles[a].extraction
            guard x.claims.indices.contains(r.claimIndex) else { return false }
            let row = analysis.mentionEntities[a]
            return x.claims[r.claimIndex].entities.contains { row.indices.contains($0) && entities.contains(row[$0]) }
        }
    }

    /// Facts whose key names one of `entities`, or with a claim mentioning one.
    public func facts(about entities: Set<Int>) -> [Int] {
        let names = Set(entities.map { analysis.entities[$0].name })
        return analysis.facts.indices.filter { i in
            let fact = analysis.facts[i]
            return fact.key.map { !names.isDisjoint(with: $0.whose + $0.places) } == true
                || self.fact(fact, mentions: entities)
        }
    }

    /// The store id of the article an analysis report names, to link to its page.
    public func documentID(ofArticle articleId: String) -> DocumentID? {
        articles.firstIndex { $0.id == articleId }.map { documentIDs[$0] }
    }
}

/// Manual merges and splits (`dossier entity merge/split`), kept by the store as JSON:
/// a file beside a SQLite store (`dossier.sqlite.overrides.json`), which a user can read,
/// edit, version or delete; a one-row table on PostgreSQL, shared by every machine. The
/// store schema stays the extraction contract only.
public struct StoredOverrides: Sendable {
    public let store: any BrowsableStore

    public init(store: any BrowsableStore) { self.store = store }

    public var location: String { store.overridesLocation }

    public func read() async throws -> ResolutionOverrides {
        guard let data = try await store.overridesJSON() else { return ResolutionOverrides() }
        return try Self.decode(data, location: location)
    }

    /// Applies `change` to the current overrides and stores the result, in one step of
    /// the store (a row lock on PostgreSQL). When `change` returns false ("already
    /// recorded") the overrides stay as they were, and so does the result.
    @discardableResult
    public func update(_ change: @escaping @Sendable (inout ResolutionOverrides) -> Bool) async throws -> Bool {
        let location = self.location
        final class Flag: @unchecked Sendable { var changed = false }
        let flag = Flag()
        try await store.updateOverridesJSON { data in
            var overrides = try data.map { try Self.decode($0, location: location) } ?? ResolutionOverrides()
            guard change(&overrides) else {
                flag.changed = false
                guard let data else { return try Self.encode(overrides) }
                return data
            }
            flag.changed = true
            return try Self.encode(overrides)
        }
        return flag.changed
    }

    static func decode(_ data: Data, location: String) throws -> ResolutionOverrides {
        do {
            return try JSONDecoder().decode(ResolutionOverrides.self, from: data)
        } catch {
            throw StoreError("\(location): not a valid overrides file (\(error))")
        }
    }

    static func encode(_ overrides: ResolutionOverrides) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(overrides)
    }
}
