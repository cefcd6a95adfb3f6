import DossierCore
import DossierText

/// Finds figures — counts, sums of money, measures, percentages, ranks — with their
/// qualifier ("près de"), unit or counted noun and rate, so that figures from different
/// articles can be compared: "près de 50 000 soldats" and "nearly 50,000 troops" both
/// become 50 000 persons, approximate near.
///
/// Numbers are read by NumberReader; every word around them (qualifiers, currencies,
/// units, counted nouns, rates, contexts that rule a figure out) comes from the language's
/// resource files. Years, dates, times of day, phone-like digit runs, reference numbers
/// ("article 5") and numbers inside names ("F-16") are left out on purpose: they are not
/// amounts, and summing them would be wrong.
public struct QuantityExtractor: Sendable {
    /// Whether ranks ("3e", "4th", "troisième") are reported, with kind `ordinal`. They are
    /// never counts; a consumer that wants amounts only (as the gold files do) turns this off.
    public var reportsOrdinals: Bool

    public init(reportsOrdinals: Bool = true) {
        self.reportsOrdinals = reportsOrdinals
    }

    public func quantities(in text: AnalyzedText) -> [Quantity] {
        var scan = QuantityScan(text: text)
        let found = scan.run()
        return reportsOrdinals ? found : found.filter { $0.kind != .ordinal }
    }
}

/// One pass over a text's tokens.
struct QuantityScan {
    let text: AnalyzedText
    let tokens: [Token]
    let reader: NumberReader
    let lex: QuantityLexicon
    var out: [Quantity] = []
    /// Per token, `reader.mayStartNumber` of its lowercase form, worked out once per
    /// distinct form (`AnalyzedText.words`): the scan asks it of every word, and a word
    /// that cannot start a number is no figure (`reader.read` returns nil for it).
    let mayStart: [Bool]

    init(text: AnalyzedText) {
        self.text = text
        self.tokens = text.tokens
        let reader = NumberReader(text.language)
        self.reader = reader
        self.lex = QuantityLexicon.shared(text.language)
        mayStart = text.words.perToken(text.words.forms.map { reader.mayStartNumber(lower: $0) })
    }

    /// `reader.read(tokens, at: i)`, skipping the words that start no number.
    func readFigure(at i: Int) -> NumberReading? {
        let kind = tokens[i].kind
        if (kind == .word || kind == .elision) && !mayStart[i] { return nil }
        return reader.read(tokens, at: i)
    }

    mutating func run() -> [Quantity] {
        var i = 0
        while i < tokens.count {
            if let (q, end) = figure(at: i) {
                if let q { out.append(q) }
                i = max(end, i + 1)
            } else if let digits = spelledDigits(at: i) {
                out += digits
                i += 1
            } else {
                i += 1
            }
        }
        return out
    }

