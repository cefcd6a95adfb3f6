/// Character references and whitespace as HTML defines them, for text taken out of pages
/// and feeds. The original article text Dossier stores is this decoded text: offsets are
/// into what a reader sees, not into the markup.
enum HTMLText {
    /// The named references that occur in news pages; numeric references cover the rest.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}",
        "sbquo": "\u{201A}", "bdquo": "\u{201E}", "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›",
        "hellip": "…", "ndash": "–", "mdash": "—", "shy": "\u{00AD}", "thinsp": "\u{2009}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "deg": "°", "copy": "©", "reg": "®",
        "trade": "™", "sect": "§", "para": "¶", "middot": "·", "bull": "•", "times": "×", "divide": "÷",
        "plusmn": "±", "frac12": "½", "frac14": "¼", "frac34": "¾", "sup2": "²", "sup3": "³",
        "percnt": "%", "dollar": "$", "num": "#", "commat": "@", "iexcl": "¡", "iquest": "¿",
        "aacute": "á", "Aacute": "Á", "agrave": "à", "Agrave": "À", "acirc": "â", "Acirc": "Â",
        "auml": "ä", "Auml": "Ä", "atilde": "ã", "Atilde": "Ã", "aring": "å", "Aring": "Å",
        "aelig": "æ", "AElig": "Æ", "ccedil": "ç", "Ccedil": "Ç",
        "eacute": "é", "Eacute": "É", "egrave": "è", "Egrave": "È", "ecirc": "ê", "Ecirc": "Ê",
        "euml": "ë", "Euml": "Ë", "iacute": "í", "Iacute": "Í", "igrave": "ì", "Igrave": "Ì",
        "icirc": "î", "Icirc": "Î", "iuml": "ï", "Iuml": "Ï", "ntilde": "ñ", "Ntilde": "Ñ",
        "oacute": "ó", "Oacute": "Ó", "ograve": "ò", "Ograve": "Ò", "ocirc": "ô", "Ocirc": "Ô",
        "ouml": "ö", "Ouml": "Ö", "otilde": "õ", "Otilde": "Õ", "oslash": "ø", "Oslash": "Ø",
        "oelig": "œ", "OElig": "Œ", "szlig": "ß", "uacute": "ú", "Uacute": "Ú", "ugrave": "ù",
        "Ugrave": "Ù", "ucirc": "û", "Ucirc": "Û", "uuml": "ü", "Uuml": "Ü", "yacute": "ý",
        "yuml": "ÿ", "Yuml": "Ÿ",
    ]

    static func decodeEntities(_ text: String) -> String {
        guard text.unicodeScalars.contains("&") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            guard s[i] == "&", let (decoded, length) = reference(s, at: i) else {
                out.append(s[i])
                i += 1
                continue
            }
            out.append(contentsOf: decoded.unicodeScalars)
            i += length
        }
        return String(out)
    }

    private static func reference(_ s: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        var j = index + 1
        var body = String.UnicodeScalarView()
        while j < s.count, j - index <= 32, s[j] != ";" {
            let c = s[j]
            guard c.isASCII, c.properties.isAlphabetic || c.properties.isASCIIHexDigit || c == "#" else { return nil }
            body.append(c)
            j += 1
        }
        guard j < s.count, s[j] == ";", !body.isEmpty else { return nil }
        let name = String(body)
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(Character(scalar)), j - index + 1)
        }
        guard let decoded = named[name] else { return nil }
        return (decoded, j - index + 1)
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}"
    }

    /// Collapses HTML whitespace runs to one space and trims, as a browser renders text.
    /// Non-breaking spaces are kept: they are part of the text ("50 000").
    static func collapse(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pending = false
        for c in text.unicodeScalars {
            if isSpace(c) {
                pending = true
            } else {
                if pending && !out.isEmpty { out.append(" ") }
                pending = false
                out.append(c)
            }
        }
        return String(out)
    }
}
