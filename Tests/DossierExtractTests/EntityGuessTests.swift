import DossierCore
import DossierExtract
import DossierText
import Testing

/// Unknown nationalities guessed from shape and position, and knowledge-base links
/// dropped when the text gives an organisation another owner (issue #7 gaps).
@Suite("Entity guesses: unknown nationalities, foreign owners")
struct EntityGuessTests {
    func mentions(_ text: String, _ language: Language) -> [(m: EntityMention, text: String)] {
        let analyzed = AnalyzedText(text, language: language)
        return EntityRecognizer().mentions(in: analyzed).map { ($0, analyzed.string($0.span)) }
    }

    func norp(_ text: String, _ language: Language) -> [String] {
        mentions(text, language).filter { $0.m.type == .nationality }.map(\.text)
    }

    @Test("an unknown nationality before or after a word for people is NORP, one key in both languages",
          arguments: [
            ("About 1,500 Norvakian soldiers have been deployed, officials said.", Language.english, "Norvakian"),
            ("The Zembrian army denied it on Monday.", .english, "Zembrian"),
            ("Diplomats expect the Norvakians to withdraw.", .english, "Norvakians"),
            ("Environ 1 500 soldats norvakiens ont été déployés, selon Séoul.", .french, "norvakiens"),
            ("L'armée zembrienne a démenti lundi.", .french, "zembrienne"),
            ("Les Norvakiens auraient envoyé des renforts.", .french, "Norvakiens"),
            ("Le dirigeant vostrais a nié.", .french, "vostrais"),
          ])
    func guessed(text: String, language: Language, word: String) {
        let found = mentions(text, language).filter { $0.m.type == .nationality }
        #expect(found.map(\.text) == [word], "\(found.map(\.text))")
        #expect(found.first?.m.origin == "rule")
        #expect(found.first?.m.country == found.first?.m.canonical)
    }

    @Test("Norvakian and norvakiens share their country key")
    func sameKey() {
        let en = mentions("Some 3,000 Norvakian troops are there.", .english).first { $0.m.type == .nationality }
        let fr = mentions("Quelque 3 000 soldats norvakiens sont là.", .french).first { $0.m.type == .nationality }
        #expect(en?.m.country == "Norvak")
        #expect(fr?.m.country == "Norvak")
    }

    @Test("words that only end like nationalities stay unlabelled", arguments: [
        ("Les forces aériennes ont frappé la ville.", Language.french),
        ("Les soldats mais aussi les civils ont fui.", .french),
        ("Des soldats anciens combattants ont défilé.", .french),
        ("Les techniciens italiens sont arrivés.", .french),
        ("The Parisian café reopened on Monday.", .english),
        ("Davis officials declined to comment.", .english),
        ("Many Christian leaders attended.", .english),
        ("The Mali troops withdrew.", .english),
        ("Norvakian cuisine is rich.", .english),
    ])
    func notGuessed(text: String, language: Language) {
        let found = mentions(text, language).filter { $0.m.type == .nationality && $0.m.origin == "rule" }
        // Known nationalities ("italiens") keep their KB reading; nothing is guessed here
        // except "Christian", which is a religious group (NORP) by the same rule.
        #expect(found.allSatisfy { $0.text == "Christian" }, "\(found.map(\.text))")
    }

    @Test("a KB organisation given another country's name as owner loses its link")
    func foreignOwner() {
        let en = mentions("Aldmark's National Intelligence Service said on Monday that troops had moved.", .english)
        let nis = en.first { $0.text == "National Intelligence Service" }
        #expect(nis != nil)
        #expect(nis?.m.entityId == nil)
        #expect(nis?.m.canonical == "Aldmark National Intelligence Service")
        let of = mentions("The National Intelligence Service of Aldmark said so.", .english)
            .first { $0.text == "National Intelligence Service" }
        #expect(of?.m.entityId == nil)
    }

    @Test("the owner being the entity's own country keeps the link", arguments: [
        "South Korea's National Intelligence Service said on Monday that troops had moved.",
        "Seoul's National Intelligence Service said on Monday that troops had moved.",
        "The National Intelligence Service said on Monday that troops had moved.",
    ])
    func ownCountry(text: String) {
        let nis = mentions(text, .english).first { $0.text == "National Intelligence Service" }
        #expect(nis?.m.entityId == "org:nis", "\(String(describing: nis?.m))")
    }

    @Test("an unknown name before a region word is a place, also after an article", arguments: [
        ("Troops were deployed to the Tarsk region, officials said.", Language.english, "Tarsk"),
        ("Troops left the Merav oblast on Monday.", .english, "Merav"),
        ("The Vostran province was calm.", .english, "Vostran"),
    ])
    func placeBeforeKindWord(text: String, language: Language, name: String) {
        // Rules alone: the tagger must not be what finds it.
        let analyzed = AnalyzedText(text, language: language)
        let found = EntityRecognizer(sources: .rules).mentions(in: analyzed).map { ($0, analyzed.string($0.span)) }
        #expect(found.contains { $0.1 == name && $0.0.type == .location }, "\(found.map(\.1))")
    }

}
