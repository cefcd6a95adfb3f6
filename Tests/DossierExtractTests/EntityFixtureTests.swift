import DossierCore
import DossierExtract
import DossierText
import Foundation
import Testing

/// The example corpora in Tests/Fixtures/entities/<lang>.tsv are the specification of the
/// entity recogniser: each line is a sentence and what must (and must not) be found in it.
@Suite("Entity fixtures")
struct EntityFixtureTests {
    struct Example: CustomStringConvertible, Sendable {
        let language: Language
        let line: Int
        let sentence: String
        let expectations: [String]
        var description: String { "\(language):\(line) \(sentence.prefix(50))" }
    }

    static func examples(_ language: Language) -> [Example] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/entities/\(language.rawValue).tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var out: [Example] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard fields.count == 2 else { continue }
            out.append(Example(language: language, line: n + 1, sentence: fields[0],
                               expectations: fields[1].components(separatedBy: " | ")))
        }
        return out
    }

    static let all = examples(.french) + examples(.english)

    @Test("fixture files are present and non-trivial")
    func fixturesLoad() {
        #expect(Self.examples(.french).count >= 10)
        #expect(Self.examples(.english).count >= 10)
    }

    @Test("each example sentence", arguments: all)
    func example(_ example: Example) {
        let analyzed = AnalyzedText(example.sentence, language: example.language)
        let mentions = EntityRecognizer().mentions(in: analyzed)
        let found = mentions.map { m in (m, analyzed.string(m.span)) }
        for expectation in example.expectations {
            if expectation.hasPrefix("-") {
                let text = String(expectation.dropFirst())
                #expect(!found.contains { $0.1 == text }, "\(example): \(text) must not be an entity")
                continue
            }
            guard let colon = expectation.firstIndex(of: ":"),
                  let type = EntityType(rawValue: String(expectation[..<colon])) else {
                Issue.record("\(example): bad expectation \(expectation)")
                continue
            }
            var rest = String(expectation[expectation.index(after: colon)...])
            var role: String??
            if let at = rest.firstIndex(of: "@") {
                let r = String(rest[rest.index(after: at)...])
                role = .some(r == "-" ? nil : r)
                rest = String(rest[..<at])
            }
            var canonical: String?
            if let eq = rest.firstIndex(of: "=") {
                canonical = String(rest[rest.index(after: eq)...])
                rest = String(rest[..<eq])
            }
            let matches = found.filter { $0.1 == rest && $0.0.type == type }
            #expect(!matches.isEmpty, "\(example): expected \(type.rawValue) \(rest); found \(found.map { "\($0.0.type.rawValue):\($0.1)" })")
            if let canonical {
                #expect(matches.contains { $0.0.canonical == canonical },
                        "\(example): \(rest) canonical \(matches.map { $0.0.canonical ?? "nil" }) ≠ \(canonical)")
            }
            if let role {
                #expect(matches.contains { $0.0.role == role },
                        "\(example): \(rest) role \(matches.map { $0.0.role ?? "nil" }) ≠ \(role ?? "nil")")
            }
        }
    }
}
