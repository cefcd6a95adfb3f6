import DossierCore
import Testing
@testable import DossierAnalysis

@Suite("Qualifiers: which figures can both hold")
struct QualifierTests {
    let options = AnalysisOptions()

    func range(_ value: Double, approximate: Approximation? = nil, bound: Bound? = nil, vague: Bool? = nil,
               min: Double? = nil, max: Double? = nil) -> ValueRange {
        ValueRule.range(Quantity(span: Span(0, 1), text: "x", kind: .count, value: value, min: min, max: max,
                                 approximate: approximate, bound: bound, vague: vague), options)
    }

    @Test("A tolerance range reads as whole numbers ('about 11,000' allows 9350–12650, not 12649.999999999998)")
    func tidyRange() {
        let about = range(11_000, approximate: .about)
        #expect(about.high == 12_650)
        #expect(about.description == "9350–12650")
    }

    @Test("'at least 10 000' and '12 000' are compatible; '8 000' and '12 000' are not")
    func bounds() {
        #expect(range(10_000, bound: .lower).overlaps(range(12_000)))
        #expect(!range(8_000).overlaps(range(12_000)))
        #expect(!range(10_000, bound: .lower).overlaps(range(8_000)))
        #expect(range(5_000, bound: .upper).overlaps(range(4_000)))
        #expect(!range(5_000, bound: .upper).overlaps(range(6_000)))
    }

    @Test("Approximate figures get a tolerance, exact ones almost none")
    func tolerance() {
        #expect(range(11_000, approximate: .about).overlaps(range(12_000)))
        #expect(!range(11_000).overlaps(range(12_000)))
        #expect(range(12_000, approximate: .near).overlaps(range(11_000)))
        #expect(!range(12_000, approximate: .near).overlaps(range(13_000)))
        #expect(range(12_000).overlaps(range(12_100)))
    }

    @Test("Ranges and vague amounts")
    func rangesAndVague() {
        #expect(range(8_000, min: 8_000, max: 10_000).overlaps(range(9_500)))
        #expect(!range(8_000, min: 8_000, max: 10_000).overlaps(range(12_000)))
        #expect(range(1_000, vague: true).overlaps(range(3_000)))       // "des milliers" / "3 000"
        #expect(!range(12, vague: true).overlaps(range(3_000)))         // "dozens" / "3 000"
    }
}

@Suite("Updates and contradictions")
struct UpdateContradictionTests {
    func facts(_ articles: [AnalyzedArticle]) -> [Fact] {
        CrossArticleAnalyzer().analyze(articles).facts.filter { $0.kind == .quantity }
    }

    @Test("A later figure from the same origin is an update, not a contradiction")
    func update() throws {
        let f = facts([
            troopReport("u1", outlet: "Gazette", published: "2025-05-01", source: "Ruritanian Army", figure: "2,000", value: 2000),
            troopReport("u2", outlet: "Herald", published: "2025-05-03", source: "Ruritanian Army", figure: "5,000", value: 5000),
        ])
        let fact = try #require(f.first)
        #expect(f.count == 1)
        #expect(fact.contradictions.isEmpty)
        #expect(fact.updates.count == 1)
        #expect(fact.updates.first?.from.value == 2000 && fact.updates.first?.to.value == 5000)
        #expect(fact.moves.map(\.value) == [2000, 5000])
    }

