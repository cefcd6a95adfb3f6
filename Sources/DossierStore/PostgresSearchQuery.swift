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
    /// A search's two queries: `pattern`, the exact match on `fts`, and `prefixes`, the
    /// same words looked up as whole entries of the `claims_prefixes` index (nil when no
    /// word has a prefix that index holds).
    struct Compiled: Sendable, Equatable {
        var pattern: String
        var prefixes: String?
    }

    /// The `tsquery` texts (bound as parameters, never spliced), or nil when the input
    /// has no word.
    static func compile(_ text: String, on connection: PostgresConnection) async throws -> Compiled? {
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
        guard let pattern = combine(forms) else { return nil }
        return Compiled(pattern: pattern, prefixes: candidates(forms))
    }

    /// The lengths of the prefixes `dossier_prefixes` indexes (migration 7): each lexeme
    /// of a claim adds its first 3, 4 and 6 characters, so "some lexeme starts with x" is
    /// ONE index entry when x has such a length, instead of a walk over every lexeme that
    /// starts with x (a GIN prefix match reads and merges all their posting lists: 60–250
    /// ms at a million claims for two common prefixes).
    static let indexedPrefixLengths = [3, 4, 6]

    /// The candidate query on `dossier_prefixes(fts)`: per word, the OR of its forms'
    /// longest indexed prefixes, the words AND-ed. It matches every claim the pattern
    /// matches (an indexed prefix of a prefix is one), possibly more — the pattern is
    /// checked on those rows. A word with a form the index cannot narrow (shorter than 3
    /// characters, several lexemes, a stop word) is left out: it would narrow nothing.
    static func candidates(_ forms: [[String]]) -> String? {
        var terms: [String] = []
        for perConfiguration in forms {
            let kept = simplified(perConfiguration.filter { !$0.isEmpty })
            guard !kept.isEmpty, !perConfiguration.contains(where: \.isEmpty) else { continue }
            var entries: [String] = []
            for form in kept {
                guard let p = prefix(of: form) else { entries = []; break }
                let length = p.unicodeScalars.count
                guard let k = indexedPrefixLengths.last(where: { $0 <= length }) else { entries = []; break }
                let entry = "'" + String(String.UnicodeScalarView(p.unicodeScalars.prefix(k))) + "'"
                if !entries.contains(entry) { entries.append(entry) }
            }
            guard !entries.isEmpty else { continue }
            terms.append(entries.count == 1 ? entries[0] : "(" + entries.joined(separator: " | ") + ")")
        }
        return terms.isEmpty ? nil : terms.joined(separator: " & ")
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
