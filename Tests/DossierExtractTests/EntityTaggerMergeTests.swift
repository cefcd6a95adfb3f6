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
}
