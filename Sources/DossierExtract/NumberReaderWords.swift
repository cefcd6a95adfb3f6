import DossierCore
import DossierText
import Foundation

/// One word of a possible number: tokens are cut at hyphens ("quatre-vingt-dix" is three
/// pieces) because written numbers hyphenate freely, but a number only ends on a token end.
struct NumberPiece {
    var text: String
    var cased: String
    var token: Int
    var lastOfToken: Bool
    var digits: Double?
}

extension NumberReader {
    /// The pieces from `start` up to the first token that cannot belong to a number.
    func pieces(_ tokens: [Token], from start: Int) -> [NumberPiece] {
        var out: [NumberPiece] = []
        var i = start
        while i < tokens.count, i < start + 16 {
            let t = tokens[i]
            // The grammar never reads past a second group of digits or past a word that
            // is no number word, so collecting stops there: a read then costs the number's
            // length, not sixteen tokens of allocations.
            switch t.kind {
            case .number:
                guard let v = parseDigits(t.text) else { return out }
                out.append(NumberPiece(text: t.lower, cased: t.text, token: i, lastOfToken: true, digits: v))
                if out.count > 1 { return out }
            case .word, .elision:
                if t.lower.utf8.contains(0x2D) {
                    let parts = t.lower.split(separator: "-").map(String.init)
                    for (k, p) in parts.enumerated() {
                        out.append(NumberPiece(text: p, cased: p, token: i, lastOfToken: k == parts.count - 1))
                    }
                    if !parts.contains(where: isNumberWord) { return out }
                } else {
                    out.append(NumberPiece(text: t.lower, cased: t.text, token: i, lastOfToken: true))
                    if !isNumberWord(t.lower) { return out }
                }
            default:
                guard t.text == "-" || lexicon.words[t.lower] != nil else { return out }
                out.append(NumberPiece(text: t.lower, cased: t.text, token: i, lastOfToken: true))
            }
            i += 1
        }
        return out
    }

    /// Whether a piece can be read by the word grammar (a word or a compound's first word).
    func isNumberWord(_ text: String) -> Bool {
        lexicon.words[text] != nil || lexicon.compounds[text] != nil
    }

