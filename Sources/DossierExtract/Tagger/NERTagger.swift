import DossierCore
import DossierText
import Foundation

/// One name found by the statistical tagger.
public struct TaggedSpan: Hashable, Sendable {
    /// In the normalised coordinates of the `AnalyzedText` that was tagged.
    public var span: Span
    public var type: EntityType
    /// The lowest marginal probability (forward-backward) of the chosen labels inside the
    /// span, temperature fitted on dev data: a ranking signal for combining with rules and
    /// gazetteers, only roughly calibrated.
    public var confidence: Double
    /// The token indices the span covers, in `AnalyzedText.tokens`.
    public var tokens: Range<Int>

    public init(span: Span, type: EntityType, confidence: Double, tokens: Range<Int>) {
        self.span = span
        self.type = type
        self.confidence = confidence
        self.tokens = tokens
    }
}

/// A statistical named-entity tagger: averaged-perceptron weights over hashed features,
/// Viterbi decoding over BIO labels. Complements the gazetteer-and-rules recogniser by
/// finding names no list knows; see docs/tagger.md.
public final class NERTagger: Sendable {
    public let model: NERModel

    public init(model: NERModel) {
        self.model = model
    }

    /// The shipped model for a language (`Resources/models/<code>.nermodel`), loaded once
    /// on first use; nil when the language has no model. Adding a language means adding
    /// a model file.
    public static func shared(for language: Language) -> NERTagger? {
        cache.tagger(for: language)
    }

    private static let cache = TaggerCache()

    /// Names in a text, sentence by sentence.
    public func tag(_ text: AnalyzedText) -> [TaggedSpan] {
        tag(text, gazetteer: nil)
    }

    /// Names in a text, with a gazetteer label per token (e.g. "LOC" or "B-LOC" when a
    /// known place starts there) offered to the model as a feature. Only a model trained
    /// with gazetteer labels gives these features weight; the shipped ones were not.
    public func tag(_ text: AnalyzedText, gazetteer: ((Int) -> String?)?) -> [TaggedSpan] {
        let tokens = text.tokens
        guard !tokens.isEmpty else { return [] }
        var ranges: [Range<Int>] = text.sentences.map { text.tokenRange(in: $0) }.filter { !$0.isEmpty }
        if ranges.isEmpty { ranges = [0..<tokens.count] }
        return tag(text, sentences: ranges, gazetteer: gazetteer)
    }

    /// Names in some sentences of a text only (token ranges, in text order): the
    /// recogniser asks for the sentences its rules left something to find in. Each
    /// sentence is decoded on its own, so the result for a sentence does not depend on
    /// which others are asked for (only the per-name type vote does).
    public func tag(_ text: AnalyzedText, sentences ranges: [Range<Int>],
                    gazetteer: ((Int) -> String?)? = nil) -> [TaggedSpan] {
        let tokens = text.tokens
        guard !ranges.isEmpty else { return [] }
        var out: [TaggedSpan] = []
        var scratch = Scratch(labels: model.labels.count)
        for range in ranges where !range.isEmpty {
            // Hashes only for the sentence at hand: untagged sentences cost nothing.
            let hashes = range.map { TokenHashes(text: tokens[$0].text, lower: tokens[$0].lower) }
            let gaz: [UInt64]? = gazetteer.map { lookup in range.map { lookup($0).map(TaggerFeatures.hash) ?? 0 } }
            let labels = decode(hashes[...], gazetteer: gaz?[...], scratch: &scratch)
            for (r, type, confidence) in spans(labels, scratch: scratch) {
                let abs = (r.lowerBound + range.lowerBound)..<(r.upperBound + range.lowerBound)
                out.append(TaggedSpan(span: Span(tokens[abs.lowerBound].start, tokens[abs.upperBound - 1].end),
                                      type: type, confidence: confidence, tokens: abs))
            }
        }
        let types = Consistency.vote(out.map { (text.string($0.span), $0.type, $0.confidence) })
        for i in out.indices { out[i].type = types[i] }
        return out
    }

    /// Names in a text, with a gazetteer's matches as features (for a model trained with
    /// the same gazetteer).
    public func tag(_ text: AnalyzedText, gazetteer: NERGazetteer) -> [TaggedSpan] {
        let labels = gazetteer.labels(text.tokens.map(\.text))
        return tag(text, gazetteer: { labels[$0] })
    }

