import DossierText
import Foundation

/// One annotated sentence: tokens and their IOB2 labels.
public struct LabeledSentence: Sendable, Hashable {
    public var tokens: [String]
    public var labels: [String]

    public init(tokens: [String], labels: [String]) {
        precondition(tokens.count == labels.count)
        self.tokens = tokens
        self.labels = labels
    }
}

/// Reads IOB2 corpora (`token<TAB>label` per line, blank line between sentences, optionally
/// gzip-compressed) and brings them to Dossier's conventions.
public enum NERCorpus {
    public static func parse(_ text: String) -> [LabeledSentence] {
        var sentences: [LabeledSentence] = []
        var tokens: [String] = [], labels: [String] = []
        func flush() {
            if !tokens.isEmpty { sentences.append(LabeledSentence(tokens: tokens, labels: labels)) }
            tokens = []; labels = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty || line.allSatisfy({ $0 == " " || $0 == "\r" }) { flush(); continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[0].isEmpty else { continue }
            tokens.append(String(fields[0]))
            labels.append(String(fields[fields.count - 1]).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        flush()
        return sentences
    }

    /// Reads a corpus file; `.gz` files go through the system's `gzip -dc`, as Foundation
    /// on Linux has no decompressor (training only, never at inference).
    public static func read(_ url: URL) throws -> [LabeledSentence] {
        let data: Data
        if url.pathExtension == "gz" {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-dc", url.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw NERTrainer.TrainingError("gzip failed on \(url.path)")
            }
        } else {
            data = try Data(contentsOf: url)
        }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Rewrites a corpus sentence the way Dossier's text layer would see it, so training
    /// and inference features agree: text normalisation (typographic apostrophes and
    /// quotes), elided articles split as "l" + "'" rejoined into "l'", and words split
    /// around hyphens ("Terre - Neuve") rejoined, because Dossier keeps both whole.
    /// A joined token keeps the first part's label, or B- of the first entity inside it.
    public static func conform(_ s: LabeledSentence) -> LabeledSentence {
        let words = s.tokens.map { NormalizedText($0).text }
        var tokens: [String] = [], labels: [String] = []
        var i = 0
        func isWordy(_ w: String) -> Bool { w.unicodeScalars.first.map(CharClass.isLetter) ?? false }
        while i < words.count {
            var text = words[i]
            var parts = [s.labels[i]]
            var j = i + 1
            if j + 1 < words.count, words[j] == "'", Tokenizer.defaultElisions.contains(text.lowercased()) {
                text += "'"
                parts.append(s.labels[j])
                j += 1
            } else {
                while j + 1 < words.count, words[j] == "-", isWordy(text), isWordy(words[j + 1]) {
                    text += "-" + words[j + 1]
                    parts.append(contentsOf: [s.labels[j], s.labels[j + 1]])
                    j += 2
                }
            }
            var label = parts[0]
            if label == "O", let inner = parts.first(where: { $0 != "O" }) { label = "B-" + inner.dropFirst(2) }
            tokens.append(text)
            labels.append(label)
            i = j
        }
        return LabeledSentence(tokens: tokens, labels: repair(labels))
    }

    /// Makes a label sequence valid IOB2: an I-X that continues nothing becomes B-X.
    public static func repair(_ labels: [String]) -> [String] {
        var out = labels
        for i in out.indices where out[i].hasPrefix("I-") {
            let type = out[i].dropFirst(2)
            let prev = i > 0 ? out[i - 1] : "O"
            if prev != "B-\(type)" && prev != "I-\(type)" { out[i] = "B-\(type)" }
        }
        return out
    }
}
