import DossierCore
import DossierText
import Foundation
import Testing

@testable import DossierExtract

/// A tiny synthetic corpus: sentence patterns whose slots are filled with names, so the
/// tagger must learn the contexts and shapes, not the names (the test names are unseen).
enum Synthetic {
    static let frPatterns = [
        "{PER} a rencontré {PER} à {LOC} mardi .",
        "Selon {ORG} , la situation reste grave à {LOC} .",
        "Le ministre {PER} s'est rendu à {LOC} .",
        "{ORG} a publié un rapport sur {LOC} .",
        "Les experts de {ORG} ont critiqué {PER} .",
        "La police de {LOC} a arrêté {PER} .",
        "Le rapport de {ORG} a été publié jeudi .",
        "Mardi , {PER} a quitté {LOC} .",
        "La situation reste tendue .",
    ]
    static let enPatterns = [
        "{PER} met {PER} in {LOC} on Tuesday .",
        "According to {ORG} , the situation in {LOC} remains serious .",
        "Minister {PER} travelled to {LOC} .",
        "{ORG} published a report on {LOC} .",
        "Analysts at {ORG} criticised {PER} .",
        "The police in {LOC} arrested {PER} .",
        "The report by {ORG} was published on Thursday .",
        "On Tuesday , {PER} left {LOC} .",
        "The situation remains tense .",
    ]
    static let trainNames: [String: [String]] = [
        "PER": ["Jean Dupont", "Marie Curie", "Ahmed Benali", "Sophie Laurent", "Igor Petrov", "Anna Schmidt",
                "Luis Garcia", "Chen Wei", "Olga Ivanova", "Pierre Moreau"],
        "LOC": ["Marseille", "Berlin", "Kiev", "Madrid", "Dakar", "Tokyo", "Lima", "Oslo", "Nairobi", "Quito"],
        "ORG": ["Greenpeace", "Amnesty International", "Interpol", "Human Rights Watch", "Europol",
                "Transparency International", "Unicef", "Oxfam International"],
    ]

    /// Fills every pattern with names picked in turn, as labelled token sequences.
    static func corpus(_ patterns: [String], names: [String: [String]], rounds: Int) -> [LabeledSentence] {
        var counters: [String: Int] = [:]
        var out: [LabeledSentence] = []
        for _ in 0..<rounds {
            for p in patterns {
                var tokens: [String] = [], labels: [String] = []
                for word in p.split(separator: " ") {
                    if word.hasPrefix("{"), word.hasSuffix("}") {
                        let type = String(word.dropFirst().dropLast())
                        let list = names[type]!
                        let name = list[counters[type, default: 0] % list.count]
                        counters[type, default: 0] += 1
                        for (k, part) in name.split(separator: " ").enumerated() {
                            tokens.append(String(part))
                            labels.append((k == 0 ? "B-" : "I-") + type)
                        }
                    } else {
                        tokens.append(String(word))
                        labels.append("O")
                    }
                }
                out.append(LabeledSentence(tokens: tokens, labels: labels))
            }
        }
        return out
    }

    static func model(_ patterns: [String]) -> NERModel {
        var options = NERTrainer.Options()
        options.epochs = 6
        options.hashBits = 16
        return NERTrainer(options: options).train(corpus(patterns, names: trainNames, rounds: 12))
    }

    static let french = NERTagger(model: model(frPatterns))
    static let english = NERTagger(model: model(enPatterns))
}

/// (text, type) pairs of what a tagger finds in a text.
private func found(_ tagger: NERTagger, _ text: String, _ language: Language) -> [String] {
    let analyzed = AnalyzedText(text, language: language)
    return tagger.tag(analyzed).map { "\(analyzed.string($0.span))/\($0.type.rawValue)" }
}

@Suite("Tagger: learning")
struct TaggerLearningTests {
    @Test func learnsFrenchPatternsWithUnseenNames() {
        #expect(found(Synthetic.french, "Paul Martin a rencontré Claire Petit à Lyon mardi.", .french)
            == ["Paul Martin/PER", "Claire Petit/PER", "Lyon/LOC"])
        #expect(found(Synthetic.french, "Selon Caritas, la situation reste grave à Gaza.", .french)
            == ["Caritas/ORG", "Gaza/LOC"])
    }

    @Test func learnsEnglishPatternsWithUnseenNames() {
        #expect(found(Synthetic.english, "Minister Tom Baker travelled to Leeds.", .english)
            == ["Tom Baker/PER", "Leeds/LOC"])
        #expect(found(Synthetic.english, "Analysts at World Food Programme criticised Emma Stone.", .english)
            == ["World Food Programme/ORG", "Emma Stone/PER"])
    }

    @Test("sentences without names stay empty", arguments: [
        ("La situation reste grave selon les experts.", Language.french),
        ("Le rapport a été publié mardi.", Language.french),
        ("The situation remains serious, analysts said.", Language.english),
    ])
    func doesNotFireWithoutNames(_ text: String, _ language: Language) {
        let tagger = language == .french ? Synthetic.french : Synthetic.english
        #expect(found(tagger, text, language) == [])
    }

    @Test func trainingIsReproducible() {
        let a = Synthetic.model(Synthetic.enPatterns).serialized()
        let b = Synthetic.model(Synthetic.enPatterns).serialized()
        #expect(a == b)
    }
}

@Suite("Tagger: model file and decoding")
struct TaggerModelTests {
    @Test func modelFileRoundTrips() throws {
        let model = Synthetic.french.model
        let loaded = try NERModel(data: model.serialized())
        #expect(loaded.labels == model.labels && loaded.hashBits == model.hashBits)
        #expect(loaded.weights == model.weights && loaded.transitions == model.transitions)
        let text = AnalyzedText("Paul Martin a rencontré Claire Petit à Lyon mardi. Oxfam a publié un rapport sur Gaza.",
                                language: .french)
        #expect(NERTagger(model: loaded).tag(text) == Synthetic.french.tag(text))
    }