    /// Labels ("B-PER", "O", …) for one pre-tokenised sentence: for evaluating on corpora
    /// whose tokenisation is given.
    public func labels(forTokens words: [String], gazetteer: NERGazetteer? = nil) -> [String] {
        let hashes = words.map { TokenHashes(text: $0, lower: $0.lowercased()) }
        var scratch = Scratch(labels: model.labels.count)
        let gaz = gazetteer.map { NERTagger.gazetteerHashes($0, words) }
        return decode(hashes[...], gazetteer: gaz?[...], scratch: &scratch).map { model.labels[$0] }
    }

    /// Entities with confidences for one pre-tokenised sentence (for evaluation and calibration).
    func scoredEntities(forTokens words: [String], gazetteer: NERGazetteer? = nil) -> [(Range<Int>, EntityType, Double)] {
        let hashes = words.map { TokenHashes(text: $0, lower: $0.lowercased()) }
        var scratch = Scratch(labels: model.labels.count)
        let gaz = gazetteer.map { NERTagger.gazetteerHashes($0, words) }
        let path = decode(hashes[...], gazetteer: gaz?[...], scratch: &scratch)
        return spans(path, scratch: scratch)
    }

    static func gazetteerHashes(_ gazetteer: NERGazetteer, _ words: [String]) -> [UInt64] {
        gazetteer.labels(words).map { $0.map(TaggerFeatures.hash) ?? 0 }
    }

    /// Buffers reused across the sentences of a document.
    struct Scratch {
        var rows: [Int32] = []
        var emissions: [Float] = []
        var cache: WordCache
        init(labels: Int) { cache = WordCache(labels: labels) }
    }

    func decode(_ hashes: ArraySlice<TokenHashes>, gazetteer: ArraySlice<UInt64>?, scratch: inout Scratch) -> [Int] {
        TaggerFeatures.rows(hashes, gazetteer: gazetteer, shift: model.shift, into: &scratch.rows)
        model.emissions(scratch.rows, words: hashes, cache: &scratch.cache, into: &scratch.emissions)
        return Viterbi.decode(emissions: scratch.emissions, tokens: hashes.count, labels: model.labels.count,
                              transitions: model.masked)
    }

    /// Entity spans of a label sequence, with confidences. A stray I- (impossible after
    /// constrained decoding, but cheap to guard) starts a new entity instead of being lost.
    func spans(_ path: [Int], scratch: Scratch) -> [(Range<Int>, EntityType, Double)] {
        var result: [(Range<Int>, EntityType, Double)] = []
        var probabilities: [Float] = []
        var i = 0
        while i < path.count {
            guard let type = model.types[path[i]] else { i += 1; continue }
            var j = i + 1
            while j < path.count, !model.isBegin[path[j]], model.types[path[j]] == type { j += 1 }
            if probabilities.isEmpty {
                probabilities = Marginals.ofPath(path, emissions: scratch.emissions, labels: model.labels.count,
                                                 expTransitions: model.expTransitions, temperature: model.temperature)
            }
            let confidence = probabilities[i..<j].min() ?? 0
            result.append((i..<j, type, Double(confidence)))
            i = j
        }
        return result
    }
}

/// Loads each language's model at most once, on first request, from any thread.
private final class TaggerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [Language: NERTagger?] = [:]

    func tagger(for language: Language) -> NERTagger? {
        lock.lock()
        defer { lock.unlock() }
        if let known = loaded[language] { return known }
        // An absent model is a language without a tagger; a broken shipped one is a
        // packaging bug that must not pass silently.
        let tagger = Bundle.module.url(forResource: language.rawValue, withExtension: "nermodel",
                                       subdirectory: "Resources/models")
            .map { url in
                do { return NERTagger(model: try NERModel(contentsOf: url)) } catch {
                    fatalError("shipped NER model \(url.lastPathComponent): \(error)")
                }
            }
        loaded[language] = tagger
        return tagger
    }
}

extension TaggedSpan {
    /// The span as an entity mention with origin "tagger", for merging with the
    /// recogniser's mentions (still in normalised coordinates, as extractors report).
    public func mention(in text: AnalyzedText) -> EntityMention {
        EntityMention(span: span, text: text.string(span), type: type, origin: "tagger")
    }
}
