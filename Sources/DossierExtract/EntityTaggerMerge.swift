import DossierCore
import DossierText
import Foundation

/// Which sources `EntityRecognizer` uses. `combined` is the product; the other two exist
/// to measure what each source brings (scripts/eval-entities-corpus.py --mode).
public enum EntitySources: String, Sendable {
    /// Knowledge base, cues and in-document resolution only.
    case rules
    /// The statistical tagger alone (NORP still from the nationality lexicon).
    case tagger
    /// Rules first, the tagger for capitalised names they leave untyped.
    case combined

    /// The default for the process: `DOSSIER_ENTITY_SOURCES` (an evaluation knob, read
    /// once), else `combined`.
    public static let processDefault: EntitySources =
        ProcessInfo.processInfo.environment["DOSSIER_ENTITY_SOURCES"].flatMap(EntitySources.init(rawValue:)) ?? .combined

    /// Lowest tagger confidence kept; `DOSSIER_TAGGER_THRESHOLD` overrides it for tuning.
    /// The value was chosen on the dev corpora (docs/tagger.md, "Combination").
    public static let processThreshold: Double =
        ProcessInfo.processInfo.environment["DOSSIER_TAGGER_THRESHOLD"].flatMap(Double.init) ?? 0.3
}

/// Adding the tagger's names to what the knowledge base and the rules found.
///
/// Trust runs rules → tagger: the knowledge base knows canonical names, types and
/// roles; the cue rules are precise; the tagger finds names nobody listed, but with
/// the errors of a model trained on other text (old OCR newspapers, tweets). So a tagger
/// span only fills gaps: it yields to any overlapping mention, a name the base knows
/// keeps the base's type and canonical, nationality words stay the lexicon's NORP, and
/// function words capitalised by position ("Toutefois", "The") are no names.
extension EntityPass {
    mutating func addTagged(_ tagged: [TaggedSpan], threshold: Double) {
        var covered = Array(repeating: false, count: tokens.count)
        for m in found {
            for k in text.tokenRange(in: m.span) { covered[k] = true }
        }
        for t in tagged where t.type != .miscellaneous && t.type != .nationality && t.confidence >= threshold {
            guard let r = trimmed(t.tokens, type: t.type), !titlePhrases.contains(where: { $0.overlaps(r) }) else { continue }
            if r.contains(where: { covered[$0] }) {
                guard let pieces = piecesOfLongerName(r, type: t.type) else { continue }
                found = found.indices.filter { !pieces.contains($0) }.map { found[$0] }
            }
            if addTaggedSpan(r, type: t.type) {
                for k in r { covered[k] = true }
            }
        }
    }

    /// The mentions a tagger span may replace: the pieces the rules cut a longer name
    /// into. Rules split at particles and punctuation ("Amélie" + "Montchalin" for
    /// "Amélie de Montchalin", "Jennifer M" for "Jennifer M. Anderson") and take a
    /// nationality word out of an organisation's name ("Iraqi" in "Iraqi Islamic Party");
    /// the tagger, having seen such names whole, reads the whole. Only guesses give way:
    /// mentions of the same type from context rules or in-document resolution, and
    /// nationality words inside an organisation or place name; never a knowledge-base
    /// name, never a mention of another type (the rules split "l'Économie | Antoine
    /// Armand" on purpose), never one the span does not wholly contain or with exactly
    /// its bounds.
    func piecesOfLongerName(_ r: Range<Int>, type: EntityType) -> IndexSet? {
        let start = tokens[r.lowerBound].start, end = tokens[r.upperBound - 1].end
        var pieces = IndexSet()
        var weakGuess = false
        for (n, m) in found.enumerated() where m.start < end && start < m.end {
            guard m.start >= start, m.end <= end, m.end - m.start < end - start else { return nil }
            switch (m.origin, m.type) {
            case (_, .nationality) where type == .organisation || type == .location: break
            case ("rule", type), ("coref", type): weakGuess = true
            default: return nil
            }
            pieces.insert(n)
        }
        return weakGuess || type != .person ? pieces : nil
    }

