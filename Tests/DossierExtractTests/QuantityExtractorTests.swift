import DossierCore
import DossierText
import Foundation
import Testing

@testable import DossierExtract

/// The extractor's corpus: every line of Tests/Fixtures/quantities/{fr,en}.tsv is a case
/// with the exact quantities expected (and "none" for sentences that must yield nothing).
struct QuantityExtractorTests {
    struct Case: CustomStringConvertible, Sendable {
        let language: Language
        let sentence: String
        let expected: [[String]]  // each: [span, value, fields...]
        var description: String { "\(language): \(sentence)" }
    }

    static func load(_ language: Language) -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/quantities/\(language.rawValue).tsv")
        let contents = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return ResourceFile(name: url.lastPathComponent, contents: contents).rows.map { row in
            let expected = row[1] == "none" ? [] : row[1].components(separatedBy: " || ").map {
                $0.components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
            }
            return Case(language: language, sentence: row[0], expected: expected)
        }
    }

    static let cases = load(.french) + load(.english)

    @Test func corpusCoversBothLanguages() {
        #expect(Self.cases.filter { $0.language == .french }.count >= 30)
        #expect(Self.cases.filter { $0.language == .english }.count >= 30)
        #expect(Self.cases.contains { $0.expected.isEmpty })
    }

    @Test(arguments: cases)
    func extracts(_ c: Case) {
        let text = AnalyzedText(c.sentence, language: c.language)
        let found = QuantityExtractor().quantities(in: text)
        #expect(found.map(\.text) == c.expected.map { $0[0] }, "\(found)")
        for (q, e) in zip(found, c.expected) where q.text == e[0] {
            #expect(abs(q.value - Double(e[1])!) < 1e-6, "value of \(q.text)")
            for field in e.count > 2 ? e[2].split(separator: " ") : [] {
                let kv = field.split(separator: "=", maxSplits: 1).map(String.init)
                let want = kv[1].replacingOccurrences(of: "_", with: " ")
                #expect(Self.field(kv[0], of: q) == want, "\(kv[0]) of \(q.text)")
            }
        }
    }

    /// A quantity's field as text, for comparison with the corpus.
    static func field(_ name: String, of q: Quantity) -> String? {
        func num(_ d: Double?) -> String? { d.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } }
        switch name {
        case "kind": return q.kind.rawValue
        case "unit": return q.unit
        case "min": return num(q.min)
        case "max": return num(q.max)
        case "approximate": return q.approximate?.rawValue
        case "bound": return q.bound?.rawValue
        case "counted": return q.counted
        case "lemma": return q.lemma
        case "category": return q.category
        case "vague": return q.vague.map { String($0) }
        case "per": return q.per
        case "qualifier": return q.qualifier
        default: return "unknown field \(name)"
        }
    }

    @Test func spansAreNormalisedSlices() {
        let text = AnalyzedText("Près de 50\u{202F}000 soldats et 2\u{00A0}000 dollars.", language: .french)
        for q in QuantityExtractor().quantities(in: text) {
            #expect(text.string(q.span) == q.text)
        }
    }
}

/// A spaced minus is a sign only on a line that holds nothing but the figure: bullets
/// ("- 3 soldats tués") stay positive, in both languages.
struct QuantityLineMinusTests {
    @Test(arguments: [Language.french, .english])
    func bulletsAreNotSigns(_ language: Language) {
        let text = AnalyzedText("Bilan :\n- 3 soldats tués\n- 12\n- 40 000 manifestants", language: language)
        let values = QuantityExtractor().quantities(in: text).map(\.value)
        #expect(values == [3, -12, 40000])
    }
}

struct QuantityOrdinalOptionTests {
    @Test func ordinalsCanBeLeftOut() {
        let text = AnalyzedText("La 3e brigade a perdu 200 hommes.", language: .french)
        #expect(QuantityExtractor().quantities(in: text).map(\.kind) == [.ordinal, .count])
        #expect(QuantityExtractor(reportsOrdinals: false).quantities(in: text).map(\.kind) == [.count])
    }
}
