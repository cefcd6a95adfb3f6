import Foundation

/// Names as the store compares them: no case, no accents, punctuation as spaces, so that
/// "Zelensky", "ZELENSKY" and "Zélensky" meet, and "Jong-un" matches "jong un".
public enum NameKey {
    public static func fold(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive],
                                  locale: nil)
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// A LIKE pattern matching `key` as whole words inside a space-padded column.
    static func wordPattern(_ key: String) -> String { "% \(key) %" }
}
