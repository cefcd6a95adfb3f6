import Foundation

/// The one format of Dossier's language data: UTF-8 text, one entry per line, fields
/// separated by tabs; `#` starts a comment line; blank lines are ignored. Linguists edit
/// these files directly, so a malformed file must fail loudly with its name and line.
public struct ResourceFile: Sendable {
    public let name: String
    public let rows: [[String]]

    public init(name: String, contents: String) {
        self.name = name
        var rows: [[String]] = []
        var contents = contents
        contents.withUTF8 { bytes in
            var start = 0
            var i = 0
            while i <= bytes.count {
                // Lines end at "\n" except inside "\r\n", which `split(separator: "\n")`
                // keeps as one Character (the reference behaviour, see `referenceRows`).
                if i == bytes.count || (bytes[i] == 0x0A && (i == 0 || bytes[i - 1] != 0x0D)) {
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    switch Self.fastRow(line) {
                    case .skip: break
                    case .row(let row): rows.append(row)
                    case .unsure:
                        Self.referenceRows(String(decoding: line, as: UTF8.self), into: &rows)
                    }
                    start = i + 1
                }
                i += 1
            }
        }
        self.rows = rows
    }

    /// The original per-line parsing (Character splitting and Foundation trimming): exact
    /// for every line, but it made loading the language data cost ≈ 0.2 s of CPU per
    /// process. `fastRow` answers the same for lines whose edges are ASCII.
    static func referenceRows(_ contents: String, into rows: inout [[String]]) {
        for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rows.append(line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    enum FastRow { case skip, row([String]), unsure }

    /// One line's row read from its bytes, or `.unsure` when a non-ASCII scalar sits where
    /// trimming or the `#` test looks (it may be a Unicode space or a combining mark), so
    /// that the reference decides.
    static func fastRow(_ line: UnsafeBufferPointer<UInt8>) -> FastRow {
        // `.whitespacesAndNewlines` within ASCII: tab, LF, VT, FF, CR, space.
        @inline(__always) func isSpaceOrNewline(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var first = 0
        while first < line.count, isSpaceOrNewline(line[first]) { first += 1 }
        if first == line.count { return .skip }
        if line[first] >= 0x80, !latinLetter(startingAt: first, line) { return .unsure }
        if line[first] == 0x23 {  // "#": a comment, unless a combining mark follows it
            return first + 1 < line.count && line[first + 1] >= 0x80 ? .unsure : .skip
        }
        let row = fields(line)
        return row.isEmpty ? .unsure : .row(row)
    }

    /// The tab-separated fields, each trimmed of spaces and tabs (`.whitespaces` within
    /// ASCII); empty when a field's edge is a non-ASCII scalar other than a Latin letter.
    private static func fields(_ line: UnsafeBufferPointer<UInt8>) -> [String] {
        var fields: [String] = []
        var from = 0
        var k = 0
        while k <= line.count {
            if k == line.count || line[k] == 0x09 {
                var a = from, b = k
                while a < b, line[a] == 0x20 || line[a] == 0x09 { a += 1 }
                while b > a, line[b - 1] == 0x20 || line[b - 1] == 0x09 { b -= 1 }
                if a < b, line[a] >= 0x80, !latinLetter(startingAt: a, line) { return [] }
                if a < b, line[b - 1] >= 0x80 {
                    var lead = b - 1
                    while lead > a, line[lead] & 0xC0 == 0x80 { lead -= 1 }
                    if !latinLetter(startingAt: lead, line) { return [] }
                }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[a..<b]), as: UTF8.self))
                from = k + 1
            }
            k += 1
        }
        return fields
    }

    /// Whether the scalar whose UTF-8 starts at `i` is in U+00C0–U+024F (Latin letters,
    /// plus × and ÷): certainly not a space, so trimming stops there in any Unicode version.
    private static func latinLetter(startingAt i: Int, _ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard i + 1 < line.count, line[i] & 0xE0 == 0xC0 else { return false }
        let v = UInt32(line[i] & 0x1F) << 6 | UInt32(line[i + 1] & 0x3F)
        return v >= 0xC0 && v <= 0x24F
    }

    /// Loads `Resources/<lang>/<file>` from a bundle; an absent file is an empty resource
    /// (a language may not need every list), an unreadable one is a programming error.
    public static func load(_ file: String, language: String, bundle: Bundle) -> ResourceFile {
        let base = (file as NSString).deletingPathExtension
        let ext = (file as NSString).pathExtension
        guard let url = bundle.url(forResource: base, withExtension: ext, subdirectory: "Resources/\(language)")
        else { return ResourceFile(name: "\(language)/\(file)", contents: "") }
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            fatalError("resource \(language)/\(file) is not readable UTF-8")
        }
        return ResourceFile(name: "\(language)/\(file)", contents: text)
    }

    /// The first field of each row, lowercased: for plain word lists.
    public var words: Set<String> { Set(rows.compactMap { $0.first?.lowercased() }) }
}
