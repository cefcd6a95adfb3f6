import DossierCore
import DossierText

/// A quantity being assembled: token bounds and everything learnt about it so far.
struct Figure {
    var start: Int
    var end: Int
    var value: Double
    var min: Double?
    var max: Double?
    var kind: QuantityKind = .number
    var currency: CurrencyEntry?
    var unit: String?
    var counted: String?
    var lemma: String?
    var category: String?
    var approximate: Approximation?
    var bound: Bound?
    var qualifier: String?
    var vague = false
    var per: String?
    var excluded = false
    var calibre = false

    func quantity(_ text: AnalyzedText, _ tokens: [Token]) -> Quantity? {
        guard value.isFinite, min?.isFinite ?? true, max?.isFinite ?? true else { return nil }
        let span = Span(tokens[start].start, tokens[end - 1].end)
        return Quantity(span: span, text: text.string(span), kind: kind, value: value, min: min, max: max,
                        unit: kind == .money ? currency?.code ?? unit : unit, counted: counted, lemma: lemma,
                        category: category, approximate: approximate, bound: bound, qualifier: qualifier,
                        vague: vague ? true : nil, per: per)
    }
}

extension QuantityScan {
    static let linkWords: Set<String> = ["de", "d'", "of", "des", "du"]

    /// Whether `text` occurs in `pool` (Foundation's `pool.contains(text)`, which is false
    /// for an empty text), by bytes: that call bridged to `NSString.range(of:)` for every
    /// figure followed by a token.
    static func isIn(_ pool: String, _ text: String) -> Bool {
        let t = text.utf8, p = pool.utf8
        guard !t.isEmpty, t.count <= p.count else { return false }
        for i in 0...(p.count - t.count) where p.dropFirst(i).starts(with: t) { return true }
        return false
    }

    /// Whether the figure ends with a scale or collective word, after which French and
    /// English put "de"/"of" before the noun ("2 millions de dollars", "dozens of people").
    func endsWithScaleWord(_ r: NumberReading) -> Bool {
        guard r.end > 0, let w = reader.lexicon.words[tokens[r.end - 1].lower] else { return false }
        switch w.kind {
        case .scale, .collective, .group, .hundred, .hundredPlural: return true
        default: return false
        }
    }

    /// Letters glued to the figure ("29km", "115USD") or after a hyphen ("six-mile"): a
    /// known unit or currency, else the figure is a code or a time ("14h30", "6pm").
    func attachSuffix(_ suffix: String, to f: inout Figure, _ r: NumberReading) -> Bool {
        var seq = [suffix.lowercased()]
        var k = r.end
        while k < tokens.count, k < r.end + 3, !tokens[k].spaceBefore {
            seq.append(tokens[k].lower)
            k += 1
        }
        if let (c, n) = lex.currencies.match(seq) {
            setCurrency(c, &f)
            f.end = r.end + n - 1
            return true
        }
        if let (u, n) = lex.units.match(seq), u.cased == nil || u.cased == suffix {
            setUnit(u, &f)
            f.end = r.end + n - 1
            attachGoods(&f)
            return true
        }
        return false
    }