    /// The quantity starting at token i (nil inside the tuple when a number was read but
    /// is not a quantity, so that the scan skips the whole number), or nil if no number.
    func figure(at i: Int) -> (Quantity?, Int)? {
        var prefix: CurrencyEntry?
        var r: NumberReading
        if let signed = lineMinus(at: i) {
            r = signed
        } else if let plain = readFigure(at: i) {
            r = plain
        } else if let (glued, code) = codeGluedNumber(at: i) {
            r = glued
            prefix = code
        } else {
            return nil
        }
        // "plus or minus 2 points": the sign word belongs to a qualifier.
        if r.value < 0, tokens[i].kind == .word, let (_, s) = lex.qualifiers.match(tokens, endingBefore: i + 1), s < i {
            return nil
        }
        let skip: (Quantity?, Int)? = (nil, r.end)
        if isExcludedContext(i, r) { return skip }
        // "311-112", "12-14 April": a dash between digits that makes no range is a tally,
        // a score or a date; neither side is an amount.
        if isDashJoined(before: i) { return skip }
        if r.isOrdinal { return ordinal(i, r) }

        var f = Figure(start: i, end: r.end, value: r.value)
        f.vague = r.isVague
        if r.isApproximate {
            // "une vingtaine": the collective itself is the qualifier.
            f.approximate = .about
            f.qualifier = text.string(Span(tokens[i].start, tokens[r.end - 1].end))
        }
        if let code = prefix { f.currency = code; f.kind = .money }

        // Currency written before the figure: "$ 75 million", "USD 200", "c $ 1.34".
        if f.currency == nil, let (c, s) = lex.prefixCurrencies.match(tokens, endingBefore: i), !c.subunit,
           !c.ambiguous, !isLowercaseCode(s, i) {
            f.start = s
            f.currency = c
            f.kind = .money
            f.value *= c.multiplier
            if let suffix = r.suffix, let scale = reader.lexicon.words[suffix.lowercased()],
               scale.kind == .scaleAbbr || scale.kind == .scaleAbbrMoney {
                // "£5m", "$2bn": after a currency a glued m or b is a scale, not a metre.
                f.value *= scale.value
                r.suffix = nil
            }
        }

        // "between 10 and 11:30": the first end of a span of clock times is a time too.
        if r.end + 2 < tokens.count, isConnector(r.end, start: i), tokens[r.end + 1].kind == .number,
           isClockTime(r.end + 2) { return skip }

        // Range: "10 000 à 12 000", "between 3 and 5", "10,000-12,000".
        if let b = rangeEnd(after: r, start: i) {
            var low = r.value
            if b.scale > 1, r.scale == 1, low * b.scale <= b.value { low *= b.scale }
            if b.value > low {
                f.min = low * (f.currency?.multiplier ?? 1)
                f.max = b.value * (f.currency?.multiplier ?? 1)
                f.value = f.min!
                f.end = b.end
                r = b  // the unit or noun follows the second figure
                if let opener = openerBefore(i), f.start == i { f.start = opener }
            }
        }

        // The first side of a tally ("311-112"): skip both figures.
        if f.min == nil, tokens[i].kind == .number, isDashJoined(before: r.end + 1) {
            return (nil, r.end + 2)
        }

        // What follows: unit glued or after, currency, counted noun.
        if let suffix = r.suffix {
            guard attachSuffix(suffix, to: &f, r) else { return skip }
        } else {
            attachFollowing(to: &f, r)
        }
        if f.excluded { return skip }

        if isNotAnAmount(i, r, f) { return skip }

        countFrame(&f, r)
        calibre(&f)
        qualify(&f, r)
        if f.kind == .money { payee(&f) }
        rate(&f)
        return (f.quantity(text, tokens), f.end)
    }

    /// What the figure's neighbourhood says against it being an amount, once its unit or
    /// noun is known (a unit or a listed noun overrides the name and year rules).
    func isNotAnAmount(_ i: Int, _ r: NumberReading, _ f: Figure) -> Bool {
        // A lone "un"/"une" with no unit is an article or a pronoun ("l'un des soldats");
        // English "one" is a numeral ("one soldier", "one last time") unless a determiner
        // before it makes it a pronoun ("no one", "the one": bare-previous contexts).
        if r.isSpelled, r.wordCount == 1, r.value == 1, f.kind != .money, f.kind != .measure,
           reader.lexicon.words[tokens[i].lower]?.isAlsoArticle ?? true || lex.pronounNext.match(tokens, at: r.end) != nil
            || lex.pronounPrevious.match(tokens, endingBefore: i) != nil {
            return true
        }
        if f.kind == .number || f.counted != nil && f.category == nil {
            if isYear(i, r) || isInsideName(i) || isCodeLike(i) { return true }
        }
        if f.kind == .number, isAgeApposition(i, r) || isEnumerator(i, r) { return true }
        // Only a figure that could be an hour or a day of the month: "s'élève à 300",
        // "stood at 12,000" are amounts.
        if f.kind == .number, f.start == i, abs(f.value) < 32, lex.barePreviousExclusions.match(tokens, endingBefore: i) != nil,
           lex.qualifiers.match(tokens, endingBefore: i) == nil { return true }
        // A lone fraction word counts a share only before what it divides: "un tiers des
        // électeurs", "half of the budget"; "pays tiers" or "the quarter" are not figures.
        if r.isSpelled, r.wordCount == 1, r.value < 1, r.value > 0, f.counted == nil, f.kind == .number,
           tokens[i].kind == .word, !(r.end < tokens.count && Self.linkWords.contains(tokens[r.end].lower)) {
            return true
        }
        // "the first quarter of 2013", "le deuxième tiers": a fraction word after a rank
        // names a part, not a share.
        if r.isSpelled, r.wordCount == 1, r.value < 1, i > 0, reader.read(tokens, at: i - 1)?.isOrdinal == true {
            return true
        }
        return false
    }

