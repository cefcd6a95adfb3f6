import Foundation
import Testing
@testable import DossierIngest
import DossierTestSupport

/// `LineReader` finds line ends with `memchr` (round 10) instead of `Data.firstIndex(of:)`:
/// it must still give exactly the lines of the bytes, whatever the file's chunking.
@Suite("LineReader: memchr line splitting equals splitting on LF")
struct LineReaderTests {
    /// The definition: the bytes split at every LF, a last line without LF kept, no line
    /// after a final LF.
    static func reference(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if bytes.last == 0x0A || bytes.isEmpty { lines.removeLast() }
        return lines
    }

    static func lines(of bytes: [UInt8]) throws -> [[UInt8]] {
        let url = Scratch.path("linereader")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let reader = LineReader(handle)
        var out: [[UInt8]] = []
        while let line = reader.nextLine() { out.append(Array(line)) }
        return out
    }

    @Test("edge cases: empty, LF only, no final LF, CRLF, blank lines, non-ASCII")
    func edges() throws {
        let cases: [String] = [
            "", "\n", "\n\n", "a", "a\n", "a\nb", "a\nb\n", "\r\n", "a\r\nb\r\n", "\n\na\n\n",
            "{\"text\": \"é — 中文 🎉\"}\n{\"text\": \"x\"}", "   \n\t\n",
        ]
        for text in cases {
            let bytes = Array(text.utf8)
            #expect(try Self.lines(of: bytes) == Self.reference(bytes), "\(text.debugDescription)")
        }
    }

    @Test("long lines across the reader's chunks, and many short ones")
    func chunks() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<6 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                let length = [0, 1, 7, 5_000, 70_000, 300_000].randomElement(using: &rng)!
                bytes += (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
                bytes.append(0x0A)
            }
            if Bool.random(using: &rng) { bytes += Array("tail without newline".utf8) }
            #expect(try Self.lines(of: bytes) == Self.reference(bytes))
        }
    }

    @Test("firstNewline on a Data slice with a non-zero start index")
    func sliced() {
        let data = Data("xx\nab\ncd".utf8)
        let slice = data[3...]
        #expect(LineReader.firstNewline(in: slice, from: slice.startIndex) == 5)
        #expect(LineReader.firstNewline(in: slice, from: 6) == nil)
        #expect(LineReader.firstNewline(in: data, from: 0) == 2)
        #expect(LineReader.firstNewline(in: data, from: data.endIndex) == nil)
    }
}
