import DossierCore
@testable import DossierStore
import Testing

/// `PreparedDocument`'s faster derivations must give exactly what the definitions give:
/// the word-index rows of `NameIndex.rows` (same rows, same order), the name-counter delta
/// of the former `NameStatsDelta.init` (kept below verbatim as the reference) and the
/// mention keys of `PostgresItemRows.mentions`. Checked on the name-index test documents
/// and on random documents whose names repeat, differ only by case or accents, fold to
/// nothing ("—"), have many words, and whose claims link mentions from outside their span.
@Suite("Prepared rows")
struct PreparedRowsTests {
    static let names = ["Kim Jong-un", "KIM JONG-UN", "Emmanuel Macron", "Élisabeth Borne", "Elisabeth Borne",
                        "Jean-Luc Mélenchon", "—", "", "the ministry of defence of the republic", "Olaf Scholz",
                        "Ministère des Armées", "Москва", "北京", "a b a b", "Reuters", "Kim", "Jong", "O'Neil"]

    /// A random extraction: `mentions` mentions, `claims` claims over a text of 400 positions.
    static func extraction(_ rng: inout SplitMix64, mentions: Int, claims: Int) -> Extraction {
        func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
        func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }
        var entities: [EntityMention] = []
        for _ in 0..<mentions {
            let start = Int(rng.next() % 380), length = 1 + Int(rng.next() % 20)
            let text = pick(names)
            let canonical: String? = chance(30) ? pick(names) : chance(10) ? text : nil
            entities.append(EntityMention(span: Span(start, start + length), text: text, type: pick([EntityType.person, .organisation, .location]),
                                          canonical: canonical, entityId: chance(20) ? pick(["Q1", "Q2", "Q10"] as [String]) : nil))
        }
        var attributions: [Attribution] = []
        for _ in 0..<3 {
            let cue = Excerpt(span: Span(0, 1), text: "x")
            attributions.append(Attribution(source: chance(70) ? Excerpt(span: Span(0, 1), text: pick(names)) : nil, cue: cue,
                                            content: Excerpt(span: Span(0, 1), text: ""),
                                            sourceCanonical: chance(30) ? pick(names) : nil,
                                            sourceKind: .person, kind: .indirect,
                                            channel: chance(40) ? Excerpt(span: Span(0, 1), text: pick(names)) : nil,
                                            channelCanonical: chance(20) ? pick(names) : nil))
        }
        var list: [Claim] = []
        for _ in 0..<claims {
            let start = Int(rng.next() % 360), length = Int(rng.next() % 60)
            let linked = (0..<Int(rng.next() % 4)).map { _ in Int(rng.next() % UInt64(max(1, mentions))) }
            list.append(Claim(span: Span(start, start + length), text: "", attribution: chance(60) ? Int(rng.next() % 4) : nil,
                              certainty: .asserted, entities: mentions == 0 ? [] : linked))
        }
        return Extraction(language: .english, length: 400, sentences: [], entities: entities,
                          attributions: attributions, claims: list)
    }

    static func describe(_ rows: PreparedRows.Rows) -> [String] {
        rows.names.map { "n \($0.term)|\($0.claimIdx)|\($0.claimID)|\($0.keys)|\($0.names)" }
            + rows.sources.map { "s \($0.term)|\($0.claimIdx)|\($0.claimID)|\($0.keys)" }
            + rows.mentions.map { "m \($0.term)|\(describe($0.mention))" }
    }

    static func describe(_ m: NameIndex.Mention) -> String {
        "\(m.idx)|\(m.start)|\(m.end)|\(m.nameKey)|\(m.textKey)|\(m.type)|\(m.text)|\(m.name)|\(m.entityID ?? "nil")"
    }

    static func check(_ e: Extraction, outlet: String? = nil) {
        let record = Sample.record("text", sha: "x", outlet: outlet)
        let prepared = PreparedDocument(record: record, extraction: e, for: .postgres)
        let reference = PostgresItemRows.mentions(e)
        #expect(prepared.mentions.map(describe) == reference.map(describe))
        let refs = e.claims.enumerated().map { i, c in
            NameIndex.ClaimRef(id: 0, idx: i, start: c.start, end: c.end, linkedEntities: c.entities, attribution: c.attribution)
        }
        let expected = NameIndex.rows(claims: refs, mentions: reference, attributions: prepared.attributions)
        // The same rows for both stores, and no `mention_terms` rows: neither store has the
        // table any more (SQLite since `v10-word-rows`, PostgreSQL since its migration 9).
        let sqlite = PreparedDocument(record: record, extraction: e, for: .sqlite)
        for index in [prepared.index, sqlite.index] {
            #expect(index.mentions.isEmpty)
            #expect(describe(index) == describe((expected.names, expected.sources, [])))
        }
        let delta = prepared.stats, old = ReferenceDelta(reference)
        #expect(delta.groups.count == old.groups.count)
        for (group, g) in old.groups {
            let new = delta.groups[group]
            #expect(new?.name == g.name && new?.entityID == g.entityID && new?.mentions == g.mentions)
        }
        #expect(delta.aliases == old.aliases)
        #expect(delta.terms == old.terms)
    }

    @Test("Same rows, counters and keys as the definitions on the name-index documents")
    func nameIndexDocuments() {
        for n in 0..<40 { Self.check(NameIndexTests.document(n).1, outlet: "Le Monde") }
    }

    @Test("Same rows, counters and keys as the definitions on random documents")
    func randomDocuments() {
        var rng = SplitMix64(seed: 9)
        for n in 0..<300 {
            let e = Self.extraction(&rng, mentions: n % 7 == 0 ? 0 : Int(rng.next() % 60), claims: Int(rng.next() % 40))
            Self.check(e)
        }
        // A claim covering a hundred mentions: the Set paths of the deduplication.
        Self.check(Self.extraction(&rng, mentions: 200, claims: 3))
    }

    @Test("UniqueStrings keeps first occurrences in order, short and long")
    func uniqueStrings() {
        var short = UniqueStrings()
        for s in ["b", "a", "b", "c", "a"] { short.add(s) }
        #expect(short.items == ["b", "a", "c"])
        var long = UniqueStrings()
        let words = (0..<100).map { "w\($0 % 37)" }
        for w in words { long.add(w) }
        #expect(long.items == (0..<37).map { "w\($0)" })
        var split = UniqueStrings()
        split.addWords(of: " jong  un jong ")
        #expect(split.items == ["jong", "un"])
    }
}