    /// The word grammar: cardinals add inside a group below a thousand, "hundred"
    /// multiplies the group, scale words close it; fractions, "and a half", spoken decimals
    /// and collectives ("une vingtaine", "des centaines") are folded in.
    func readPieces(_ tokens: [Token], from start: Int) -> NumberReading? {
        let ps = pieces(tokens, from: start)
        guard !ps.isEmpty else { return nil }
        var s = NumberState()
        var best: NumberReading?
        var p = 0

        func word(_ k: Int) -> NumberWord? {
            guard k < ps.count, ps[k].digits == nil else { return nil }
            return lexicon.words[ps[k].text]
        }
        func snapshot(_ k: Int) {
            guard ps[k].lastOfToken else { return }
            var r = NumberReading(value: s.value, end: ps[k].token + 1)
            r.isOrdinal = s.ordinal
            r.isSpelled = s.words > 0
            r.wordCount = s.words
            r.isVague = s.vague
            r.isApproximate = s.approximate
            r.scale = s.maxScale
            best = r
        }
        /// Takes piece `p` as part of a number that has started: every word kind ends
        /// its step this way, then the loop moves to the next piece.
        func accept() {
            s.started = true
            s.articleOnly = false
            s.afterDigits = false
            s.words += 1
            snapshot(p)
            p += 1
        }
        /// A compound entry ("quatre vingt") starting at piece k: its word and length.
        func compound(_ k: Int) -> (NumberWord, Int)? {
            guard let list = lexicon.compounds[ps[k].text] else { return nil }
            for (parts, w) in list where k + parts.count <= ps.count {
                if (0..<parts.count).allSatisfy({ ps[k + $0].text == parts[$0] }) { return (w, parts.count) }
            }
            return nil
        }
        /// "a half", "un quart", "deux tiers", "three fifths" at piece k: value and length.
        func fractionTerm(_ k: Int) -> (Double, Int)? {
            if let d = word(k), d.kind == .fraction { return (1 / d.value, 1) }
            guard let n = word(k), n.kind == .cardinal || n.kind == .article, n.value < 100,
                  let d = word(k + 1), d.kind == .fraction || (d.kind == .ordinal && d.value >= 3)
            else { return nil }
            return (n.value / d.value, 2)
        }

        while p < ps.count {
            let piece = ps[p]
            if let v = piece.digits {
                guard !s.started else { break }
                s.small = v
                s.started = true
                s.afterDigits = true
                // Fractions written with a slash, glued: "3/4", "2 1/4".
                if let (f, used) = slashFraction(tokens, piece.token) {
                    s.small = f
                    p += 1
                    best = NumberReading(value: s.value, end: piece.token + used)
                    if used > 1 { return best }
                    continue
                }
                if let (power, end) = exponent(tokens, after: piece.token) {
                    s.small = Foundation.pow(s.small, power)
                    return NumberReading(value: s.value, end: end)
                }
                snapshot(p)
                p += 1
                continue
            }
            if let (w, n) = compound(p), w.kind == .over, s.started, s.total == 0, s.small >= 1, s.small <= 10,
               ps[p + n - 1].lastOfToken, let den = read(tokens, at: ps[p + n - 1].token + 1),
               !den.isOrdinal, den.value > s.small {
                // "two out of five hundred"
                var r = NumberReading(value: s.value / den.value, end: den.end)
                r.isSpelled = true
                r.wordCount = s.words + n + max(den.wordCount, 1)
                return r
            }
            if let (w, n) = compound(p), w.kind == .cardinal, !s.afterDigits, s.canAdd(w.value) {
                s.add(w.value)
                s.words += n
                p += n
                snapshot(p - 1)
                continue
            }
            if piece.text == "-" {
                // "fifty - two": a spaced hyphen between tens and units.
                if s.lastAtom >= 20, s.lastAtom < 100, let w = word(p + 1), w.kind == .cardinal, w.value < 10 {
                    p += 1
                    continue
                }
                break
            }
            // Scale abbreviations after digits ("10 k", "10 M"); case matters only where
            // the lexicon says so.
            if s.afterDigits, s.small > 0,
               let scale = lexicon.casedAbbreviations[piece.cased]
                ?? lexicon.words[piece.text].flatMap({ $0.kind == .scaleAbbr ? $0.value : nil }) {
                s.closeGroup(scale)
                s.afterDigits = false
                s.words += 1
                snapshot(p)
                break
            }
            guard let w = lexicon.words[piece.text] else {
                // "six-mile", "trois-tonnes": a spelled number glued to its unit.
                if s.started, !s.articleOnly, p > 0, ps[p - 1].token == piece.token, piece.lastOfToken,
                   best?.end ?? 0 <= piece.token {
                    var r = NumberReading(value: s.value, end: piece.token + 1)
                    r.isSpelled = true
                    r.wordCount = s.words
                    r.suffix = piece.text
                    return r
                }
                break
            }
            switch w.kind {
            case .cardinal:
                if let f = ordinalDenominator(tokens, ps, p, s) { return f }
                if s.afterDigits || (s.started && !s.canAdd(w.value)) || s.articleOnly { break }
                s.add(w.value)
                s.words += 1
                snapshot(p)
                p += 1
                continue
            case .hundred, .hundredPlural:
                if w.kind == .hundredPlural && (s.afterDigits || !s.started) { break }
                // "deux cents" is 200, but "quarante-cinq cents" is money: a plural hundred
                // takes a single unit word before it (French writes 4 500 "quatre mille cinq cents").
                if w.kind == .hundredPlural && s.small >= 10 { break }
                if !s.started, let vague = w.vague {
                    s.startVague(vague)
                } else if s.small == 0 {
                    s.small = 100
                } else if s.small < 100 || s.afterDigits {
                    s.small *= 100
                } else {
                    break
                }
                s.lastAtom = 100
                accept()
                continue
            case .scale:
                if !s.started {
                    if let vague = w.vague { s.startVague(vague) } else if w.value <= 1000 {
                        s.small = 1
                        s.started = true
                        s.closeGroup(w.value)
                    } else { return nil }
                } else if s.small == 0 && (s.total == 0 || w.value < s.lastScale) {
                    break
                } else {
                    s.closeGroup(w.value)
                }
                accept()
                continue
            case .group, .collective:
                if !s.started {
                    guard let vague = w.vague else { return nil }
                    s.startVague(vague)
                } else {
                    if w.onlyBeforeScale {
                        // "a couple (of) thousand": vague, and only with its scale word.
                        let k = word(p + 1)?.kind == .of ? p + 2 : p + 1
                        guard let sc = word(k), sc.kind == .scale || sc.kind == .hundred, sc.vague == nil else { break }
                        s.vague = true
                    }
                    if s.small == 0 { s.small = 1 }
                    s.small *= w.value
                    if w.kind == .collective && !s.afterDigits && !w.onlyBeforeScale { s.approximate = true }
                }
                s.started = true
                accept()
                continue
            case .fraction:
                // Not after digits: "1988 quarter" is not 497 and "2 quarters" is a period;
                // digits take ordinal denominators only ("3 fifths").
                if s.afterDigits { break }
                if !s.started {
                    s.small = 1 / w.value
                } else {
                    s.small = (s.total + s.small) / w.value
                    s.total = 0
                    s.lastScale = .infinity
                }
                s.lastAtom = 1000
                accept()
                continue
            case .ordinal:
                if !s.started {
                    s.small = w.value
                    s.ordinal = true
                    s.words += 1
                    s.started = true
                    snapshot(p)
                    return best
                }
                if s.articleOnly && w.value < 3 { return nil }
                if s.lastAtom >= 20, s.lastAtom < 100, s.lastAtom.truncatingRemainder(dividingBy: 10) == 0,
                   w.value < 10, !s.articleOnly {
                    // "twenty-first", "vingt et unième": a compound rank.
                    s.add(w.value)
                    s.ordinal = true
                    s.words += 1
                    snapshot(p)
                    return best
                }
                guard w.value >= 3, !(s.afterDigits && s.small > 10) else { break }
                s.small = (s.total + s.small) / w.value
                s.total = 0
                s.lastScale = .infinity
                s.lastAtom = 1000
                accept()
                continue
            case .article:
                if s.started {
                    // "half a dozen", "a quarter of a million": an article inside a fraction.
                    guard s.small > 0, s.small < 1, let next = word(p + 1),
                          next.kind == .group || next.kind == .scale || next.kind == .hundred else { break }
                    p += 1
                    continue
                }
                s.small = 1
                s.started = true
                s.articleOnly = true
                s.words += 1
                p += 1
                continue
            case .and:
                guard s.started, !s.articleOnly else { break }
                if let (f, n) = fractionTerm(p + 1) {
                    if s.small == 0 && s.lastScale < .infinity {
                        s.small = f
                        s.fractionOfScale = true
                    } else {
                        s.small += f
                    }
                    s.lastAtom = 1000
                    s.afterDigits = false
                    s.words += n + 1
                    p += n + 1
                    snapshot(p - 1)
                    continue
                }
                // "two and fifty-four hundredths": a spelled proper fraction after "and".
                if p + 1 < ps.count, ps[p].lastOfToken, !s.afterDigits, s.total == 0,
                   let frac = read(tokens, at: ps[p + 1].token), frac.isSpelled, !frac.isOrdinal,
                   frac.value > 0, frac.value < 1, frac.wordCount > 1 {
                    var r = NumberReading(value: s.value + frac.value, end: frac.end)
                    r.isSpelled = true
                    r.wordCount = s.words + 1 + frac.wordCount
                    return r
                }
                if let next = word(p + 1), next.kind == .cardinal,
                   s.canAdd(next.value) || (s.small == 0 && s.lastScale < .infinity), !s.afterDigits {
                    p += 1
                    continue
                }
                if let next = word(p + 1), next.kind == .ordinal, next.value < 10, s.lastAtom >= 20, s.lastAtom < 100 {
                    p += 1  // "vingt et unième"
                    continue
                }
                if let next = word(p + 1), next.kind == .hundred, s.small == 0, s.lastScale < .infinity {
                    p += 1
                    continue
                }
                break
            case .point:
                guard s.started, !s.articleOnly else { break }
                var decimals = ""
                var k = p + 1
                while let d = word(k), d.kind == .cardinal, d.value < 100, d.value == d.value.rounded() {
                    decimals += String(Int(d.value))
                    k += 1
                }
                guard !decimals.isEmpty, let frac = Double("0." + decimals) else { break }
                s.small += frac
                s.words += k - p
                snapshot(k - 1)
                return best
            case .over:
                guard s.started, !s.articleOnly, s.total == 0, s.small >= 1, s.small <= 10,
                      ps[p].lastOfToken, let den = read(tokens, at: piece.token + 1),
                      !den.isOrdinal, den.value > s.small else { break }
                var r = NumberReading(value: s.value / den.value, end: den.end)
                r.isSpelled = true
                r.wordCount = s.words + 1 + max(den.wordCount, 1)
                return r
            case .minus:
                guard !s.started, p + 1 < ps.count,
                      ps[p + 1].digits != nil || word(p + 1).map({ $0.kind == .cardinal }) == true,
                      var r = read(tokens, at: piece.token + 1) else { return nil }
                r.value = -r.value
                r.wordCount += 1
                r.isSpelled = true
                return r
            case .of:
                // "tens of thousands", "two thirds of a million", "des dizaines de milliers".
                guard s.started, s.vague || s.small < 1 || s.approximate else { break }
                var k = p + 1
                if let a = word(k), a.kind == .article { k += 1 }
                guard let sc = word(k), sc.kind == .scale || sc.kind == .collective || (sc.kind == .hundred && s.vague) else { break }
                s.small *= sc.value
                s.words += k - p + 1
                p = k + 1
                snapshot(k)
                continue
            default:
                break
            }
            break
        }
        if s.articleOnly { return nil }
        return best
    }

