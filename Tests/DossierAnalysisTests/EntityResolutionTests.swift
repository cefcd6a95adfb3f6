import DossierCore
import Testing
@testable import DossierAnalysis

@Suite("Entity resolution across articles and languages")
struct EntityResolutionTests {
    func article(_ id: String, _ text: String, _ language: Language = .english,
                 _ mentions: [(String, EntityType, String?, String?)]) -> AnalyzedArticle {
        var b = ArticleBuilder(id, text, outlet: "Outlet", published: "2025-01-10", language: language)
        for (surface, type, canonical, entityId) in mentions { b.entity(surface, type, canonical: canonical, id: entityId) }
        return b.article
    }

    func resolve(_ articles: [AnalyzedArticle], overrides: ResolutionOverrides = .init()) -> EntityResolver.Result {
        EntityResolver(overrides: overrides).resolve(articles)
    }

    func same(_ r: EntityResolver.Result, _ a: String, _ b: String) -> Bool {
        guard let x = r.resolve(a), let y = r.resolve(b) else { return false }
        return x == y
    }

    @Test("A French and an English name meet through the extractor's canonical name or id")
    func crossLanguage() {
        let r = resolve([
            article("f", "La Borduvie a fermé sa frontière.", .french, [("Borduvie", .location, "Borduvia", nil)]),
            article("e", "Borduvia closed its border.", .english, [("Borduvia", .location, nil, "Q123")]),
            article("g", "Borduvia again.", .english, [("Borduvia", .location, "Borduvia", "Q123")]),
        ])
        #expect(same(r, "Borduvie", "Borduvia"))
        let entity = r.entities[r.resolve("Borduvie")!]
        #expect(entity.id == "Q123")
        #expect(Set(entity.aliases) == ["Borduvie", "Borduvia"])
    }

    @Test("Unresolved names merge on accents, hyphens and place designators, and say why")
    func nameRules() throws {
        let r = resolve([
            article("a", "Jean-Marc Évrard a parlé près de la région de Kelsk.", .french,
                    [("Jean-Marc Évrard", .person, nil, nil), ("la région de Kelsk", .location, nil, nil)]),
            article("b", "Jean Marc Evrard spoke in Kelsk.", .english,
                    [("Jean Marc Evrard", .person, nil, nil), ("Kelsk", .location, nil, nil)]),
        ])
        #expect(same(r, "Jean-Marc Évrard", "Jean Marc Evrard"))
        #expect(same(r, "la région de Kelsk", "Kelsk"))
        let person = r.entities[try #require(r.resolve("Jean Marc Evrard"))]
        #expect(person.decisions.map(\.rule) == [.sameNormalisedName])
        let place = r.entities[try #require(r.resolve("Kelsk"))]
        #expect(place.decisions.map(\.rule) == [.designatorStripped])
        #expect(place.decisions.first?.detail.contains("kelsk") == true)
    }

    @Test("Names of different types, and different names, stay apart")
    func noMerge() {
        let r = resolve([
            article("a", "Paris Hilton visited Paris.", .english, [("Paris Hilton", .person, nil, nil), ("Paris", .location, nil, nil)]),
            article("b", "Mr Paris met Kelsk officials near Kelsky.", .english,
                    [("Paris", .person, nil, nil), ("Kelsk", .location, nil, nil), ("Kelsky", .location, nil, nil)]),
            article("c", "La Fontaine wrote.", .french, [("La Fontaine", .person, nil, nil)]),
            article("d", "Fontaine spoke.", .english, [("Fontaine", .person, nil, nil)]),
        ])
        let ids = r.mentionEntities
        #expect(ids[0][1] != ids[1][0])          // Paris the city, Paris the man
        #expect(ids[1][1] != ids[1][2])          // Kelsk, Kelsky
        #expect(ids[0][0] != ids[1][0])          // a surname is linked within its own article only
        #expect(ids[2][0] != ids[3][0])          // designators are for places, not people
    }

    @Test("A lone surname joins the full name in the same article")
    func surname() {
        let r = resolve([article("a", "Lena Vorst said so. Vorst added more.", .english,
                                 [("Lena Vorst", .person, nil, nil), ("Vorst", .person, nil, nil)])])
        #expect(r.mentionEntities[0][0] == r.mentionEntities[0][1])
        #expect(r.entities[r.mentionEntities[0][0]].decisions.map(\.rule) == [.surnameInArticle])
    }

    @Test("Manual merge and split are data that later runs respect")
    func overrides() throws {
        let articles = [
            article("a", "The ANIS said it.", .english, [("ANIS", .organisation, nil, nil)]),
            article("b", "The Aldmark Intelligence Service said it. Tarsk Oblast and Tarsk.", .english,
                    [("Aldmark Intelligence Service", .organisation, nil, nil), ("Tarsk Oblast", .location, nil, nil),
                     ("Tarsk", .location, nil, nil)]),
        ]
        let plain = resolve(articles)
        #expect(!same(plain, "ANIS", "Aldmark Intelligence Service"))
        #expect(same(plain, "Tarsk Oblast", "Tarsk"))

        let overrides = ResolutionOverrides(merges: [.init("ANIS", "Aldmark Intelligence Service")],
                                            splits: [.init(entity: "Tarsk", alias: "Tarsk Oblast")])
        let data = try DossierJSON.encoder().encode(overrides)
        let stored = try DossierJSON.decoder().decode(ResolutionOverrides.self, from: data)
        let corrected = resolve(articles, overrides: stored)
        #expect(same(corrected, "ANIS", "Aldmark Intelligence Service"))
        #expect(corrected.entities[corrected.resolve("ANIS")!].decisions.contains { $0.rule == .manual })
        #expect(corrected.mentionEntities[1][1] != corrected.mentionEntities[1][2])
    }
}

@Suite("Name folding")
struct NameFoldingTests {
    @Test("Accents, case, hyphens and apostrophes fold away")
    func fold() {
        #expect(NameFolding.fold("Kim Jong-un") == NameFolding.fold("Kim Jong Un"))
        #expect(NameFolding.fold("Brévane") == "brevane")
        #expect(NameFolding.fold("  L'Oblast  de   Tarsk ") == "l oblast de tarsk")
    }

    @Test("Designators are stripped on either side, never down to nothing")
    func designators() {
        let lexicon = AnalysisLexicon.shared
        #expect(lexicon.nameKey("la région de Tarsk").key == "tarsk")
        #expect(lexicon.nameKey("l'oblast de Tarsk").key == "tarsk")
        #expect(lexicon.nameKey("Tarsk Oblast").key == "tarsk")
        #expect(lexicon.nameKey("the province of Merav").key == "merav")
        #expect(lexicon.nameKey("Oblast").key == "oblast")
        #expect(lexicon.nameKey("Tarsk").stripped == false)
    }
}
