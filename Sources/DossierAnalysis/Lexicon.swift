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
    /// Folded lemma → class of the counted thing ("soldat" → military).
    public var lemmaClasses: [String: String]
    /// Folded cue phrase (as tokens) → class ("tués" → killed), longest first.
    public var cueClasses: [([Substring], String)]

    public init(prefixes: [String], suffixes: [String], functionWords: [String],
                lemmaClasses: [String: String] = [:], cueClasses: [String: String] = [:]) {
        func tokens(_ phrases: [String]) -> [[Substring]] {
            phrases.map { NameFolding.fold($0).split(separator: " ") }
                .filter { !$0.isEmpty }
                .sorted { $0.count > $1.count }
        }
        self.prefixes = tokens(prefixes)
        self.suffixes = tokens(suffixes)
        self.functionWords = Set(functionWords.map(NameFolding.fold))
        self.lemmaClasses = Dictionary(lemmaClasses.map { (NameFolding.fold($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.cueClasses = cueClasses.map { (NameFolding.fold($0.key).split(separator: " "), $0.value) }
            .filter { !$0.0.isEmpty }
            .sorted { ($0.0.count, $0.1) > ($1.0.count, $1.1) }
    }

    /// The lexicon shipped in the package's resource files.
    public static let shared: AnalysisLexicon = {
        let designators = rows("place-designators")
        let words = rows("function-words")
        let classes = rows("counted-classes").filter { $0.count >= 3 }
        func table(_ kind: String) -> [String: String] {
            Dictionary(classes.filter { $0[0] == kind }.map { ($0[1], $0[2]) }, uniquingKeysWith: { a, _ in a })
        }
        return AnalysisLexicon(
            prefixes: designators.filter { $0.first == "prefix" && $0.count > 1 }.map { $0[1] },
            suffixes: designators.filter { $0.first == "suffix" && $0.count > 1 }.map { $0[1] },
            functionWords: words.compactMap(\.first),
            lemmaClasses: table("lemma"), cueClasses: table("cue"))
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
        nameKey(folded: NameFolding.fold(name))
    }

    /// `nameKey` of a string already folded, so callers that need both fold only once.
    public func nameKey(folded: String) -> (key: String, stripped: Bool) {
        var tokens = folded.split(separator: " ")[...]
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

extension AnalysisLexicon {
    /// The class of a counted thing: a cue in the figure's own stretch of the claim wins
    /// ("300 soldats ont été tués" counts the killed), then the lemma's class, then the
    /// lemma itself (so "5 journalists" never meets "5 soldiers"); nil when nothing is known.
    func countedClass(lemma: String?, window: Substring) -> String? {
        if !cueClasses.isEmpty {
            let tokens = NameFolding.fold(String(window)).split(separator: " ")
            for (cue, cls) in cueClasses where cue.count <= tokens.count {
                for i in 0...(tokens.count - cue.count) where tokens[i] == cue[0] {
                    if Array(tokens[i..<(i + cue.count)]) == cue { return cls }
                }
            }
        }
        guard let lemma, !lemma.isEmpty else { return nil }
        let folded = NameFolding.fold(lemma)
        return lemmaClasses[folded] ?? "lemma:\(folded)"
    }
}
