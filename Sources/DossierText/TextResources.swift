import DossierCore
import Foundation

/// The language data the text layer needs: abbreviations that do not end a sentence and
/// the frequent words that identify a language.
struct TextResources: Sendable {
    let abbreviations: Set<String>
    let stopwords: Set<String>

    static func load(_ language: Language) -> TextResources {
        TextResources(
            abbreviations: ResourceFile.load("abbreviations.txt", language: language.rawValue, bundle: .module).words,
            stopwords: ResourceFile.load("stopwords.txt", language: language.rawValue, bundle: .module).words)
    }

    static let byLanguage: [Language: TextResources] = {
        var table: [Language: TextResources] = [:]
        for language in LanguageCatalog.available { table[language] = load(language) }
        return table
    }()

    /// Abbreviations of every supported language: a French article quotes "U.S." too.
    static let allAbbreviations: Set<String> = byLanguage.values.reduce(into: Set()) { $0.formUnion($1.abbreviations) }
}
