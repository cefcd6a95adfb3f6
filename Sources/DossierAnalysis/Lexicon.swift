import Foundation

/// Folding and name keys: how two spellings of one name are made to meet.
///
/// Works on Unicode scalars after canonical decomposition, so that "Brévane" and "Brevane",
/// "Kim Jong-un" and "Kim Jong Un" fold to the same key without any per-language rule.
public enum NameFolding {
    /// Lowercase, strip accents, turn every non-alphanumeric scalar (hyphens, apostrophes,
    /// points, spaces) into one space, trim.
    public static func fold(_ string: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in string.decomposedStringWithCanonicalMapping.unicodeScalars {
            let props = scalar.properties
            if props.generalCategory == .nonspacingMark { continue }
            if props.isAlphabetic || props.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                if props.changesWhenLowercased {
                    out.append(contentsOf: props.lowercaseMapping.unicodeScalars)
                } else {
                    out.append(scalar)
                }
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }
}

/// The language knowledge the analysis needs, loaded from `Resources/` once: place
/// designators to strip from names, and function words to ignore in lexical overlap.
/// Kept as data so that a new language is a few more lines in the files.
public struct AnalysisLexicon: Sendable {
    /// Folded token sequences, longest first, so "la région de" wins over "la".
    public var prefixes: [[Substring]]
    public var suffixes: [[Substring]]
    public var functionWords: Set<String>

    public init(prefixes: [String], suffixes: [String], functionWords: [String]) {
        func tokens(_ phrases: [String]) -> [[Substring]] {
            phrases.map { NameFolding.fold($0).split(separator: " ") }
                .filter { !$0.isEmpty }
                .sorted { $0.count > $1.count }
        }
        self.prefixes = tokens(prefixes)
        self.suffixes = tokens(suffixes)
        self.functionWords = Set(functionWords.map(NameFolding.fold))
    }

    /// The lexicon shipped in the package's resource files.
    public static let shared: AnalysisLexicon = {
        let designators = rows("place-designators")
        let words = rows("function-words")
        return AnalysisLexicon(
            prefixes: designators.filter { $0.first == "prefix" && $0.count > 1 }.map { $0[1] },
            suffixes: designators.filter { $0.first == "suffix" && $0.count > 1 }.map { $0[1] },
            functionWords: words.compactMap(\.first))
    }()

    /// Reads a TAB-separated resource: `#` comments and blank lines skipped.
    static func rows(_ name: String) -> [[String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: name, withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
            return line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// The folded name without its place designators ("la région de Tarsk" → "tarsk"),
    /// never stripping the last token, so a name made only of a designator survives.
    public func nameKey(_ name: String) -> (key: String, stripped: Bool) {
        var tokens = NameFolding.fold(name).split(separator: " ")[...]
        var stripped = false
        if let p = prefixes.first(where: { $0.count < tokens.count && tokens.starts(with: $0) }) {
            tokens = tokens.dropFirst(p.count)
            stripped = true
        }
        if let s = suffixes.first(where: { $0.count < tokens.count && Array(tokens.suffix($0.count)) == $0 }) {
            tokens = tokens.dropLast(s.count)
            stripped = true
        }
        return (tokens.joined(separator: " "), stripped)
    }

    /// Folded content words of a statement, for lexical overlap.
    public func contentWords(_ text: String) -> Set<String> {
        var words = Set<String>()
        for token in NameFolding.fold(text).split(separator: " ") where token.count >= 3 {
            let word = String(token)
            if !functionWords.contains(word) { words.insert(word) }
        }
        return words
    }
}
