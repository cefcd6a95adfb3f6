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

    /// Size above which libxml2 gives up on a document (its XML_MAX_TEXT_LENGTH).
    static let maxBytes = 10_000_000

    static func parse(_ data: Data) throws(IngestError) -> Feed {
        let delegate = FeedDelegate()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        let parsed = parser.parse()
        // On Linux libxml2 may recover and report success: the delegate's error wins.
        if let error = delegate.error ?? (parsed ? nil : parser.parserError) {
            let line = delegate.errorLine ?? parser.lineNumber
            // libxml2 (without XML_PARSE_HUGE, which Foundation does not set) stops at
            // about 10 MB and says only "XML error 1": name the limit instead.
            if data.count > maxBytes, (error as NSError).code == 1 {
                throw .malformed("feed of \(data.count / 1_000_000) MB is over the XML parser's limit (about \(maxBytes / 1_000_000) MB; \(delegate.items.count) items read before it): split the feed")
            }
            throw .malformed("malformed feed at line \(line): \(Self.describe(error))")
        }
        guard delegate.sawFeed else {
            throw .malformed("not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> element)")
        }
        return Feed(title: delegate.feedTitle, items: delegate.items)
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

private final class FeedDelegate: NSObject, XMLParserDelegate {
    var feedTitle: String?
    var items: [FeedItem] = []
    var sawFeed = false
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
        if path.isEmpty, ["rss", "feed", "rdf:rdf"].contains(element) { sawFeed = true }
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
                items.append(done)
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
