import DossierCore
import DossierText
import Foundation

/// Loads an extractor's language data from `Resources/<lang>/<file>` of this module.
/// The formats are described in `docs/language-data.md`; adding a language means adding
/// a folder of files, not code.
public enum LanguageData {
    public static func file(_ name: String, _ language: Language) -> ResourceFile {
        ResourceFile.load(name, language: language.rawValue, bundle: .module)
    }

    /// The same file for every supported language, e.g. gazetteers that a French article
    /// may need in English ("New York Times") and the reverse.
    public static func allLanguages(_ name: String) -> [ResourceFile] {
        LanguageCatalog.available.map { file(name, $0) }
    }

    /// A language-independent file under `Resources/kb/`.
    public static func knowledgeBase(_ name: String) -> ResourceFile {
        ResourceFile.load(name, language: "kb", bundle: .module)
    }
}
