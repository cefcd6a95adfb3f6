import DossierCore
import Testing
@testable import DossierAnalysis

@Suite("Origins and echoes")
struct OriginTests {
    func fact(_ articles: [AnalyzedArticle]) throws -> Fact {
        try #require(CrossArticleAnalyzer().analyze(articles).facts.first { $0.kind == .quantity })
    }

    @Test("A wire story, its reprint and another outlet citing the same source: one origin, two echoes")
    func sameOrigin() throws {
        let f = try fact([
            troopReport("w1", outlet: "Wire", published: "2025-05-01", source: "Ruritanian Army", figure: "4,000", value: 4000),
            troopReport("w2", outlet: "Gazette", published: "2025-05-01", source: "Ruritanian Army", figure: "4,000", value: 4000,
                        duplicateOf: "w1"),
            troopReport("w3", outlet: "Herald", published: "2025-05-02", source: "Ruritanian Army", figure: "4,000", value: 4000),
        ])
        #expect(f.independentOrigins == 1)
        #expect(f.echoes == 2)
        #expect(f.summary == "1 independent origin (Ruritanian Army), 2 echoes")
        #expect(f.reports.first { $0.articleId == "w2" }?.chain == ["Ruritanian Army", "Wire", "Gazette"])
    }

    @Test("Own reporting: a near-duplicate counts as the original outlet's, other outlets are origins of their own")
    func ownReporting() throws {
        func own(_ id: String, _ outlet: String, duplicateOf: String? = nil) -> AnalyzedArticle {
            var b = ArticleBuilder(id, "Some 4,000 Ruritanian soldiers are in Ostrava.", outlet: outlet,
                                   published: "2025-05-01", duplicateOf: duplicateOf)
            b.quantity("Some 4,000", 4000, approximate: .about)
            b.entity("Ruritanian", .nationality, canonical: "Ruritanian", country: "Ruritania")
            b.entity("Ostrava", .location)
            b.claim("Some 4,000 Ruritanian soldiers are in Ostrava.")
            return b.article
        }
        let f = try fact([own("o1", "Wire"), own("o2", "Gazette", duplicateOf: "o1"), own("o3", "Herald")])
        #expect(f.origins.map(\.name) == ["Wire", "Herald"])
        #expect(f.origins.map(\.reports) == [2, 1])
        #expect(f.reports.first { $0.articleId == "o2" }?.originRule == .nearDuplicate)
    }

    @Test("Anonymous sources in two outlets are two origins; 'according to <outlet>' is traced to that outlet's source")
    func anonymousAndTraced() throws {
        func anonymous(_ id: String, _ outlet: String) -> AnalyzedArticle {
            var b = ArticleBuilder(id, "3,000 Ruritanian soldiers were in Ostrava, officials said.", outlet: outlet,
                                   published: "2025-05-01")
            b.quantity("3,000", 3000)
            b.entity("Ruritanian", .nationality, canonical: "Ruritanian", country: "Ruritania")
            b.entity("Ostrava", .location)
            b.said(by: "officials", kind: .anonymous, sector: "government", cue: "said",
                   content: "3,000 Ruritanian soldiers were in Ostrava")
            return b.article
        }
        let anon = try fact([anonymous("y1", "Gazette"), anonymous("y2", "Herald")])
        #expect(anon.independentOrigins == 2)

        var citing = ArticleBuilder("t2", "3,000 Ruritanian soldiers were in Ostrava, according to Wire.", outlet: "Courier",
                                    published: "2025-05-02")
        citing.quantity("3,000", 3000)
        citing.entity("Ruritanian", .nationality, canonical: "Ruritanian", country: "Ruritania")
        citing.entity("Ostrava", .location)
        citing.entity("Wire", .organisation, media: true)
        citing.said(by: "Wire", canonical: "Wire", kind: .outlet, cue: "according to",
                    content: "3,000 Ruritanian soldiers were in Ostrava")
        let traced = try fact([
            troopReport("t1", outlet: "Wire", published: "2025-05-01", source: "Ruritanian Army", figure: "3,000", value: 3000),
            citing.article,
        ])
        #expect(traced.origins.map(\.name) == ["Ruritanian Army"])
        let report = try #require(traced.reports.first { $0.articleId == "t2" })
        #expect(report.originRule == .tracedThroughMedia)
        #expect(report.chain == ["Ruritanian Army", "Wire", "Courier"])

        // The same when the cited outlet was not tagged as an entity: matched by its name.
        citing.extraction.entities.removeLast()
        citing.extraction.claims[0].entities.removeAll { $0 >= citing.extraction.entities.count }
        let untagged = try fact([
            troopReport("t1", outlet: "Wire", published: "2025-05-01", source: "Ruritanian Army", figure: "3,000", value: 3000),
            citing.article,
        ])
        #expect(untagged.origins.map(\.name) == ["Ruritanian Army"])
    }
}

