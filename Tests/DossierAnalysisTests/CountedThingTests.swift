import DossierCore
import Testing
@testable import DossierAnalysis

@Suite("What is counted")
struct CountedThingTests {
    func article(_ id: String, _ text: String, _ language: Language, _ figures: [(String, Double, String?)]) -> AnalyzedArticle {
        var b = ArticleBuilder(id, text, outlet: "Outlet \(id)", published: "2025-05-01", language: language)
        for (surface, value, lemma) in figures {
            b.quantity(surface, value)
            b.extraction.quantities[b.extraction.quantities.count - 1].lemma = lemma
        }
        b.entity(language == .french ? "Ostrava" : "Ostrava", .location)
        b.claim(text)
        return b.article
    }

    func things(_ articles: [AnalyzedArticle]) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for f in CrossArticleAnalyzer().analyze(articles).facts where f.kind == .quantity {
            out[f.key?.thing ?? "-"] = Set(f.reports.map { "\($0.articleId):\(Int($0.value ?? 0))" })
        }
        return out
    }

    @Test("Soldiers and soldats meet; killed soldiers, civilians and refugees stay apart")
    func classes() {
        let got = things([
            article("f", "Ostrava compte 4 000 soldats, dont 300 ont été tués.", .french,
                    [("4 000 soldats", 4000, "soldat"), ("300", 300, nil)]),
            article("e", "Ostrava holds 4,000 troops and 2,000 civilians.", .english,
                    [("4,000 troops", 4000, "troop"), ("2,000 civilians", 2000, "civilian")]),
            article("r", "Ostrava took in 900 refugees.", .english, [("900 refugees", 900, "refugee")]),
        ])
        #expect(got["military"] == ["f:4000", "e:4000"])
        #expect(got["killed"] == ["f:300"])
        #expect(got["civilian"] == ["e:2000"])
        #expect(got["displaced"] == ["r:900"])
        #expect(CrossArticleAnalyzer().analyze([]).contradictions.isEmpty)
    }

    @Test("Increases and plans are not counts: they never meet totals, so they never contradict them")
    func increasesAndPlans() {
        let articles = [
            article("t", "Ostrava now holds 1,500 soldiers.", .english, [("1,500 soldiers", 1500, "soldier")]),
            article("m", "Ostrava will get 10,000 more troops.", .english, [("10,000 more troops", 10000, "troop")]),
            article("p", "Ruritania is preparing to send 10,000 troops to Ostrava.", .english,
                    [("10,000 troops", 10000, "troop")]),
            article("s", "Ostrava accueille 2 000 soldats supplémentaires.", .french,
                    [("2 000 soldats", 2000, "soldat")]),
            article("d", "La Ruritanie a décidé d'envoyer 12 000 soldats à Ostrava.", .french,
                    [("12 000 soldats", 12000, "soldat")]),
            // "More than" is a bound, not an increase.
            article("b", "More than 1,400 soldiers are in Ostrava.", .english, [("More than 1,400 soldiers", 1400, "soldier")]),
        ]
        let got = things(articles)
        #expect(got["military"] == ["t:1500", "b:1400"])
        #expect(got["increase"] == ["m:10000", "s:2000"])
        #expect(got["planned"] == ["p:10000", "d:12000"])
        #expect(CrossArticleAnalyzer().analyze(articles).contradictions.allSatisfy { c in
            ![c.a.articleId, c.b.articleId].contains("t") || ![c.a.articleId, c.b.articleId].contains("m")
        })
    }

    @Test("A figure without its noun joins the class most reports of its block have")
    func unnamedThing() {
        let got = things([
            article("a", "Ostrava: 4,000 soldiers.", .english, [("4,000 soldiers", 4000, "soldier")]),
            article("b", "Ostrava: 5,000 troops.", .english, [("5,000 troops", 5000, "troop")]),
            article("c", "Ostrava: the figure is 4,500.", .english, [("4,500", 4500, nil)]),
        ])
        #expect(got["military"] == ["a:4000", "b:5000", "c:4500"])
    }

    @Test("An unknown noun is its own class, never mixed with a known one")
    func unknownNoun() {
        let got = things([
            article("a", "Ostrava: 40 soldiers.", .english, [("40 soldiers", 40, "soldier")]),
            article("b", "Ostrava: 40 journalists.", .english, [("40 journalists", 40, "journalist")]),
        ])
        #expect(got["military"] == ["a:40"])
        #expect(got["lemma:journalist"] == ["b:40"])
    }
}