    /// Unit, currency or counted noun after the figure.
    func attachFollowing(to f: inout Figure, _ r: NumberReading) {
        var k = f.end
        guard k < tokens.count else { return }
        // "3-inch", "2,5-km": a unit joined by a hyphen.
        if tokens[k].text == "-", !tokens[k].spaceBefore, k + 1 < tokens.count, !tokens[k + 1].spaceBefore,
           let (u, n) = lex.units.match(tokens, at: k + 1) {
            setUnit(u, &f)
            f.end = k + 1 + n
            return
        }
        // "25-year-old", "3-day": a hyphenated duration or age is not an amount.
        if tokens[k].text == "-", !tokens[k].spaceBefore, k + 1 < tokens.count, !tokens[k + 1].spaceBefore,
           let (noun, _) = lex.counted.match(tokens, at: k + 1), noun.category == "time" {
            f.excluded = true
            return
        }
        // "20 (kg)", "20 [kg]": a unit in brackets.
        if Self.isIn("([<", tokens[k].text), k + 2 < tokens.count, Self.isIn(")]>", tokens[k + 2].text),
           case let (u, 1)? = lex.units.match(tokens, at: k + 1) {
            setUnit(u, &f)
            f.end = k + 3
            return
        }
        if f.kind != .money, attachCurrency(at: k, &f, r) { return }
        if f.kind == .money {
            subunits(&f)
            return
        }
        if let (u, n) = lex.units.match(tokens, at: k), u.cased == nil || tokens[k].text == u.cased,
           !isCodeAfter(k + n) {
            setUnit(u, &f)
            f.end = k + n
            attachGoods(&f)
            return
        }
        let scaled = endsWithScaleWord(r) || r.isVague
        if scaled, Self.linkWords.contains(tokens[k].lower), k + 1 < tokens.count {
            k += 1
            if attachCurrency(at: k, &f, r) { return }
            if let (u, n) = lex.units.match(tokens, at: k), u.cased == nil {
                setUnit(u, &f)
                f.end = k + n
                attachGoods(&f)
                return
            }
        }
        attachCounted(at: k, &f, lookahead: true)
    }

    /// "24703 L-202": a would-be unit glued by a dash to more digits is part of a code.
    func isCodeAfter(_ k: Int) -> Bool {
        k + 1 < tokens.count && tokens[k].text == "-" && !tokens[k].spaceBefore
            && !tokens[k + 1].spaceBefore && tokens[k + 1].kind == .number
    }

    func attachCurrency(at k: Int, _ f: inout Figure, _ r: NumberReading) -> Bool {
        guard let (c, n) = lex.currencies.match(tokens, at: k) else { return false }
        // "25 pounds" is a weight, "361 million pounds" a sum.
        if c.ambiguous && r.scale == 1 { return false }
        setCurrency(c, &f)
        f.end = k + n
        // "75 USD million": a scale word after the currency.
        if f.end < tokens.count, let w = reader.lexicon.words[tokens[f.end].lower], w.kind == .scale, w.vague == nil {
            f.value *= w.value
            f.end += 1
        }
        if !c.subunit { subunits(&f) }
        return true
    }

    func setCurrency(_ c: CurrencyEntry, _ f: inout Figure) {
        f.kind = .money
        f.currency = c
        f.value *= c.multiplier
        if let lo = f.min { f.min = lo * c.multiplier }
        if let hi = f.max { f.max = hi * c.multiplier }
    }

    func setUnit(_ u: UnitEntry, _ f: inout Figure) {
        f.kind = u.dimension == "percent" ? .percent : .measure
        f.unit = u.symbol
        f.calibre = u.calibre
    }

    /// "obus de 155 mm", "155mm shells": a calibre names a weapon, it is not a length
    /// to add up, so it is marked with category "calibre" and the weapon as counted.
    func calibre(_ f: inout Figure) {
        guard f.calibre, f.kind == .measure else { return }
        if f.end < tokens.count, let (noun, n) = lex.counted.match(tokens, at: f.end), noun.category == "weapon" {
            f.counted = text.string(Span(tokens[f.end].start, tokens[f.end + n - 1].end))
            f.lemma = noun.lemma
            f.category = "calibre"
            f.end += n
            return
        }
        var k = f.start - 1
        if k >= 0, Self.linkWords.contains(tokens[k].lower) { k -= 1 }
        guard k >= 0, k < f.start - 1, let (noun, n) = lex.counted.match(tokens, at: k), noun.category == "weapon",
              k + n == f.start - 1 else { return }
        f.counted = tokens[k].text
        f.lemma = noun.lemma
        f.category = "calibre"
    }

    /// "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50.":
    /// hundredths after the sum, when nothing else claims them.
    func subunits(_ f: inout Figure) {
        var k = f.end
        guard k < tokens.count else { return }
        if tokens[k].lower == "and" || tokens[k].lower == "et" { k += 1 }
        guard let c = reader.read(tokens, at: k), !c.isOrdinal, c.suffix == nil, c.value >= 1, c.value < 100,
              c.value == c.value.rounded() else { return }
        if let (cur, m) = lex.currencies.match(tokens, at: c.end) {
            guard cur.subunit else { return }
            f.value += c.value / 100
            f.end = c.end + m
            return
        }
        if c.end == tokens.count || tokens[c.end].kind == .punctuation {
            f.value += c.value / 100
            f.end = c.end
        }
    }

