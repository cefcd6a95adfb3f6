import DossierCore
import Foundation

/// The article in a web page: its prose, paragraph by paragraph, and what the page says
/// about it in `<meta>`, Open Graph and JSON-LD. Pages disagree with themselves; the most
/// structured statement wins (JSON-LD, then Open Graph, then plain `<meta>`, then markup).
public struct HTMLArticle: Sendable, Hashable {
    public var text: String
    public var title: String?
    public var author: String?
    public var outlet: String?
    public var url: String?
    public var published: Day?
    public var language: Language?

    /// Fails when the page holds no prose at all (only scripts, navigation, furniture).
    public init(html: String) throws(IngestError) {
        let tokens = { var t = HTMLTokenizer(html); return t.tokens() }()
        var meta = PageMetadata()
        meta.read(tokens)
        let tree = HTMLTree.build(tokens)
        var text = ArticleText.extract(from: tree)
        if text.unicodeScalars.count < 200, let body = meta.jsonLD.articleBody,
           body.unicodeScalars.count > text.unicodeScalars.count {
            // Pages rendered by script ship their text only in JSON-LD.
            text = body
        }
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else {
            throw .noText("no article text in the page (only markup, script or navigation)")
        }
        self.text = text
        title = meta.jsonLD.headline ?? meta.property["og:title"] ?? meta.title ?? ArticleText.firstHeading(tree)
        author = meta.jsonLD.author ?? meta.name["author"] ?? meta.property["article:author"].flatMap {
            $0.hasPrefix("http") ? nil : $0
        }
        url = meta.canonical ?? meta.property["og:url"] ?? meta.jsonLD.url
        outlet = meta.property["og:site_name"] ?? meta.jsonLD.publisher ?? meta.name["application-name"]
            ?? url.flatMap(Self.host)
        let dates = [meta.jsonLD.datePublished, meta.property["article:published_time"],
                     meta.name["date"], meta.name["pubdate"], meta.name["publishdate"], meta.name["dc.date"],
                     meta.name["dc.date.issued"], meta.name["dcterms.created"], meta.name["parsely-pub-date"],
                     meta.itempropDate, meta.firstTime]
        published = dates.lazy.compactMap { $0.flatMap(Day.init(iso:)) }.first
        language = meta.language.flatMap(Self.supportedLanguage)
    }

    /// "fr-FR" → fr, when Dossier has resources for it; otherwise let detection decide.
    static func supportedLanguage(_ tag: String) -> Language? {
        let code = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? tag
        let language = Language(code)
        return Language.supported.contains(language) ? language : nil
    }

    static func host(_ url: String) -> String? {
        guard let host = URL(string: url)?.host else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}

/// Why an input produced no document. One line each, naming what went wrong.
public enum IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    case noText(String)
    case unreadable(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .noText(let m), .unreadable(let m), .malformed(let m): m
        }
    }
}

/// Turns the pruned tree into paragraphs: block elements break, inline ones flow, and
/// blocks that are mostly links ("Read also: …" lines, tag lists) are left out.
enum ArticleText {
    static let blocks: Set<String> = ["p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5",
                                      "h6", "ul", "ol", "li", "blockquote", "pre", "table", "tr", "td", "th",
                                      "dl", "dt", "dd", "figcaption", "address", "hr", "body", "center"]

    static func extract(from tree: HTMLNode) -> String {
        let root = contentRoot(tree)
        var paragraphs: [String] = []
        var current = String.UnicodeScalarView()
        var linkLength = 0
        func breakParagraph() {
            let text = HTMLText.collapse(String(current))
            let length = text.unicodeScalars.count
            if length > 0 && !(linkLength * 10 > length * 6 && length < 300) { paragraphs.append(text) }
            current = .init()
            linkLength = 0
        }
        func walk(_ node: HTMLNode, inLink: Bool) {
            let isBlock = blocks.contains(node.name)
            if isBlock { breakParagraph() }
            if node.name == "br" { current.append(" ") }
            for child in node.children {
                switch child {
                case .text(let t):
                    current.append(contentsOf: t.unicodeScalars)
                    if inLink { linkLength += HTMLText.collapse(t).unicodeScalars.count }
                case .element(let e):
                    walk(e, inLink: inLink || e.name == "a")
                }
            }
            if isBlock { breakParagraph() }
        }
        walk(root, inLink: false)
        breakParagraph()
        return paragraphs.joined(separator: "\n\n")
    }

    /// The subtree holding the article: `itemprop=articleBody`, else the `<article>` with
    /// most text, else `<main>`, else the body.
    static func contentRoot(_ tree: HTMLNode) -> HTMLNode {
        if let body = tree.descendants(where: { $0.attribute("itemprop") == "articleBody" })
            .max(by: { $0.textLength < $1.textLength }), body.textLength > 0 {
            return body
        }
        if let article = tree.descendants(where: { $0.name == "article" }).max(by: { $0.textLength < $1.textLength }),
           article.textLength > 0 {
            return article
        }
        if let main = tree.descendants(where: { $0.name == "main" || $0.attribute("role") == "main" }).first,
           main.textLength > 0 {
            return main
        }
        return tree.descendants(where: { $0.name == "body" }).first ?? tree
    }

    static func firstHeading(_ tree: HTMLNode) -> String? {
        guard let h1 = tree.descendants(where: { $0.name == "h1" }).first else { return nil }
        let text = HTMLText.collapse(extract(from: h1))
        return text.isEmpty ? nil : text
    }
}
