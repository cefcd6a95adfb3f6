import DossierCore
import DossierText
import Foundation

/// Reads an article from a file or standard input and checks that it is text.
enum Inputs {
    static func readText(path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError("\(path): no such file")
            }
            guard !isDirectory.boolValue else { throw CLIError("\(path): is a directory, not an article") }
            guard let read = FileManager.default.contents(atPath: path) else {
                throw CLIError("\(path): cannot be read (permissions?)")
            }
            data = read
        }
        do {
            return try TextDecoding.decode(data)
        } catch {
            throw CLIError("\(path == "-" ? "standard input" : path): \(error)")
        }
    }

    static func language(_ option: String) throws -> Language? {
        switch option.lowercased() {
        case "auto": return nil
        case let code where LanguageCatalog.available.contains(Language(code)): return Language(code)
        default:
            let known = LanguageCatalog.available.map(\.rawValue).joined(separator: ", ")
            throw CLIError("--lang \(option): unknown language (use auto, \(known))")
        }
    }

    static func day(_ option: String?) throws -> Day? {
        guard let option else { return nil }
        guard let day = Day(iso: option) else { throw CLIError("--published \(option): not a YYYY-MM-DD date") }
        return day
    }
}

/// One line of a JSON-lines batch: `{"id","text","lang","published"}`.
struct BatchItem: Decodable {
    var id: String?
    var text: String
    var lang: String?
    var published: String?

    private enum Keys: String, CodingKey { case id, text, lang, published }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        // Ids arrive as strings or numbers depending on the producer.
        if let s = try? c.decodeIfPresent(String.self, forKey: .id) {
            id = s
        } else if let n = try? c.decodeIfPresent(Int.self, forKey: .id) {
            id = String(n)
        }
        text = try c.decode(String.self, forKey: .text)
        lang = try c.decodeIfPresent(String.self, forKey: .lang)
        published = try c.decodeIfPresent(String.self, forKey: .published)
    }
}
