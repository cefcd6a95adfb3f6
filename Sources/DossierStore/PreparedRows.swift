/// `NameIndex.rows` and `NameStatsDelta.init` as `PreparedDocument` computes them for every
/// ingested document: the same rows and counters, with less work per claim and mention.
///
/// Why: in the release profile of ingest (round 9) building the word-index rows and the
/// name-counter delta was ≈ 0.5 ms per article on the extracting threads, most of it
/// hashing Strings into short-lived Sets and joining the same keys again for every claim:
/// `rows` folds, splits, deduplicates and joins the keys of a claim's mentions claim by
/// claim, although the claims of one sentence usually cover the very same mentions.
///
/// Here each mention's words are split once; a claim's keys and words are computed once
/// per distinct list of mentions (claims are memoised by it); duplicates are removed by a
/// linear scan while the lists are short (a handful of names per claim), by a Set beyond.
/// `NameIndex.rows` stays the definition (the migration that backfills older stores uses
/// it); `PreparedRowsTests` checks that both give equal rows, in the same order.
enum PreparedRows {
    typealias Rows = (names: [NameIndex.ClaimTermRow], sources: [NameIndex.SourceTermRow],
                      mentions: [NameIndex.MentionTermRow])

    /// `mentionTerms`: also the `mention_terms` rows (PostgreSQL's; SQLite has none since
    /// `v10-word-rows`, and building them cost ≈ 0.1 ms per article for nothing).
    static func rows(claims: [NameIndex.ClaimRef], mentions: [NameIndex.Mention],
                     attributions: [Int: NameIndex.Attribution], mentionTerms: Bool = true) -> Rows {
        var names: [NameIndex.ClaimTermRow] = [], sources: [NameIndex.SourceTermRow] = []
        var mentionRows: [NameIndex.MentionTermRow] = []
        // Per mention, the distinct words of its two keys (`NameIndex.terms([name, text])`).
        let words = mentions.map { m in
            var list = UniqueStrings()
            list.addWords(of: m.nameKey)
            list.addWords(of: m.textKey)
            return list.items
        }
        // Per distinct list of mentions (by position), what `rows` derives from it.
        var memo: [[Int]: (keys: String, names: String, terms: [String])?] = [:]
        var sourceWords: [Int: [(term: String, keys: String)]] = [:]
        var members: [Int] = []
        for c in claims {
            members.removeAll(keepingCapacity: true)
            let linked = c.linkedEntities
            // Few links per claim: a scan; many (a long claim linking far away), a Set.
            let linkedSet = linked.count > 16 ? Set(linked) : nil
            for (p, m) in mentions.enumerated()
            where (m.start >= c.start && m.end <= c.end)
                || (linkedSet.map { $0.contains(m.idx) } ?? Self.contains(linked, m.idx)) {
                members.append(p)
            }
            let derived: (keys: String, names: String, terms: [String])?
            if let known = memo[members] {
                derived = known
            } else {
                derived = Self.derive(members, mentions, words)
                memo[members] = derived
            }
            if let derived {
                names.reserveCapacity(names.count + derived.terms.count)
                for term in derived.terms {
                    names.append(NameIndex.ClaimTermRow(term: term, claimIdx: c.idx, claimID: c.id,
                                                        keys: derived.keys, names: derived.names))
                }
            }
            guard let i = c.attribution, let a = attributions[i] else { continue }
            if sourceWords[i] == nil { sourceWords[i] = NameIndex.sourceTerms(source: a.sourceKey, channel: a.channelKey) }
            for w in sourceWords[i] ?? [] {
                sources.append(NameIndex.SourceTermRow(term: w.term, claimIdx: c.idx, claimID: c.id, keys: w.keys))
            }
        }
        guard mentionTerms else { return (names, sources, []) }
        mentionRows.reserveCapacity(words.reduce(0) { $0 + $1.count })
        for (p, m) in mentions.enumerated() {
            for term in words[p] { mentionRows.append(NameIndex.MentionTermRow(term: term, mention: m)) }
        }
        return (names, sources, mentionRows)
    }

    /// `rows`' joined keys, joined name keys and words for the mentions at `members`;
    /// nil when they have no non-empty key (`joined` is nil: no rows).
    private static func derive(_ members: [Int], _ mentions: [NameIndex.Mention], _ words: [[String]])
        -> (keys: String, names: String, terms: [String])? {
        var keys = UniqueStrings(), nameKeys = UniqueStrings(), terms = UniqueStrings()
        for p in members {
            let m = mentions[p]
            if !m.nameKey.isEmpty { keys.add(m.nameKey); nameKeys.add(m.nameKey) }
            if !m.textKey.isEmpty { keys.add(m.textKey) }
            for w in words[p] { terms.add(w) }
        }
        guard !keys.items.isEmpty else { return nil }
        return (joined(keys.items), nameKeys.items.isEmpty ? " | " : joined(nameKeys.items), terms.items)
    }

    /// `" | a | b | "`.
    private static func joined(_ list: [String]) -> String {
        var out = " | "
        for k in list {
            out += k
            out += " | "
        }
        return out
    }

    private static func contains(_ list: [Int], _ value: Int) -> Bool {
        for x in list where x == value { return true }
        return false
    }
}

/// Strings in order of first appearance, without repeats: a linear scan while short (the
/// usual case, cheaper than hashing), a Set once longer (so a huge claim stays linear).
struct UniqueStrings {
    private(set) var items: [String] = []
    private var seen: Set<String>?

    mutating func add(_ s: String) {
        if var set = seen {
            seen = nil
            if set.insert(s).inserted { items.append(s) }
            seen = set
            return
        }
        for x in items where x == s { return }
        items.append(s)
        if items.count == 24 { seen = Set(items) }
    }

    /// The words of a folded key (split at spaces, empty pieces skipped).
    mutating func addWords(of key: String) {
        KeyWords.each(of: key) { add($0) }
    }
}

/// The words of a folded name key: `key.split(separator: " ")`, as Strings.
///
/// Why: `split` on a String walks Characters (grapheme breaking) and was a fifth of
/// preparing the word-index rows. Keys of ASCII names (nearly all) are split on bytes, to
/// the same words: in ASCII every Character is one byte, and a space one of them. Other
/// keys keep the Character split, where a space followed by a combining mark is not a
/// separator.
enum KeyWords {
    static func each(of key: String, _ body: (String) -> Void) {
        var key = key
        let ascii = key.withUTF8 { utf8 -> Bool in
            for b in utf8 where b >= 0x80 { return false }
            var start = 0
            for i in 0..<utf8.count where utf8[i] == UInt8(ascii: " ") {
                if i > start { body(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            if utf8.count > start { body(String(decoding: UnsafeBufferPointer(rebasing: utf8[start...]), as: UTF8.self)) }
            return true
        }
        if !ascii {
            for word in key.split(separator: " ") { body(String(word)) }
        }
    }
}