    // MARK: pieces

    /// A three-letter code before a figure counts only in capitals: "EUR 125", but not
    /// "try 3 times" or French "ils 3".
    func isLowercaseCode(_ start: Int, _ end: Int) -> Bool {
        guard end - start == 1 else { return false }
        let t = tokens[start]
        return t.kind == .word && t.text.unicodeScalars.count == 3 && !t.isAllCaps
    }

    /// "USD115": a currency code glued before digits, which the tokenizer keeps as a word.
    func codeGluedNumber(at i: Int) -> (NumberReading, CurrencyEntry)? {
        // Fields read in place: asked of every figure-less token, a copy of the token
        // retained and released its two Strings each time.
        guard tokens[i].kind == .word, let last = tokens[i].text.unicodeScalars.last, CharClass.isDigit(last)
        else { return nil }
        let scalars = Array(tokens[i].text.unicodeScalars)
        guard let firstDigit = scalars.firstIndex(where: CharClass.isDigit), firstDigit > 0,
              scalars[firstDigit...].allSatisfy(CharClass.isDigit) else { return nil }
        let code = String(String.UnicodeScalarView(scalars[..<firstDigit])).lowercased()
        guard let (c, n) = lex.currencies.match([code]), n == 1, !c.subunit,
              let v = Double(String(String.UnicodeScalarView(scalars[firstDigit...]))) else { return nil }
        return (NumberReading(value: v * c.multiplier, end: i + 1), c)
    }

    /// "- 10 k", "- 1 4/5": a minus sign set off by a space is a sign only when the
    /// figure is all its line holds. A dash that opens a line before words is a bullet
    /// ("- 3 soldats tués"), and inside a sentence a spaced dash is punctuation.
    func lineMinus(at i: Int) -> NumberReading? {
        guard i + 1 < tokens.count, tokens[i].kind == .punctuation || tokens[i].kind == .symbol,
              tokens[i].text == "-" || tokens[i].text == "\u{2212}",
              tokens[i + 1].spaceBefore, tokens[i + 1].kind == .number,
              i == 0 || lineBreak(before: i), var r = reader.read(tokens, at: i + 1), !r.isOrdinal,
              r.suffix == nil, r.end == tokens.count || lineBreak(before: r.end) else { return nil }
        r.value = -r.value
        return r
    }

    /// "three-nought-four", "four-one-one": digits spelled one by one and hyphenated (a
    /// code, a call sign, a cricket tally) are so many figures, not one number; the grammar
    /// cannot add unit to unit, so without this nothing at all is read. Three digits at
    /// least: "one-two" is a phrase ("a one-two punch").
    func spelledDigits(at i: Int) -> [Quantity]? {
        // Three digit words and two hyphens take eleven bytes at least ("one-six-two"):
        // the O(1) length test keeps this off nearly every word (read in place: a copy
        // of the token retained its Strings for every word).
        guard tokens[i].kind == .word, tokens[i].text.utf8.count >= 11, mayStart[i] else { return nil }
        let t = tokens[i]
        guard t.lower.unicodeScalars.count == t.text.unicodeScalars.count else { return nil }
        let parts = t.lower.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        var out: [Quantity] = []
        var position = t.start
        for part in parts {
            guard let w = reader.lexicon.words[String(part)], w.kind == .cardinal, w.value >= 0, w.value < 10,
                  w.value == w.value.rounded(), !w.isAlsoArticle else { return nil }
            let span = Span(position, position + part.unicodeScalars.count)
            out.append(Quantity(span: span, text: text.string(span), kind: .number, value: w.value))
            position = span.end + 1
        }
        return out
    }

    /// Whether a line ends between token k - 1 and token k.
    func lineBreak(before k: Int) -> Bool {
        let scalars = text.normalized.scalars
        var p = tokens[k - 1].end
        while p < tokens[k].start {
            if scalars[p] == "\n" || scalars[p] == "\r" { return true }
            p += 1
        }
        return false
    }