    /// "a twenty-first", "un vingt cinquième", "three twenty firsts": a small numerator
    /// followed by a compound rank, read as a fraction.
    func ordinalDenominator(_ tokens: [Token], _ ps: [NumberPiece], _ p: Int, _ s: NumberState) -> NumberReading? {
        guard s.started, s.total == 0, s.small >= 1, s.small <= 10, s.words == 1, !s.afterDigits, p > 0,
              ps[p - 1].lastOfToken, let d = read(tokens, at: ps[p].token), d.isOrdinal, d.isSpelled,
              d.wordCount > 1, d.value >= 3 else { return nil }
        var r = NumberReading(value: s.small / d.value, end: d.end)
        r.isSpelled = true
        r.wordCount = 1 + d.wordCount
        return r
    }

    /// "1.1^23", "2,5^-1": a power written with a caret, glued.
    func exponent(_ tokens: [Token], after t: Int) -> (Double, Int)? {
        var k = t + 1
        guard k < tokens.count, tokens[k].text == "^", !tokens[k].spaceBefore else { return nil }
        k += 1
        var sign = 1.0
        while k < tokens.count, tokens[k].text == "-" || tokens[k].text == "+", !tokens[k].spaceBefore {
            if tokens[k].text == "-" { sign = -sign }
            k += 1
        }
        guard k < tokens.count, tokens[k].kind == .number, !tokens[k].spaceBefore,
              let e = parseDigits(tokens[k].text) else { return nil }
        return (sign * e, k + 1)
    }

