import DossierCore
import Foundation

/// The languages Dossier can read are the folders under the text layer's `Resources/`:
/// adding a language is adding a folder of files, with no code to change.
public enum LanguageCatalog {
    public static let available: [Language] = {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Resources"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: root.path)
        else { return Language.supported }
        let found = names.filter { !$0.hasPrefix(".") }.sorted().map { Language($0) }
        return found.isEmpty ? Language.supported : found
    }()
}
