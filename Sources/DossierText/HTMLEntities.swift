/// Decodes the HTML character references that survive in text copied from web pages
/// ("&nbsp;", "&#8217;", "&eacute;"). Unknown names are left as they are.
enum HTMLEntities {
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}",
        "laquo": "«", "raquo": "»", "hellip": "…", "ndash": "–", "mdash": "—",
        "shy": "\u{00AD}", "thinsp": "\u{2009}", "euro": "€", "pound": "£", "deg": "°",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "euml": "ë", "agrave": "à", "acirc": "â",
        "ccedil": "ç", "icirc": "î", "iuml": "ï", "ocirc": "ô", "ugrave": "ù", "ucirc": "û",
        "uuml": "ü", "Eacute": "É", "Egrave": "È", "Agrave": "À", "Ccedil": "Ç", "oelig": "œ",
        "OElig": "Œ", "aelig": "æ", "ouml": "ö", "auml": "ä", "szlig": "ß", "ntilde": "ñ",
    ]

    /// If an entity starts at `index`, the scalars it stands for and its length.
    static func decode(_ s: [Unicode.Scalar], at index: Int) -> ([Unicode.Scalar], Int)? {
        var j = index + 1
        var body = ""
        while j < s.count, j - index <= 10, s[j] != ";" {
            let c = s[j]
            guard c.properties.isASCIIHexDigit || (c.isASCII && c.properties.isAlphabetic) || c == "#" else {
                return nil
            }
            body.unicodeScalars.append(c)
            j += 1
        }
        guard j < s.count, s[j] == ";", !body.isEmpty else { return nil }
        let length = j - index + 1
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let v = value, let scalar = Unicode.Scalar(v), v != 0 else { return nil }
            return ([scalar], length)
        }
        guard let scalar = named[body] else { return nil }
        return ([scalar], length)
    }
}
