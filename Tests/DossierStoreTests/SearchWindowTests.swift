import DossierCore
@testable import DossierStore
import Foundation
import Testing

/// `SearchWindows`: a word with at least `limit` matches among the newest claims is ranked
/// there; a rarer word is still found anywhere in the store.
@Suite("Search windows")
struct SearchWindowTests {
    @Test("A common word is ranked among the newest claims; a rare one is found anywhere", arguments: Backend.available)
    func windows(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let window = try #require(SearchWindows.claims.first)
        try #require(window > 1_000)
        let count = window + 1_000
        var text = ""
        var claims: [Claim] = []
        for i in 0..<count {
            // The old claims say "common" three times (they would rank first over the whole
            // store); the newest window holds it five times, once each.
            let sentence = i == 10 ? "Claim \(i) mentions a zebra."
                : i < 1_000 ? "Claim \(i) common common common."
                : i >= count - 5 ? "Claim \(i) repeats a common phrase." : "Claim \(i) is about nothing else."
            let start = text.unicodeScalars.count
            text += sentence + " "
            claims.append(Claim(span: Span(start, start + sentence.unicodeScalars.count), text: sentence, certainty: .asserted))
        }
        let extraction = Extraction(language: .english, length: text.unicodeScalars.count, sentences: [], claims: claims)
        _ = try await s.store.save(Sample.record(text, sha: "w1"), extraction: extraction, nearDuplicateThreshold: 0.7)
        let common = try await s.store.search("common", limit: 5)
        #expect(common.count == 5)
        #expect(Set(common.compactMap(\.claim)) == Set((count - 5)..<count))
        let rare = try await s.store.search("zebra", limit: 5)
        #expect(rare.first?.claim == 10)
        #expect(rare.filter { $0.kind == .claim }.count == 1)
    }
}
