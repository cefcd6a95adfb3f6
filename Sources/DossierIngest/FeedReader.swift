import DossierCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One entry of an RSS 2.0 or Atom feed, before its HTML is turned into text.
struct FeedItem: Sendable {
    var title: String?
    var link: String?
    var guid: String?
    var author: String?
    var date: String?
    /// The fullest body the item has: `content:encoded`/`content`, else the summary.
    var content: String = ""
    var contentIsHTML = true
}

/// Reads RSS 2.0 and Atom with Foundation's XMLParser (libxml2's SAX parser): feeds are
/// XML, unlike pages, so a real XML parser is right here and reports malformed feeds.
enum FeedReader {
    struct Feed: Sendable {
        var title: String?
        var items: [FeedItem]
    }

    /// libxml2's limit on one text node without XML_PARSE_HUGE (its XML_MAX_TEXT_LENGTH),
    /// which Foundation does not set: an item whose content is longer stops the feed.
    static let maxTextBytes = 10_000_000

    /// The whole feed at once, for a feed already in memory (tests, small inputs); the
    /// ingest loop reads feeds item by item through `FeedStream` instead.
    static func parse(_ data: Data) throws(IngestError) -> Feed {
        let stream = FeedStream(data: data)
        var feed = Feed(title: nil, items: [])
        while let event = stream.next() {
            switch event {
            case .item(let item, let title):
                feed.items.append(item)
                feed.title = feed.title ?? title
            case .failure(let message):
                throw .malformed(message)
            }
        }
        return feed
    }

    /// libxml2's message when Foundation kept it, else the XMLParser error name.
    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let message = nsError.userInfo[NSLocalizedDescriptionKey] as? String, !message.isEmpty {
            return message.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return "XML error \(nsError.code)" + (libxml2Errors[nsError.code].map { " (\($0))" } ?? "")
    }

    /// The libxml2 codes (`xmlParserErrors`) a broken feed usually gives; Foundation on
    /// Linux passes the code without its message.
    static let libxml2Errors: [Int: String] = [
        4: "document is empty", 5: "extra content at the end of the document",
        8: "invalid character reference", 9: "invalid character",
        23: "entity reference not terminated by ';'", 26: "undefined entity", 38: "'<' in an attribute value",
        39: "attribute value not quoted", 41: "attribute without a value", 42: "attribute given twice",
        57: "XML declaration not finished", 68: "a name was expected", 73: "'>' expected",
        76: "opening and closing tags do not match", 77: "a tag is not closed before the end",
        86: "extra content at the end of the document",
    ]

    /// RFC 822 dates of RSS ("Tue, 12 Nov 2024 10:00:00 +0100") or ISO 8601 of Atom.
    /// The month abbreviations are the fixed English ones RFC 822 prescribes.
    static func day(_ raw: String) -> Day? {
        if let iso = Day(iso: raw.trimmingCharacters(in: .whitespaces)) { return iso }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let parts = raw.lowercased().split(whereSeparator: { $0 == " " || $0 == "," })
        for (i, part) in parts.enumerated() {
            guard let m = months.firstIndex(of: String(part.prefix(3))), i > 0, i + 1 < parts.count,
                  let d = Int(parts[i - 1]), var y = Int(parts[i + 1]) else { continue }
            if y < 100 { y += y < 70 ? 2000 : 1900 }
            return Day(iso: "\(y)-\(m < 9 ? "0" : "")\(m + 1)-\(d < 10 ? "0" : "")\(d)")
        }
        return nil
    }
}

/// Collects items as libxml2 reports elements; each finished item goes to `onItem` at once.
final class FeedDelegate: NSObject, XMLParserDelegate {
    var feedTitle: String?
    var onItem: (FeedItem, String?) -> Void = { _, _ in }
    /// Called when the root element is not a feed's, so the parser can stop right there.
    var onNotFeed: () -> Void = {}
    var sawFeed = false
    var notFeed = false
    var error: (any Error)?
    var errorLine: Int?
    private var item: FeedItem?
    private var path: [String] = []
    private var buffer = ""
    private var summary: String?
    private var summaryIsHTML = true
    private var contentIsHTML = true

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let element = name.lowercased()
        if path.isEmpty {
            if ["rss", "feed", "rdf:rdf"].contains(element) { sawFeed = true } else if !sawFeed {
                notFeed = true
                onNotFeed()
            }
        }
        path.append(element)
        buffer = ""
        switch element {
        case "item", "entry":
            item = FeedItem()
            summary = nil
        case "link" where item != nil:
            // Atom: <link rel="alternate" href="…"/>; RSS has the URL as text.
            if let href = attributes["href"], (attributes["rel"] ?? "alternate") == "alternate" {
                if item?.link == nil { item?.link = href }
            }
        case "content", "summary":
            let isHTML = (attributes["type"] ?? "text") != "text"
            if element == "content" { contentIsHTML = isHTML } else { summaryIsHTML = isHTML }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if error == nil {
            error = parseError
            errorLine = parser.lineNumber
        }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { buffer += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let element = name.lowercased()
        let text = buffer.trimmingCharacters(in: .whitespacesAndNewlines)
        defer {
            path.removeLast()
            buffer = ""
        }
        guard item != nil else {
            if element == "title", feedTitle == nil, path.count <= 3, !text.isEmpty { feedTitle = text }
            return
        }
        switch element {
        case "item", "entry":
            if var done = item {
                if done.content.isEmpty, let summary {
                    done.content = summary
                    done.contentIsHTML = summaryIsHTML
                }
                onItem(done, feedTitle)
            }
            item = nil
        case "title": item?.title = text.isEmpty ? nil : text
        case "link": if !text.isEmpty, item?.link == nil { item?.link = text }
        case "guid", "id": item?.guid = text
        case "pubdate", "published", "dc:date": item?.date = text
        case "updated": if item?.date == nil { item?.date = text }
        case "author", "dc:creator", "name":
            if !text.isEmpty, item?.author == nil, !text.contains("@") || element != "author" { item?.author = text }
        case "content:encoded", "content":
            item?.content = text
            item?.contentIsHTML = element == "content:encoded" || contentIsHTML
        case "description", "summary":
            summary = text
            if element == "description" { summaryIsHTML = true }
        default:
            break
        }
    }
}
