import DossierCore
import DossierText
import Foundation

/// A list of known names, matched on token sequences to give the tagger a "this is a
/// known place/person/…" feature. The same object must label the training sentences and,
/// at inference, the document's tokens: the model learns how far to trust the list.
public struct NERGazetteer: Sendable {
    /// Exact token sequence (joined by a space) → label ("LOC", "PER", "GIVEN", …).
    private let names: [String: String]
    /// First token → longest name length in tokens starting with it.
    private let longest: [String: Int]

    public var count: Int { names.count }

    /// Entries as (name, label); names are tokenised as Dossier tokenises text, so
    /// "Kim Jong-un" is two tokens and "l'Élysée" two as well. Case matters: "Nice" the city
    /// is not "nice".
    public init(_ entries: [(name: String, label: String)]) {
        var names: [String: String] = [:]
        var longest: [String: Int] = [:]
        let tokenizer = Tokenizer()
        for (name, label) in entries {
            let tokens = tokenizer.tokenize(NormalizedText(name)).map(\.text)
            guard let first = tokens.first else { continue }
            let key = tokens.joined(separator: " ")
            if names[key] == nil { names[key] = label }
            longest[first] = max(longest[first] ?? 0, tokens.count)
        }
        self.names = names
        self.longest = longest
    }

    /// Reads Dossier knowledge-base rows (`id, TYPE, canonical, alias|alias…, …`): every
    /// canonical name and alias gets the row's type. With `label`, a plain list instead:
    /// the first field of each row gets that label (e.g. given names → "GIVEN").
    public static func entries(_ file: ResourceFile, label: String? = nil) -> [(name: String, label: String)] {
        var out: [(name: String, label: String)] = []
        for row in file.rows {
            if let label {
                if let name = row.first, !name.isEmpty { out.append((name, label)) }
                continue
            }
            guard row.count >= 3 else { continue }
            out.append((row[2], row[1]))
            if row.count >= 4 {
                for alias in row[3].split(separator: "|") { out.append((String(alias), row[1])) }
            }
        }
        return out
    }

    /// IOB labels ("B-LOC", "I-LOC") of the longest known names, left to right, nil elsewhere.
    public func labels(_ tokens: [String]) -> [String?] {
        var out = [String?](repeating: nil, count: tokens.count)
        var i = 0
        while i < tokens.count {
            guard let maxLength = longest[tokens[i]] else { i += 1; continue }
            var matched = 0
            var length = min(maxLength, tokens.count - i)
            while length > 0 {
                if let label = names[tokens[i..<(i + length)].joined(separator: " ")] {
                    out[i] = "B-" + label
                    for k in (i + 1)..<(i + length) { out[k] = "I-" + label }
                    matched = length
                    break
                }
                length -= 1
            }
            i += max(matched, 1)
        }
        return out
    }
}
