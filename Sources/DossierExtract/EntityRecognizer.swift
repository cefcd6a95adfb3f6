import DossierCore
import DossierText

/// Finds people, organisations, places and nationalities in French and English news.
///
/// Three sources, in order of trust: the knowledge base (`Resources/kb`, longest match
/// over tokens, case- and accent-aware), context rules for capitalised names the base does
/// not know (cues such as "le président X", "X Team", "la ville de X", held in
/// `Resources/<lang>/entity-cues.tsv`), and in-document resolution ("Leviev" after "Ruslan
/// Leviev"). Nationality words are looked up separately and always typed NORP. Places
/// and seats of power acting as governments get a `role` (see `EntityMetonymy`).
public struct EntityRecognizer: Sendable {
    public init() {}

    /// Mentions with spans in the normalised coordinates of `text`, in text order.
    public func mentions(in text: AnalyzedText) -> [EntityMention] {
        var pass = EntityPass(text: text, kb: .shared, lexicon: .lexicon(for: text.language))
        return pass.run()
    }
}

/// One document's recognition state; a value made per call, so the recogniser stays
/// `Sendable` and stateless.
struct EntityPass {
    let text: AnalyzedText
    let kb: EntityKnowledgeBase
    let lexicon: EntityLexicon
    let tokens: [Token]
    /// Folded lowercase of every token, the gazetteer's keys.
    let folded: [String]
    var found: [EntityMention] = []
    /// Surnames and other short forms of people already named in full → their mention.
    var shortForms: [String: EntityMention] = [:]
    /// KB aliases already resolved in this document to an entry (by first token span key).
    var resolvedAliases: [String: Int] = [:]
    /// Unknown names already typed in this document, by folded key: a later mention
    /// without its cue ("Ruslan Leviev rappelle…") keeps the type.
    var fullNames: [String: EntityMention] = [:]
    /// Capitalised pieces left untyped, retried against the document's names at the end;
    /// `initial` says whether the piece starts a sentence.
    var pending: [(range: Range<Int>, initial: Bool)] = []

    init(text: AnalyzedText, kb: EntityKnowledgeBase, lexicon: EntityLexicon) {
        self.text = text
        self.kb = kb
        self.lexicon = lexicon
        self.tokens = text.tokens
        self.folded = text.tokens.map { EntityFolding.fold($0.lower) }
    }

