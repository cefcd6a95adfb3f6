import DossierCore
import Testing
@testable import DossierAnalysis

/// A figure dated by the report's own time expression ("Last week, officials estimated…")
/// is about that stretch, not about the publication day.
@Suite("Dating a report by its frame")
struct ReportDatingTests {
    func facts(_ articles: [AnalyzedArticle]) -> [Fact] {
        CrossArticleAnalyzer().analyze(articles).facts.filter { $0.kind == .quantity }
    }

    /// "<frame>, <source> <cue> <figure> <nationality> soldiers were in Ostrava.", the frame
    /// a time expression outside the claim, resolved to `range` (end exclusive).
    func framed(_ id: String, published: String, text: String, frame: String, range: (String, String),
                source: String, cue: String, content: String, figure: String, value: Double,
                nationality: String, language: Language) -> AnalyzedArticle {
        var b = ArticleBuilder(id, text, outlet: "Outlet \(id)", published: published, language: language)
        b.time(frame, .range(start: range.0, end: range.1), kind: .range)
        b.quantity(figure, value)
        b.entity(nationality, .nationality, canonical: "Ruritanian", country: "Ruritania")
        b.entity("Ostrava", .location)
        b.entity(source, .organisation, canonical: source)
        b.said(by: source, canonical: source, cue: cue, content: content)
        return b.article
    }

    @Test("'Last week, officials estimated 8,000' (Nov 5) is last week's figure: no contradiction with 11,000 of Nov 4")
    func lastWeekEnglish() throws {
        let older = framed("w1", published: "2024-11-05",
                           text: "Last week, Monitoring Group officials estimated 8,000 Ruritanian soldiers were in Ostrava.",
                           frame: "Last week", range: ("2024-10-28", "2024-11-04"), source: "Monitoring Group",
                           cue: "estimated", content: "8,000 Ruritanian soldiers were in Ostrava", figure: "8,000",
                           value: 8000, nationality: "Ruritanian", language: .english)
        let fact = try #require(facts([
            troopReport("w0", outlet: "Herald", published: "2024-11-04", source: "Ruritanian Army", figure: "11,000", value: 11000),
            older,
        ]).first)
        #expect(fact.reports.count == 2)
        #expect(fact.contradictions.isEmpty)
        let dated = try #require(fact.reports.first { $0.articleId == "w1" }?.period)
        #expect(dated.start == Day(year: 2024, month: 10, day: 28) && dated.end == Day(year: 2024, month: 11, day: 3))
        #expect(dated.basis.contains("Last week"))
    }

    @Test("'La semaine dernière, … estimaient que 8 000' is dated the same way in French")
    func lastWeekFrench() throws {
        let older = framed("s1", published: "2024-11-05",
                           text: "La semaine dernière, le Monitoring Group estimait que 8 000 soldats ruritaniens étaient à Ostrava.",
                           frame: "La semaine dernière", range: ("2024-10-28", "2024-11-04"), source: "Monitoring Group",
                           cue: "estimait", content: "8 000 soldats ruritaniens étaient à Ostrava", figure: "8 000",
                           value: 8000, nationality: "ruritaniens", language: .french)
        let fact = try #require(facts([
            troopReport("s0", outlet: "Herald", published: "2024-11-04", source: "Ruritanian Army", figure: "11,000", value: 11000),
            older,
        ]).first)
        #expect(fact.contradictions.isEmpty)
        #expect(fact.reports.first { $0.articleId == "s1" }?.period?.start == Day(year: 2024, month: 10, day: 28))
    }

    @Test("A frame that holds the other report's day still contradicts it ('this week' vs today)")
    func sameStretchStillContradicts() throws {
        let current = framed("t1", published: "2024-11-06",
                             text: "This week, Monitoring Group officials estimated 8,000 Ruritanian soldiers were in Ostrava.",
                             frame: "This week", range: ("2024-11-04", "2024-11-11"), source: "Monitoring Group",
                             cue: "estimated", content: "8,000 Ruritanian soldiers were in Ostrava", figure: "8,000",
                             value: 8000, nationality: "Ruritanian", language: .english)
        let fact = try #require(facts([
            troopReport("t0", outlet: "Herald", published: "2024-11-05", source: "Ruritanian Army", figure: "11,000", value: 11000),
            current,
        ]).first)
        #expect(fact.contradictions.count == 1)
    }

    @Test("A time inside another claim of the sentence dates that claim, not this report")
    func timeOfAnotherClaim() throws {
        let text = "The army said 3,000 Ruritanian soldiers were in Ostrava, and the mayor said 200 left last week."
        var b = ArticleBuilder("o1", text, outlet: "Gazette", published: "2024-11-05")
        b.time("last week", .range(start: "2024-10-28", end: "2024-11-04"), kind: .range)
        b.quantity("3,000", 3000)
        b.quantity("200", 200, category: "person")
        b.entity("Ruritanian", .nationality, canonical: "Ruritanian", country: "Ruritania")
        b.entity("Ostrava", .location)
        b.said(by: "The army", cue: "said", content: "3,000 Ruritanian soldiers were in Ostrava")
        b.said(by: "the mayor", cue: "said", content: "200 left last week")
        let report = try #require(facts([b.article]).flatMap(\.reports).first { $0.figure == "3,000" })
        #expect(report.period?.basis.hasPrefix("published") == true)
    }
}

