import PostgresNIO

/// A search's `tsquery`, compiled once per search from what each text-search
/// configuration makes of each word.
///
/// The plain form, every configuration's `to_tsquery` OR-ed, repeated the whole
/// conjunction per configuration (`'temoign':* & 'inter':* | 'temoign':* & 'inter':* |
/// 'temoigne':* & 'inter':*`), and a GIN index walks every prefix's posting lists once per
/// copy: 150–290 ms for two common prefixes at a million claims. Here each word becomes the
/// disjunction of its distinct prefixes, with a prefix dropped when a shorter one already
/// covers it (`'temoigne':*` ⊂ `'temoign':*`), so that query is `'temoign':* & 'inter':*`
/// (65–90 ms on the same store). The result can only be wider than the plain form: a claim
/// may match one word under one configuration and another under a second, and a word that
/// a configuration drops as a stop word is left out (the plain form dropped it from that
/// configuration's conjunction).
enum PostgresSearchQuery {
    /// The `tsquery` text (bound as a parameter, never spliced), or nil when the input
    /// has no word.
    static func compile(_ text: String, on connection: PostgresConnection) async throws -> String? {
        let words = NameKey.fold(text).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return nil }
        var sql = SQLBuilder("SELECT w.i, to_tsquery(c.cfg::regconfig, w.word || ':*')::text FROM (VALUES ")
        for (i, word) in words.enumerated() {
            sql.add(i == 0 ? "(" : ", (")
            sql.bind(.int(i)); sql.add("::int, "); sql.bind(.text(word)); sql.add("::text)")
        }
        sql.add(") w(i, word) CROSS JOIN (VALUES ")
        sql.add(PostgresSchema.allConfigurations.map { "('\($0)')" }.joined(separator: ", "))
        sql.add(") c(cfg)")
        var forms = Array(repeating: [String](), count: words.count)
        for row in try await connection.run(sql) {
            let (i, form) = try row.decode((Int, String).self)
            forms[i].append(form)
        }
        return combine(forms)
    }

    /// `forms[i]`: what each configuration made of word `i` (empty for a stop word).
    static func combine(_ forms: [[String]]) -> String? {
        var terms: [String] = []
        var stopWordTerms: [String] = []
        for perConfiguration in forms {
            let kept = simplified(perConfiguration.filter { !$0.isEmpty })
            guard !kept.isEmpty else { continue }
            let term = kept.count > 1 ? "(" + kept.map { "(\($0))" }.joined(separator: " | ") + ")"
                : kept[0].contains(" ") ? "(\(kept[0]))" : kept[0]
            if perConfiguration.contains(where: \.isEmpty) { stopWordTerms.append(term) } else { terms.append(term) }
        }
        // A stop word is optional unless the query has nothing else.
        let chosen = terms.isEmpty ? stopWordTerms : terms
        return chosen.isEmpty ? nil : chosen.joined(separator: " & ")
    }

    /// Distinct forms, without a prefix that a shorter prefix covers.
    static func simplified(_ forms: [String]) -> [String] {
        var distinct: [String] = []
        for f in forms where !distinct.contains(f) { distinct.append(f) }
        let prefixes = distinct.map(prefix(of:))
        return distinct.enumerated().filter { i, _ in
            guard let mine = prefixes[i] else { return true }
            return !prefixes.enumerated().contains { j, other in
                guard j != i, let other else { return false }
                return mine.hasPrefix(other) && (mine != other || j < i)
            }
        }.map(\.element)
    }

    /// `x` for a lone prefix term `'x':*`, else nil.
    static func prefix(of form: String) -> String? {
        guard form.hasPrefix("'"), form.hasSuffix("':*") else { return nil }
        let inner = form.dropFirst().dropLast(3)
        return inner.contains("'") || inner.contains(" ") || inner.isEmpty ? nil : String(inner)
    }
}
