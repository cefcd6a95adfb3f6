/// A tolerant HTML tokenizer: never fails, whatever the markup. Real pages have unclosed
/// tags, stray `<`, attributes without quotes and scripts full of `</div>`; a strict XML
/// parser rejects most of them, so this one only cuts the input into tags and text and
/// leaves structure to `HTMLTree`.
struct HTMLTokenizer {
    enum Token: Equatable {
        case text(String)
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
    }

    /// Elements whose content is not markup: read to their closing tag verbatim.
    static let rawText: Set<String> = ["script", "style", "textarea", "title", "xmp", "noscript"]

    private let s: [Unicode.Scalar]
    private var i = 0

    init(_ html: String) { s = Array(html.unicodeScalars) }

    mutating func tokens() -> [Token] {
        var out: [Token] = []
        var text = String.UnicodeScalarView()
        func flush() {
            if !text.isEmpty { out.append(.text(HTMLText.decodeEntities(String(text)))); text = .init() }
        }
        while i < s.count {
            let c = s[i]
            guard c == "<", i + 1 < s.count else { text.append(c); i += 1; continue }
            let next = s[i + 1]
            if next == "!" || next == "?" {
                flush()
                skipDeclaration()
            } else if next == "/" , i + 2 < s.count, isNameStart(s[i + 2]) {
                flush()
                i += 2
                let name = readName()
                skip(past: ">")
                out.append(.end(name: name))
            } else if isNameStart(next) {
                flush()
                i += 1
                let (name, attributes, selfClosing) = readTag()
                out.append(.start(name: name, attributes: attributes, selfClosing: selfClosing))
                if Self.rawText.contains(name) && !selfClosing {
                    let body = readRawText(until: name)
                    if !body.isEmpty { out.append(.text(name == "title" || name == "textarea" ? HTMLText.decodeEntities(body) : body)) }
                    out.append(.end(name: name))
                }
            } else {
                text.append(c)
                i += 1
            }
        }
        flush()
        return out
    }

    private func isNameStart(_ c: Unicode.Scalar) -> Bool { c.isASCII && c.properties.isAlphabetic }

    private func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" }

    private mutating func readName() -> String {
        var name = String.UnicodeScalarView()
        while i < s.count, !isSpace(s[i]), s[i] != ">", s[i] != "/" {
            name.append(s[i].isASCII ? Unicode.Scalar(UInt8(ascii: s[i]).lowercasedASCII) : s[i])
            i += 1
        }
        return String(name)
    }

    private mutating func skip(past terminator: Unicode.Scalar) {
        while i < s.count, s[i] != terminator { i += 1 }
        i += 1
    }

    /// Comments, doctype, CDATA, processing instructions: none carries article text
    /// except CDATA, which feeds use and HTML pages never need.
    private mutating func skipDeclaration() {
        if matches("<!--") {
            i += 4
            while i < s.count, !matches("-->") { i += 1 }
            i += 3
        } else {
            skip(past: ">")
        }
    }

    private func matches(_ literal: String) -> Bool {
        var j = i
        for c in literal.unicodeScalars {
            guard j < s.count, s[j] == c else { return false }
            j += 1
        }
        return true
    }

    private mutating func readTag() -> (String, [String: String], Bool) {
        let name = readName()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while i < s.count {
            while i < s.count, isSpace(s[i]) { i += 1 }
            guard i < s.count else { break }
            if s[i] == ">" { i += 1; break }
            if s[i] == "/" { selfClosing = true; i += 1; continue }
            var key = String.UnicodeScalarView()
            while i < s.count, !isSpace(s[i]), s[i] != "=", s[i] != ">", s[i] != "/" {
                key.append(s[i].isASCII ? Unicode.Scalar(UInt8(ascii: s[i]).lowercasedASCII) : s[i])
                i += 1
            }
            while i < s.count, isSpace(s[i]) { i += 1 }
            var value = ""
            if i < s.count, s[i] == "=" {
                i += 1
                while i < s.count, isSpace(s[i]) { i += 1 }
                value = readAttributeValue()
            }
            if !key.isEmpty, attributes[String(key)] == nil { attributes[String(key)] = HTMLText.decodeEntities(value) }
            if key.isEmpty { i += 1 }
        }
        return (name, attributes, selfClosing)
    }

    private mutating func readAttributeValue() -> String {
        var value = String.UnicodeScalarView()
        guard i < s.count else { return "" }
        if s[i] == "\"" || s[i] == "'" {
            let quote = s[i]
            i += 1
            while i < s.count, s[i] != quote { value.append(s[i]); i += 1 }
            i += 1
        } else {
            while i < s.count, !isSpace(s[i]), s[i] != ">" { value.append(s[i]); i += 1 }
        }
        return String(value)
    }

    /// Everything up to `</name` (any case), which is consumed with its `>`.
    private mutating func readRawText(until name: String) -> String {
        let closing = Array(("</" + name).unicodeScalars)
        let start = i
        while i < s.count {
            if s[i] == "<", i + closing.count <= s.count {
                var same = true
                for k in 0..<closing.count {
                    let c = s[i + k]
                    let lower = c.isASCII ? Unicode.Scalar(UInt8(ascii: c).lowercasedASCII) : c
                    if lower != closing[k] { same = false; break }
                }
                if same {
                    let body = String(String.UnicodeScalarView(s[start..<i]))
                    i += closing.count
                    skip(past: ">")
                    return body
                }
            }
            i += 1
        }
        return String(String.UnicodeScalarView(s[start..<s.count]))
    }
}

extension UInt8 {
    init(ascii scalar: Unicode.Scalar) { self = UInt8(truncatingIfNeeded: scalar.value) }
    var lowercasedASCII: UInt8 { (65...90).contains(self) ? self + 32 : self }
}
