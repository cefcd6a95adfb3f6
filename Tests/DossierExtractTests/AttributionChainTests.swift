import DossierCore
import DossierText
import Testing
@testable import DossierExtract

/// Chains (who relayed a statement) and quotations that go on past their cue's
/// sentence, including across paragraphs — things the one-line corpus cannot hold.
@Suite struct AttributionChainTests {
    static func run(_ text: String, _ language: Language, _ entities: [EntityMention] = []) -> [Attribution] {
        AttributionExtractor().attributions(in: AnalyzedText(text, language: language), entities: entities)
    }

    @Test func citedByMakesTheRelayTheChannel() {
        let found = Self.run("La ministre, citée par l'AFP, a assuré que la réforme serait maintenue.", .french)
        #expect(found.count == 1)
        #expect(found.first?.source?.text == "La ministre")
        #expect(found.first?.channel?.text == "l'AFP")
    }

    @Test(arguments: [
        ("Le Figaro rapporte, citant des sources gouvernementales, que le remaniement aura lieu lundi.", Language.french,
         "des sources gouvernementales", "Le Figaro"),
        ("The Guardian reported, citing government sources, that the cabinet would be reshuffled.", Language.english,
         "government sources", "The Guardian"),
        ("Talks have resumed, the newspaper reported, citing two diplomats.", Language.english, "two diplomats", "the newspaper"),
    ])
    func citingMakesTheCitedTheSource(_ text: String, _ language: Language, _ source: String, _ channel: String) {
        let found = Self.run(text, language)
        #expect(found.count == 1)
        #expect(found.first?.source?.text == source)
        #expect(found.first?.channel?.text == channel)
    }

    @Test(arguments: [
        ("As reported by Reuters, the minister said the plan had been dropped.", Language.english, "the minister", "Reuters"),
        ("Comme le rapporte l'AFP, le ministre a déclaré que le plan était abandonné.", Language.french, "le ministre", "l'AFP"),
        ("Selon Le Monde, le président a affirmé que le texte serait retiré.", Language.french, "le président", "Le Monde"),
    ])
    func phraseAroundAVerbIsTheChannel(_ text: String, _ language: Language, _ source: String, _ channel: String) {
        let found = Self.run(text, language)
        #expect(found.count == 1)
        #expect(found.first?.source?.text == source)
        #expect(found.first?.channel?.text == channel)
    }

    @Test func phraseWithoutInnerVerbStaysTheSource() {
        let found = Self.run("As reported by the Financial Times, the bank is considering a merger.", .english)
        #expect(found.count == 1)
        #expect(found.first?.source?.text == "the Financial Times")
        #expect(found.first?.channel == nil)
    }

    @Test func paragraphContinuationWithCueLast() {
        let text = "“We have lost everything.\n\n“There is nothing left for us here,” the mayor said."
        let found = Self.run(text, .english)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.source?.text == "the mayor" && $0.kind == .direct })
        #expect(found.map(\.content.text).contains("We have lost everything."))
    }

    @Test func paragraphContinuationWithCueFirst() {
        let text = "\"The situation is dire,\" he said. \"We need help now.\n\n\"Nobody has come to help us.\""
        let found = Self.run(text, .english)
        #expect(found.count == 3)
        #expect(found.allSatisfy { $0.source?.text == "he" })
        #expect(found.last?.content.text == "Nobody has come to help us.")
    }

    @Test func frenchQuoteContinuedInNextSentence() {
        let text = "« Tout est détruit », témoigne un agriculteur. « Nous n'avons plus rien. » Le village compte 300 habitants."
        let found = Self.run(text, .french)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.source?.text == "un agriculteur" })
    }

    /// A closed quotation, then a paragraph break: the next quotation may be anyone's.
    @Test func closedQuoteDoesNotCrossAParagraph() {
        let text = "« Tout est détruit », témoigne un agriculteur.\n\n« Nous reconstruirons. »"
        #expect(Self.run(text, .french).count == 1)
    }

    /// Indirect speech is not a quotation a following quote could continue.
    @Test func quoteAfterIndirectSpeechIsNotInherited() {
        let text = "The mayor said the town was ready. \"It is not enough.\""
        #expect(Self.run(text, .english).count == 1)
    }

    /// A quoted title at the start of a sentence is not a quotation.
    @Test func quotedTitleIsNotAContinuation() {
        let text = "\"It is over,\" she said. \"Dune\" was the most watched film of the year."
        #expect(Self.run(text, .english).count == 1)
    }

    @Test func truncatedRecognizedNameIsCompletedInTheSource() {
        let text = "Le ministre Bruno Le Maire a déclaré que la dette serait réduite."
        let m = EntityMention(span: Span(12, 20), text: "Bruno Le", type: .person)
        #expect(Self.run(text, .french, [m]).first?.sourceCanonical == "Bruno Le Maire")
    }
}
