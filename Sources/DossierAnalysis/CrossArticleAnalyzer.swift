import DossierCore

/// The entry point: resolves entities, matches claims into facts, traces origins, and
/// finds contradictions, updates and timelines, over values only (no database).
///
/// Cost: entity resolution and fact keys are hash lookups, linear in mentions and claims;
/// figure claims are blocked by key, so only reports of one fact are ever compared;
/// figure-less statements are compared only within small inverted-index buckets.
public struct CrossArticleAnalyzer: Sendable {
    public var options: AnalysisOptions
    public var lexicon: AnalysisLexicon
    public var overrides: ResolutionOverrides

    public init(options: AnalysisOptions = .init(), lexicon: AnalysisLexicon = .shared,
                overrides: ResolutionOverrides = .init()) {
        self.options = options
        self.lexicon = lexicon
        self.overrides = overrides
    }

    public func analyze(_ articles: [AnalyzedArticle]) -> Analysis {
        let resolution = EntityResolver(lexicon: lexicon, overrides: overrides).resolve(articles)
        let origins = OriginResolver(articles: articles, resolution: resolution)
        let keys = QuantityKeyBuilder(resolution: resolution)
        var blocks: [String: [(key: FactKey, report: Report, thing: String?)]] = [:]
        var blockOrder: [String] = []
        var statements: [StatementCandidate] = []
        var statementReports: [Report] = []

        for (a, article) in articles.enumerated() {
            let x = article.extraction
            for (c, claim) in x.claims.enumerated() {
                let chain = origins.chain(article: a, claim: claim)
                let sourceEntity = chain.source.flatMap(resolution.resolve)
                let period = PeriodRule.period(of: claim, in: x, published: article.published,
                                               window: options.sameStateWindowDays)
                var usedQuantity = false
                for qi in claim.quantities where x.quantities.indices.contains(qi) {
                    let q = x.quantities[qi]
                    guard q.value.isFinite, let what = QuantityKeyBuilder.what(q) else { continue }
                    usedQuantity = true
                    let (windowSpan, windowText) = Self.window(of: qi, in: claim, x)
                    let built = keys.key(what: what, claim: claim, quantity: q.span, window: windowSpan, article: a, extraction: x,
                                         sourceEntity: sourceEntity)
                    let figurePeriod = PeriodRule.period(of: claim, in: x, published: article.published,
                                                         window: options.sameStateWindowDays, figure: windowSpan)
                    let report = makeReport(article, c, claim, chain, figurePeriod, quantity: (qi, q),
                                            score: built.score, reason: built.reason)
                    let thing = lexicon.countedClass(lemma: q.lemma, window: windowText)
                    let k = built.key.string
                    if blocks[k] == nil { blockOrder.append(k) }
                    blocks[k, default: []].append((built.key, report, thing))
                }
                if !usedQuantity {
                    let ids = Set(claim.entities.compactMap { j -> Int? in
                        guard resolution.mentionEntities[a].indices.contains(j) else { return nil }
                        let e = resolution.mentionEntities[a][j]
                        return e == sourceEntity || resolution.entities[e].isMedia ? nil : e
                    })
                    guard !ids.isEmpty else { continue }
                    statements.append(StatementCandidate(
                        entities: ids, words: lexicon.contentWords(claim.text), report: statementReports.count,
                        dated: period.flatMap { $0.basis.hasPrefix(PeriodRule.fromText) ? $0 : nil },
                        denied: claim.certainty == .denied))
                    statementReports.append(makeReport(article, c, claim, chain, period, quantity: nil, score: 1, reason: ""))
                }
            }
        }

        let assembler = FactAssembler(options: options)
        var facts: [Fact] = []
        for b in blockOrder {
            for (key, reports) in Self.splitByThing(blocks[b]!) {
                let traced = traceMediaSources(reports, origins: origins, resolution: resolution)
                let label = "\(key.thing ?? key.what) · whose: \(key.whose.isEmpty ? "—" : key.whose.joined(separator: ", "))"
                    + " · where: " + (key.places.isEmpty ? "—" : key.places.joined(separator: ", "))
                facts.append(assembler.assemble(id: "q:" + key.string, kind: .quantity, key: key, label: label,
                                                reports: traced))
            }
        }
        for group in StatementMatcher(threshold: options.statementThreshold).group(statements, reports: statementReports) {
            let reports = traceMediaSources(group.reports, origins: origins, resolution: resolution)
            guard Set(reports.map(\.articleId)).count >= 2 else { continue }
            let first = reports[0]
            facts.append(assembler.assemble(id: "s:\(first.articleId)#\(first.claimIndex)", kind: .statement, key: nil,
                                            label: group.label, reports: reports))
        }
        facts.sort { ($0.reports.count, $1.id) > ($1.reports.count, $0.id) }
        return Analysis(entities: resolution.entities, facts: facts,
                        contradictions: facts.flatMap(\.contradictions),
                        mentionEntities: resolution.mentionEntities)
    }

