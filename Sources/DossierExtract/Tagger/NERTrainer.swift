import DossierCore
import Foundation

/// Trains an `NERModel` with the averaged structured perceptron (Collins 2002): decode
/// each sentence with the current weights, and where the best path differs from the gold
/// one, add the gold path's features and subtract the predicted one's. Averaging the
/// weights over all steps is what makes the perceptron generalise nearly as well as a CRF
/// while training in seconds. Reproducible: a fixed seed drives the only randomness,
/// the per-epoch shuffle.
public struct NERTrainer: Sendable {
    public struct TrainingError: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    public struct Options: Sendable {
        public var epochs = 10
        /// log2 of the number of feature buckets; 2^18 buckets × 9 labels × 2 bytes ≈ 4.7 MB.
        public var hashBits = 18
        public var seed: UInt64 = 20_241_112
        public var labels = NERModel.defaultLabels
        /// Known names offered as features; the same gazetteer must be given at inference.
        public var gazetteer: NERGazetteer?
        public init() {}
    }

    public let options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Training and development files of a language in a folder of corpora named
    /// `<corpus>-<split>.<lang>.iob2[.gz]`, sorted so runs are reproducible.
    public static func corpusFiles(in folder: URL, language: Language, split: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { $0.contains("-\(split).\(language.rawValue).iob2") }
            .map { folder.appendingPathComponent($0) }
    }

    /// Trains on `train`, printing through `log` after each epoch, with exact-match scores
    /// on each named development set.
    public func train(_ train: [LabeledSentence], dev: [(name: String, sentences: [LabeledSentence])] = [],
                      log: (String) -> Void = { _ in }) -> NERModel {
        let labels = options.labels
        let l = labels.count
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let shift = UInt64(64 - options.hashBits)
        let f = TaggerFeatures.perToken

        // Features never change during training: compute every sentence's rows once.
        var rows: [Int32] = [], gold: [Int] = [], starts: [Int] = [0]
        var scratch: [Int32] = []
        for s in train {
            let hashes = s.tokens.map { TokenHashes(text: $0, lower: $0.lowercased()) }
            let gaz = options.gazetteer.map { NERTagger.gazetteerHashes($0, s.tokens) }
            TaggerFeatures.rows(hashes[...], gazetteer: gaz?[...], shift: shift, into: &scratch)
            rows.append(contentsOf: scratch)
            gold.append(contentsOf: NERCorpus.repair(s.labels).map { index[$0] ?? 0 })
            starts.append(gold.count)
        }

        let size = (1 << options.hashBits) * l
        var w = [Float](repeating: 0, count: size)
        var u = [Double](repeating: 0, count: size)  // Σ step × update, for lazy averaging
        var t = [Float](repeating: 0, count: (l + 1) * l)
        var tu = [Double](repeating: 0, count: (l + 1) * l)
        let allowed = NERModel.allowedTransitions(labels)
        var masked = NERModel.mask(t, allowed)
        var step = 1.0
        var rng = SplitMix64(seed: options.seed)
        var order = Array(train.indices)
        var emissions: [Float] = []
        var model = NERModel(labels: labels, hashBits: options.hashBits, weights: [Int16](repeating: 0, count: size),
                             scale: 1, transitions: t, temperature: 1)

        for epoch in 1...max(1, options.epochs) {
            let began = Date()
            order.shuffle(using: &rng)
            var mistakes = 0, tokens = 0
            for s in order {
                let lo = starts[s], n = starts[s + 1] - lo
                tokens += n
                emissions.removeAll(keepingCapacity: true)
                emissions.append(contentsOf: repeatElement(0, count: n * l))
                w.withUnsafeBufferPointer { wp in
                    for i in 0..<n {
                        for j in 0..<f {
                            let r = Int(rows[(lo + i) * f + j])
                            if r < 0 { continue }
                            for k in 0..<l { emissions[i * l + k] += wp[r * l + k] }
                        }
                    }
                }
                let path = Viterbi.decode(emissions: emissions, tokens: n, labels: l, transitions: masked)
                for i in 0..<n {
                    let g = gold[lo + i], p = path[i]
                    let gPrev = i == 0 ? l : gold[lo + i - 1], pPrev = i == 0 ? l : path[i - 1]
                    if g != p {
                        mistakes += 1
                        for j in 0..<f {
                            let r = Int(rows[(lo + i) * f + j])
                            if r < 0 { continue }
                            w[r * l + g] += 1; u[r * l + g] += step
                            w[r * l + p] -= 1; u[r * l + p] -= step
                        }
                    }
                    if g != p || gPrev != pPrev {
                        t[gPrev * l + g] += 1; tu[gPrev * l + g] += step
                        t[pPrev * l + p] -= 1; tu[pPrev * l + p] -= step
                        masked[gPrev * l + g] = allowed[gPrev * l + g] ? t[gPrev * l + g] : -.infinity
                        masked[pPrev * l + p] = allowed[pPrev * l + p] ? t[pPrev * l + p] : -.infinity
                    }
                }
                step += 1
            }
            model = NERTrainer.averaged(w, u, t, tu, step: step, labels: labels, hashBits: options.hashBits)
            let seconds = Date().timeIntervalSince(began)
            var line = "epoch \(epoch): token error rate " + String(format: "%.4f", Double(mistakes) / Double(max(tokens, 1)))
                + String(format: ", %.1f s", seconds)
            if !dev.isEmpty {
                var all = NEREvaluation()
                let tagger = NERTagger(model: model)
                for (_, sentences) in dev {
                    all.merge(NERTrainer.evaluate(tagger, sentences, gazetteer: options.gazetteer))
                }
                line += String(format: ", dev F1 %.3f", all.overall.f1)
            }
            log(line)
        }
        return model
    }

