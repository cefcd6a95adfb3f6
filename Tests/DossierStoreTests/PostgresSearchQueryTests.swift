@testable import DossierStore
import Testing

/// The combination step is pure; the round trip that feeds it is covered by the search
/// tests on a real server (`StoreTests`, `BrowsableStoreTests`).
@Suite("PostgreSQL search query")
struct PostgresSearchQueryTests {
    @Test("Each word's prefixes once, a prefix covered by a shorter one dropped")
    func prefixesCombined() {
        #expect(PostgresSearchQuery.combine([["'temoign':*", "'temoign':*", "'temoigne':*"], ["'inter':*", "'inter':*", "'inter':*"]])
                == "'temoign':* & 'inter':*")
        // Two stems that do not cover each other stay as alternatives.
        #expect(PostgresSearchQuery.combine([["'ran':*", "'run':*", "'ran':*"]]) == "(('ran':*) | ('run':*))")
    }

    @Test("A word some configuration drops as a stop word is optional, unless it is all there is")
    func stopWords() {
        #expect(PostgresSearchQuery.combine([["", "'the':*", "'the':*"], ["'war':*", "'guerr':*", "'war':*"]])
                == "(('war':*) | ('guerr':*))")
        #expect(PostgresSearchQuery.combine([["", "'the':*", "'the':*"]]) == "'the':*")
        #expect(PostgresSearchQuery.combine([["", "", ""]]) == nil)
    }

    @Test("A form that is not one prefix is kept whole, in parentheses")
    func compoundForms() {
        #expect(PostgresSearchQuery.combine([["'covid':* & '19':*", "'covid19':*"]])
                == "(('covid':* & '19':*) | ('covid19':*))")
        #expect(PostgresSearchQuery.combine([["'covid':* & '19':*"], ["'vaccin':*"]])
                == "('covid':* & '19':*) & 'vaccin':*")
    }

    @Test("Prefix-index candidates: each word's longest indexed prefix, as a whole entry")
    func prefixCandidates() {
        // 'economist' (9) → its 6-prefix; 'rest' (4) is an indexed length itself.
        #expect(PostgresSearchQuery.candidates([["'economist':*", "'economist':*", "'economists':*"], ["'rest':*", "'rest':*", "'restera':*"]])
                == "'econom' & 'rest'")
        // 'guerr' (5) → its 4-prefix; two stems of one word stay alternatives.
        #expect(PostgresSearchQuery.candidates([["'war':*", "'guerr':*", "'war':*"]]) == "('war' | 'guer')")
        // Accented or not, lengths count Unicode scalars, as PostgreSQL's left() does.
        #expect(PostgresSearchQuery.candidates([["'kyïvsk':*"]]) == "'kyïvsk'")
    }

    @Test("Words the prefix index cannot narrow are left to the exact check")
    func prefixCandidatesLeftOut() {
        // Shorter than 3 characters, a stop word somewhere, or several lexemes: no entry.
        #expect(PostgresSearchQuery.candidates([["'hi':*", "'hier':*", "'hier':*"], ["'vis':*"]]) == "'vis'")
        #expect(PostgresSearchQuery.candidates([["", "'the':*", "'the':*"], ["'war':*"]]) == "'war'")
        #expect(PostgresSearchQuery.candidates([["'covid':* & '19':*"], ["'vaccin':*"]]) == "'vaccin'")
        #expect(PostgresSearchQuery.candidates([["'un':*"]]) == nil)
        #expect(PostgresSearchQuery.candidates([["", "", ""]]) == nil)
    }
}