    @Test("Two origins, same place and week, incompatible figures: a contradiction with both chains")
    func contradiction() throws {
        let fact = try #require(facts([
            troopReport("c1", outlet: "Gazette", published: "2025-05-01", source: "Ruritanian Army", figure: "8,000", value: 8000),
            troopReport("c2", outlet: "Herald", published: "2025-05-04", source: "Monitoring Group", figure: "12,000", value: 12000),
        ]).first)
        #expect(fact.contradictions.count == 1)
        let c = try #require(fact.contradictions.first)
        #expect(c.kind == .incompatibleValues)
        #expect(Set([c.a.chain, c.b.chain]) == [["Ruritanian Army", "Gazette"], ["Monitoring Group", "Herald"]])
        #expect(c.reason.contains("8,000") && c.reason.contains("12,000"))
    }

    @Test("Compatible qualifiers and distant periods do not contradict")
    func noContradiction() throws {
        let compatible = try #require(facts([
            troopReport("n1", outlet: "Gazette", published: "2025-05-01", source: "Ruritanian Army",
                        figure: "at least 10,000", value: 10000, bound: .lower),
            troopReport("n2", outlet: "Herald", published: "2025-05-02", source: "Monitoring Group", figure: "12,000", value: 12000),
        ]).first)
        #expect(compatible.contradictions.isEmpty)
        let distant = try #require(facts([
            troopReport("d1", outlet: "Gazette", published: "2025-03-01", source: "Ruritanian Army", figure: "8,000", value: 8000),
            troopReport("d2", outlet: "Herald", published: "2025-05-02", source: "Monitoring Group", figure: "12,000", value: 12000),
        ]).first)
        #expect(distant.contradictions.isEmpty)
    }

    @Test("A time expression sets the period: a retrospective figure meets the reports of its month")
    func retrospective() throws {
        let fact = try #require(facts([
            troopReport("r1", outlet: "Gazette", published: "2025-03-05", source: "Ruritanian Army", figure: "3,000", value: 3000),
            troopReport("r2", outlet: "Herald", published: "2025-06-01", source: "Monitoring Group", figure: "9,000", value: 9000,
                        when: ("in March", "2025-03")),
        ]).first)
        #expect(fact.contradictions.count == 1)
        #expect(fact.reports.first { $0.articleId == "r2" }?.period?.start == Day(year: 2025, month: 3, day: 1))
    }

    @Test("A denial of the same figure is a contradiction of its own kind")
    func denial() throws {
        let fact = try #require(facts([
            troopReport("x1", outlet: "Gazette", published: "2025-05-01", source: "Ruritanian Army", figure: "6,000", value: 6000),
            troopReport("x2", outlet: "Herald", published: "2025-05-02", source: "Foreign Ministry", figure: "6,000", value: 6000,
                        certainty: .denied),
        ]).first)
        #expect(fact.contradictions.map(\.kind) == [.denial])
    }

    @Test("One origin quoted with two incompatible figures the same day: an inconsistent echo")
    func inconsistentEcho() throws {
        let fact = try #require(facts([
            troopReport("i1", outlet: "Gazette", published: "2025-05-01", source: "Ruritanian Army", figure: "6,000", value: 6000),
            troopReport("i2", outlet: "Herald", published: "2025-05-01", source: "Ruritanian Army", figure: "16,000", value: 16000),
            troopReport("i3", outlet: "Courier", published: "2025-05-01", source: "Ruritanian Army", figure: "6,000", value: 6000),
        ]).first)
        #expect(fact.contradictions.map(\.kind) == [.inconsistentEcho])
        #expect(fact.updates.isEmpty)
    }

    @Test("Different nationality, place or counted thing: different facts, never contradictions")
    func keys() {
        var casualties = troopReport("k3", outlet: "Herald", published: "2025-05-01", source: "Monitoring Group",
                                     figure: "9,000", value: 9000)
        casualties.extraction.quantities[0].category = "casualty"
        let analysis = CrossArticleAnalyzer().analyze([
            troopReport("k1", outlet: "Gazette", published: "2025-05-01", source: "Ruritanian Army", figure: "2,000", value: 2000),
            troopReport("k2", outlet: "Herald", published: "2025-05-01", source: "Monitoring Group", figure: "9,000", value: 9000,
                        nationality: "Borduvian", country: "Borduvia"),
            troopReport("k4", outlet: "Herald", published: "2025-05-01", source: "Monitoring Group", figure: "9,000", value: 9000,
                        place: "Kelsk"),
            casualties,
        ])
        #expect(analysis.facts.filter { $0.kind == .quantity }.count == 4)
        #expect(analysis.contradictions.isEmpty)
    }
}
