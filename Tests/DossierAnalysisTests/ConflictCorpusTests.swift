import DossierCore
import Testing
@testable import DossierAnalysis

/// The whole analysis on the invented-conflict corpus, against the hand-written
/// `expected.json`: entities, facts, origins and echoes, updates, contradictions, timelines.
@Suite("Analysis of the conflict corpus")
struct ConflictCorpusTests {
    let analysis: Analysis
    let expected: ConflictCorpus.Expected

    init() throws {
        analysis = CrossArticleAnalyzer().analyze(try ConflictCorpus.articles())
        expected = try ConflictCorpus.expected()
    }

    func entity(_ alias: String) -> ResolvedEntity? {
        analysis.entities.first { $0.aliases.contains(alias) }
    }

    func findFact(_ spec: ConflictCorpus.Expected.FactSpec) -> Fact? {
        let place = spec.place.flatMap { entity($0)?.name }
        return analysis.facts.first {
            $0.key?.what == spec.what && $0.key?.thing == spec.thing && $0.key?.whose == spec.whose && $0.key?.places == (place.map { [$0] } ?? [])
        }
    }

    @Test("The corpus has at least 20 articles in both languages")
    func corpusSize() throws {
        let articles = try ConflictCorpus.articles()
        #expect(articles.count >= 20)
        #expect(Set(articles.map(\.extraction.language)) == [.french, .english])
    }

    @Test("Names are merged across articles and languages, with the expected rule")
    func merged() throws {
        for spec in expected.merged {
            let first = try #require(entity(spec.aliases[0]), "no entity for \(spec.aliases[0])")
            for alias in spec.aliases.dropFirst() {
                #expect(first.aliases.contains(alias), "\(alias) not merged with \(spec.aliases[0])")
            }
            if let rule = spec.rule {
                #expect(first.decisions.contains { $0.rule.rawValue == rule }, "\(first.name): no \(rule) decision")
            }
        }
    }

    @Test("Distinct things stay distinct")
    func distinct() throws {
        for pair in expected.distinct {
            let a = try #require(entity(pair[0])), b = try #require(entity(pair[1]))
            #expect(a.id != b.id, "\(pair[0]) and \(pair[1]) were merged")
        }
    }

    @Test("Figure claims group into the expected facts, and no more")
    func facts() throws {
        #expect(analysis.facts.filter { $0.kind == .quantity }.count == expected.quantityFacts)
        for spec in expected.facts {
            let fact = try #require(findFact(spec), "missing fact \(spec.what) \(spec.thing ?? "-") \(spec.whose) \(spec.place ?? "-")")
            #expect(Set(fact.reports.map(\.articleId)) == Set(spec.articles), "\(fact.label)")
            #expect(fact.reports.count == spec.articles.count)
        }
    }

    @Test("Origins are counted once, everything else is an echo")
    func originsAndEchoes() throws {
        for spec in expected.facts {
            let fact = try #require(findFact(spec))
            #expect(fact.origins.map(\.name).sorted() == spec.origins.map(\.name).sorted(), "\(fact.label)")
            for origin in spec.origins {
                #expect(fact.origins.first { $0.name == origin.name }?.reports == origin.reports, "\(origin.name)")
            }
            #expect(fact.echoes == spec.echoes)
            #expect(fact.independentOrigins == spec.origins.count)
            for id in spec.traced ?? [] {
                #expect(fact.reports.first { $0.articleId == id }?.originRule == .tracedThroughMedia, "\(id)")
            }
        }
    }

    @Test("Contradictions are the genuine ones, each with both chains")
    func contradictions() throws {
        #expect(analysis.contradictions.count == expected.contradictions)
        for spec in expected.facts {
            let fact = try #require(findFact(spec))
            #expect(fact.contradictions.count == spec.contradictions.count, "\(fact.label)")
            for c in spec.contradictions {
                let found = fact.contradictions.first {
                    $0.kind.rawValue == c.kind && Set([$0.a.origin, $0.b.origin]) == Set(c.origins)
                }
                let hit = try #require(found, "missing \(c.kind) between \(c.origins)")
                #expect(Set([hit.a.value, hit.b.value].compactMap { $0 }) == Set(c.values))
                #expect(!hit.a.chain.isEmpty && !hit.b.chain.isEmpty)
            }
        }
    }

    @Test("Later figures from the same origin are updates")
    func updates() throws {
        for spec in expected.facts {
            let fact = try #require(findFact(spec))
            let got = fact.updates.map { "\($0.origin):\(Int($0.from.value ?? 0))→\(Int($0.to.value ?? 0))" }
            let want = spec.updates.map { "\($0.origin):\(Int($0.from))→\(Int($0.to))" }
            #expect(got.sorted() == want.sorted(), "\(fact.label)")
        }
    }

    @Test("Timelines show how the figure moved, and by whom")
    func timelines() throws {
        for spec in expected.facts {
            let fact = try #require(findFact(spec))
            #expect(fact.moves.map(\.value) == spec.moves, "\(fact.label)")
            if let order = spec.timeline { #expect(fact.timeline.map(\.articleId) == order) }
            let dates = fact.timeline.compactMap(\.date)
            #expect(dates == dates.sorted())
        }
    }

    @Test("Statements without figures are matched across languages and copies")
    func statements() throws {
        let groups = analysis.facts.filter { $0.kind == .statement }
        #expect(groups.count == expected.statements.count)
        for spec in expected.statements {
            let fact = try #require(groups.first { Set($0.reports.map(\.articleId)) == Set(spec.articles) },
                                    "no statement fact for \(spec.articles)")
            #expect(fact.origins.map(\.name) == spec.origins)
            #expect(fact.echoes == spec.echoes)
        }
    }

    @Test("The analysis round-trips through JSON")
    func codable() throws {
        let data = try DossierJSON.encoder().encode(analysis)
        #expect(try DossierJSON.decoder().decode(Analysis.self, from: data) == analysis)
    }
}
