import DossierCore
import DossierText

/// Typing a run of capitalised tokens: known names first, then organisation keywords,
/// then context cues for what the knowledge base does not know.
extension EntityPass {
    /// The longest known name at token `i`.
    func knownName(at i: Int, limit: Int) -> (end: Int, entries: [Int])? {
        kb.gazetteer.longestMatch(tokens, folded: folded, at: i, limit: limit, initial: isSentenceInitial(i),
                                 start: node(i))
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
            while a < b, knownName(at: a, limit: b) == nil,
                  lexicon.nonNames.contains(tokens[a].lower) || isConnector(tokens[a]) {
                a += 1
            }
        } else if b - a == 1, lexicon.nonNames.contains(tokens[a].lower),
                  knownName(at: a, limit: sentenceEnd) == nil {
            return b
        }
        guard a < b else { return b }
        // "Le Ministère de l'Économie et des Finances": the chunk began at "Le", so the
        // scan's portfolio check did not see the head.
        if a > chunk.lowerBound, let match = portfolioPhrase(at: a, limit: sentenceEnd),
           (knownName(at: a, limit: sentenceEnd)?.end ?? 0) < match.end {
            emitPortfolio(a, match)
            return match.end
        }
        // Text in capitals ("LA RUSSIE ET LES ÉTATS-UNIS ONT SIGNÉ…") says nothing about
        // names: only known names are taken from it.
        if isShouting(a..<b) {
            var p = a
            while p < b {
                // A shouted function word is no acronym ("UN ACCORD").
                if let (end, entries) = knownName(at: p, limit: b),
                   end - p > 1 || !lexicon.nonNames.contains(tokens[p].lower) {
                    emitKB(p..<end, entries: entries)
                    p = end
                } else {
                    p += 1
                }
            }
            return b
        }
        if let org = nameByKeyword(a..<b) {
            // The name stops at a title: "Commission President Ursula von der Leyen".
            var end = org.start + 1
            while end < b, !isTitle(end) { end += 1 }
            if let (known, entries) = knownName(at: org.start, limit: end), known == end {
                emitKB(org.start..<end, entries: entries)
            } else {
                emitRule(org.start..<end, type: org.type, isMedia: org.isMedia)
            }
            var e = org.start
            while e > a, isConnector(tokens[e - 1]) { e -= 1 }
            if a < e { _ = coverKnown(a..<e, sentenceEnd: e) }
            return end < b ? coverKnown(end..<b, sentenceEnd: sentenceEnd) : b
        }
        return coverKnown(a..<b, sentenceEnd: sentenceEnd)
    }

    /// Three or more words in capitals, one of them a function word: a headline or a
    /// shouted sentence, not a run of names.
    func isShouting(_ r: Range<Int>) -> Bool {
        var caps = 0, function = false
        for k in r where tokens[k].isAllCaps {
            caps += 1
            if lexicon.nonNames.contains(tokens[k].lower) || lexicon.connectors.contains(tokens[k].lower) { function = true }
        }
        return caps >= 3 && function
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
            if let (end, entries) = knownName(at: p, limit: sentenceEnd) {
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
        // ("Washington Metro", "Ohio Senate", "Trump Tower"): not the known entity; its
        // words join the unknown run. A full personal name keeps a title phrase before it
        // ("Secretary of State Antony Blinken").
        var glued = Array(repeating: false, count: segments.count)
        for (n, segment) in segments.enumerated() {
            guard let entries = segment.entries else { continue }
            let person = kb.entries[entries[0]].type == .person
            let before = n > 0 && segments[n - 1].entries == nil && gluedUnknown(segment.range.lowerBound - 1)
                && !(person && segment.range.count >= 2)
            let after = n + 1 < segments.count && segments[n + 1].entries == nil && gluedUnknown(segment.range.upperBound)
            glued[n] = before || after
        }
        var unknownStart: Int?
        for (n, segment) in segments.enumerated() {
            if segment.entries == nil || glued[n] {
                if unknownStart == nil { unknownStart = segment.range.lowerBound }
                continue
            }
            if let start = unknownStart {
                processUnknown(start..<segment.range.lowerBound)
                unknownStart = nil
            }
            emitKB(segment.range, entries: segment.entries!)
        }
        if let start = unknownStart { processUnknown(start..<b) }
        return b
    }

    /// An unknown capitalised token that would extend a neighbouring known name: not a
    /// connector, a title ("US President X") or a word that starts no name.
    /// A given name does not extend a place: "le maire de Marseille Benoît Payan".
    func gluedUnknown(_ k: Int) -> Bool {
        !isConnector(tokens[k]) && !isCueWord(k) && !lexicon.nonNames.contains(tokens[k].lower)
            && !isGivenName(k)
    }

    /// A chunk named by its own keyword is an organisation (or a place), even if it
    /// contains a known name ("Conflict Intelligence Team", "Trump Media & Technology
    /// Group", "Ministère de la Défense", "Kingdom of France"). The name starts at the
    /// connector-separated part holding the keyword and runs to the chunk's end ("Sarah
    /// Whitfield of the Brookings Institution": only "Brookings Institution"; "Georgia
    /// Institute of Technology": all of it). Place keywords count only as first words.
    func nameByKeyword(_ r: Range<Int>) -> (start: Int, type: EntityType, isMedia: Bool)? {
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
            if k == partStart, k + 1 < r.upperBound, let cue = lexicon.firstCues[t.lower], cue.type != .person {
                return (k, cue.type, cue.isMedia)
            }
            if k > partStart, let cue = lexicon.headCues[t.lower], cue.type == .organisation {
                return (partStart, .organisation, cue.isMedia)
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
            // A given name inside a run starts a person ("l'Économie Antoine Armand").
            if k > pieceStart, k + 1 < run.upperBound, isGivenName(k),
               !isGivenName(k - 1), isNameToken(tokens[k - 1]), isNameToken(tokens[k + 1]) {
                flush(k, &self)
                pieceStart = k
                titled = false
            }
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

    /// A word token, or the "N'" of "N'Doram" (see `isNameElision`).
    func isNameWord(_ k: Int) -> Bool { tokens[k].kind == .word || isNameElision(k) }

    /// "I", "XIV": the numeral of a regnal name ("Charles III", "Léon XIV").
    func isRomanNumeral(_ t: Token) -> Bool {
        !t.text.isEmpty && t.text.unicodeScalars.allSatisfy { "IVXLC".unicodeScalars.contains($0) }
    }

    /// Types an unknown name from the strongest evidence: a title before it, the
    /// document's memory, a strong cue before it, a given name, a weak cue ("à", "in"), a
    /// keyword as its last word, a list of places, a reporting verb after it. Without
    /// evidence it waits for in-document resolution and is otherwise left out.
    mutating func typeUnknown(_ r: Range<Int>, titled: Bool) {
        if r.count == 1, lexicon.nonNames.contains(tokens[r.lowerBound].lower) { return }
        // A lone initial ("le lieutenant X") names nobody.
        if r.count == 1, tokens[r.lowerBound].text.unicodeScalars.count < 2 { return }
        if titled || followsTitlePhrase(r.lowerBound) {
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
        let cue = cueBefore(r.lowerBound)
        if let cue, !cue.isWeak {
            emitRule(r, type: cue.type, isMedia: cue.isMedia)
            return
        }
        // Given names outrank a weak place cue ("à Charles XI", "in Jean Dupont's").
        if r.count >= 2, isGivenName(r.lowerBound),
           r.allSatisfy({ isNameWord($0) && (!tokens[$0].isAllCaps || isRomanNumeral(tokens[$0])) }) {
            emitRule(r, type: .person, isMedia: false)
            return
        }
        if let cue {
            emitRule(r, type: cue.type, isMedia: cue.isMedia)
            return
        }
        if r.count >= 2, let cue = lexicon.headCues[tokens[r.upperBound - 1].lower] {
            emitRule(r, type: cue.type, isMedia: cue.isMedia)
            return
        }
        if r.count >= 2, r.count <= 4, isGivenName(r.lowerBound),
           r.allSatisfy({ isNameWord($0) && !tokens[$0].isAllCaps }) {
            emitRule(r, type: .person, isMedia: false)
            return
        }
        // A list of places: "near Kupiansk and Vuhledar", "à Kherson, Mykolaïv et Odessa".
        if r.count == 1, r.lowerBound >= 2, lexicon.coordinators.contains(tokens[r.lowerBound - 1].lower)
            || tokens[r.lowerBound - 1].text == ",",
           let previous = found.last, previous.end == tokens[r.lowerBound - 2].end, previous.type == .location,
           !isGivenName(r.lowerBound) {
            emitRule(r, type: .location, isMedia: false)
            return
        }
        if let cue = cueAfter(r.upperBound), !continuesName(before: r.lowerBound) {
            emitRule(r, type: cue.type, isMedia: cue.isMedia)
            return
        }
        pending.append((r, isSentenceInitial(r.lowerBound)))
    }

    /// Does the chunk at `i` continue a name through connectors ("Bank of | Tarsk")? Then
    /// a kind word after it belongs to that longer name. A connector after a plain word is
    /// only an article ("to the | Tarsk region", "dans la | Tarsk"), which types nothing.
    func continuesName(before i: Int) -> Bool {
        var k = i - 1
        while k >= 0, isConnector(tokens[k]) { k -= 1 }
        return k < i - 1 && k >= 0 && isNameToken(tokens[k])
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
            if nationalityOf(k) == nil { context.append(t.lower) }
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
