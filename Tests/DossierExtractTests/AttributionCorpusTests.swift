import DossierCore
import DossierText
import Foundation
import Testing
@testable import DossierExtract

/// The attribution fixture corpus (`Tests/Fixtures/attribution/<lang>*.tsv`) is the
/// test: every expected attribution must be found, nothing else may be, and the
/// precision and recall over the corpus must stay at or above 0.9.
@Suite struct AttributionCorpusTests {
    struct Expected {
        var source: String
        var cue: String
        var content: String
        var canonical: String?
        var kind: String
    }

    /// Every `<lang>*.tsv` file of the folder: the main corpus and held-out sets.
    static func fixture(_ lang: String, folder subfolder: String = "Fixtures/attribution") -> [(text: String, expected: [Expected])] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(subfolder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(lang) && $0.hasSuffix(".tsv") }.sorted()
        let rows = names.flatMap { name in
            ResourceFile(name: name, contents: (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "").rows
        }
        var order: [String] = []
        var byText: [String: [Expected]] = [:]
        for row in rows where !row.isEmpty {
            let text = row[0]
            if byText[text] == nil { order.append(text); byText[text] = [] }
            guard row.count >= 6, row[1] != "-" else { continue }
            byText[text]!.append(Expected(source: row[1], cue: row[2], content: row[3],
                                          canonical: row[4] == "-" ? nil : row[4], kind: row[5]))
        }
        return order.map { ($0, byText[$0]!) }
    }

    /// Scores like the seed scorer: the source overlaps and the content covers at
    /// least half of the expected content; offsets are found by searching the text.
    static func evaluate(_ lang: String, language: Language, recognise: Bool = false,
                         folder: String = "Fixtures/attribution") -> (p: Double, r: Double, resolved: Double, failures: [String]) {
        let corpus = fixture(lang, folder: folder)
        var tp = 0, predicted = 0, gold = 0, resolved = 0, withCanonical = 0
        var failures: [String] = []
        for (text, expected) in corpus {
            let analyzed = AnalyzedText(text, language: language)
            let entities = recognise ? EntityRecognizer().mentions(in: analyzed) : []
            let found = AttributionExtractor().attributions(in: analyzed, entities: entities)
            predicted += found.count
            gold += expected.count
            var used = Set<Int>()
            for e in expected {
                guard let con = range(of: e.content, in: text, near: nil),
                      let cue = range(of: e.cue, in: text, near: con.start),
                      let src = range(of: e.source, in: text, near: cue.start) else {
                    failures.append("bad fixture: \(text)"); continue
                }
                let hit = found.indices.first { i in
                    guard !used.contains(i), let fs = found[i].source else { return false }
                    let ov = min(fs.end, src.end) - max(fs.start, src.start)
                    let cov = min(found[i].content.end, con.end) - max(found[i].content.start, con.start)
                    return ov > 0 && cov * 2 >= con.length
                }
                if let h = hit {
                    used.insert(h)
                    tp += 1
                    if let c = e.canonical {
                        withCanonical += 1
                        if found[h].sourceCanonical?.lowercased() == c.lowercased() { resolved += 1 }
                        else { failures.append("canonical \(found[h].sourceCanonical ?? "nil") ≠ \(c): \(text)") }
                    }
                    if found[h].kind.rawValue != e.kind { failures.append("kind \(found[h].kind) ≠ \(e.kind): \(text)") }
                } else {
                    failures.append("missed [\(e.source) | \(e.cue) | \(e.content)]: \(text) — got \(found.map { "[\($0.source?.text ?? "-") | \($0.cue.text) | \($0.content.text)]" })")
                }
            }
            for i in found.indices where !used.contains(i) {
                failures.append("extra [\(found[i].source?.text ?? "-") | \(found[i].cue.text) | \(found[i].content.text)]: \(text)")
            }
        }
        let p = predicted == 0 ? 1 : Double(tp) / Double(predicted)
        let r = gold == 0 ? 1 : Double(tp) / Double(gold)
        return (p, r, withCanonical == 0 ? 1 : Double(resolved) / Double(withCanonical), failures)
    }

    /// The occurrence of `needle` nearest to `offset` (the first one without it), so
    /// that "il" is found next to its cue, not inside "qu'il".
    static func range(of needle: String, in text: String, near offset: Int?) -> Span? {
        let hay = Array(text.unicodeScalars), n = Array(needle.unicodeScalars)
        guard !n.isEmpty, n.count <= hay.count else { return nil }
        var best: Span? = nil
        for start in 0...(hay.count - n.count) where Array(hay[start..<(start + n.count)]) == n {
            let span = Span(start, start + n.count)
            guard let o = offset else { return span }
            if best == nil || abs(start - o) < abs(best!.start - o) { best = span }
        }
        return best
    }

    @Test(arguments: [("fr", Language.french), ("en", Language.english)])
    func corpus(_ lang: String, _ language: Language) {
        let corpus = Self.fixture(lang)
        #expect(corpus.filter { !$0.expected.isEmpty }.flatMap(\.expected).count >= 40)
        let (p, r, resolved, failures) = Self.evaluate(lang, language: language)
        print("attribution corpus \(lang): precision \(p), recall \(r), resolved \(resolved)")
        for f in failures { print("  \(lang): \(f)") }
        #expect(p >= 0.9)
        #expect(r >= 0.9)
        #expect(resolved >= 0.9)
    }

    /// The same corpus with the entity recognizer's mentions, as the pipeline runs it.
    @Test(arguments: [("fr", Language.french), ("en", Language.english)])
    func corpusWithRecognizedEntities(_ lang: String, _ language: Language) {
        let (p, r, resolved, failures) = Self.evaluate(lang, language: language, recognise: true)
        print("attribution corpus with entities \(lang): precision \(p), recall \(r), resolved \(resolved)")
        for f in failures { print("  \(lang)+ner: \(f)") }
        #expect(p >= 0.9)
        #expect(r >= 0.9)
        #expect(resolved >= 0.85)
    }
}
