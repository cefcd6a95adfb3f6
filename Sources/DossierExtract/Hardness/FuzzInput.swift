/// Random inputs for property tests and `dossier fuzz`: news words of both languages mixed
/// with the Unicode that web text actually carries and that breaks offset arithmetic —
/// combining marks, right-to-left scripts and controls, emoji sequences, NUL and other
/// controls, letters whose case mapping changes length ("ß", "İ", "ﬁ"), odd spaces and
/// quotes. Deterministic for a seed, so any failure can be replayed.
public enum FuzzInput {
    /// Words and phrases the extractors react to, so random text reaches deep code paths.
    static let pieces = [
        "Selon", "selon", "lui", ",", ".", ":", "«", "»", "\u{201C}", "\u{201D}", "\"", "'", "l'", "qu'",
        "a", "dit", "que", "said", "according", "to", "près de", "environ", "50", "000", "50\u{00A0}000",
        "1,5", "million", "dollars", "$", "€", "%", "soldats", "troops", "le", "20", "janvier", "2023",
        "août", "March", "hier", "il y a", "trois", "jours", "plus d'un mois", "Poutine", "Kim Jong-un",
        "Koursk", "Kremlin", "Moscou", "nord-coréens", "prendrait", "aurait", "il semblerait que",
        "reportedly", "\n", "\n\n", "&amp;", "&nbsp;", "&#8217;", "&#xD800;", "&#0;", "M.", "U.S.", "—", "-",
        "(", ")", "a-t-il", "explique-t-elle", "Dr.", "10 000 à 12 000", "the", "Ministry of Defence",
        "Vladimir Putin", "told", "Reuters", "AFP", "l'OTAN", "NATO", "2,5 milliards d'euros", "1.5bn",
        "vendredi 8 novembre", "last week", "Volodymyr Zelensky", "a déclaré", "d'après", "estime",
        "https://example.org/a?b=1", "@user", "#tag", "3e", "155mm", "XIXe", "1er", "±", "½",
    ]

    /// Scalar ranges, one class each, drawn uniformly by class.
    static let classes: [ClosedRange<UInt32>] = [
        0x20...0x7E,        // ASCII
        0x00...0x1F,        // controls, NUL included
        0x7F...0x9F,        // DEL and C1 controls
        0xA0...0xFF,        // Latin-1 (NBSP, soft hyphen, «, », accented letters)
        0x0300...0x036F,    // combining diacritics
        0x0590...0x05FF,    // Hebrew
        0x0600...0x06FF,    // Arabic (and Arabic-Indic digits)
        0x200B...0x200F,    // zero-width space, joiners, LRM, RLM
        0x2028...0x202F,    // line/paragraph separators, bidi embeddings, narrow NBSP
        0x2010...0x2027,    // dashes, quotes, ellipsis
        0x2066...0x2069,    // bidi isolates
        0x1F300...0x1FAFF,  // emoji
        0x1F3FB...0x1F3FF,  // skin-tone modifiers
        0xFE00...0xFE0F,    // variation selectors
        0xFB00...0xFB06,    // ligatures whose case mapping is longer ("ﬁ")
        0x0130...0x0131,    // İ ı: lowercasing "İ" gives two scalars
        0x00DF...0x00DF,    // ß: uppercasing gives "SS"
        0xFF10...0xFF5A,    // fullwidth digits and letters
        0x4E00...0x4E80,    // CJK
        0xE000...0xE010,    // private use
        0xFFF9...0xFFFF,    // specials, noncharacters, BOM's neighbours
        0xFEFF...0xFEFF,    // BOM
        0x10FFF0...0x10FFFF,
    ]

    /// A random scalar from a random class (surrogates, which no String can hold, skipped).
    public static func scalar(using rng: inout some RandomNumberGenerator) -> Unicode.Scalar {
        let range = classes.randomElement(using: &rng)!
        let v = UInt32.random(in: range, using: &rng)
        return Unicode.Scalar(v) ?? "\u{FFFD}"
    }

    /// A random text of up to `maxPieces` pieces, each a news word, a run of random
    /// scalars or a separator.
    public static func text(maxPieces: Int, using rng: inout some RandomNumberGenerator) -> String {
        var out = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxPieces, using: &rng) {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5: out.append(contentsOf: pieces.randomElement(using: &rng)!.unicodeScalars)
            case 5..<8:
                for _ in 0..<Int.random(in: 1...6, using: &rng) { out.append(scalar(using: &rng)) }
            case 8: out.append(contentsOf: String(repeating: pieces.randomElement(using: &rng)!,
                                                  count: Int.random(in: 2...40, using: &rng)).unicodeScalars)
            default: out.append(" ")
            }
            if Bool.random(using: &rng) { out.append(" ") }
        }
        return String(out)
    }

    /// A long single-line text of about `bytes` UTF-8 bytes (no newline: one paragraph,
    /// possibly one sentence), for memory and time bounds.
    public static func longLine(bytes: Int, using rng: inout some RandomNumberGenerator) -> String {
        var out = ""
        out.reserveCapacity(bytes + 64)
        while out.utf8.count < bytes {
            var piece = text(maxPieces: 40, using: &rng)
            piece.unicodeScalars.removeAll { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" }
            out += piece
            out += " "
        }
        return out
    }

    /// A JSON line for `extract --format jsonl -` whose "text" is `text` with random
    /// escapes mixed in: \u escapes of any scalar, and lone or reversed UTF-16 surrogates,
    /// which JSON's grammar allows but no Unicode string can hold.
    public static func jsonLine(_ text: String, using rng: inout some RandomNumberGenerator) -> String {
        var body = ""
        for s in text.unicodeScalars {
            switch s {
            case "\"": body += "\\\""
            case "\\": body += "\\\\"
            case _ where s.value < 0x20: body += "\\u" + hex4(s.value)
            default:
                if Int.random(in: 0..<20, using: &rng) == 0, s.value <= 0xFFFF {
                    body += "\\u" + hex4(s.value)
                } else {
                    body.unicodeScalars.append(s)
                }
            }
            if Int.random(in: 0..<1_500, using: &rng) == 0 {
                let lone: [String] = ["\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83d", "\\ud83d\\ude00"]
                body += lone.randomElement(using: &rng)!
            }
        }
        return "{\"id\":\"fuzz\",\"text\":\"\(body)\",\"published\":\"2024-11-12\"}"
    }

    static func hex4(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var s = String.UnicodeScalarView()
        for shift in stride(from: 12, through: 0, by: -4) { s.append(digits[Int((v >> UInt32(shift)) & 0xF)]) }
        return String(s)
    }
}

/// xorshift64: a tiny reproducible generator (the standard library's is not seedable).
public struct FuzzRandom: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed &* 0x2545_F491_4F6C_DD1D &+ 1 }
    public mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
