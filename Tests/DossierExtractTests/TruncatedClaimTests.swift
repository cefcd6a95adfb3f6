import DossierCore
import Testing
@testable import DossierExtract

@Suite("Claims in a truncated text")
struct TruncatedClaimTests {
    @Test("The claim in the cut-off last sentence is marked incomplete, the others are not")
    func lastClaimIncomplete() {
        let text = "The ministry said the convoy had arrived. Officials later added that the troops would stay until"
        let extraction = Pipeline().extract(Document(text: text, language: .english))
        #expect(extraction.truncated)
        let incomplete = extraction.claims.filter { $0.incomplete == true }
        #expect(!incomplete.isEmpty)
        #expect(incomplete.allSatisfy { $0.end > 42 })
        #expect(extraction.claims.filter { $0.end <= 42 }.allSatisfy { $0.incomplete == nil })
    }

    @Test("Nothing is incomplete in a text that ends cleanly")
    func completeText() {
        let text = "Selon le ministère, le convoi est arrivé. Les troupes resteront."
        let extraction = Pipeline().extract(Document(text: text, language: .french))
        #expect(!extraction.truncated)
        #expect(extraction.claims.allSatisfy { $0.incomplete == nil })
    }
}