    /// The span without leading words that are capitalised only by position or are
    /// connectors, and without edge punctuation; nil when nothing name-like is left.
    func trimmed(_ r: Range<Int>, type: EntityType) -> Range<Int>? {
        var a = r.lowerBound, b = r.upperBound
        while a < b, tokens[a].kind == .punctuation || isConnector(tokens[a])
            || (lexicon.nonNames.contains(tokens[a].lower) && (isSentenceInitial(a) || b - a == 1)) {
            a += 1
        }
        while b > a, tokens[b - 1].kind == .punctuation || isConnector(tokens[b - 1]) { b -= 1 }
        // A title or honorific is not part of a person's name ("M. Ernest Billiet",
        // "président Wilson"), as in the rules' mentions; some corpora put it inside
        // (NewsEye). Only for people: "General Motors" keeps its first word.
        while type == .person, a < b, let end = titleEnd(at: a, limit: b) { a = end }
        guard a < b else { return nil }
        // "Court and National Assembly": a coordinator inside joins two names, whose
        // limits the tagger did not see; better none than one wrong span.
        if (a + 1..<b).contains(where: { lexicon.coordinators.contains(tokens[$0].lower) }) { return nil }
        // A name has a capitalised word (or an acronym / alphanumeric like "G7").
        guard (a..<b).contains(where: { tokens[$0].isCapitalized }) else { return nil }
        // Nationality words alone are NORP, the lexicon's business.
        if (a..<b).allSatisfy({ nationalityOf($0) != nil }) { return nil }
        return a..<b
    }

    /// The end of a person's title starting at token `a` ("M.", "Mme", "Premier
    /// ministre", the one-word-or-more PER cues of entity-cues.tsv), when a name follows it.
    func titleEnd(at a: Int, limit: Int) -> Int? {
        var best: Int?
        var k = a
        while k < limit - 1, k < a + 3 {
            if let cues = lexicon.beforeCues[tokens[k].lower],
               cues.contains(where: { cue in
                   cue.type == .person && cue.tokens.count == k - a + 1
                       && zip(cue.tokens, tokens[a...k]).allSatisfy { $0 == $1.lower }
               }) {
                best = k + 1
            }
            k += 1
        }
        return best
    }

    /// Emits one tagger span, letting the base and the document's memory name it.
    mutating func addTaggedSpan(_ r: Range<Int>, type: EntityType) -> Bool {
        if let (end, entries) = kb.gazetteer.longestMatch(tokens, folded: folded, at: r.lowerBound, limit: r.upperBound,
                                                           initial: isSentenceInitial(r.lowerBound),
                                                           start: node(r.lowerBound)),
           end == r.upperBound {
            emitKB(r, entries: entries)
            return true
        }
        if let known = fullNames[key(r)] {
            found.append(EntityMention(span: span(r), text: written(r), type: known.type, canonical: known.canonical,
                                       isMedia: known.isMedia, origin: "coref"))
            return true
        }
        if r.count == 1, let full = shortForms[folded[r.lowerBound]] {
            found.append(EntityMention(span: span(r), text: written(r), type: .person, canonical: full.canonical,
                                       entityId: full.entityId, origin: "coref"))
            return true
        }
        let m = EntityMention(span: span(r), text: written(r), type: type, canonical: written(r), origin: "tagger")
        found.append(m)
        if fullNames[key(r)] == nil { fullNames[key(r)] = m }
        if type == .person, r.count >= 2 { rememberShortForm(r, m) }
        return true
    }
}

extension EntityPass {
    /// Token ranges of the sentences where a tagger span could still be kept after the
    /// rules ran: those with a capitalised token no mention covers. `addTagged` keeps only
    /// uncovered spans holding a capitalised token, so the other sentences' tagger output
    /// would be thrown away; a position-capitalised function word at a sentence start
    /// ("Toutefois", "The") is trimmed there too and does not count.
    func sentencesLeftForTagger() -> [Range<Int>] {
        var covered = Array(repeating: false, count: tokens.count)
        for m in found {
            for k in text.tokenRange(in: m.span) { covered[k] = true }
        }
        for r in titlePhrases { for k in r { covered[k] = true } }  // "président de la République"
        var ranges: [Range<Int>] = []
        // A nationality word right before a capitalised word may open an organisation's
        // name the rules cut ("Iraqi | Islamic Party"): the tagger reads those too.
        var norpBefore = Array(repeating: false, count: tokens.count + 1)
        for m in found where m.type == .nationality {
            if let last = text.tokenRange(in: m.span).last { norpBefore[last + 1] = true }
        }
        for sentence in text.sentences {
            let range = text.tokenRange(in: sentence)
            let open = range.contains { k in
                tokens[k].isCapitalized && (norpBefore[k] || !covered[k]
                    && !(lexicon.nonNames.contains(tokens[k].lower) && isSentenceInitial(k)))
            }
            if open { ranges.append(range) }
        }
        return ranges
    }
}
