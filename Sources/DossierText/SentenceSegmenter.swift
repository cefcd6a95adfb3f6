import DossierCore

/// Splits text into sentences over its tokens.
///
/// A sentence ends at `.`, `!`, `?` or `…` followed by a capital, a digit, an opening
/// quote or a dash, and always at a line break. It does not end after an abbreviation
/// ("M.", "Dr.", "U.S."), a single capital initial ("J. K. Rowling"), an ellipsis followed
/// by a lowercase word, or inside a quotation that is still open (a quote may span several
/// sentences and belongs to the one that introduces it); a closing quote after the final
/// point stays with its sentence.
public struct SentenceSegmenter: Sendable {
    /// An open quotation longer than this is assumed unbalanced and stops holding
    /// sentences together, so a stray « cannot swallow an article.
    public var maximumQuoteLength = 1_500

    public init() {}

    public func segment(_ text: NormalizedText, tokens: [Token]) -> [Span] {
        let s = text.scalars
        var sentences: [Span] = []
        var start: Int? = nil
        var quoteOpenedAt: Int? = nil
        var lastEnd = 0

        func close(at end: Int) {
            if let st = start, end > st { sentences.append(Span(st, end)) }
            start = nil
            quoteOpenedAt = nil
        }

        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            // Fields read in place: copying every token would retain its Strings.
            let tokenStart = tokens[index].start
            // A line break between tokens ends the sentence.
            if let st = start, hasLineBreak(s, from: lastEnd, to: tokenStart) {
                _ = st
                close(at: lastEnd)
            }
            if start == nil { start = tokenStart }
            lastEnd = tokens[index].end

            // Only punctuation can open or close a quote or end a sentence; skip the rest
            // before any string comparison (this loop sees every token of every article).
            guard tokens[index].kind == .punctuation else { continue }
            let token = tokens[index]
            // One scalar compared as an integer: `==` against a non-ASCII String literal
            // takes the slow canonical-equivalence path.
            let mark = token.end - token.start == 1 ? s[token.start].value : 0
            if mark == 0xAB { quoteOpenedAt = token.start }  // «
            if mark == 0xBB { quoteOpenedAt = nil }  // »
            if mark == 0x22 {  // "
                // Straight quotes cannot say which way they face: alternate.
                quoteOpenedAt = quoteOpenedAt == nil ? token.start : nil
            }
            guard isTerminal(token, mark) else { continue }
            if mark == 0x2E && isAbbreviation(tokens, index) { continue }
            // Absorb closing quotes and brackets after the terminal mark.
            var endIndex = index
            while endIndex + 1 < tokens.count, ["»", "\"", ")", "'"].contains(tokens[endIndex + 1].text),
                  !tokens[endIndex + 1].spaceBefore || tokens[endIndex + 1].text == "»" {
                endIndex += 1
                if tokens[endIndex].text == "»" { quoteOpenedAt = nil }
                if tokens[endIndex].text == "\"" {
                    quoteOpenedAt = quoteOpenedAt == nil ? tokens[endIndex].start : nil
                }
            }
            guard endIndex + 1 < tokens.count else { continue }
            let next = tokens[endIndex + 1]
            if hasLineBreak(s, from: tokens[endIndex].end, to: next.start) { continue }  // handled above
            if let q = quoteOpenedAt, token.start - q < maximumQuoteLength { continue }
            if startsSentence(next, after: token) {
                // Sentence-final quote handled: the absorbed tokens belong to this sentence.
                lastEnd = tokens[endIndex].end
                close(at: tokens[endIndex].end)
                index = endIndex
            }
        }
        if start != nil { close(at: lastEnd) }
        return sentences
    }

    private func hasLineBreak(_ s: [Unicode.Scalar], from: Int, to: Int) -> Bool {
        guard from < to else { return false }
        for k in from..<to where s[k] == "\n" || s[k] == "\u{2029}" { return true }
        return false
    }

    /// `mark`: the token's scalar when it is one scalar long, else 0.
    private func isTerminal(_ t: Token, _ mark: UInt32) -> Bool {
        guard t.kind == .punctuation else { return false }
        switch mark {
        case 0x2E, 0x21, 0x3F, 0x2026: return true  // . ! ? …
        default: return t.end - t.start == 3 && t.text == "..."
        }
    }

    private func isAbbreviation(_ tokens: [Token], _ index: Int) -> Bool {
        guard index > 0 else { return false }
        let previous = tokens[index - 1]
        guard previous.end == tokens[index].start, previous.kind == .word else { return false }
        let word = previous.lower
        if TextResources.allAbbreviations.contains(word) { return true }
        // "J. K. Rowling": a single capital letter is an initial, unless it is "A."/"I."
        // ending an English sentence; accept that rare miss.
        if word.unicodeScalars.count == 1, previous.isCapitalized { return true }
        // Initialisms written with inner points ("U.S", "p.ex") are abbreviations.
        if word.utf8.contains(UInt8(ascii: ".")) { return true }
        return false
    }

    private func startsSentence(_ next: Token, after terminal: Token) -> Bool {
        if next.isCapitalized || next.kind == .number || next.kind == .alphanumeric { return true }
        if next.text == "«" || next.text == "\"" || next.text == "—" || next.text == "–" || next.text == "-" { return true }
        if next.kind == .elision, next.isCapitalized { return true }
        return false
    }
}