    mutating func run() -> [EntityMention] {
        for sentence in text.sentences {
            let range = text.tokenRange(in: sentence)
            scan(range)
        }
        resolvePending()
        return found.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    func isNameToken(_ t: Token) -> Bool {
        (t.kind == .word || t.kind == .alphanumeric) && t.isCapitalized
    }

    mutating func scan(_ range: Range<Int>) {
        var i = range.lowerBound
        while i < range.upperBound {
            let t = tokens[i]
            if t.kind == .word, let (end, country) = nationality(at: i, limit: range.upperBound) {
                emitNationality(i..<end, country: country)
                i = end
                continue
            }
            if !t.isCapitalized, kb.gazetteer.lowercaseStarts.contains(folded[i]),
               let (end, entries) = kb.gazetteer.longestMatch(tokens, folded: folded, at: i, limit: range.upperBound),
               tokens[i..<end].contains(where: { $0.isCapitalized }) {
                emitKB(i..<end, entries: entries)
                i = end
                continue
            }
            if isNameToken(t) {
                let end = chunkEnd(from: i, limit: range.upperBound)
                i = processChunk(i..<end, sentenceEnd: range.upperBound)
                continue
            }
            i += 1
        }
    }

    /// A nationality word at token `i`, of up to three tokens ("North Korean").
    func nationality(at i: Int, limit: Int) -> (end: Int, country: String)? {
        var phrase = tokens[i].lower
        var best: (Int, String)?
        if let c = lexicon.nationality(phrase) { best = (i + 1, c) }
        guard lexicon.phraseStarts.contains(phrase) else { return best }
        var j = i + 1
        while j < limit, j < i + 3, tokens[j].kind == .word {
            phrase += " " + tokens[j].lower
            if let c = lexicon.demonyms[phrase] { best = (j + 1, c) }
            j += 1
        }
        return best
    }

    /// A run of capitalised tokens, with connectors ("de", "of", "&") inside it when a
    /// capitalised token follows them. Nationality words end it: they are NORP on their own.
    func chunkEnd(from start: Int, limit: Int) -> Int {
        var end = start + 1
        while end < limit, end - start < 10 {
            let t = tokens[end]
            if isNameToken(t), lexicon.nationality(t.lower) == nil {
                end += 1
            } else if isConnector(t), let next = nameAfterConnectors(end, limit: limit) {
                end = next + 1
            } else {
                break
            }
        }
        return end
    }

    /// The capitalised token after one or two connectors at `k` ("of", "for the"), if any.
    func nameAfterConnectors(_ k: Int, limit: Int) -> Int? {
        var j = k
        while j < limit, j < k + 2, isConnector(tokens[j]) { j += 1 }
        guard j < limit, j > k, isNameToken(tokens[j]), lexicon.nationality(tokens[j].lower) == nil else { return nil }
        return j
    }

    func isConnector(_ t: Token) -> Bool {
        !t.isCapitalized && lexicon.connectors.contains(t.lower) || t.text == "&"
    }

    /// Is token `i` capitalised by position: first in its sentence, or after an opening
    /// quote, a colon, a dash or a bracket?
    func isSentenceInitial(_ i: Int) -> Bool {
        guard i > 0, let sentence = text.sentenceIndex(containing: tokens[i].start),
              tokens[i - 1].start >= text.sentences[sentence].start else { return true }
        let previous = tokens[i - 1]
        return previous.kind == .punctuation && EntityPass.openers.contains(previous.text)
    }

    static let openers: Set<String> = ["«", "\"", "(", "[", ":", "—", "–", "-", ".", "?", "!", ";", "…", "•", "*"]

    /// A one-word `before` cue of any type ("ONG", "groupe", "President").
    func isCueWord(_ i: Int) -> Bool {
        lexicon.beforeCues[tokens[i].lower]?.contains { $0.tokens.count == 1 } ?? false
    }

    func isTitle(_ i: Int) -> Bool {
        guard let cues = lexicon.beforeCues[tokens[i].lower] else { return false }
        return cues.contains { $0.type == .person && $0.tokens.count == 1 }
    }

    /// Types one chunk; returns where scanning resumes (a known name may run past the
    /// capitalised chunk through lowercase words: "Cour pénale internationale").
    mutating func processChunk(_ chunk: Range<Int>, sentenceEnd: Int) -> Int {
        var a = chunk.lowerBound
        let b = chunk.upperBound
        // Words like "Toutefois", "The", "Selon" are capitalised because they start a
        // sentence, not because they start a name; unless the base knows the name with
        // them ("Le Monde"). Inside a sentence a capitalised "The"/"New" belongs to the
        // name ("New Orleans"), but a lone "January" or "I" is no name.
        if isSentenceInitial(a) {
            while a < b, kb.gazetteer.longestMatch(tokens, folded: folded, at: a, limit: b) == nil,
                  lexicon.nonNames.contains(tokens[a].lower) || isConnector(tokens[a]) {
                a += 1
            }
        } else if b - a == 1, lexicon.nonNames.contains(tokens[a].lower),
                  kb.gazetteer.longestMatch(tokens, folded: folded, at: a, limit: sentenceEnd) == nil {
            return b
        }
        guard a < b else { return b }
        if let org = organisationByKeyword(a..<b) {
            if let (end, entries) = kb.gazetteer.longestMatch(tokens, folded: folded, at: org.start, limit: b), end == b {
                emitKB(org.start..<end, entries: entries)
            } else {
                emitRule(org.start..<b, type: .organisation, isMedia: org.isMedia)
            }
            var e = org.start
            while e > a, isConnector(tokens[e - 1]) { e -= 1 }
            if a < e { _ = coverKnown(a..<e, sentenceEnd: e) }
            return b
        }
        return coverKnown(a..<b, sentenceEnd: sentenceEnd)
    }

    /// Covers a chunk with known names; what is left are unknown runs, typed by context.
    mutating func coverKnown(_ chunk: Range<Int>, sentenceEnd: Int) -> Int {
        let a = chunk.lowerBound
        var b = chunk.upperBound
        // Cover the chunk with known names; what is left are unknown runs.
        var segments: [(range: Range<Int>, entries: [Int]?)] = []
        var p = a
        var runStart = a
        while p < b {
            if let (end, entries) = kb.gazetteer.longestMatch(tokens, folded: folded, at: p, limit: sentenceEnd) {
                b = max(b, end)
                if runStart < p { segments.append((runStart..<p, nil)) }
                segments.append((p..<end, entries))
                p = end
                runStart = end
            } else {
                p += 1
            }
        }
        if runStart < b { segments.append((runStart..<b, nil)) }
        // A known name glued to unknown capitalised words is part of a longer name
        // ("Washington Metro", "Ohio Senate", "Trump Tower"): not the known entity.
        for (n, segment) in segments.enumerated() where segment.entries != nil {
            let before = n > 0 && segments[n - 1].entries == nil && gluedUnknown(segment.range.lowerBound - 1)
            let after = n + 1 < segments.count && segments[n + 1].entries == nil && gluedUnknown(segment.range.upperBound)
            if before || after {
                processUnknown(a..<b)
                return b
            }
        }
        for segment in segments {
            if let entries = segment.entries {
                emitKB(segment.range, entries: entries)
            } else {
                processUnknown(segment.range)
            }
        }
        return b
    }

    /// An unknown capitalised token that would extend a neighbouring known name: not a
    /// connector, a title ("US President X") or a word that starts no name.
    /// A given name does not extend a place: "le maire de Marseille Benoît Payan".
    func gluedUnknown(_ k: Int) -> Bool {
        !isConnector(tokens[k]) && !isCueWord(k) && !lexicon.nonNames.contains(tokens[k].lower)
            && !kb.givenNames.contains(folded[k])
    }

    /// A chunk named by its own keyword is an organisation, even if it contains a known
    /// name ("Conflict Intelligence Team", "Trump Media & Technology Group", "Ministère de
    /// la Défense"). The organisation starts at the connector-separated part holding the
    /// keyword and runs to the chunk's end ("Sarah Whitfield of the Brookings Institution":
    /// only "Brookings Institution"; "Georgia Institute of Technology": all of it).
    func organisationByKeyword(_ r: Range<Int>) -> (start: Int, isMedia: Bool)? {
        guard r.count >= 2 else { return nil }
        var partStart = r.lowerBound
        var k = r.lowerBound
        while k < r.upperBound {
            let t = tokens[k]
            if isConnector(t), t.text != "&" {  // "&" joins words of one name
                while k < r.upperBound, isConnector(tokens[k]) { k += 1 }
                partStart = k
                continue
            }
            if k == partStart, k + 1 < r.upperBound, let cue = lexicon.firstCues[t.lower], cue.type == .organisation {
                return (k, cue.isMedia)
            }
            if k > partStart, let cue = lexicon.headCues[t.lower], cue.type == .organisation {
                return (partStart, cue.isMedia)
            }
            k += 1
        }
        return nil
    }

    /// Capitalised tokens the base does not know: split at titles and connectors, then
    /// typed by context.
    mutating func processUnknown(_ run: Range<Int>) {
        var pieceStart = run.lowerBound
        var titled = false
        func flush(_ end: Int, _ pass: inout EntityPass) {
            var s = pieceStart, e = end
            while s < e, pass.isConnector(pass.tokens[s]) || pass.lexicon.nonNames.contains(pass.tokens[s].lower) { s += 1 }
            while e > s, pass.isConnector(pass.tokens[e - 1]) { e -= 1 }
            if s < e { pass.typeUnknown(s..<e, titled: titled) }
        }
        for k in run {
            if isTitle(k) {
                flush(k, &self)
                pieceStart = k + 1
                titled = true
            } else if isConnector(tokens[k]) {
                flush(k, &self)
                pieceStart = k + 1
                titled = false
            }
        }
        flush(run.upperBound, &self)
    }

    mutating func typeUnknown(_ r: Range<Int>, titled: Bool) {
        if r.count == 1, lexicon.nonNames.contains(tokens[r.lowerBound].lower) { return }
        if titled {
            emitRule(r, type: .person, isMedia: false)
            return
        }
        if let known = fullNames[key(r)] {
            emitRule(r, type: known.type, isMedia: known.isMedia == true)
            return
        }
        if r.count == 1, shortForms[folded[r.lowerBound]] != nil {
            pending.append((r, isSentenceInitial(r.lowerBound)))  // resolved to the full name at the end
            return
        }
        if let cue = cueBefore(r.lowerBound) {
            emitRule(r, type: cue.type, isMedia: cue.isMedia)
            return
        }
        if r.count >= 2, let cue = lexicon.headCues[tokens[r.upperBound - 1].lower] {
            emitRule(r, type: cue.type, isMedia: cue.isMedia)
            return
        }
        if r.count >= 2, r.count <= 4, kb.givenNames.contains(folded[r.lowerBound]),
           r.allSatisfy({ tokens[$0].kind == .word && !tokens[$0].isAllCaps }) {
            emitRule(r, type: .person, isMedia: false)
            return
        }
        if let cue = cueAfter(r.upperBound), r.lowerBound == 0 || !isConnector(tokens[r.lowerBound - 1]) {
            emitRule(r, type: cue.type, isMedia: cue.isMedia)
            return
        }
        pending.append((r, isSentenceInitial(r.lowerBound)))
    }

    /// An `after` cue starting at token `i` ("a déclaré", "said").
    func cueAfter(_ i: Int) -> EntityCue? {
        guard i < tokens.count, let cues = lexicon.afterCues[tokens[i].lower] else { return nil }
        for cue in cues where i + cue.tokens.count <= tokens.count {
            if cue.tokens.enumerated().allSatisfy({ tokens[i + $0.offset].lower == $0.element }) { return cue }
        }
        return nil
    }

    func key(_ r: Range<Int>) -> String { folded[r].joined(separator: Gazetteer.separator) }

    /// The `before` cue that ends right before token `i`, skipping nationality words ("la
    /// région ukrainienne de X") and, for people, one descriptive word ("l'analyste
    /// militaire X").
    func cueBefore(_ i: Int) -> EntityCue? {
        var context: [String] = []
        var k = i - 1
        while k >= 0, context.count < 5 {
            let t = tokens[k]
            if t.kind == .punctuation, t.text != "." { break }
            if lexicon.nationality(t.lower) == nil { context.append(t.lower) }
            k -= 1
        }
        for skip in 0...1 where context.count > skip {
            guard let cues = lexicon.beforeCues[context[skip]] else { continue }
            for cue in cues where cue.tokens.count <= context.count - skip {
                if skip == 1, cue.type != .person { continue }
                if skip == 1, lexicon.connectors.contains(context[0]) { continue }
                if zip(cue.tokens.reversed(), context[skip...]).allSatisfy({ $0 == $1 }) { return cue }
            }
        }
        return nil
    }
}