    /// "3/4" glued, not part of a date ("5/17/2018"); "2 1/4" as a mixed number.
    /// Returns the value and the number of tokens used from `index`.
    func slashFraction(_ tokens: [Token], _ index: Int) -> (Double, Int)? {
        func simple(_ i: Int) -> Double? {
            guard i + 2 < tokens.count, tokens[i + 1].text == "/", !tokens[i + 1].spaceBefore,
                  tokens[i + 2].kind == .number, !tokens[i + 2].spaceBefore,
                  !(i + 3 < tokens.count && tokens[i + 3].text == "/" && !tokens[i + 3].spaceBefore),
                  !(i > 0 && tokens[i - 1].text == "/" && !tokens[i].spaceBefore),
                  let a = parseDigits(tokens[i].text), let b = parseDigits(tokens[i + 2].text),
                  // "3/4", "2/3"; not "9/11" or "24/7", which name things.
                  b >= 2, b <= 10, a < b
            else { return nil }
            return a / b
        }
        if let f = simple(index) { return (f, 3) }
        if index + 1 < tokens.count, tokens[index + 1].kind == .number, let f = simple(index + 1), f < 1,
           let whole = parseDigits(tokens[index].text), whole == whole.rounded() {
            return (whole + f, 4)
        }
        return nil
    }
}

/// The running total of a number being read.
struct NumberState {
    var total = 0.0
    var small = 0.0
    var lastAtom = 0.0
    var lastScale = Double.infinity
    var started = false
    var afterDigits = false
    var articleOnly = false
    var fractionOfScale = false
    var ordinal = false
    var vague = false
    var approximate = false
    var words = 0
    var maxScale = 1.0

    var value: Double {
        fractionOfScale && lastScale < .infinity ? total + small * lastScale : total + small
    }

    /// Whether a cardinal may join the current group: units after tens ("twenty four"),
    /// anything below a hundred after "hundred", 10–19 after the vigesimal tens 60 and 80
    /// ("soixante-dix", "quatre-vingt-dix").
    func canAdd(_ v: Double) -> Bool {
        if small == 0 { return !articleOnly }
        if lastAtom == 100 { return v < 100 }
        guard lastAtom >= 20, lastAtom < 100, lastAtom.truncatingRemainder(dividingBy: 10) == 0 else { return false }
        return v < 10 || (v < 20 && (lastAtom == 60 || lastAtom == 80))
    }

    mutating func add(_ v: Double) {
        small += v
        lastAtom = v
        started = true
    }

    mutating func startVague(_ v: Double) {
        small = v
        vague = true
        started = true
    }

    /// A scale word closes the group: "deux millions trois cent mille".
    mutating func closeGroup(_ scale: Double) {
        let group = small == 0 ? 1 : small
        if fractionOfScale {
            total += small * scale
            fractionOfScale = false
        } else if scale < lastScale {
            total += group * scale
        } else {
            total = (total + small) * scale
        }
        small = 0
        lastAtom = 0
        lastScale = scale
        maxScale = max(maxScale, scale)
        started = true
    }
}
