import DossierCore
import DossierExtract
import DossierText
import Testing

/// The recogniser's combination of rules and tagger: the tagger fills gaps, never
/// overrides the knowledge base, and never makes a name of a function word.
@Suite("Entity tagger merge")
struct EntityTaggerMergeTests {
    func mentions(_ s: String, _ language: Language, _ sources: EntitySources) -> [EntityMention] {
        EntityRecognizer(sources: sources, threshold: 0.3).mentions(in: AnalyzedText(s, language: language))
    }

    @Test("a name without cue or KB entry comes from the tagger only in combined mode")
    func fillsGap() {
        let s = "Analyst Jennifer Kavanagh of Defense Priorities said the deployment was an escalation."
        #expect(!mentions(s, .english, .rules).contains { $0.text == "Defense Priorities" })
        #expect(mentions(s, .english, .combined).contains { $0.text == "Defense Priorities" && $0.origin == "tagger" })
    }

    @Test("known names keep the knowledge base's canonical and origin", arguments: [
        ("Emmanuel Macron a reçu les dirigeants à Paris.", Language.french),
        ("Emmanuel Macron met the leaders in Paris.", Language.english),
    ])
    func kbWins(_ c: (String, Language)) {
        let found = mentions(c.0, c.1, .combined)
        #expect(found.contains { $0.text == "Emmanuel Macron" && $0.origin == "kb" && $0.type == .person })
        #expect(!found.contains { $0.origin == "tagger" && $0.text.contains("Macron") })
    }

    @Test("function words and nationality words are never tagger names", arguments: [
        ("Toutefois, les Français restent prudents.", Language.french),
        ("However, the British remained cautious.", Language.english),
    ])
    func noFunctionWords(_ c: (String, Language)) {
        let found = mentions(c.0, c.1, .combined)
        #expect(!found.contains { $0.origin == "tagger" })
        #expect(found.allSatisfy { $0.type == .nationality })
    }

    @Test("a name the rules cut at a particle is read whole", arguments: [
        ("La réforme a été présentée par Hélène de Villeneuve, directrice de l'agence.", Language.french,
         "Hélène de Villeneuve"),
        ("Selon Jean-Baptiste de La Rochefoucauld, le projet est abandonné.", Language.french,
         "Jean-Baptiste de La Rochefoucauld"),
    ])
    func particleNames(_ c: (String, Language, String)) {
        let found = mentions(c.0, c.1, .combined)
        #expect(found.contains { $0.text == c.2 && $0.type == .person })
        #expect(found.filter { $0.type == .person }.count == 1)
    }

    @Test("a nationality word opening an organisation's name belongs to the name", arguments: [
        ("He joined the Iraqi Islamic Party in 2004.", "Iraqi Islamic Party"),
        ("She is a fellow of the American Mathematical Society and teaches in Ohio.", "American Mathematical Society"),
        ("Fighters from the Israeli Defense Forces entered the town on Monday.", "Israeli Defense Forces"),
    ])
    func nationalityInsideOrganisation(_ c: (String, String)) {
        let found = mentions(c.0, .english, .combined)
        #expect(found.contains { $0.text == c.1 && $0.type == .organisation })
        #expect(!found.contains { $0.type == .nationality })
    }

    @Test("nationality words before a person or a plain noun stay NORP; knowledge-base names stay whole", arguments: [
        ("Russian President Vladimir Putin said the talks had failed.", Language.english, ["Russian"], "Vladimir Putin"),
        ("North Korean troops are fighting alongside Russian forces, officials said.", Language.english,
         ["North Korean", "Russian"], nil),
        ("Les soldats nord-coréens de Kim Jong-un sont arrivés en Russie.", Language.french, ["nord-coréens"], "Kim Jong-un"),
    ] as [(String, Language, [String], String?)])
    func nationalityStays(_ c: (String, Language, [String], String?)) {
        let found = mentions(c.0, c.1, .combined)
        #expect(found.filter { $0.type == .nationality }.map(\.text) == c.2)
        if let person = c.3 { #expect(found.contains { $0.text == person && $0.origin == "kb" }) }
    }

    @Test("titles and honorifics stay outside the name", arguments: [
        ("M. Ernest Villard, avocat de la société, a fait appel.", Language.french, "Ernest Villard"),
        ("Le docteur Paul Renaudin a soigné les blessés.", Language.french, "Paul Renaudin"),
        ("Mr. Tobias Kettering, the company's lawyer, appealed.", Language.english, "Tobias Kettering"),
        ("Dr Helena Marsh treated the wounded.", Language.english, "Helena Marsh"),
    ])
    func titlesOutside(_ c: (String, Language, String)) {
        let people = mentions(c.0, c.1, .combined).filter { $0.type == .person }
        #expect(people.map(\.text) == [c.2])
    }
}
