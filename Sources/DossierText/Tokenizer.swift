import DossierCore

/// Splits normalised text into tokens.
///
/// French elision is split off ("l'armée" → "l'", "armée"; "qu'il" → "qu'", "il"), English
/// possessives too ("Russia's" → "Russia", "'s"); hyphenated words stay whole ("Jong-un",
/// "nord-coréens", "a-t-il"); numbers keep their grouping ("50 000", "50.000", "50,000",
/// "50'000", "1,5") because splitting them would lose the figure.
public struct Tokenizer: Sendable {
    /// Elided forms, lowercased without apostrophe, that split off a following word.
    let elisions: Set<String>

    public init(elisions: Set<String> = Tokenizer.defaultElisions) {
        self.elisions = elisions
    }

    public static let defaultElisions: Set<String> = [
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
        "presqu", "quelqu",
    ]

    public func tokenize(_ text: NormalizedText) -> [Token] {
        tokenize(text.scalars)
    }

    public func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 5)
        var i = 0
        var spaceBefore = true
        func emit(_ start: Int, _ end: Int, _ kind: TokenKind) {
            tokens.append(Token(scalars: s, span: Span(start, end), kind: kind, spaceBefore: spaceBefore))
            spaceBefore = false
        }
        while i < s.count {
            let c = s[i]
            if CharClass.isSpace(c) {
                spaceBefore = true
                i += 1
                continue
            }
            if CharClass.isDigit(c) {
                let end = scanNumber(s, from: i)
                var j = end
                // Digits glued to letters: ordinals, units, calibres ("3e", "155mm", "1.5bn").
                if j < s.count, CharClass.isLetter(s[j]) {
                    while j < s.count, CharClass.isLetter(s[j]) || CharClass.isDigit(s[j]) { j += 1 }
                    emit(i, j, .alphanumeric)
                } else {
                    emit(i, end, .number)
                }
                i = j
                continue
            }
            if CharClass.isLetter(c) {
                var j = i + 1
                while j < s.count {
                    if CharClass.isLetter(s[j]) || CharClass.isDigit(s[j]) || CharClass.isCombining(s[j]) {
                        j += 1
                    } else if (s[j] == "-" || s[j] == "'" || s[j] == ".") && j + 1 < s.count && CharClass.isLetter(s[j + 1]) {
                        if s[j] == "'" {
                            let head = lowercased(s, i, j)
                            if elisions.contains(head) {
                                break  // "l'armée": stop before the apostrophe, split below
                            }
                            if j + 2 <= s.count, s[j + 1] == "s" || s[j + 1] == "S",
                               j + 2 == s.count || !CharClass.isLetter(s[j + 2]) {
                                break  // English possessive "Russia's"
                            }
                        }
                        if s[j] == "." {
                            // Only initialisms keep inner points: "U.S", "p.ex" — single letters.
                            if j - i != 1 || !(j + 2 >= s.count || !CharClass.isLetter(s[j + 2])) { break }
                        }
                        j += 1
                    } else {
                        break
                    }
                }
                if j < s.count, s[j] == "'", elisions.contains(lowercased(s, i, j)),
                   j + 1 < s.count, CharClass.isLetter(s[j + 1]) || CharClass.isDigit(s[j + 1]) {
                    emit(i, j + 1, .elision)
                    i = j + 1
                    continue
                }
                // Keep the final point of an initialism ("U.S.") with it.
                if j < s.count, s[j] == ".", j >= i + 3, s[j - 2] == "." {
                    j += 1
                }
                emit(i, j, .word)
                i = j
                continue
            }
            if c == "'", i + 1 < s.count, s[i + 1] == "s" || s[i + 1] == "S",
               i + 2 == s.count || !CharClass.isLetter(s[i + 2]), i > 0, CharClass.isLetter(s[i - 1]) {
                emit(i, i + 2, .word)  // "'s"
                i += 2
                continue
            }
            if c == "." && i + 2 < s.count && s[i + 1] == "." && s[i + 2] == "." {
                emit(i, i + 3, .punctuation)
                i += 3
                continue
            }
            if c == "." && i + 1 < s.count && CharClass.isDigit(s[i + 1]) && (i == 0 || CharClass.isSpace(s[i - 1])) {
                let end = scanNumber(s, from: i + 1)
                emit(i, end, .number)  // ".25"
                i = end
                continue
            }
            emit(i, i + 1, CharClass.isSymbol(c) ? .symbol : .punctuation)
            i += 1
        }
        return tokens
    }

    private func lowercased(_ s: [Unicode.Scalar], _ from: Int, _ to: Int) -> String {
        ScalarString.lowercased(s, from..<to)
    }

    /// The end of a number starting at `start`: digit groups joined by a space, point,
    /// comma or apostrophe followed by exactly three digits (grouping), or by a point or
    /// comma followed by digits (decimals).
    func scanNumber(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var j = start
        while j < s.count, CharClass.isDigit(s[j]) { j += 1 }
        let firstGroup = j - start
        // A separator followed by exactly three digits continues the number (grouping).
        // Grouping by space or apostrophe needs a first group of 1–3 digits, so that
        // "en 2023 100 soldats" stays two numbers. "1.500" and "1,500" stay whole either
        // way; the quantity reader decides by language which mark is the decimal one.
        while j < s.count, s[j] == " " || s[j] == "'" || s[j] == "," || s[j] == ".",
              groupOfThree(s, at: j + 1) {
            if (s[j] == " " || s[j] == "'") && firstGroup > 3 { break }
            j += 4
        }
        // Decimal part: ",5" / ".25" followed by digits that are not a group of three handled above.
        if j + 1 < s.count, s[j] == "," || s[j] == ".", CharClass.isDigit(s[j + 1]) {
            j += 1
            while j < s.count, CharClass.isDigit(s[j]) { j += 1 }
        }
        return j
    }

    private func groupOfThree(_ s: [Unicode.Scalar], at k: Int) -> Bool {
        guard k + 3 <= s.count else { return false }
        for m in k..<(k + 3) where !CharClass.isDigit(s[m]) { return false }
        return k + 3 == s.count || !CharClass.isDigit(s[k + 3])
    }
}

/// Cheap character classes over Unicode scalars: the inner loops never build Characters.
public enum CharClass {
    @inline(__always) public static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    @inline(__always) public static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return c == " " || c == "\n" || c == "\t" || c == "\r" || c.value == 11 || c.value == 12 }
        return c.properties.isWhitespace
    }
    @inline(__always) public static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 {
            return (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122)
        }
        return c.properties.isAlphabetic
    }
    @inline(__always) public static func isCombining(_ c: Unicode.Scalar) -> Bool {
        // No mark below U+0300: the common case (every word's end) skips the property lookup.
        guard c.value >= 0x300 else { return false }
        let category = c.properties.generalCategory
        return category == .nonspacingMark || category == .spacingMark
    }
    public static func isSymbol(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 {
            // ASCII's currency, math and modifier symbols, without a property lookup.
            switch c {
            case "$", "+", "<", "=", ">", "^", "`", "|", "~", "%", "#", "&", "@": return true
            default: return false
            }
        }
        switch c.properties.generalCategory {
        case .currencySymbol, .mathSymbol, .otherSymbol, .modifierSymbol: return true
        default: return c == "%" || c == "#" || c == "&" || c == "@"
        }
    }
}
