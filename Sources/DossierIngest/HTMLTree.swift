/// A forgiving element tree built from `HTMLTokenizer` tokens, with the boilerplate
/// (scripts, navigation, share bars, comments…) left out as it is built. Closing tags
/// that match nothing open are ignored; unclosed elements close with their parent.
final class HTMLNode {
    enum Child {
        case element(HTMLNode)
        case text(String)
    }

    let name: String
    let attributes: [String: String]
    var children: [Child] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func attribute(_ key: String) -> String? { attributes[key] }

    /// All elements below this one, depth first, for the few searches extraction needs.
    func descendants(where predicate: (HTMLNode) -> Bool) -> [HTMLNode] {
        var found: [HTMLNode] = []
        var stack: [HTMLNode] = [self]
        while let node = stack.popLast() {
            if predicate(node) { found.append(node) }
            for child in node.children.reversed() {
                if case .element(let e) = child { stack.append(e) }
            }
        }
        return found
    }

    /// Length of the text below, in scalars: how much of an article a subtree holds.
    var textLength: Int {
        var total = 0
        var stack: [HTMLNode] = [self]
        while let node = stack.popLast() {
            for child in node.children {
                switch child {
                case .text(let t): total += t.unicodeScalars.count
                case .element(let e): stack.append(e)
                }
            }
        }
        return total
    }
}

enum HTMLTree {
    static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                    "meta", "param", "source", "track", "wbr"]
    /// Elements that never hold article prose.
    static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
        "select", "svg", "iframe", "object", "video", "audio", "canvas", "dialog", "menu", "figure", "head",
        "title", "textarea",
    ]
    /// `role` values of page furniture (ARIA landmarks other than the main content).
    static let droppedRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search",
                                            "dialog", "alert", "menu", "menubar", "toolbar"]
    /// Whole words in `class`/`id` that mark furniture: ads, share bars, comments,
    /// newsletters, "related"/"read more" boxes. These are CMS conventions, not language.
    static let droppedClassWords: Set<String> = [
        "ad", "ads", "advert", "advertisement", "adsbygoogle", "pub", "share", "sharing", "social",
        "comment", "comments", "newsletter", "related", "promo", "cookie", "cookies", "consent",
        "breadcrumb", "breadcrumbs", "subscribe", "subscription", "sidebar", "outbrain", "taboola",
        "paywall", "recommended", "recommendations", "readmore", "popup", "modal", "banner", "sponsored",
        "nav", "navbar", "menu", "footer", "toolbar", "tags", "disqus",
    ]
    /// Elements kept whatever their class says: dropping `body class="has-sidebar"` would
    /// drop the page.
    static let protected: Set<String> = ["html", "body", "main", "article"]
    static let implicitlyClosesP: Set<String> = ["p", "div", "ul", "ol", "table", "section", "article",
                                                 "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
                                                 "header", "footer", "aside", "nav", "figure", "hr", "dl"]

    /// Deepest element nesting kept (as browsers cap it: Blink's parser at 512). Deeper
    /// start tags are read as if absent, their text going to the deepest open element.
    /// Without a cap, a hostile page of nested tags overflows the stack in the recursive
    /// text walk and in the tree's release, and each closing tag's search of the open
    /// elements makes building quadratic.
    static let maxDepth = 512

    static func build(_ tokens: [HTMLTokenizer.Token]) -> HTMLNode {
        let root = HTMLNode(name: "#document", attributes: [:])
        var stack: [HTMLNode] = [root]
        // Depth of dropped subtrees currently open: their tokens are read but not kept.
        var dropped: [String] = []
        for token in tokens {
            switch token {
            case .text(let text):
                if dropped.isEmpty { stack[stack.count - 1].children.append(.text(text)) }
            case .start(let name, let attributes, let selfClosing):
                let isVoid = void.contains(name) || selfClosing
                if !dropped.isEmpty {
                    if !isVoid, dropped.count < maxDepth { dropped.append(name) }
                    continue
                }
                if isDropped(name: name, attributes: attributes) {
                    if !isVoid { dropped.append(name) }
                    continue
                }
                if stack.count >= maxDepth, !isVoid { continue }
                if implicitlyClosesP.contains(name), let p = stack.lastIndex(where: { $0.name == "p" }),
                   p == stack.count - 1 {
                    stack.removeLast()
                }
                if name == "li", let li = stack.lastIndex(where: { $0.name == "li" }),
                   !stack[li...].contains(where: { $0.name == "ul" || $0.name == "ol" }) {
                    stack.removeSubrange(li...)
                }
                let node = HTMLNode(name: name, attributes: attributes)
                stack[stack.count - 1].children.append(.element(node))
                if !isVoid { stack.append(node) }
            case .end(let name):
                if !dropped.isEmpty {
                    if let open = dropped.lastIndex(of: name) {
                        dropped.removeSubrange(open...)
                        continue
                    }
                    // Closes an element opened before the dropped one: that one was never
                    // closed. Stop dropping rather than lose the rest of the page.
                    guard stack.contains(where: { $0.name == name }) else { continue }
                    dropped.removeAll()
                }
                if let open = stack.lastIndex(where: { $0.name == name }), open > 0 {
                    stack.removeSubrange(open...)
                }
            }
        }
        return root
    }

    static func isDropped(name: String, attributes: [String: String]) -> Bool {
        if droppedElements.contains(name) { return true }
        if attributes["itemprop"] == "articleBody" { return false }
        if attributes["hidden"] != nil || attributes["aria-hidden"] == "true" { return true }
        if let role = attributes["role"], droppedRoles.contains(role.lowercased()) { return true }
        if protected.contains(name) { return false }
        for key in ["class", "id"] {
            guard let value = attributes[key] else { continue }
            for word in value.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                if droppedClassWords.contains(String(word)) { return true }
            }
        }
        return false
    }
}
