import DossierCore
import Foundation

/// One pending document per feed item, with the feed's metadata.
enum FeedUnits {
    static func unit(_ item: FeedItem, index: Int, feedTitle: String?, origin: String) -> WorkUnit {
        let itemOrigin = item.link ?? item.guid ?? "\(origin)#\(index)"
        guard !item.content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .failure(origin: itemOrigin, message: "feed item has no content or summary")
        }
        // The item's own fields are its bytes: the same item in a re-fetched feed
        // hashes the same, whatever else changed in the feed.
        let bytes = Data([item.link ?? "", item.title ?? "", item.content].joined(separator: "\n").utf8)
        let metadata = DocumentMetadata(id: item.guid, title: item.title, outlet: feedTitle, url: item.link,
                                        published: item.date.flatMap(FeedReader.day))
        return .document(PendingDocument(origin: itemOrigin, bytes: bytes,
                                         body: item.contentIsHTML ? .html(item.content) : .text(item.content),
                                         metadata: metadata, author: item.author))
    }
}

/// JSON lines: `{"text"|"html", "url", "outlet", "published", "lang", "id", "title", "author"}`.
enum JSONLineUnits {
    struct Line: Decodable {
        var text: String?
        var html: String?
        var url: String?
        var outlet: String?
        var published: String?
        var lang: String?
        var id: String?
        var title: String?
        var author: String?

        private enum Keys: String, CodingKey { case text, html, url, outlet, published, lang, id, title, author }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            text = try c.decodeIfPresent(String.self, forKey: .text)
            html = try c.decodeIfPresent(String.self, forKey: .html)
            url = try c.decodeIfPresent(String.self, forKey: .url)
            outlet = try c.decodeIfPresent(String.self, forKey: .outlet)
            published = try c.decodeIfPresent(String.self, forKey: .published)
            lang = try c.decodeIfPresent(String.self, forKey: .lang)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            author = try c.decodeIfPresent(String.self, forKey: .author)
            // Producers write ids as strings or numbers.
            if let s = try? c.decodeIfPresent(String.self, forKey: .id) {
                id = s
            } else if let n = try? c.decodeIfPresent(Int64.self, forKey: .id) {
                id = String(n)
            }
        }
    }

    static func unit(_ line: Data, origin: String) -> WorkUnit {
        let item: Line
        do {
            item = try JSONDecoder().decode(Line.self, from: line)
        } catch {
            return .failure(origin: origin, message: "not a JSON object with string fields (\"text\" or \"html\" required)")
        }
        let body: PendingDocument.Body
        if let text = item.text, !text.isEmpty {
            body = .text(text)
        } else if let html = item.html, !html.isEmpty {
            body = .html(html)
        } else {
            return .failure(origin: origin, message: "no \"text\" or \"html\" field")
        }
        var published: Day?
        if let raw = item.published {
            guard let day = FeedReader.day(raw) else {
                return .failure(origin: origin, message: "\"published\": \(raw) is not a date (YYYY-MM-DD)")
            }
            published = day
        }
        let metadata = DocumentMetadata(id: item.id, title: item.title, outlet: item.outlet, url: item.url,
                                        published: published)
        let language = item.lang.flatMap(HTMLArticle.supportedLanguage)
        return .document(PendingDocument(origin: item.id.map { "\(origin) (\($0))" } ?? origin, bytes: line,
                                         body: body, metadata: metadata, author: item.author, language: language))
    }
}