    func isExcludedContext(_ i: Int, _ r: NumberReading) -> Bool {
        if lex.previousExclusions.match(tokens, endingBefore: i) != nil, !hasCountVerbSubject(i) { return true }
        if lex.nextExclusions.match(tokens, at: r.end) != nil {
            // "14 h" is a time; "130 km/h" is not, since its next word is the unit.
            return true
        }
        // Phone numbers and codes: leading zeros, or a run of three bare numbers.
        let t = tokens[i]
        if t.kind == .number, t.text.unicodeScalars.count >= 2, t.text.unicodeScalars.first == "0",
           CharClass.isDigit(t.text.unicodeScalars.dropFirst().first!) { return true }
        if t.kind == .number {
            var lo = i, hi = i + 1
            while lo > 0, tokens[lo - 1].kind == .number { lo -= 1 }
            while hi < tokens.count, tokens[hi].kind == .number { hi += 1 }
            if hi - lo >= 3 { return true }
        }
        if i > 0, tokens[i - 1].text == "+", !t.spaceBefore { return true }
        // "F-16", "S-400", "COVID-19": a figure glued by a dash to a word names a thing.
        if i > 1, tokens[i - 1].text == "-", !tokens[i - 1].spaceBefore, !t.spaceBefore,
           tokens[i - 2].kind == .word { return true }
        // "9/11", "24/7", "5/17/2018": digits joined by slashes name a date or a thing.
        if r.end + 1 < tokens.count, tokens[r.end].text == "/", !tokens[r.end].spaceBefore,
           !tokens[r.end + 1].spaceBefore, tokens[r.end + 1].kind == .number { return true }
        // Times of day and scores: "10:30", "3:1".
        if i > 1, tokens[i - 1].text == ":", !t.spaceBefore, !tokens[i - 1].spaceBefore,
           tokens[i - 2].kind == .number { return true }
        if isClockTime(r.end) { return true }
        // "15.05.99": digits chained by points are a date or a code.
        if r.end + 1 < tokens.count, tokens[r.end].text == ".", !tokens[r.end].spaceBefore,
           !tokens[r.end + 1].spaceBefore, tokens[r.end + 1].kind == .number { return true }
        if i > 1, tokens[i - 1].text == ".", !tokens[i - 1].spaceBefore, !t.spaceBefore,
           tokens[i - 2].kind == .number { return true }
        return false
    }

    func ordinal(_ i: Int, _ r: NumberReading) -> (Quantity?, Int)? {
        // Spelled ranks below three ("premier", "second") are mostly not figures at all
        // ("Premier ministre", "a second time"); digit ranks always are ranks.
        guard !r.isSpelled || r.value >= 3 else { return (nil, r.end) }
        let span = Span(tokens[i].start, tokens[r.end - 1].end)
        return (Quantity(span: span, text: text.string(span), kind: .ordinal, value: r.value), r.end)
    }

    /// A four-digit bare figure between 1000 and 2100 ("en 2023", "in 2024"), or one
    /// next to a month: a year, not an amount.
    func isYear(_ i: Int, _ r: NumberReading) -> Bool {
        let t = tokens[i]
        guard t.kind == .number, r.end == i + 1, t.text.unicodeScalars.count == 4,
              t.text.unicodeScalars.allSatisfy(CharClass.isDigit) else { return false }
        return r.value >= 1000 && r.value <= 2100
    }

    /// "Boeing 737", "Apollo 11", "Ligue 1": a figure right after a capitalised word that
    /// does not start the sentence, with nothing counted after it, names something.
    func isInsideName(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        let prev = tokens[i - 1]
        if prev.text == "-", !prev.spaceBefore, !tokens[i].spaceBefore, i > 1, tokens[i - 2].kind == .word {
            return true  // "F-16", "COVID-19"
        }
        // "Boeing 737", "iPhone 15": a capital anywhere in the word before.
        guard prev.kind == .word, prev.text.unicodeScalars.contains(where: { $0.properties.isUppercase }) else { return false }
        if let s = text.sentenceIndex(containing: prev.start), text.sentences[s].start == prev.start { return false }
        return lex.qualifiers.match(tokens, endingBefore: i) == nil
    }