    /// Picks the confidence temperature that minimises the Brier score of span
    /// confidences against exact-match correctness on held-out sentences. Predictions do
    /// not change with the temperature; only how far the confidences can be trusted.
    public static func calibrate(_ model: NERModel, on sentences: [LabeledSentence],
                                 gazetteer: NERGazetteer? = nil) -> (Float, Double) {
        var best: (Float, Double) = (1, .infinity)
        for t: Float in [1, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64] {
            let tagger = NERTagger(model: model.with(temperature: t))
            var total = 0.0, count = 0
            for s in sentences {
                let gold = Set(NEREvaluation.entities(NERCorpus.repair(s.labels)).map { "\($0.0):\($0.1):\($0.2)" })
                for (r, type, confidence) in tagger.scoredEntities(forTokens: s.tokens, gazetteer: gazetteer) {
                    let correct = gold.contains("\(r.lowerBound):\(r.upperBound):\(type.rawValue)") ? 1.0 : 0.0
                    total += (confidence - correct) * (confidence - correct)
                    count += 1
                }
            }
            let brier = count == 0 ? .infinity : total / Double(count)
            if brier < best.1 { best = (t, brier) }
        }
        return best
    }

    /// The averaged weights (w − u/step), quantised to Int16.
    static func averaged(_ w: [Float], _ u: [Double], _ t: [Float], _ tu: [Double], step: Double,
                         labels: [String], hashBits: Int) -> NERModel {
        var avg = [Float](repeating: 0, count: w.count)
        var maxAbs: Float = 0
        for i in w.indices {
            let v = Float(Double(w[i]) - u[i] / step)
            avg[i] = v
            maxAbs = max(maxAbs, abs(v))
        }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        let q = avg.map { Int16(($0 / scale).rounded()) }
        let trans = t.indices.map { Float(Double(t[$0]) - tu[$0] / step) }
        return NERModel(labels: labels, hashBits: hashBits, weights: q, scale: scale, transitions: trans, temperature: 1)
    }

    /// Exact-match scores of a tagger on annotated sentences (tokenisation as given).
    /// Consecutive sentences are grouped into pseudo-documents of `perDocument` sentences
    /// for the one-type-per-name vote that `NERTagger.tag` applies to a document.
    public static func evaluate(_ tagger: NERTagger, _ sentences: [LabeledSentence], gazetteer: NERGazetteer? = nil,
                                perDocument: Int = 20) -> NEREvaluation {
        var e = NEREvaluation()
        var start = 0
        while start < sentences.count {
            let doc = sentences[start..<min(start + perDocument, sentences.count)]
            var found: [(sentence: Int, range: Range<Int>, key: String, type: EntityType, confidence: Double)] = []
            for (k, s) in doc.enumerated() {
                for (r, type, confidence) in tagger.scoredEntities(forTokens: s.tokens, gazetteer: gazetteer) {
                    found.append((k, r, s.tokens[r].joined(separator: " "), type, confidence))
                }
            }
            let types = perDocument > 1 ? Consistency.vote(found.map { ($0.key, $0.type, $0.confidence) }) : found.map(\.type)
            for (k, s) in doc.enumerated() {
                var predicted = [String](repeating: "O", count: s.tokens.count)
                for (f, type) in zip(found, types) where f.sentence == k {
                    for i in f.range { predicted[i] = (i == f.range.lowerBound ? "B-" : "I-") + type.rawValue }
                }
                e.add(gold: NERCorpus.repair(s.labels), predicted: predicted)
            }
            start += perDocument
        }
        return e
    }
}
