import DossierCore
import DossierText

/// Quotations that go on past the sentence that attributes them.
///
/// News writing gives a speaker several quoted sentences with one cue: "« C1 », dit X.
/// « C2. »" (the cue is in the first sentence), or, across paragraphs, an opening mark
/// at each new paragraph and no closing mark before it ("“C1.⏎⏎“C2,” she said.", the
/// cue in the last). A sentence that is nothing but a quotation and has no cue of its
/// own belongs to the quotation next to it: the one before it in the same paragraph, or
/// one left open across the paragraph break, or else the one it runs into.
enum QuoteContinuation {
    private struct QuoteSentence {
        /// Tokens inside the quotation.
        var inner: Range<Int>
        /// No closing mark: the quotation goes on in the next paragraph.
        var open: Bool
    }

    static func add(to candidates: inout [AttributionCandidate], text: AnalyzedText) {
        let tokens = text.tokens
        let ranges = text.sentences.map { text.tokenRange(in: $0) }
        guard ranges.count > 1 else { return }
        // The candidates whose cue is in each sentence.
        var bySentence = [[Int]](repeating: [], count: ranges.count)
        for (n, c) in candidates.enumerated() {
            if let s = text.sentences.firstIndex(where: { $0.start <= c.cue.start && c.cue.start < $0.end }) {
                bySentence[s].append(n)
            }
        }
        let quotes = ranges.map { bareQuote(tokens, $0) }
        /// The direct attribution of sentence i that a following quotation continues.
        func lastDirect(_ i: Int) -> AttributionCandidate? {
            bySentence[i].map { candidates[$0] }.filter { $0.kind != .indirect }.max { $0.cue.start < $1.cue.start }
        }
        var inherited: [Int: AttributionCandidate] = [:]
        var pending: [Int] = []
        for i in ranges.indices {
            guard bySentence[i].isEmpty, let q = quotes[i] else {
                // A quotation that opened a sentence with its cue closes the pending ones.
                if !pending.isEmpty, let d = lastDirect(i), startsWithQuote(tokens, ranges[i]),
                   text.tokenIndex(atOrAfter: d.content.start) <= ranges[i].lowerBound + 2 {
                    for p in pending { inherited[p] = d }
                } else if !pending.isEmpty, let c = unpairedClose(tokens, ranges[i]),
                          let n = bySentence[i].first(where: { candidates[$0].cue.start > tokens[c].start
                              && candidates[$0].content.start < tokens[c].start }) {
                    // "«C1.⏎C2», se réjouit-il": the quotation opened earlier closes here.
                    candidates[n].kind = .direct
                    for p in pending { inherited[p] = candidates[n] }
                }
                pending = []
                continue
            }
            let prev = i - 1
            let sameParagraph = prev >= 0 && !hasLineBreak(text, from: ranges[prev].upperBound, to: ranges[i].lowerBound)
            var from: AttributionCandidate? = nil
            if prev >= 0 {
                let prevOpen = quotes[prev]?.open ?? false
                if sameParagraph || prevOpen {
                    from = inherited[prev] ?? (bySentence[prev].isEmpty ? nil : lastDirect(prev))
                }
            }
            if let d = from {
                inherited[i] = d
            } else if q.open {
                pending.append(i)
            } else {
                pending = []
            }
        }
        for (i, d) in inherited.sorted(by: { $0.key < $1.key }) {
            guard let q = quotes[i], !q.inner.isEmpty else { continue }
            let content = Span(tokens[q.inner.lowerBound].start, tokens[q.inner.upperBound - 1].end)
            candidates.append(AttributionCandidate(source: d.source, cue: d.cue, content: content, kind: .direct,
                                                   channel: d.channel))
        }
    }

    private static func isQuote(_ t: Token) -> Bool { t.text == "«" || t.text == "\"" }

    private static func startsWithQuote(_ tokens: [Token], _ r: Range<Int>) -> Bool {
        !r.isEmpty && isQuote(tokens[r.lowerBound])
    }

    /// A sentence that is only a quotation: an opening mark first, then either its
    /// closing mark followed by nothing but punctuation, or no closing mark at all.
    private static func bareQuote(_ tokens: [Token], _ r: Range<Int>) -> QuoteSentence? {
        guard r.count >= 2, startsWithQuote(tokens, r), tokens[r.lowerBound].text != "»" else { return nil }
        let opener = tokens[r.lowerBound].text
        var depth = 0
        var k = r.lowerBound + 1
        while k < r.upperBound {
            let t = tokens[k].text
            if opener == "«" {
                if t == "«" { depth += 1 } else if t == "»" { if depth == 0 { break }; depth -= 1 }
            } else if t == "\"" { break }
            k += 1
        }
        if k == r.upperBound {
            var e = r.upperBound
            while e > r.lowerBound + 1, tokens[e - 1].kind == .punctuation, tokens[e - 1].text != "." { e -= 1 }
            return QuoteSentence(inner: (r.lowerBound + 1)..<e, open: true)
        }
        // Only punctuation may follow the closing mark.
        guard (k + 1..<r.upperBound).allSatisfy({ tokens[$0].kind == .punctuation && !isQuote(tokens[$0]) }) else { return nil }
        return QuoteSentence(inner: (r.lowerBound + 1)..<k, open: false)
    }

    /// A closing « » » with no opening mark before it in the sentence.
    private static func unpairedClose(_ tokens: [Token], _ r: Range<Int>) -> Int? {
        var depth = 0
        for k in r {
            if tokens[k].text == "«" { depth += 1 }
            if tokens[k].text == "»" { if depth == 0 { return k }; depth -= 1 }
        }
        return nil
    }

    private static func hasLineBreak(_ text: AnalyzedText, from a: Int, to b: Int) -> Bool {
        let tokens = text.tokens
        guard a > 0, b < tokens.count, a <= b else { return false }
        let scalars = text.scalars
        for k in tokens[a - 1].end..<tokens[b].start where scalars[k] == "\n" { return true }
        return false
    }
}
