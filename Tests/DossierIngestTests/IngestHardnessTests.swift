import DossierCore
@testable import DossierIngest
import Dispatch
import Foundation
import Testing
import DossierTestSupport

/// Hostile web input for the readers: pages nested hundreds of thousands deep, tag soup
/// that never closes, feeds with a huge number of items. Each runs at two sizes and
/// prints both times (the ratio is ~2 when the work is linear); the assertions are on
/// results only, since timings depend on the machine's load. `dossier stress` runs the
/// pipeline-level cases in a release build.
@Suite("Ingest readers on pathological input")
struct IngestHardnessTests {
    static func timed<T>(_ name: String, _ sizes: [Int], _ body: (Int) throws -> T) rethrows -> [T] {
        var results: [T] = []
        var line = name + ":"
        for n in sizes {
            let start = DispatchTime.now().uptimeNanoseconds
            results.append(try body(n))
            line += String(format: " %d in %.2f s;", n, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print(line)
        return results
    }

    static let prose = "<p>Le ministre a déclaré mardi que la réforme des retraites serait votée avant l'été.</p>"

    @Test("Elements nested 100 000 deep: the article is found, no stack overflow")
    func deepNesting() throws {
        let texts = try Self.timed("nested div/b", [50_000, 100_000]) { n in
            let html = "<html><body>" + String(repeating: "<div><b>", count: n) + Self.prose
                + String(repeating: "</b></div>", count: n) + "</body></html>"
            return try HTMLArticle(html: html).text
        }
        for text in texts { #expect(text.contains("la réforme des retraites serait votée")) }
    }

    @Test("Tags that never close and closing tags that match nothing")
    func tagSoup() throws {
        let texts = try Self.timed("unclosed li/p/span + stray closers", [50_000, 100_000]) { n in
            let html = "<ul>" + String(repeating: "<li><p><span>mot ", count: n) + String(repeating: "</ol></em>", count: n)
                + Self.prose
            return try HTMLArticle(html: html).text
        }
        for text in texts { #expect(text.contains("la réforme des retraites serait votée")) }
        let dropped = Self.timed("nested furniture", [50_000, 100_000]) { n in
            let html = "<body>" + String(repeating: "<nav><aside>", count: n) + "menu" + String(repeating: "</section>", count: n)
                + "</body><main>" + Self.prose + "</main>"
            return (try? HTMLArticle(html: html))?.text ?? ""
        }
        for text in dropped { #expect(!text.contains("menu")) }
    }

    @Test("Markup made only of '<', comment openers or unterminated attributes")
    func brokenMarkup() throws {
        for unit in ["<", "<!--", "<a href=\"", "&#", "<![CDATA["] {
            let results = Self.timed("repeated \(unit.debugDescription)", [100_000, 200_000]) { n in
                Result { try HTMLArticle(html: Self.prose + String(repeating: unit, count: n)) }
            }
            for r in results {
                // Either the prose before the junk, or a clear "no text" error: never a crash.
                if case .success(let article) = r { #expect(article.text.contains("réforme")) }
            }
        }
    }

    static func feed(_ n: Int) -> Data {
        var xml = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Flux</title>\n"
        xml.reserveCapacity(n * 120)
        for i in 0..<n {
            xml += "<item><title>Titre \(i)</title><link>https://example.org/\(i)</link><description>Texte \(i)</description></item>\n"
        }
        xml += "</channel></rss>\n"
        return Data(xml.utf8)
    }

    @Test("A feed of tens of thousands of items is read whole")
    func bigFeed() throws {
        let counts = try Self.timed("RSS items", [40_000, 80_000]) { n in try FeedReader.parse(Self.feed(n)).items.count }
        #expect(counts == [40_000, 80_000])
    }

    @Test("A feed over 10 MB is read item by item: libxml2's whole-document limit no longer applies")
    func hugeFeed() throws {
        let counts = try Self.timed("RSS items, streamed", [100_000, 200_000]) { n in try FeedReader.parse(Self.feed(n)).items.count }
        #expect(counts == [100_000, 200_000])
    }

    @Test("An item of 11 MB, over libxml2's limit for a document pushed at once, is read when streamed")
    func hugeItem() throws {
        let body = String(repeating: "Le ministre a déclaré que la réforme serait votée. ", count: 220_000)
        let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Flux</title>"
            + "<item><title>Court</title><description>Texte</description></item>"
            + "<item><title>Long</title><description>\(body)</description></item></channel></rss>"
        let feed = try FeedReader.parse(Data(xml.utf8))
        #expect(feed.items.count == 2)
        #expect(feed.items.last?.content.utf8.count == body.trimmingCharacters(in: .whitespaces).utf8.count)
    }

    @Test("A feed file and a JSON-lines file are read item by item by `dossier add`'s input side")
    func streamedFiles() throws {
        let dir = Scratch.path("hard")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let feed = dir.appendingPathComponent("f.rss"), lines = dir.appendingPathComponent("l.jsonl")
        try Self.feed(3_000).write(to: feed)
        let jsonl = (0..<3_000).map { "{\"id\":\"\($0)\",\"text\":\"Texte \($0).\"}" }.joined(separator: "\n") + "\n\nnot json\n"
        try Data(jsonl.utf8).write(to: lines)
        let scanned = InputScan.count(paths: [feed.path, lines.path])
        #expect(scanned.documents == 6_000)
        #expect(scanned.failures.count == 1 && scanned.failures[0].contains("l.jsonl:3002"))
        let notFeed = dir.appendingPathComponent("n.rss")
        try Data("<?xml version=\"1.0\"?><html><body>x</body></html>".utf8).write(to: notFeed)
        #expect(InputScan.count(paths: [notFeed.path]).failures.first?.contains("not an RSS or Atom feed") == true)
        let empty = dir.appendingPathComponent("e.rss")
        try Data("<?xml version=\"1.0\"?><rss><channel><title>T</title></channel></rss>".utf8).write(to: empty)
        #expect(InputScan.count(paths: [empty.path]).failures.first?.contains("no items") == true)
    }
}
