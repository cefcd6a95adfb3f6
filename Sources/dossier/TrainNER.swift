import ArgumentParser
import DossierCore
import DossierExtract
import DossierText
import Foundation

/// Trains the statistical NER tagger on IOB2 corpora and reports development-set scores.
/// The work is in `NERTrainer`; this only reads options and prints.
struct TrainNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-ner",
        abstract: "Train the NER tagger on IOB2 corpora; print dev precision/recall/F1; write the model.",
        discussion: """
        Trains on every <corpus>-train.<lang>.iob2[.gz] in --corpora and scores on every
        <corpus>-dev.<lang>.iob2[.gz] (exact span and type). With --model, evaluates an
        existing model instead of training. --benchmark also measures tagging speed
        (build with -c release for meaningful numbers).
        """)

    @Option(help: "Language: fr or en.")
    var lang: String

    @Option(help: "Folder of IOB2 corpora.")
    var corpora: String?

    @Option(help: "Instead of training, tag this text file (with --model, or the shipped model) and print the names.")
    var tag: String?

    @Option(help: "Training epochs.")
    var epochs = 10

    @Option(help: "log2 of the number of hashed feature buckets.")
    var hashBits = 18

    @Option(help: "Random seed for the per-epoch shuffle.")
    var seed: UInt64 = 20_241_112

    @Option(help: "Comma-separated corpus names to leave out of training (e.g. btc,wnut17).")
    var exclude = ""

    @Option(name: .customLong("extra"),
            help: "Another training file (name in --corpora, or a path), e.g. an edited-text corpus of another language; repeatable.")
    var extras: [String] = []

    @Option(name: .customLong("gazetteer"),
            help: "Known names as features: a knowledge-base TSV (id, TYPE, canonical, aliases), or PATH=LABEL for a plain list; repeatable. Needed again at inference.")
    var gazetteers: [String] = []

    @Option(help: "Where to write the model (default: <lang>.nermodel).")
    var output: String?

    @Option(help: "Evaluate this existing model instead of training.")
    var model: String?

    @Flag(help: "Measure tagging speed on the development text.")
    var benchmark = false

    func run() throws {
        let language = Language(lang)
        let gazetteer = try loadGazetteer()
        if let tag {
            try show(tag, language: language, gazetteer: gazetteer)
            return
        }
        guard let corpora else { throw CLIError("--corpora is required to train or evaluate") }
        let folder = URL(fileURLWithPath: corpora)
        let excluded = Set(exclude.split(separator: ",").map(String.init))
        func keep(_ url: URL) -> Bool { !excluded.contains(String(url.lastPathComponent.split(separator: "-")[0])) }
        let devFiles = try NERTrainer.corpusFiles(in: folder, language: language, split: "dev")
        let dev = try devFiles.map { url in
            (name: url.lastPathComponent, sentences: try NERCorpus.read(url).map(NERCorpus.conform))
        }
        let trained: NERModel
        if let model {
            trained = try NERModel(contentsOf: URL(fileURLWithPath: model))
        } else {
            let trainFiles = try NERTrainer.corpusFiles(in: folder, language: language, split: "train").filter(keep)
                + extras.map { $0.contains("/") ? URL(fileURLWithPath: $0) : folder.appendingPathComponent($0) }
            guard !trainFiles.isEmpty else { throw CLIError("no *-train.\(lang).iob2 files in \(corpora)") }
            var train: [LabeledSentence] = []
            for url in trainFiles {
                let sentences = try NERCorpus.read(url).map(NERCorpus.conform)
                print("train \(url.lastPathComponent): \(sentences.count) sentences")
                train += sentences
            }
            var options = NERTrainer.Options()
            options.epochs = epochs
            options.hashBits = hashBits
            options.seed = seed
            options.gazetteer = gazetteer
            if let gazetteer { print("gazetteer: \(gazetteer.count) names") }
            let began = Date()
            let raw = NERTrainer(options: options).train(train, dev: dev) { print($0) }
            let (temperature, brier) = NERTrainer.calibrate(raw, on: dev.flatMap(\.sentences), gazetteer: gazetteer)
            print("confidence temperature \(temperature) (Brier score \(String(format: "%.3f", brier)) on dev)")
            trained = raw.with(temperature: temperature)
            print(String(format: "training time: %.1f s", Date().timeIntervalSince(began)))
            let path = output ?? "\(lang).nermodel"
            try trained.write(to: URL(fileURLWithPath: path))
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print(String(format: "model written to %@ (%.2f MB)", path, Double(size) / 1_048_576))
        }
        let tagger = NERTagger(model: trained)
        var all = NEREvaluation()
        for (name, sentences) in dev {
            let e = NERTrainer.evaluate(tagger, sentences, gazetteer: gazetteer)
            print("dev \(name):\n" + e.report())
            all.merge(e)
        }
        print("dev, all files:\n" + all.report())
        if benchmark {
            #if DEBUG
            print("warning: debug build; use `swift run -c release dossier train-ner ... --benchmark`")
            #endif
            let r = NERBenchmark.run(tagger, sentences: dev.flatMap(\.sentences), language: language)
            print("benchmark (\(r.words) words, one core): tagging \(Int(r.taggerWordsPerSecond)) words/s, "
                  + "text layer + tagging \(Int(r.withTextLayerWordsPerSecond)) words/s")
        }
    }

    /// Prints what the tagger finds in a text: offsets, type, confidence, text.
    private func loadGazetteer() throws -> NERGazetteer? {
        guard !gazetteers.isEmpty else { return nil }
        var entries: [(name: String, label: String)] = []
        for spec in gazetteers {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            let contents = try String(contentsOfFile: parts[0], encoding: .utf8)
            entries += NERGazetteer.entries(ResourceFile(name: parts[0], contents: contents),
                                            label: parts.count > 1 ? parts[1] : nil)
        }
        return NERGazetteer(entries)
    }

    private func show(_ path: String, language: Language, gazetteer: NERGazetteer?) throws {
        let tagger: NERTagger
        if let model {
            tagger = NERTagger(model: try NERModel(contentsOf: URL(fileURLWithPath: model)))
        } else {
            guard let shipped = NERTagger.shared(for: language) else { throw CLIError("no NER model for \(lang)") }
            tagger = shipped
        }
        let text = AnalyzedText(try String(contentsOfFile: path, encoding: .utf8), language: language)
        for s in gazetteer.map({ tagger.tag(text, gazetteer: $0) }) ?? tagger.tag(text) {
            let span = text.normalized.originalSpan(s.span)
            print("\(span.start)-\(span.end)\t\(s.type.rawValue)\t" + String(format: "%.2f", s.confidence)
                  + "\t" + text.normalized.originalString(s.span))
        }
    }
}
