import DossierCore
import DossierText

/// Building mentions: choosing among knowledge-base candidates, naming unknown entities,
/// remembering short forms, and in-document resolution.
extension EntityPass {
    func span(_ r: Range<Int>) -> Span { Span(tokens[r.lowerBound].start, tokens[r.upperBound - 1].end) }

    /// The written form of a name with single spaces, used as canonical for names the
    /// base does not know.
    func written(_ r: Range<Int>) -> String {
        var s = ""
        for k in r {
            if k > r.lowerBound, tokens[k].spaceBefore { s += " " }
            s += tokens[k].text
        }
        return s
    }

    mutating func emitNationality(_ r: Range<Int>, country: String) {
        found.append(EntityMention(span: span(r), text: written(r), type: .nationality, canonical: country,
                                   country: country, origin: "kb"))
    }

    /// Picks the entry an ambiguous alias means: the kind a place cue asks for ("la région
    /// de Koursk" → the region), else what the alias meant earlier in the document, else
    /// the knowledge base's priority order.
    mutating func emitKB(_ r: Range<Int>, entries: [Int]) {
        let key = folded[r].joined(separator: Gazetteer.separator)
        var choice = entries[0]
        if entries.count > 1 {
            if let kind = (cueBefore(r.lowerBound) ?? cueAfter(r.upperBound))?.kind,
               let e = entries.first(where: { kb.entries[$0].kind == kind }) {
                choice = e
            } else if let earlier = resolvedAliases[key], entries.contains(earlier), !kb.entries[entries[0]].isCapital {
                // A capital stays the capital ("Moscou" after "la région de Moscou").
                choice = earlier
            }
        }
        resolvedAliases[key] = choice
        let entry = kb.entries[choice]
        // "Hollande" after "François Hollande" is the person, not the country.
        if r.count == 1, entry.type != .person, let full = shortForms[folded[r.lowerBound]] {
            found.append(EntityMention(span: span(r), text: written(r), type: .person, canonical: full.canonical,
                                       entityId: full.entityId, origin: "coref"))
            return
        }
        var m = EntityMention(span: span(r), text: written(r), type: entry.type, canonical: entry.canonical,
                              entityId: entry.id, isMedia: entry.isMedia ? true : nil, origin: "kb")
        m.role = EntityMetonymy.role(of: entry, at: r, in: self)
        found.append(m)
        if entry.type == .person, r.count >= 2 { rememberShortForm(r, m) }
    }

    mutating func emitRule(_ r: Range<Int>, type: EntityType, isMedia: Bool) {
        let m = EntityMention(span: span(r), text: written(r), type: type, canonical: written(r),
                              isMedia: isMedia ? true : nil, origin: "rule")
        found.append(m)
        if fullNames[key(r)] == nil { fullNames[key(r)] = m }
        if type == .person, r.count >= 2 { rememberShortForm(r, m) }
    }

    /// "Ruslan Leviev" makes a later "Leviev" the same person.
    mutating func rememberShortForm(_ r: Range<Int>, _ m: EntityMention) {
        let last = folded[r.upperBound - 1]
        if shortForms[last] == nil { shortForms[last] = m }
    }

    /// Capitalised pieces nothing else typed: a name seen typed elsewhere in the document
    /// keeps its type ("Leviev" after "Ruslan Leviev", a full name before its cue); a lone
    /// given name inside a sentence is a person.
    mutating func resolvePending() {
        // "l'analyste Leviev" before or after "Ruslan Leviev": one person, one canonical.
        for n in found.indices where found[n].type == .person && found[n].origin == "rule" {
            let r = text.tokenRange(in: found[n].span)
            if r.count == 1, let full = shortForms[folded[r.lowerBound]], full.end - full.start > found[n].end - found[n].start {
                found[n].canonical = full.canonical
                found[n].entityId = full.entityId
            }
        }
        for (r, initial) in pending {
            let written = written(r)
            if let known = fullNames[key(r)] {
                found.append(EntityMention(span: span(r), text: written, type: known.type, canonical: known.canonical,
                                           isMedia: known.isMedia, origin: "coref"))
            } else if r.count == 1, let full = shortForms[folded[r.lowerBound]] {
                found.append(EntityMention(span: span(r), text: written, type: .person, canonical: full.canonical,
                                           entityId: full.entityId, origin: "coref"))
            } else if r.count == 1, !initial, isGivenName(r.lowerBound),
                      tokens[r.lowerBound].kind == .word, !tokens[r.lowerBound].isAllCaps {
                found.append(EntityMention(span: span(r), text: written, type: .person, canonical: written,
                                           origin: "rule"))
            }
        }
    }
}

/// Places and buildings that stand for a government ("Moscou fournira…", "le Kremlin").
///
/// A seat of power (`gov=` on an organisation: Kremlin, White House) always acts for its
/// government. A capital does when it is not introduced as a place: not right after a
/// locative word ("à", "en", "dans", "de", "in", "at", "from"), unless that word is a
/// dative after a verb of giving or telling in the same clause ("fournira à Pyongyang",
/// "sent to Kyiv"), and unless a verb of physical action on a place governs it
/// ("bombarder Kiev", "visited Paris"). Subject and object positions therefore read as
/// the government. The
/// word lists are `Resources/<lang>/entity-metonymy.tsv`.
enum EntityMetonymy {
    static func role(of entry: KBEntry, at r: Range<Int>, in pass: EntityPass) -> String? {
        guard let government = entry.government else { return nil }
        if entry.type != .location { return pass.kb.governmentRole(government) }
        guard entry.isCapital else { return nil }
        let tokens = pass.tokens
        var k = r.lowerBound - 1
        // Skip a determiner-like elision or article? Capitals take none; look at the word before.
        // A capital in capitals with a lowercase alias is a dateline ("KYIV, Ukraine (AP) —").
        if tokens[r.lowerBound].isAllCaps, r.count == 1 { return nil }
        guard k >= 0 else { return pass.kb.governmentRole(government) }
        let before = tokens[k].lower
        // "Seoul and Tokyo condemned": a coordinated capital reads like its neighbour.
        if pass.lexicon.coordinators.contains(before), k > 0,
           let neighbour = pass.found.last(where: { $0.end == tokens[k - 1].end }) {
            return neighbour.role == nil ? nil : pass.kb.governmentRole(government)
        }
        if tokens[k].kind == .word, pass.lexicon.placeVerbStems.contains(where: { before.hasPrefix($0) }) { return nil }
        if !pass.lexicon.locatives.contains(before) { return pass.kb.governmentRole(government) }
        guard pass.lexicon.datives.contains(before) else { return nil }
        // A dative: look back in the clause for a transfer verb.
        k -= 1
        var seen = 0
        while k >= 0, seen < 8 {
            let t = tokens[k]
            if t.kind == .punctuation, t.text != "," { break }
            if t.kind == .word, pass.lexicon.transferStems.contains(where: { t.lower.hasPrefix($0) }) {
                return pass.kb.governmentRole(government)
            }
            k -= 1
            seen += 1
        }
        return nil
    }
}