    @Test func rejectsCorruptFiles() {
        let data = Synthetic.english.model.serialized()
        #expect(throws: NERModel.FileError.self) { try NERModel(data: data.prefix(100)) }
        var bad = data
        bad[0] = UInt8(ascii: "X")
        #expect(throws: NERModel.FileError.self) { try NERModel(data: bad) }
    }

    /// Random weights make the emissions favour I- labels anywhere; constrained decoding
    /// must still produce valid IOB2, and spans must lie inside the text.
    @Test func decodingNeverProducesAnOrphanInside() {
        var rng = SplitMix64(seed: 7)
        let labels = NERModel.defaultLabels
        let bits = 10
        let weights = (0..<((1 << bits) * labels.count)).map { _ in Int16(truncatingIfNeeded: rng.next() % 2001) - 1000 }
        let transitions = (0..<((labels.count + 1) * labels.count)).map { _ in Float(rng.next() % 100) / 10 - 5 }
        let tagger = NERTagger(model: NERModel(labels: labels, hashBits: bits, weights: weights, scale: 0.01,
                                               transitions: transitions, temperature: 1))
        let text = AnalyzedText("Le président Emmanuel Macron a reçu jeudi à l'Élysée les dirigeants de l'OTAN. "
                                + "« Nous resterons unis », a-t-il dit. The U.S. envoy, Jane Doe, agreed.", language: .french)
        var sentences = 0
        for range in text.sentences.map({ text.tokenRange(in: $0) }) where !range.isEmpty {
            let path = tagger.labels(forTokens: text.tokens[range].map(\.text))
            #expect(NERCorpus.repair(path) == path)
            sentences += 1
        }
        #expect(sentences >= 2)
        for s in tagger.tag(text) {
            #expect(s.span.start >= 0 && s.span.end <= text.scalars.count && !s.span.isEmpty)
            #expect(s.confidence > 0 && s.confidence <= 1)
            #expect(text.tokens[s.tokens.lowerBound].start == s.span.start)
        }
    }
}

@Suite("Tagger: corpora and scoring")
struct TaggerCorpusTests {
    @Test func parsesIOB2() {
        let s = NERCorpus.parse("Paris\tB-LOC\nest\tO\n\nLe\tO\nMonde\tB-ORG\n")
        #expect(s.map(\.tokens) == [["Paris", "est"], ["Le", "Monde"]])
        #expect(s[1].labels == ["O", "B-ORG"])
    }

    @Test func conformsToDossierTokens() {
        let s = NERCorpus.conform(LabeledSentence(
            tokens: ["l", "'", "Empire", "de", "Terre", "-", "Neuve", "a", "-", "t", "-", "il", "’"],
            labels: ["O", "O", "B-ORG", "O", "B-LOC", "I-LOC", "I-LOC", "O", "O", "O", "O", "O", "O"]))
        #expect(s.tokens == ["l'", "Empire", "de", "Terre-Neuve", "a-t-il", "'"])
        #expect(s.labels == ["O", "B-ORG", "O", "B-LOC", "O", "O"])
    }

    @Test func repairsOrphanInsides() {
        #expect(NERCorpus.repair(["O", "I-PER", "I-PER", "B-LOC", "I-ORG"]) == ["O", "B-PER", "I-PER", "B-LOC", "B-ORG"])
    }

    @Test func oneTypePerNameInADocument() {
        let types = Consistency.vote([("Koursk", .location, 0.9), ("Koursk", .person, 0.5), ("Koursk", .location, 0.8),
                                      ("Paris", .person, 0.4)])
        #expect(types == [.location, .location, .location, .person])
    }

    @Test func scoresExactSpanAndType() {
        var e = NEREvaluation()
        e.add(gold: ["B-PER", "I-PER", "O", "B-LOC"], predicted: ["B-PER", "O", "O", "B-LOC"])
        #expect(e.overall.truePositives == 1 && e.overall.predicted == 2 && e.overall.gold == 2)
        #expect(e.byType["PER"]?.truePositives == 0)
        #expect(abs(e.overall.f1 - 0.5) < 1e-9)
    }
}

/// Regression guards on the shipped models: plain news sentences, and ones without names.
@Suite("Tagger: shipped models")
struct TaggerShippedModelTests {
    @Test func bothLanguagesHaveAModel() {
        #expect(NERTagger.shared(for: .french) != nil)
        #expect(NERTagger.shared(for: .english) != nil)
        #expect(NERTagger.shared(for: Language("xx")) == nil)
    }

    @Test func frenchNews() throws {
        let tagger = try #require(NERTagger.shared(for: .french))
        #expect(found(tagger, "Le président Emmanuel Macron a reçu jeudi à Paris le chancelier allemand Olaf Scholz.", .french)
            == ["Emmanuel Macron/PER", "Paris/LOC", "Olaf Scholz/PER"])
        #expect(found(tagger, "Le gouvernement a annoncé une hausse des prix de l'énergie dès janvier.", .french) == [])
    }

    @Test func englishNews() throws {
        let tagger = try #require(NERTagger.shared(for: .english))
        let names = found(tagger, "President Joe Biden met Chancellor Olaf Scholz in Washington on Friday.", .english)
        #expect(names.contains("Washington/LOC"))
        #expect(names.contains { $0.contains("Joe Biden") && $0.hasSuffix("/PER") })
        #expect(found(tagger, "Prices rose sharply last month, the report said.", .english) == [])
    }
}