/// "Russia's Kursk region" and "la région de Koursk" are about one place: a country that
/// the knowledge base says contains another place of the key is dropped from it.
@Suite("Place keys: a country holding the place")
struct PlaceContainmentKeyTests {
    func figure(_ id: String, _ text: String, figure: String, value: Double, places: [(String, String, String)],
                nationality: String, language: Language) -> AnalyzedArticle {
        var b = ArticleBuilder(id, text, outlet: "Outlet \(id)", published: "2024-11-05", language: language)
        b.quantity(figure, value)
        b.entity(nationality, .nationality, canonical: "North Korea", country: "North Korea")
        for (surface, canonical, kbId) in places { b.entity(surface, .location, canonical: canonical, id: kbId) }
        b.claim(text)
        return b.article
    }

    @Test("English 'Russia's Kursk region' and French 'la région de Koursk' key on Kursk Oblast alone")
    func countryDropped() throws {
        let facts = CrossArticleAnalyzer().analyze([
            figure("k1", "11,000 North Korean soldiers are in Russia's Kursk region", figure: "11,000", value: 11000,
                   places: [("Russia", "Russia", "loc:ru"), ("Kursk", "Kursk Oblast", "reg:kursk-oblast")],
                   nationality: "North Korean", language: .english),
            figure("k2", "11 000 soldats nord-coréens sont dans la région de Koursk", figure: "11 000", value: 11000,
                   places: [("Koursk", "Kursk Oblast", "reg:kursk-oblast")], nationality: "nord-coréens", language: .french),
        ]).facts.filter { $0.kind == .quantity }
        #expect(facts.count == 1)
        #expect(facts.first?.key?.places == ["Kursk Oblast"])
        #expect(facts.first?.reports.count == 2)
    }

    @Test("A country that does not contain the place stays in the key; a country alone is kept")
    func otherCountryKept() throws {
        let facts = CrossArticleAnalyzer().analyze([
            figure("u1", "11,000 North Korean soldiers in Kursk are fighting Ukraine", figure: "11,000", value: 11000,
                   places: [("Kursk", "Kursk Oblast", "reg:kursk-oblast"), ("Ukraine", "Ukraine", "loc:ua")],
                   nationality: "North Korean", language: .english),
            figure("u2", "12 000 soldats nord-coréens sont en Russie", figure: "12 000", value: 12000,
                   places: [("Russie", "Russia", "loc:ru")], nationality: "nord-coréens", language: .french),
        ]).facts.filter { $0.kind == .quantity }
        #expect(Set(facts.compactMap { $0.key?.places }) == [["Kursk Oblast", "Ukraine"], ["Russia"]])
    }

    @Test("A country named apart from the region is a place of its own: a country-wide figure stays out of the region's fact")
    func countryApartKept() throws {
        let facts = CrossArticleAnalyzer().analyze([
            figure("w1", "North Korea sent 10,000 North Korean soldiers to train in eastern Russia, with many moving toward the Kursk region",
                   figure: "10,000", value: 10000,
                   places: [("Russia", "Russia", "loc:ru"), ("Kursk", "Kursk Oblast", "reg:kursk-oblast")],
                   nationality: "North Korean", language: .english),
            figure("w2", "8 000 soldats nord-coréens sont dans la région de Koursk", figure: "8 000", value: 8000,
                   places: [("Koursk", "Kursk Oblast", "reg:kursk-oblast")], nationality: "nord-coréens", language: .french),
        ]).facts.filter { $0.kind == .quantity }
        #expect(Set(facts.compactMap { $0.key?.places }) == [["Kursk Oblast", "Russia"], ["Kursk Oblast"]])
        #expect(facts.allSatisfy { $0.contradictions.isEmpty })
    }
}