    /// The stretch of the claim that belongs to one figure: from the previous figure's end
    /// to the next one's start, where the words saying what is counted are.
    static func window(of qi: Int, in claim: Claim, _ x: Extraction) -> (Span, Substring) {
        let q = x.quantities[qi]
        var lo = claim.start, hi = claim.end
        for other in claim.quantities where other != qi && x.quantities.indices.contains(other) {
            let o = x.quantities[other]
            if o.end <= q.start { lo = max(lo, o.end) }
            if o.start >= q.end { hi = min(hi, o.start) }
        }
        let scalars = claim.text.unicodeScalars
        let from = max(0, min(lo - claim.start, scalars.count)), to = max(from, min(hi - claim.start, scalars.count))
        let start = scalars.index(scalars.startIndex, offsetBy: from)
        let end = scalars.index(start, offsetBy: to - from)
        return (Span(lo, max(lo, hi)), Substring(claim.text[start..<end]))
    }

    /// Splits a block by the class of the counted thing. A figure whose thing is unknown
    /// ("12 000" with no noun) joins the class most reports of the block have, and says so.
    static func splitByThing(_ items: [(key: FactKey, report: Report, thing: String?)]) -> [(FactKey, [Report])] {
        var counts: [String: Int] = [:]
        for item in items { if let t = item.thing { counts[t, default: 0] += 1 } }
        let dominant = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        var groups: [String: [Report]] = [:]
        var order: [String] = []
        for item in items {
            let thing = item.thing ?? dominant ?? ""
            var report = item.report
            if item.thing == nil, let dominant {
                report.matchReason += " · counted thing not named: taken as \(dominant), like most reports"
                report.matchScore -= 0.1
            } else if let known = item.thing {
                report.matchReason += " · thing: \(known)"
            }
            if groups[thing] == nil { order.append(thing) }
            groups[thing, default: []].append(report)
        }
        return order.map { thing in
            var key = items[0].key
            key.thing = thing.isEmpty ? nil : thing
            return (key, groups[thing]!)
        }
    }

    private func makeReport(_ article: AnalyzedArticle, _ c: Int, _ claim: Claim, _ chain: OriginResolver.Chain,
                            _ period: Period?, quantity: (Int, Quantity)?, score: Double, reason: String) -> Report {
        let q = quantity?.1
        var reason = reason
        if let period, q != nil { reason += " · when: \(period.start.iso)…\(period.end.iso) (\(period.basis))" }
        return Report(articleId: article.id, outlet: article.metadata.outlet, published: article.published,
                      language: article.extraction.language, claimIndex: c, quantityIndex: quantity?.0,
                      claimText: claim.text, figure: q?.text, value: q.map { $0.min ?? $0.value },
                      range: q.map { ValueRange.of($0, options) }, certainty: claim.certainty,
                      source: chain.source, sourceKind: chain.sourceKind, channel: chain.channel, chain: chain.chain,
                      origin: chain.name, originKey: chain.key, originRule: chain.rule,
                      nearDuplicateOf: article.nearDuplicateOf, period: period, matchScore: score,
                      matchReason: reason)
    }

    /// "According to <outlet>": when that outlet's own report of the same fact is in the
    /// corpus, its origin is the origin of this report too. Of the outlet's reports, the
    /// one with a compatible figure closest in time (preferring earlier ones) is taken.
    private func traceMediaSources(_ reports: [Report], origins: OriginResolver,
                                   resolution: EntityResolver.Result) -> [Report] {
        // An outlet is known by its entity when the corpus tagged it, else by its folded name.
        var keys: [String: String] = [:]
        func outletKey(_ name: String) -> String {
            if let k = keys[name] { return k }
            let k = resolution.resolve(name).map { "entity|\(resolution.entities[$0].id)" } ?? "name|\(NameFolding.fold(name))"
            keys[name] = k
            return k
        }
        var byOutlet: [String: [Report]] = [:]
        for r in reports {
            // Only reports where the outlet names someone else are worth tracing to; its
            // own reporting already shares the outlet's origin key.
            guard let outlet = r.outlet else { continue }
            let key = outletKey(outlet)
            guard r.originKey != key else { continue }
            byOutlet[key, default: []].append(r)
        }
        guard !byOutlet.isEmpty else { return reports }
        return reports.map { r in
            guard r.originRule == .attributedSource, let source = r.source else { return r }
            let entity = resolution.resolve(source)
            guard r.sourceKind == .outlet || entity.map({ resolution.entities[$0].isMedia }) == true,
                  let candidates = byOutlet[outletKey(source)], let own = closest(to: r, in: candidates),
                  own.originKey != r.originKey, own.articleId != r.articleId else { return r }
            var traced = r
            traced.originKey = own.originKey
            traced.origin = own.origin
            traced.originRule = .tracedThroughMedia
            traced.chain = [own.origin] + r.chain
            traced.matchReason += " · origin traced through \(own.outlet ?? "?")'s report \(own.articleId)"
            return traced
        }
    }

    private func closest(to r: Report, in candidates: [Report]) -> Report? {
        func cost(_ c: Report) -> (Int, Int, Int) {
            let compatible = (c.range.flatMap { a in r.range.map { a.overlaps($0) } } ?? true) ? 0 : 1
            guard let p = c.published, let d = r.published else { return (compatible, Int.max, 0) }
            let gap = DayMath.number(d) - DayMath.number(p)
            return (compatible, abs(gap), gap >= 0 ? 0 : 1)
        }
        return candidates.min { cost($0) < cost($1) }
    }
}

extension ValueRange {
    static func of(_ q: Quantity, _ o: AnalysisOptions) -> ValueRange { ValueRule.range(q, o) }
}
