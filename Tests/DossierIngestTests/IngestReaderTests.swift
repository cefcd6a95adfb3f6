import DossierCore
@testable import DossierIngest
import Foundation
import Testing

/// The fixtures in Tests/Fixtures/ingest, found from this file's own path.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/ingest")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    static func data(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }
    static func string(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }
}

@Suite("Ingest readers: HTML, feeds, JSON lines, fingerprints")
struct IngestReaderTests {
    @Test("An HTML page gives the article's paragraphs and nothing of the page furniture")
    func htmlArticleText() throws {
        let article = try HTMLArticle(html: try Fixture.string("article.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.first == "Inondations dans le Gard : deux morts")
        #expect(paragraphs.contains { $0.hasPrefix("Deux personnes sont mortes jeudi") && $0.contains("d\u{2019}une intensité") })
        #expect(paragraphs.contains("« Nous n'avions jamais vu cela », a déclaré le maire d'Anduze à l'AFP."))
        #expect(paragraphs.contains("Les secours ont évacué 150 habitants."))
        #expect(article.text.contains("300\u{00A0}millimètres"))
        for furniture in ["Accueil", "Partager", "publicité", "Abonnez-vous", "Lire aussi", "Sur le même sujet",
                          "Commentaire", "©", "color: red"] {
            #expect(!article.text.contains(furniture), "kept \(furniture)")
        }
    }

    @Test("HTML metadata: JSON-LD first, then Open Graph, then <meta> and <link>")
    func htmlMetadata() throws {
        let article = try HTMLArticle(html: try Fixture.string("article.html"))
        #expect(article.title == "Inondations dans le Gard\u{00A0}: deux morts")
        #expect(article.author == "Claire Martin, Paul Roux")
        #expect(article.outlet == "La Gazette du Sud")
        #expect(article.url == "https://gazette.example/gard-inondations")
        #expect(article.published == Day(year: 2024, month: 10, day: 17))
        #expect(article.language == .french)
    }

    @Test("A page that is all script, navigation and noscript has no article")
    func scriptOnly() throws {
        #expect(throws: IngestError.self) { try HTMLArticle(html: try Fixture.string("script-only.html")) }
        #expect(throws: IngestError.self) { try HTMLArticle(html: "<html><body>   </body></html>") }
    }

    @Test("Broken markup still gives its text")
    func tolerantHTML() throws {
        let article = try HTMLArticle(html: "<p>First <b>bold <i>text</p><p>Second & third < fourth</div></span><p>Last")
        #expect(article.text == "First bold text\n\nSecond & third < fourth\n\nLast")
        // An unclosed <aside> does not swallow the rest of the page.
        let unclosed = try HTMLArticle(html: "<div><aside>Related</div><p>The minister resigned on Monday.</p>")
        #expect(unclosed.text == "The minister resigned on Monday.")
    }

    @Test("RSS 2.0: one document per item, full content preferred, RFC 822 dates")
    func rss() throws {
        let feed = try FeedReader.parse(try Fixture.data("feed.rss"))
        #expect(feed.title == "Wire Example")
        #expect(feed.items.count == 2)
        let storm = feed.items[0]
        #expect(storm.title == "Storm hits the coast")
        #expect(storm.link == "https://wire.example/storm")
        #expect(storm.author == "Ann Lee")
        #expect(storm.content.contains("About 2,000 homes"))
        #expect(FeedReader.day(storm.date ?? "") == Day(year: 2024, month: 11, day: 12))
        #expect(feed.items[1].content.contains("<p>Negotiators met again"))
    }

    @Test("Atom: link, published before updated, author name, HTML content")
    func atom() throws {
        let feed = try FeedReader.parse(try Fixture.data("feed.atom"))
        let entry = try #require(feed.items.first)
        #expect(feed.title == "Le Fil Exemple")
        #expect(entry.link == "https://fil.example/greve")
        #expect(entry.author == "Luc Petit")
        #expect(FeedReader.day(entry.date ?? "") == Day(year: 2024, month: 11, day: 13))
        #expect(try HTMLArticle(html: entry.content).text == "Les syndicats ont appelé à la grève jeudi, selon un communiqué.")
    }

    @Test("A malformed feed, or XML that is no feed, is one clear error")
    func malformedFeed() throws {
        #expect {
            try FeedReader.parse(try Fixture.data("malformed.rss"))
        } throws: { error in
            String(describing: error).hasPrefix("malformed feed at line")
        }
        #expect(throws: IngestError.self) { try FeedReader.parse(Data("<?xml version=\"1.0\"?><html/>".utf8)) }
    }

    @Test("Formats are told by extension, else by their first bytes")
    func sniffing() {
        #expect(InputFormat.guess(path: "a/b.HTM") == .html)
        #expect(InputFormat.guess(path: "a/b.unknown") == nil)
        #expect(InputFormat.sniff(Data("  <?xml version='1.0'?><rss>".utf8)) == .feed)
        #expect(InputFormat.sniff(Data("<!doctype html><html>".utf8)) == .html)
        #expect(InputFormat.sniff(Data("{\"text\":\"x\"}\n".utf8)) == .jsonl)
        #expect(InputFormat.sniff(Data("Le 3 mars, à Paris.".utf8)) == .text)
    }

    @Test("MinHash: a re-edited wire copy is similar, another story is not")
    func minHash() throws {
        let story = """
            The central bank raised its main interest rate by a quarter point on Thursday, its third increase \
            this year, saying inflation remained far above its target and wages were rising faster than expected. \
            The governor told reporters that further increases could not be ruled out if prices kept climbing.
            """
        let copy = "UPDATE 1: " + story + " Reporting by Ann Lee."
        let other = """
            Heavy rain flooded dozens of villages in the south of the country overnight, forcing hundreds of \
            residents to leave their homes, while rescue teams searched for two people reported missing.
            """
        let s = try #require(Fingerprints.minHash(story))
        #expect(try #require(Fingerprints.minHash(copy)).similarity(s) >= 0.7)
        #expect(try #require(Fingerprints.minHash(other)).similarity(s) < 0.2)
        #expect(Fingerprints.minHash(story.uppercased()) == s)
        #expect(Fingerprints.minHash("!!! ...") == nil)
    }

    @Test("SHA-256 is the standard one")
    func sha256() {
        #expect(Fingerprints.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