    /// "Zelensky, 46, met…", "Marie Dupont (34)": a bare figure set off after a name is
    /// an age, not an amount.
    func isAgeApposition(_ i: Int, _ r: NumberReading) -> Bool {
        guard i >= 2, r.end < tokens.count, tokens[i].kind == .number, r.value < 130 else { return false }
        let open = tokens[i - 1].text, close = tokens[r.end].text
        guard (open == "," && (close == "," || close == ".")) || (open == "(" && close == ")") else { return false }
        return tokens[i - 2].kind == .word && tokens[i - 2].isCapitalized
    }

    /// Whether ":" and digits follow at k ("10:30", "8:00am"): a clock time.
    func isClockTime(_ k: Int) -> Bool {
        k + 1 < tokens.count && tokens[k].text == ":" && !tokens[k].spaceBefore && !tokens[k + 1].spaceBefore
            && (tokens[k + 1].kind == .number || tokens[k + 1].kind == .alphanumeric)
    }

    /// Whether token k is a number glued by a dash to a number before it.
    func isDashJoined(before k: Int) -> Bool {
        guard k >= 2, k < tokens.count, tokens[k].kind == .number, !tokens[k].spaceBefore else { return false }
        let dash = tokens[k - 1]
        return (dash.text == "-" || dash.text == "–") && !dash.spaceBefore && tokens[k - 2].kind == .number
    }

    /// "1) explains…, 2) warns…": a list marker, not an amount.
    func isEnumerator(_ i: Int, _ r: NumberReading) -> Bool {
        guard r.end < tokens.count, tokens[r.end].text == ")", !tokens[r.end].spaceBefore else { return false }
        return !(i > 0 && tokens[i - 1].text == "(")
    }

    /// A digit figure glued to letters or slashes on either side ("3D", "24/7").
    func isCodeLike(_ i: Int) -> Bool {
        let t = tokens[i]
        if i > 0, !t.spaceBefore, tokens[i - 1].kind == .word || tokens[i - 1].kind == .alphanumeric { return true }
        return false
    }

    func openerBefore(_ i: Int) -> Int? {
        guard i > 0, lex.rangeOpeners[tokens[i - 1].lower] != nil else { return nil }
        return i - 1
    }

    /// Whether token c joins a range begun at `start` (free, or announced by an opener).
    func isConnector(_ c: Int, start: Int) -> Bool {
        let connector = tokens[c].lower
        if lex.freeConnectors.contains(connector) { return true }
        guard let opener = openerBefore(start) else { return false }
        return lex.rangeOpeners[tokens[opener].lower]?.contains(connector) == true
    }

    /// The second figure of a range after reading `r` from `start`, if a connector follows.
    func rangeEnd(after r: NumberReading, start: Int) -> NumberReading? {
        let c = r.end
        guard r.suffix == nil, c + 1 < tokens.count else { return nil }
        let connector = tokens[c].lower
        guard isConnector(c, start: start) else { return nil }
        if connector == "-" || connector == "–" {
            // A dash joins digits only: "10,000-12,000", "3 - 5".
            guard tokens[start].kind == .number, tokens[c + 1].kind == .number || tokens[c + 1].kind == .alphanumeric
            else { return nil }
            if isYear(start, r) { return nil }
            // "555-1212": three digits glued to four is a phone number, not a range.
            if !tokens[c].spaceBefore, !tokens[c + 1].spaceBefore, tokens[start].text.utf8.count == 3,
               tokens[c + 1].text.utf8.count == 4, tokens[c + 1].text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
               tokens[c + 1].text.utf8.suffix(2).elementsEqual("00".utf8) == false { return nil }
        }
        guard let b = reader.read(tokens, at: c + 1), !b.isOrdinal, !b.isVague, !isClockTime(b.end),
              !(b.isSpelled && b.wordCount == 1 && b.value <= 1) else { return nil }
        if tokens[c + 1].kind == .number, isYear(c + 1, b), isYear(start, r) || r.isSpelled { return nil }
        return b
    }
}
