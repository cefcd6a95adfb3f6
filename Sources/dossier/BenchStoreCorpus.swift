import DossierCore
import Foundation

/// ~500-word articles for the store benchmark: a paragraph of the bundled article of the
/// language, then sentences drawn (seeded) from the repository's test fixtures of the same
/// language. Every article differs in most of its shingles, as distinct news stories do,
/// so the near-duplicate index does the work it does on real feeds; one article in 20 is
/// a lightly edited copy of an earlier one, to exercise near-duplicate linking.
enum BenchStoreCorpus {
    struct Article {
        var id: String
        var text: String
        var language: String
        var published: String
        var outlet: String
        /// `text.split(separator: " ").count`, known from its parts (`Words`).
        var words: Int
    }

    /// Words as `split(separator: " ")` counts them (runs of Characters other than " "),
    /// for a text's parts, so an article's count is known without splitting it again.
    ///
    /// Why: splitting every generated article (and every sentence drawn, each time it was
    /// drawn) by Characters cost ≈ 0.35 ms of CPU per article — outside the timed ingest,
    /// but inside the process's CPU time that `/usr/bin/time` reports for a run.
    struct Words {
        var count: Int
        /// Whether the text begins or ends with a run (a Character other than " ").
        var leadingRun: Bool
        var trailingRun: Bool

        init(_ text: String) {
            count = text.split(separator: " ").count
            leadingRun = text.first.map { $0 != " " } ?? false
            trailingRun = text.last.map { $0 != " " } ?? false
        }

        /// The count of `parts.joined(separator: "\n")`: a line feed is always a
        /// Character of its own (no grapheme cluster spans it, except CR LF, which is
        /// still not " "), so it joins the run before it and the run after it.
        static func joinedByNewlines(_ parts: [Words]) -> Int {
            guard var total = parts.first?.count else { return 0 }
            for k in 1..<parts.count {
                total += parts[k].count + 1 - (parts[k - 1].trailingRun ? 1 : 0) - (parts[k].leadingRun ? 1 : 0)
            }
            return total
        }
    }

    /// The words of all articles, as `split(separator: " ")` counts them.
    static func words(_ articles: [Article]) -> Int {
        articles.reduce(0) { $0 + $1.words }
    }

    static let fixtureFolders = ["attribution", "entities", "quantities", "times"]

    /// First column of every fixture line of `language`, from a checkout (found from this
    /// source file's path); empty when Dossier runs outside its repository.
    static func fixtureSentences(_ language: String) -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures")
        var out: [String] = []
        for folder in fixtureFolders {
            let dir = root.appendingPathComponent(folder)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            for file in files.sorted() where file.hasSuffix(".tsv") && file.contains(language) {
                guard let text = try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8) else { continue }
                for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                    let first = line.split(separator: "\t", maxSplits: 1).first.map(String.init) ?? ""
                    if first.split(separator: " ").count >= 5 { out.append(first) }
                }
            }
        }
        return out
    }

    static func make(count: Int, seed: UInt64 = 42) throws -> (articles: [Article], fixtures: Int) {
        var languages: [(String, [String], [String], [Words], [Words])] = []
        var fixtures = 0
        for (name, code) in [("article.fr", "fr"), ("article.en", "en")] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Seed"),
                  let text = try? String(contentsOf: url, encoding: .utf8)
            else { throw CLIError("bundled article \(name).txt is missing from this build") }
            let sentences = fixtureSentences(code)
            fixtures += sentences.count
            let paragraphs = text.split(separator: "\n").map(String.init)
            languages.append((code, paragraphs, sentences, paragraphs.map(Words.init), sentences.map(Words.init)))
        }
        var rng = SplitMix64(seed: seed)
        let outlets = ["Agence Nord", "Le Quotidien", "Daily Courier", "The Ledger", "Radio Est", "Wire Service"]
        var articles: [Article] = []
        articles.reserveCapacity(count)
        for i in 0..<count {
            let (code, paragraphs, sentences, paragraphWords, sentenceWords) = languages[i % languages.count]
            let day = 1 + Int(rng.next() % 28)
            let published = String(format: "2024-%02d-%02d", 1 + Int(rng.next() % 12), day)
            if i >= 20, i % 20 == 0 {
                // A republished copy: an earlier article with a new first line.
                var copy = articles[Int(rng.next() % UInt64(i / 2)) * 2 + (i % 2)]
                copy.id = "bench-\(i)"
                copy.text = "(\(outlets[i % outlets.count])) " + copy.text + "\nUpdated."
                copy.outlet = outlets[i % outlets.count]
                copy.published = published
                copy.words = copy.text.split(separator: " ").count
                articles.append(copy)
                continue
            }
            let first = Int(rng.next() % UInt64(paragraphs.count))
            var parts = [paragraphs[first]]
            var partWords = [paragraphWords[first]]
            var words = partWords[0].count
            while words < 500 {
                if sentences.isEmpty {
                    let k = Int(rng.next() % UInt64(paragraphs.count))
                    parts.append(paragraphs[k])
                    partWords.append(paragraphWords[k])
                } else {
                    let k = Int(rng.next() % UInt64(sentences.count))
                    parts.append(sentences[k])
                    partWords.append(sentenceWords[k])
                }
                words += partWords[partWords.count - 1].count
            }
            articles.append(Article(id: "bench-\(i)", text: parts.joined(separator: "\n"), language: code,
                                    published: published, outlet: outlets[i % outlets.count],
                                    words: Words.joinedByNewlines(partWords)))
        }
        return (articles, fixtures)
    }

    /// The articles as JSON lines, the format `dossier add` reads from a feed dump.
    static func jsonLines(_ articles: [Article]) throws -> Data {
        var out = Data()
        let encoder = JSONEncoder()
        for a in articles {
            out.append(try encoder.encode(["id": a.id, "text": a.text, "lang": a.language,
                                           "published": a.published, "outlet": a.outlet]))
            out.append(0x0A)
        }
        return out
    }
}
