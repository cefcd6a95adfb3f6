import DossierCore
import DossierStore
import Foundation
import DossierTestSupport

/// A real SQLite file in a fresh temporary folder: stores are tested as they run.
struct TemporaryStore {
    let folder: URL
    var path: String { folder.appendingPathComponent("dossier.sqlite").path }

    init() throws {
        folder = Scratch.path("dossier-store")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func open(readOnly: Bool = false) throws -> SQLiteStore { try SQLiteStore(path: path, readOnly: readOnly) }

    /// A new store filled by `fill`, and what `answers` read from it, the store closed again:
    /// the "before" of a migration test, which then takes the file back to an older schema.
    static func filled(by fill: (SQLiteStore) async throws -> Void,
                       answers: (SQLiteStore) async throws -> [String]) async throws -> (TemporaryStore, [String]) {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        try await fill(store)
        return (temporary, try await answers(store))
    }
}

/// Builds an extraction by hand, so store tests do not depend on the extractors.
enum Sample {
    static func record(_ text: String, sha: String, fingerprint: MinHashSignature? = nil, outlet: String? = nil,
                       published: String? = nil, url: String? = nil, title: String? = nil) -> DocumentRecord {
        DocumentRecord(sha256: sha, fingerprint: fingerprint, text: text,
                       metadata: DocumentMetadata(title: title, outlet: outlet, url: url,
                                                  published: published.flatMap(Day.init(iso:))),
                       origin: "test:\(sha)")
    }

    static func span(_ text: String, _ part: String) -> Span {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(part.unicodeScalars)
        for i in 0...(scalars.count - needle.count) where Array(scalars[i..<i + needle.count]) == needle {
            return Span(i, i + needle.count)
        }
        fatalError("\(part) not in \(text)")
    }

    static func excerpt(_ text: String, _ part: String) -> Excerpt {
        Excerpt(span: span(text, part), text: part)
    }

    /// One attributed claim: `source` says `content` (with `cue`), mentioning `entity`.
    static func extraction(_ text: String, source: String, sourceCanonical: String? = nil, cue: String,
                           content: String, entity: String, canonical: String? = nil,
                           type: EntityType = .person, language: Language = .english) -> Extraction {
        let mention = EntityMention(span: span(text, entity), text: entity, type: type, canonical: canonical)
        let attribution = Attribution(source: excerpt(text, source), cue: excerpt(text, cue),
                                      content: excerpt(text, content), sourceCanonical: sourceCanonical,
                                      sourceKind: .person, kind: .indirect)
        let claim = Claim(span: span(text, content), text: content, attribution: 0, certainty: .attributed,
                          entities: [0])
        return Extraction(language: language, length: text.unicodeScalars.count,
                          sentences: [Span(0, text.unicodeScalars.count)], entities: [mention],
                          attributions: [attribution], claims: [claim])
    }
}