    /// "5 feet 2 inches", "5 feet and 2 inches": a smaller unit adding to the measure.
    func attachSmallerUnit(_ f: inout Figure) {
        guard f.kind == .measure, f.min == nil, let unit = f.unit, let smaller = lex.unitCompounds[unit] else { return }
        var k = f.end
        if k < tokens.count, tokens[k].lower == "and" || tokens[k].lower == "et" { k += 1 }
        guard let n = reader.read(tokens, at: k), n.suffix == nil, !n.isOrdinal,
              let (u, m) = lex.units.match(tokens, at: n.end), u.cased == nil,
              let factor = smaller.first(where: { $0.0 == u.symbol })?.1, n.value < factor else { return }
        f.value += n.value / factor
        f.end = n.end + m
    }

    /// "700 000 tonnes de riz": what a measured amount is of.
    func attachGoods(_ f: inout Figure) {
        attachSmallerUnit(&f)
        guard f.kind == .measure, f.end + 1 < tokens.count, Self.linkWords.contains(tokens[f.end].lower) else { return }
        attachCounted(at: f.end + 1, &f, lookahead: false, keepKind: true)
    }

    /// The counted noun at k: a listed noun (also a few adjectives later, "12,000 North
    /// Korean troops"), or any following common noun that is not a function word.
    func attachCounted(at k: Int, _ f: inout Figure, lookahead: Bool, keepKind: Bool = false) {
        guard k < tokens.count else { return }
        if lookahead, !keepKind {
            // "3 prochaines semaines", "4 business days": a period a word or two later.
            var j = k
            while j < tokens.count, j < k + 3, tokens[j].kind == .word, !Self.linkWords.contains(tokens[j].lower) {
                if let (noun, _) = lex.counted.match(tokens, at: j), noun.category == "time" {
                    f.excluded = true
                    return
                }
                if let (noun, _) = lex.counted.match(tokens, at: j) {
                    if noun.isNoun { break }
                } else if lex.pluralEndings.contains(where: { tokens[j].lower.hasSuffix($0.ending) }) {
                    break  // an unlisted plural noun is what is counted: "12 raids par jour"
                }
                j += 1
            }
        }
        if let (noun, n) = lex.counted.match(tokens, at: k), noun.isNoun {
            if noun.category == "time" {
                if !keepKind { f.excluded = true }
                return
            }
            setCounted(noun, k, n, &f, keepKind)
            return
        }
        if lookahead {
            // A listed noun after a few other words: adjectives, "autres", a verb.
            var j = k
            while j < tokens.count, j < k + 3, tokens[j].kind == .word, !Self.linkWords.contains(tokens[j].lower),
                  !(lex.counted.match(tokens, at: j)?.0.isNoun ?? false) { j += 1 }
            if j > k, j < tokens.count, let (noun, n) = lex.counted.match(tokens, at: j),
               noun.isNoun, noun.category != "time" {
                setCounted(noun, j, n, &f, keepKind)  // "trois autres blessés", "3,000 Ukrainian troops"
                return
            }
        }
        if let (noun, _) = lex.counted.match(tokens, at: k), !noun.isNoun { return }
        let t = tokens[k]
        guard t.kind == .word, t.text.unicodeScalars.count >= 3 else { return }
        if t.isCapitalized {
            // "1.2 million Ukrainians", "2 millions de Français": a capitalised plural
            // (demonym) is counted; other capitalised words start a name.
            guard !t.isAllCaps, t.lower.hasSuffix("s"),
                  !(k + 1 < tokens.count && tokens[k + 1].kind == .word && tokens[k + 1].isCapitalized) else { return }
        }
        // An unlisted noun after a figure above one must look plural ("12 villages"); what
        // a measure is of may be a mass noun ("700 000 tonnes de riz").
        let plural = lex.pluralEndings.first { t.lower.hasSuffix($0.ending) }
        if !keepKind, f.value > 1, !lex.pluralEndings.isEmpty, plural == nil { return }
        f.counted = t.text
        if let plural, plural.strip, !t.isCapitalized, !keepKind {
            f.lemma = String(t.lower.dropLast(plural.ending.count))
        }
        if !keepKind { f.kind = .count }
        f.end = k + 1
    }

