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
}
