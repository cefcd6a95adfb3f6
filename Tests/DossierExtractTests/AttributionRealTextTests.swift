import DossierCore
import Testing
@testable import DossierExtract

/// Attribution on real sentences nobody wrote for Dossier (`Tests/Fixtures/attribution/real`,
/// see the licences in the files' headers), annotated by hand. The numbers are printed
/// for the record; the floors only catch a collapse, since this set measures how the
/// rules generalise rather than a target to tune for.
@Suite struct AttributionRealTextTests {
    @Test(arguments: [("fr", Language.french), ("en", Language.english)])
    func realSentences(_ lang: String, _ language: Language) {
        for recognise in [false, true] {
            let (p, r, resolved, failures) = AttributionCorpusTests.evaluate(
                lang, language: language, recognise: recognise, folder: "Fixtures/attribution/real")
            let f1 = p + r == 0 ? 0 : 2 * p * r / (p + r)
            print("attribution real text \(lang)\(recognise ? "+ner" : ""): precision \(p), recall \(r), F1 \(f1), resolved \(resolved)")
            for f in failures { print("  real \(lang)\(recognise ? "+ner" : ""): \(f)") }
            #expect(p >= 0.7)
            #expect(r >= 0.6)
        }
    }
}
