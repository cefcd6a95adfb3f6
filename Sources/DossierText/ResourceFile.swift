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
        for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rows.append(line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) })
        }
        self.rows = rows
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