/// `NameStatsDelta.init` as it was before round 9: the reference.
private struct ReferenceDelta {
    typealias Group = NameStatsDelta.Group
    typealias Alias = NameStatsDelta.Alias
    typealias Term = NameStatsDelta.Term
    var groups: [Group: (name: String, entityID: String?, mentions: Int)] = [:]
    var aliases: [Alias: Int] = [:]
    var terms = Set<Term>()

    init(_ mentions: [NameIndex.Mention]) {
        for m in mentions {
            let group = Group(nameKey: m.nameKey, type: m.type)
            if var g = groups[group] {
                g.mentions += 1
                if m.name > g.name { g.name = m.name }
                if let e = m.entityID, g.entityID.map({ e > $0 }) ?? true { g.entityID = e }
                groups[group] = g
            } else {
                groups[group] = (m.name, m.entityID, 1)
                for t in NameStats.terms(nameKey: group.nameKey, textKey: group.nameKey) {
                    terms.insert(Term(term: t.term, group: group, key: t.key))
                }
            }
            let alias = Alias(group: group, text: m.text)
            if aliases[alias, default: 0] == 0 {
                for t in NameStats.terms(nameKey: m.textKey, textKey: m.textKey) {
                    terms.insert(Term(term: t.term, group: group, key: t.key))
                }
            }
            aliases[alias, default: 0] += 1
        }
    }
}

/// `KeyWords.each` splits as `split(separator: " ")` does, on ASCII and other keys.
@Suite("Prepared rows: key words")
struct KeyWordsTests {
    @Test("Same words as split(separator:)", arguments: [
        "", " ", "jong un", " jong  un ", "a", "kim jong un", "élisabeth borne", "москва кремль", "北京",
        "a \u{301}b", "x \u{301} y", "1 2 3", "ab  ", "  ab",
    ])
    func sameWords(_ key: String) {
        var words: [String] = []
        KeyWords.each(of: key) { words.append($0) }
        #expect(words == key.split(separator: " ").map(String.init))
    }
}