@Suite("Figures that say nothing of what they count")
struct BareFigureTests {
    @Test("A bare percentage or distance never becomes a fact, so it cannot contradict another")
    func bare() {
        var b = ArticleBuilder("p", "In Ostrava, 5 % voted and the front is 300 km long; 8 % abstained.",
                               outlet: "Gazette", published: "2025-05-01")
        b.extraction.quantities = [
            Quantity(span: b.span("5 %"), text: "5 %", kind: .percent, value: 5, unit: "%"),
            Quantity(span: b.span("300 km"), text: "300 km", kind: .measure, value: 300, unit: "km"),
            Quantity(span: b.span("8 %"), text: "8 %", kind: .percent, value: 8, unit: "%"),
        ]
        b.entity("Ostrava", .location)
        b.claim("In Ostrava, 5 % voted and the front is 300 km long; 8 % abstained.")
        let analysis = CrossArticleAnalyzer().analyze([b.article])
        #expect(analysis.facts.filter { $0.kind == .quantity }.isEmpty)
        #expect(analysis.contradictions.isEmpty)
    }
}

@Suite("Match reasons")
struct MatchReasonTests {
    @Test("Every figure report says what, whose, where, when and which thing it was matched on")
    func readable() throws {
        let analysis = CrossArticleAnalyzer().analyze(try ConflictCorpus.articles())
        let reports = analysis.facts.filter { $0.kind == .quantity }.flatMap(\.reports)
        #expect(!reports.isEmpty)
        for r in reports {
            #expect(r.matchReason.contains("counts ") && r.matchReason.contains("where: ") && r.matchReason.contains("when: "))
            #expect(r.matchReason.contains("thing: ") || r.matchReason.contains("not named"))
            #expect(r.matchScore > 0 && r.matchScore <= 1)
        }
        let unnamed = try #require(reports.first { $0.articleId == "a13" })
        #expect(unnamed.matchReason.contains("taken as military"))
    }
}

@Suite("Several figures in one claim")
struct MultiFigureTests {
    @Test("Each figure takes the nationality next to it")
    func nearestNationality() {
        let text = "Borduvian shelling killed 300 Ruritanian soldiers in Ostrava, and 2,000 Borduvian troops advanced."
        var b = ArticleBuilder("m", text, outlet: "Gazette", published: "2025-05-01")
        b.entity("Borduvian", .nationality, canonical: "Borduvian", country: "Borduvia")
        b.quantity("300 Ruritanian soldiers", 300)
        b.extraction.quantities[0].lemma = "soldier"
        b.entity("Ruritanian", .nationality, canonical: "Ruritanian", country: "Ruritania")
        b.entity("Ostrava", .location)
        b.quantity("2,000 Borduvian troops", 2000)
        b.extraction.quantities[1].lemma = "troop"
        b.entity("Borduvian", .nationality, canonical: "Borduvian", country: "Borduvia")
        b.claim(text)
        let facts = CrossArticleAnalyzer().analyze([b.article]).facts.filter { $0.kind == .quantity }
        let byValue = Dictionary(uniqueKeysWithValues: facts.compactMap { f in f.reports.first?.value.map { ($0, f.key!) } })
        #expect(byValue[300]?.whose == ["Ruritania"])
        #expect(byValue[300]?.thing == "killed")
        #expect(byValue[2000]?.whose == ["Borduvia"])
        #expect(byValue[2000]?.thing == "military")
    }
}