@Suite("Statements without figures")
struct StatementTests {
    func statement(_ id: String, _ text: String, _ language: Language, _ names: [(String, String)]) -> AnalyzedArticle {
        var b = ArticleBuilder(id, text, outlet: "Outlet \(id)", published: "2025-05-01", language: language)
        for (surface, canonical) in names { b.entity(surface, .location, canonical: canonical) }
        b.claim(text)
        return b.article
    }

    @Test("The same statement in two languages is one fact; a different one about a single shared entity is not")
    func matching() {
        let analysis = CrossArticleAnalyzer().analyze([
            statement("s1", "La Ruritanie et la Borduvie ont signé un accord.", .french,
                      [("Ruritanie", "Ruritania"), ("Borduvie", "Borduvia")]),
            statement("s2", "Ruritania and Borduvia signed an agreement.", .english,
                      [("Ruritania", "Ruritania"), ("Borduvia", "Borduvia")]),
            statement("s3", "Ruritania closed its embassy in the capital.", .english, [("Ruritania", "Ruritania")]),
            statement("s4", "Ruritania reopened schools after the holidays.", .english, [("Ruritania", "Ruritania")]),
        ])
        let statements = analysis.facts.filter { $0.kind == .statement }
        #expect(statements.count == 1)
        #expect(Set(statements.first?.reports.map(\.articleId) ?? []) == ["s1", "s2"])
    }

    @Test("Statements dated to periods that do not meet are two events")
    func dated() {
        func dated(_ id: String, _ text: String, _ when: String, _ iso: String) -> AnalyzedArticle {
            var b = ArticleBuilder(id, text, outlet: "Outlet \(id)", published: "2025-05-01")
            b.entity("Ruritania", .location, canonical: "Ruritania")
            b.entity("Borduvia", .location, canonical: "Borduvia")
            b.time(when, .date(iso))
            b.claim(text)
            return b.article
        }
        let analysis = CrossArticleAnalyzer().analyze([
            dated("d1", "Ruritania and Borduvia signed a treaty in 2024.", "in 2024", "2024"),
            dated("d2", "Ruritania and Borduvia broke off talks in April 2025.", "in April 2025", "2025-04"),
        ])
        #expect(analysis.facts.filter { $0.kind == .statement }.isEmpty)
    }
}

@Suite("Entity timelines")
struct EntityTimelineTests {
    @Test("Claims about an entity come in publication order, with who said them")
    func order() throws {
        let articles = [
            troopReport("e2", outlet: "Herald", published: "2025-05-09", source: "Monitoring Group", figure: "5,000", value: 5000),
            troopReport("e1", outlet: "Gazette", published: "2025-05-01", source: "Ruritanian Army", figure: "2,000", value: 2000),
        ]
        let analysis = CrossArticleAnalyzer().analyze(articles)
        let ostrava = try #require(analysis.entities.first { $0.name == "Ostrava" })
        let entries = EntityTimeline.entries(for: ostrava.id, in: articles, analysis: analysis)
        #expect(entries.map(\.articleId) == ["e1", "e2"])
        #expect(entries.map(\.origin) == ["Ruritanian Army", "Monitoring Group"])
    }
}

@Suite("Benchmark entry point")
struct BenchmarkTests {
    @Test("The synthetic corpus is deterministic and the analysis finds facts in it")
    func synthetic() {
        let a = AnalysisBenchmark.corpus(articles: 40, claimsPerArticle: 4)
        #expect(a == AnalysisBenchmark.corpus(articles: 40, claimsPerArticle: 4))
        let r = AnalysisBenchmark.run(articles: a)
        #expect(r.claims == 160)
        #expect(r.facts > 0)
    }
}

@Suite("Hostile input")
struct HostileInputTests {
    @Test("Dangling indices, duplicate cycles, missing dates and non-finite figures do not crash")
    func hostile() {
        var a = troopReport("h1", outlet: "Gazette", published: "2025-05-01", source: "Army", figure: "2,000", value: 2000,
                            duplicateOf: "h2")
        a.extraction.claims[0].entities += [99, -1]
        a.extraction.claims[0].quantities += [42]
        a.extraction.claims[0].times += [7]
        a.extraction.claims[0].attribution = 5
        var b = troopReport("h2", outlet: "Herald", published: "2025-05-01", source: "Army", figure: "3,000", value: .nan,
                            duplicateOf: "h1")
        b.metadata.published = nil
        b.extraction.published = nil
        b.extraction.sentences = []
        var c = troopReport("h3", outlet: "Herald", published: "2025-05-01", source: "Army", figure: "3,000", value: 3000,
                            when: ("in week 45", "2025-W45"))
        c.extraction.times[0].value = .range(start: "2025-06", end: "2025-01")
        let analysis = CrossArticleAnalyzer().analyze([a, b, c, a])
        #expect(analysis.facts.allSatisfy { $0.reports.allSatisfy { $0.value?.isFinite ?? true } })
        #expect(analysis.mentionEntities.count == 4)
    }
}
