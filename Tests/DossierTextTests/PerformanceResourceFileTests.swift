import Foundation
import Testing
@testable import DossierText

/// The byte-level resource reader must give exactly the rows of the original
/// Character-splitting, Foundation-trimming parser (`ResourceFile.referenceRows`).
@Suite("ResourceFile: fast parsing equals the reference")
struct PerformanceResourceFileTests {
    static func reference(_ contents: String) -> [[String]] {
        var rows: [[String]] = []
        ResourceFile.referenceRows(contents, into: &rows)
        return rows
    }

    @Test("every shipped resource file parses as the reference does")
    func shippedFiles() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(atPath: sources.path))
        var checked = 0
        for case let path as String in walker where path.contains("Resources/")
            && (path.hasSuffix(".tsv") || path.hasSuffix(".txt")) {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            #expect(ResourceFile(name: path, contents: text).rows == Self.reference(text), "\(path)")
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test("edges: Unicode spaces, combining marks, CRLF, comments, empty fields")
    func edges() {
        let cases = [
            "", "\n", "a", "a\tb", " a \t b ", "# comment\nword", "  # indented comment",
            "#\u{301} not a comment?", "\u{A0}\u{A0}", "\u{A0}word\u{A0}\tx", "word\u{2003}", "\u{85}x",
            "élan\tété", "Ærø\tœuvre", "a\r\nb\r\n", "a\rb", "x\t\ty\t", "\t", " \t ", "\u{301}a",
            "a \u{301}\tb", "naïve\t×\t÷", "日本\t語", "line1\n\n\nline2\n", "\u{FEFF}bom",
            "k\u{0B}\u{0C}", "\u{0B}", "# a\r\n# b\r\nc\r\n",
        ]
        for text in cases {
            #expect(ResourceFile(name: "t", contents: text).rows == Self.reference(text), "\(Array(text.unicodeScalars))")
        }
    }
}
