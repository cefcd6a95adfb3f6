import DossierAnalysis
import DossierCore
import DossierStore
import Foundation

/// The whole store, analysed once per command: the analysis is cross-article, so it reads
/// every document's extraction (never the texts) and applies the manual overrides.
struct LoadedAnalysis {
    var articles: [AnalyzedArticle]
    var analysis: Analysis

    /// An article is named by its external id (the input's `id`), else its URL, else the
    /// store's document number: the name a user sees in `dossier show`.
    static func load(_ options: StoreOptions) async throws -> LoadedAnalysis {
        let store = try options.open(readOnly: true)
        let inputs: [StoredAnalysisInput]
        do {
            inputs = try await store.analysisInputs()
        } catch {
            throw CLIError(String(describing: error))
        }
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
        let overrides = try OverridesFile(storePath: options.path).read()
        let analysis = CrossArticleAnalyzer(overrides: overrides).analyze(articles)
        return LoadedAnalysis(articles: articles, analysis: analysis)
    }

    static func name(of d: StoredDocument) -> String { d.externalID ?? d.url ?? String(d.id) }

    /// A fact named by its number in `dossier facts` (1-based), its full id, or a piece
    /// of its id or label that only one fact has.
    func fact(_ reference: String) throws -> (Int, Fact)? {
        let facts = analysis.facts
        if let n = Int(reference) {
            guard facts.indices.contains(n - 1) else { throw CLIError("fact \(n): there are \(facts.count) facts") }
            return (n - 1, facts[n - 1])
        }
        if let i = facts.firstIndex(where: { $0.id == reference }) { return (i, facts[i]) }
        let folded = NameFolding.fold(reference)
        let hits = facts.indices.filter {
            NameFolding.fold(facts[$0].id).contains(folded) || NameFolding.fold(facts[$0].label).contains(folded)
        }
        if hits.count > 1 {
            throw CLIError("\(reference): \(hits.count) facts match (\(hits.prefix(5).map { String($0 + 1) }.joined(separator: ", "))…); give its number")
        }
        return hits.first.map { ($0, facts[$0]) }
    }

    /// Entities whose name or one of whose aliases folds to `name`; else those with an
    /// alias ending in it as a word ("Ostrin" finds "Pavel Ostrin").
    func entities(named name: String) -> [Int] {
        let folded = NameFolding.fold(name)
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
    func fact(_ fact: Fact, mentions entities: Set<Int>) -> Bool {
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
}

/// Manual merges and splits, kept in a JSON file next to the store
/// (`dossier.sqlite` → `dossier.sqlite.overrides.json`): a user can read, edit, version or
/// delete it, and the store schema stays the extraction contract only.
struct OverridesFile {
    var path: String

    init(storePath: String) { path = storePath + ".overrides.json" }

    func read() throws -> ResolutionOverrides {
        guard FileManager.default.fileExists(atPath: path) else { return ResolutionOverrides() }
        do {
            return try JSONDecoder().decode(ResolutionOverrides.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CLIError("\(path): not a valid overrides file (\(error))")
        }
    }

    func write(_ overrides: ResolutionOverrides) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(overrides).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