    func setCounted(_ noun: CountedNoun, _ k: Int, _ n: Int, _ f: inout Figure, _ keepKind: Bool) {
        f.counted = text.string(Span(tokens[k].start, tokens[k + n - 1].end))
        f.lemma = noun.lemma
        f.category = noun.category
        if !keepKind {
            f.kind = .count
            f.unit = noun.unit
        }
        f.end = k + n
    }

    /// Qualifiers before ("près de", "at least") and after ("ou plus") the figure.
    func qualify(_ f: inout Figure, _ r: NumberReading) {
        if let (q, s) = lex.qualifiers.match(tokens, endingBefore: f.start), !q.after {
            let words = text.string(Span(tokens[s].start, tokens[f.start - 1].end))
            switch q.type {
            case .near: f.approximate = .near
            case .about: f.approximate = .about
            case .lower: f.bound = .lower
            case .upper: f.bound = .upper
            case .vague:
                guard r.isVague || (r.isSpelled && r.wordCount == 1 && r.value >= 100) else { return }
                f.vague = true
            }
            f.qualifier = words
            f.start = s
        }
        if let (q, n) = lex.qualifiers.match(tokens, at: f.end), q.after, q.type != .vague {
            switch q.type {
            case .near: f.approximate = .near
            case .about: f.approximate = .about
            case .lower: f.bound = .lower
            case .upper: f.bound = .upper
            case .vague: break
            }
            let words = text.string(Span(tokens[f.end].start, tokens[f.end + n - 1].end))
            f.qualifier = f.qualifier.map { $0 + " … " + words } ?? words
            f.end += n
        }
    }

    /// What a sum pays for, and its period when the noun says it: "un salaire mensuel
    /// d'environ 2 000 dollars", "a monthly salary of $2,000". A rate adjective a few words
    /// back in the same clause still gives the period ("le salaire minimum mensuel est de
    /// 1 766 euros").
    func payee(_ f: inout Figure) {
        var k = f.start - 1
        if k >= 1, tokens[k].lower == "de" || tokens[k].lower == "d'" || tokens[k].lower == "of" {
            k -= 1
            var per: String?
            if let (rate, _) = lex.rates.match(tokens, at: k), rate.onNoun {
                per = rate.period
                k -= 1
            }
            // English puts the rate adjective before the noun: "a monthly salary of".
            if per == nil, k >= 1, let (rate, _) = lex.rates.match(tokens, at: k - 1), rate.onNoun {
                per = rate.period
            }
            let detAt = per != nil && k >= 1 && lex.rates.match(tokens, at: k - 1) != nil ? k - 2 : k - 1
            // The noun must follow a determiner: "un salaire de", not "a bondi de".
            if k >= 0, detAt >= 0, tokens[k].kind == .word, !tokens[k].isCapitalized,
               lex.counted.match(tokens, at: k)?.0.isNoun ?? true,
               lex.counted.match(tokens, at: detAt)?.0.category == "det" {
                f.counted = tokens[k].text
                f.per = per
            } else if per != nil {
                f.per = per
            }
        }
        guard f.per == nil else { return }
        var j = f.start - 1
        while j >= 0, j >= f.start - 5, tokens[j].kind == .word || tokens[j].kind == .elision {
            if let (rate, _) = lex.rates.match(tokens, at: j), rate.onNoun {
                f.per = rate.period
                return
            }
            j -= 1
        }
    }

    /// "par mois", "a day" after the figure.
    func rate(_ f: inout Figure) {
        guard f.per == nil, let (rate, _) = lex.rates.match(tokens, at: f.end), !rate.onNoun else { return }
        f.per = rate.period
    }
}
