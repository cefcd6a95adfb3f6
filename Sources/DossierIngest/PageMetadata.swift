import Foundation

/// What a page's head (and a few microdata attributes) says about the article, read from
/// the token stream before any element is dropped: scripts and `<head>` are furniture for
/// the text but hold the metadata.
struct PageMetadata {
    /// `<meta property=…>` (Open Graph, article:*), first value wins.
    var property: [String: String] = [:]
    /// `<meta name=…>`, lower-cased names, first value wins.
    var name: [String: String] = [:]
    var title: String?
    var canonical: String?
    var language: String?
    var itempropDate: String?
    var firstTime: String?
    var jsonLD = JSONLDArticle()

    mutating func read(_ tokens: [HTMLTokenizer.Token]) {
        var inside: String?
        for token in tokens {
            switch token {
            case .start(let tag, let a, _):
                inside = tag
                switch tag {
                case "html":
                    language = language ?? a["lang"] ?? a["xml:lang"]
                case "meta":
                    guard let content = a["content"].map(HTMLText.collapse), !content.isEmpty else { break }
                    if let key = a["property"]?.lowercased(), property[key] == nil { property[key] = content }
                    if let key = a["name"]?.lowercased(), name[key] == nil { name[key] = content }
                    if a["itemprop"] == "datePublished", itempropDate == nil { itempropDate = content }
                    if let key = a["http-equiv"]?.lowercased(), key == "content-language", language == nil {
                        language = content
                    }
                case "link":
                    if a["rel"]?.lowercased().split(separator: " ").contains("canonical") == true,
                       let href = a["href"], canonical == nil {
                        canonical = href
                    }
                case "time":
                    if firstTime == nil { firstTime = a["datetime"] }
                    if a["itemprop"] == "datePublished", itempropDate == nil { itempropDate = a["datetime"] }
                case "script":
                    inside = a["type"]?.lowercased() == "application/ld+json" ? "ld+json" : "script"
                default:
                    break
                }
            case .text(let text):
                if inside == "title", title == nil {
                    let t = HTMLText.collapse(text)
                    if !t.isEmpty { title = t }
                } else if inside == "ld+json" {
                    jsonLD.read(text)
                }
            case .end:
                inside = nil
            }
        }
    }
}

/// The `NewsArticle` (or any `…Article`/`BlogPosting`) object of a page's JSON-LD,
/// wherever it sits: top level, in an array, or in `@graph`.
struct JSONLDArticle {
    var headline: String?
    var author: String?
    var publisher: String?
    var datePublished: String?
    var url: String?
    var articleBody: String?

    mutating func read(_ json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]),
              let article = Self.findArticle(object) else { return }
        headline = headline ?? Self.string(article["headline"]) ?? Self.string(article["name"])
        author = author ?? Self.names(article["author"])
        publisher = publisher ?? Self.names(article["publisher"])
        datePublished = datePublished ?? Self.string(article["datePublished"]) ?? Self.string(article["dateCreated"])
        url = url ?? Self.string(article["url"]) ?? Self.names(article["mainEntityOfPage"], key: "@id")
        articleBody = articleBody ?? Self.string(article["articleBody"])
    }

    static func findArticle(_ value: Any) -> [String: Any]? {
        if let array = value as? [Any] {
            return array.lazy.compactMap(findArticle).first
        }
        guard let object = value as? [String: Any] else { return nil }
        let types: [String] = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
        if types.contains(where: { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" }) {
            return object
        }
        if let graph = object["@graph"] { return findArticle(graph) }
        return nil
    }

    static func string(_ value: Any?) -> String? {
        guard let s = value as? String else { return nil }
        let t = HTMLText.collapse(HTMLText.decodeEntities(s))
        return t.isEmpty ? nil : t
    }

    /// A name, an object with a name, or a list of either, joined with ", ".
    static func names(_ value: Any?, key: String = "name") -> String? {
        if let s = value as? String { return string(s) }
        if let o = value as? [String: Any] { return string(o[key]) }
        if let list = value as? [Any] {
            let all = list.compactMap { names($0, key: key) }
            return all.isEmpty ? nil : all.joined(separator: ", ")
        }
        return nil
    }
}
