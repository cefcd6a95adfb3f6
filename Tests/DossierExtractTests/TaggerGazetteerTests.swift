import DossierCore
import DossierText
import Testing

@testable import DossierExtract

@Suite("Tagger: gazetteer features")
struct TaggerGazetteerTests {
    static let gazetteer = NERGazetteer([
        ("Jean Dupont", "PER"), ("Marie Curie", "PER"), ("Igor Petrov", "PER"), ("Paul Martin", "PER"),
        ("Marseille", "LOC"), ("Berlin", "LOC"), ("Kiev", "LOC"), ("Lyon", "LOC"), ("Grand Rapids", "LOC"),
        ("Croissant Rouge", "ORG"), ("Greenpeace", "ORG"), ("Interpol", "ORG"), ("Human Rights Watch", "ORG"),
    ])

    @Test func matchesLongestNamesOnTokens() {
        let labels = Self.gazetteer.labels(["à", "Grand", "Rapids", ",", "Paul", "Martin", "et", "Paul", "lyon"])
        #expect(labels == [nil, "B-LOC", "I-LOC", nil, "B-PER", "I-PER", nil, nil, nil])
    }

    @Test func readsKnowledgeBaseRows() {
        let file = ResourceFile(name: "kb", contents: "# id\tTYPE\tcanonical\taliases\nloc:x\tLOC\tKursk Oblast\tKursk|Koursk\tkind=region\n")
        let entries = NERGazetteer.entries(file)
        #expect(entries.map(\.name) == ["Kursk Oblast", "Kursk", "Koursk"])
        #expect(Set(entries.map(\.label)) == ["LOC"])
        #expect(NERGazetteer.entries(ResourceFile(name: "g", contents: "Aaron\nAbbas\n"), label: "GIVEN").count == 2)
    }

    /// Where context cannot tell a person from a place or an organisation, a model trained
    /// with the gazetteer follows it, for names it never saw in training.
    @Test func modelLearnsToTrustTheGazetteer() {
        let patterns = ["On a beaucoup parlé de {PER} hier .", "On a beaucoup parlé de {LOC} hier .",
                        "On a beaucoup parlé de {ORG} hier ."]
        let names: [String: [String]] = ["PER": ["Jean Dupont", "Marie Curie", "Igor Petrov"],
                                         "LOC": ["Marseille", "Berlin", "Kiev"], "ORG": ["Greenpeace", "Human Rights Watch", "Interpol"]]
        var options = NERTrainer.Options()
        options.epochs = 6
        options.hashBits = 14
        options.gazetteer = Self.gazetteer
        let tagger = NERTagger(model: NERTrainer(options: options).train(Synthetic.corpus(patterns, names: names, rounds: 6)))
        let text = AnalyzedText("On a beaucoup parlé de Lyon hier. On a beaucoup parlé de Paul Martin hier. "
                                + "On a beaucoup parlé de Croissant Rouge hier.", language: .french)
        let found = tagger.tag(text, gazetteer: Self.gazetteer).map { "\(text.string($0.span))/\($0.type.rawValue)" }
        #expect(found == ["Lyon/LOC", "Paul Martin/PER", "Croissant Rouge/ORG"])
    }
}
