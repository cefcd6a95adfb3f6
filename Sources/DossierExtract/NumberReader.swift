import DossierCore
import DossierText

/// A number read from the tokens: what it is worth and where it ends.
public struct NumberReading: Sendable, Hashable {
    /// The value; for an ordinal, its rank ("3e" → 3).
    public var value: Double
    /// Index of the first token after the number.
    public var end: Int
    /// "3e", "third", "troisième": a rank, not an amount.
    public var isOrdinal = false
    /// Written at least partly in words ("douze mille", "1,5 million").
    public var isSpelled = false
    /// How many number words it took; 1 for a lone "un"/"one", which is usually an article.
    public var wordCount = 0
    /// A plural collective standing for an amount ("des centaines", "hundreds"): the value
    /// is conventional.
    public var isVague = false
    /// A collective read as an approximation ("une vingtaine" ≈ 20).
    public var isApproximate = false
    /// Letters left in the last token after the number ("km" in "29km", "mile" in
    /// "six-mile"): usually a unit, for the caller to interpret.
    public var suffix: String?
    /// The largest scale word or abbreviation used ("million" → 1e6), 1 if none: lets
    /// "3 to 5 million" scale its first figure.
    public var scale: Double = 1

    public init(value: Double, end: Int) {
        self.value = value
        self.end = end
    }
}

/// Reads a number starting at a token: digits in every grouping, numbers in words, scale
/// words and abbreviations, simple fractions, ordinals. Shared by the quantity and time
/// extractors so that "deux mille" means the same everywhere.
///
/// The word grammar is generic (groups below a thousand, closed by scale words); every
/// word comes from `Resources/<lang>/numbers.tsv`, so a language is added with a file.
public struct NumberReader: Sendable {
    let lexicon: NumberLexicon

    public init(_ language: Language) {
        lexicon = NumberLexicon.shared(language)
    }

    /// The number starting at `index`, or nil. A number never starts mid-token.
    public func read(_ tokens: [Token], at index: Int) -> NumberReading? {
        // Out-of-range figures ("1e999") are not numbers anyone wrote to be read: JSON
        // cannot carry them either.
        guard var r = readAny(tokens, at: index), r.value.isFinite else { return nil }
        // Scientific notation written out: "1.3x10^6", "2.5 × 10^3", "10^6".
        func exponent(_ k: Int) -> Int? {
            guard k + 1 < tokens.count, tokens[k].text == "^", !tokens[k + 1].spaceBefore,
                  tokens[k + 1].kind == .number, let e = Int(tokens[k + 1].text), e < 300 else { return nil }
            return e
        }
        if !r.isOrdinal, r.end < tokens.count {
            if r.suffix?.lowercased() == "x10", let e = exponent(r.end) {
                r.value *= pow10(e); r.suffix = nil; r.end += 2
            } else if r.end + 3 < tokens.count, tokens[r.end].text == "×" || tokens[r.end].lower == "x",
                      tokens[r.end + 1].text == "10", let e = exponent(r.end + 2) {
                r.value *= pow10(e); r.end += 4
            } else if r.end == index + 1, tokens[index].text == "10", let e = exponent(r.end) {
                r.value = pow10(e); r.end += 2
            }
        }
        return r
    }

    private func readAny(_ tokens: [Token], at index: Int) -> NumberReading? {
        guard index < tokens.count else { return nil }
        let first = tokens[index]
        switch first.kind {
        case .number:
            return readPieces(tokens, from: index)
        case .alphanumeric:
            return readAlphanumeric(tokens[index], index)
        case .punctuation, .symbol:
            // A minus sign glued to a number ("-9.5") after a space or at the start.
            if first.text == "-", index + 1 < tokens.count,
               tokens[index + 1].kind == .number || tokens[index + 1].kind == .alphanumeric,
               !tokens[index + 1].spaceBefore, first.spaceBefore || index == 0 {
                guard var r = read(tokens, at: index + 1), !r.isOrdinal else { return nil }
                r.value = -r.value
                return r
            }
            // ",08": decimals without their zero, where the comma is the decimal mark.
            if first.text == ",", lexicon.decimalMark == ",", index + 1 < tokens.count,
               tokens[index + 1].kind == .number, !tokens[index + 1].spaceBefore,
               first.spaceBefore || index == 0,
               tokens[index + 1].text.unicodeScalars.allSatisfy(CharClass.isDigit),
               let v = Double("0." + tokens[index + 1].text) {
                return NumberReading(value: v, end: index + 2)
            }
            if lexicon.words[first.lower] != nil { return readPieces(tokens, from: index) }
            return nil
        case .word, .elision:
            guard mayStartNumber(first) else { return nil }
            return readPieces(tokens, from: index)
        }
    }

    /// A cheap test run on every word: does its first part name a number?
    func mayStartNumber(_ token: Token) -> Bool { mayStartNumber(lower: token.lower) }

