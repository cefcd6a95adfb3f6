import DossierCore
import DossierText
import Testing
@testable import DossierExtract

/// A huge written exponent must not stall the extraction: `pow10` multiplied once per unit
/// of the exponent, so "1e99999999999" (found by `dossier fuzz`) never finished.
@Suite("Hardness: huge exponents in numbers")
struct HardnessExponentTests {
    static func reading(_ text: String, _ language: Language) -> NumberReading? {
        let tokens = AnalyzedText(text, language: language).tokens
        return NumberReader(language).read(tokens, at: 0)
    }

    @Test("exponents read as before") func ordinaryExponents() {
        #expect(Self.reading("2e5 people", .english)?.value == 200_000)
        #expect(Self.reading("3e2 personnes", .french)?.value == 300)
        // Repeated multiplication, as before: close to 1e308, not exactly it.
        let large = Self.reading("1e308 people", .english)?.value ?? 0
        #expect(large.isFinite && large > 9.99e307)
    }

    @Test("out-of-range exponents are no number, and return at once") func hugeExponents() {
        #expect(Self.reading("1e400 people", .english) == nil)
        #expect(Self.reading("1e99999999999 people", .english) == nil)
        #expect(Self.reading("7e9223372036854775807 personnes", .french) == nil)
        let text = "Il y avait 1e99999999999 personnes, selon la police."
        let extraction = Pipeline().extract(Document(text: text, language: .french))
        #expect(extraction.quantities.allSatisfy { $0.value.isFinite })
    }
}
