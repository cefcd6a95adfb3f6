import DossierCore

/// Who first put a report into the world: the attribution's source if there is one,
/// else the outlet, and for a near-duplicate the outlet of the article it copies.
struct OriginResolver {
    let articles: [AnalyzedArticle]
    let resolution: EntityResolver.Result
    private var indexById: [String: Int] = [:]

    struct Chain {
        var source: String?
        var sourceKind: SourceKind?
        var channel: String?
        var chain: [String]
        var key: String
        var name: String
        var rule: OriginRule
    }

    init(articles: [AnalyzedArticle], resolution: EntityResolver.Result) {
        self.articles = articles
        self.resolution = resolution
        for (i, a) in articles.enumerated() where indexById[a.id] == nil { indexById[a.id] = i }
    }

    /// The article a near-duplicate copies, following chains (wire → reprint → reprint).
    func root(of a: Int) -> Int {
        var current = a, steps = 0
        while let next = articles[current].nearDuplicateOf, let i = indexById[next], i != current, steps < 16 {
            current = i
            steps += 1
        }
        return current
    }

    /// The origin key of an outlet: its entity when the corpus knows it, so that an
    /// outlet's own reports and "according to <outlet>" elsewhere share one origin.
    func outletOrigin(_ outlet: String) -> (key: String, name: String, entity: Int?) {
        if let e = resolution.resolve(outlet) {
            return ("entity|\(resolution.entities[e].id)", resolution.entities[e].name, e)
        }
        return ("outlet|\(NameFolding.fold(outlet))", outlet, nil)
    }

    func chain(article a: Int, claim: Claim) -> Chain {
        let article = articles[a]
        let r = root(of: a)
        let outlet = article.metadata.outlet ?? article.id
        let rootOutlet = articles[r].metadata.outlet ?? articles[r].id
        let attribution = claim.attribution.flatMap {
            article.extraction.attributions.indices.contains($0) ? article.extraction.attributions[$0] : nil
        }
        guard let attribution else {
            let o = outletOrigin(rootOutlet)
            let rule: OriginRule = r == a ? .ownReporting : .nearDuplicate
            let chain = r == a ? [outlet] : [rootOutlet, outlet]
            return Chain(chain: chain, key: o.key, name: o.name, rule: rule)
        }
        let sourceName = attribution.sourceCanonical ?? attribution.source?.text
        let channel = attribution.channelCanonical ?? attribution.channel?.text
        var chain = [sourceName, channel].compactMap { $0 }
        if r != a { chain.append(rootOutlet) }
        chain.append(outlet)
        var result = Chain(source: sourceName, sourceKind: attribution.sourceKind, channel: channel,
                           chain: chain, key: "", name: "", rule: .attributedSource)
        if attribution.sourceKind == .anonymous && attribution.sourceCanonical == nil {
            // Unnamed sources in two outlets cannot be shown to be the same people.
            let sector = attribution.sourceSector ?? "unspecified"
            result.key = "anonymous|\(sector)|\(NameFolding.fold(rootOutlet))"
            result.name = "anonymous \(sector) sources (\(rootOutlet))"
            result.rule = .anonymousSource
        } else if let name = sourceName ?? channel, let e = resolution.resolve(name) {
            let entity = resolution.entities[e]
            result.key = "entity|\(entity.id)"
            result.name = entity.name
        } else if let canonical = attribution.sourceCanonical ?? attribution.channelCanonical {
            result.key = "name|\(NameFolding.fold(canonical))"
            result.name = canonical
        } else {
            // An unresolved expression ("lui", "officials"): only as good as its article.
            let text = sourceName ?? "unnamed source"
            result.key = "unresolved|\(NameFolding.fold(text))|\(articles[r].id)"
            result.name = "\(text) (\(rootOutlet))"
            result.rule = .anonymousSource
        }
        return result
    }
}