    /// `mayStartNumber` of a lowercase form (it depends on nothing else).
    func mayStartNumber(lower: String) -> Bool {
        if lexicon.startKeys.contains(WordKey.of(lower)), let starts = lexicon.startWords[lower] { return starts }
        guard let head = Self.firstHyphenPart(lower) else { return false }
        return lexicon.words[head] != nil
    }

    /// `lower.split(separator: "-").first` for a word holding a hyphen, else nil, without
    /// Character iteration: asked of every word that starts no number. A hyphen is a
    /// Character of its own unless a combining mark follows it or a "prepended" sign
    /// (Arabic number signs…) precedes it; next to a scalar beyond U+027F the word takes
    /// `split` itself.
    static func firstHyphenPart(_ lower: String) -> String? {
        let u = lower.utf8
        guard u.contains(0x2D) else { return nil }
        var start: String.UTF8View.Index?
        var lastLead: UInt8 = 0  // first byte of the scalar before the current byte
        var i = u.startIndex
        while i != u.endIndex {
            let b = u[i]
            let next = u.index(after: i)
            if b == 0x2D {
                if (next != u.endIndex && u[next] >= 0x80) || lastLead >= 0xCA {
                    return lower.split(separator: "-").first.map(String.init)
                }
                if let s = start { return String(lower[s..<i]) }
            } else if start == nil {
                start = i
            }
            if b & 0xC0 != 0x80 { lastLead = b }
            i = next
        }
        return start.map { String(lower[$0...]) }
    }

    // MARK: digits

    /// Parses a number token's text. "1,500" and "1.500" are decided by the language's
    /// decimal mark; a mark repeated, or followed by other than three digits, decides itself.
    func parseDigits(_ text: String) -> Double? {
        var digits = String.UnicodeScalarView()
        var marks: [(Unicode.Scalar, Int)] = []  // mark and number of digits after it
        for c in text.unicodeScalars {
            if CharClass.isDigit(c) {
                digits.append(c)
                if !marks.isEmpty { marks[marks.count - 1].1 += 1 }
            } else if c == "," || c == "." || c == "'" || c == " " {
                marks.append((c, 0))
                digits.append(c)
            } else {
                return nil
            }
        }
        // Which mark (if any) is the decimal one: the last mark, when it is a point or comma
        // that is not grouping.
        var decimalAt = -1
        if let last = marks.last, last.0 == "," || last.0 == "." {
            let sameBefore = marks.dropLast().contains { $0.0 == last.0 }
            let otherBefore = marks.dropLast().contains { $0.0 != last.0 }
            if last.1 != 3 || otherBefore {
                decimalAt = marks.count - 1
            } else if !sameBefore && last.0 == lexicon.decimalMark {
                decimalAt = marks.count - 1
            }
        }
        var plain = String.UnicodeScalarView()
        var seen = 0
        for c in digits {
            if CharClass.isDigit(c) {
                plain.append(c)
            } else {
                if seen == decimalAt { plain.append(".") }
                seen += 1
            }
        }
        if plain.first == "." { plain.insert("0", at: plain.startIndex) }
        return Double(String(plain))
    }

    /// "3k", "1.5bn", "3e", "4th", "1e10", "29km": digits glued to letters.
    func readAlphanumeric(_ token: Token, _ index: Int) -> NumberReading? {
        let scalars = Array(token.text.unicodeScalars)
        var split = 0
        while split < scalars.count,
              CharClass.isDigit(scalars[split]) || ((scalars[split] == "," || scalars[split] == ".")
                  && split + 1 < scalars.count && CharClass.isDigit(scalars[split + 1])) {
            split += 1
        }
        guard split > 0, var value = parseDigits(String(String.UnicodeScalarView(scalars[0..<split]))) else {
            return nil
        }
        let suffix = String(String.UnicodeScalarView(scalars[split...]))
        let lower = suffix.lowercased()
        var reading = NumberReading(value: value, end: index + 1)
        if let scale = lexicon.casedAbbreviations[suffix] {
            value *= scale
            reading.scale = scale
        } else if let w = lexicon.words[lower], w.kind == .scaleAbbr || w.kind == .scale {
            value *= w.value
            reading.scale = w.value
        } else if let w = lexicon.words[lower], w.kind == .ordinalSuffix {
            reading.isOrdinal = true
        } else if lower.unicodeScalars.first == "e", lower.unicodeScalars.count > 1,
                  let exponent = Int(lower.dropFirst()) {
            value *= pow10(exponent)
        } else {
            reading.suffix = suffix
        }
        reading.value = value
        return reading
    }

    /// 10^e. Past 400 factors `v` is already infinite (1 / v is 0), so the loop stops
    /// there: "1e99999999999" in a text ran 10^11 multiplications (found by `dossier fuzz`).
    private func pow10(_ e: Int) -> Double {
        var v = 1.0
        for _ in 0..<min(e.magnitude, 400) { v *= 10 }
        return e < 0 ? 1 / v : v
    }
}
