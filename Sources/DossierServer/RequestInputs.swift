import DossierCore
import DossierIngest
import DossierStore
import DossierText
import Foundation

/// The body of `POST /extract`: the article as text, or `{"text","lang","published","id"}`.
struct ExtractInput {
    var document: Document

    private struct JSONBody: Decodable {
        var text: String
        var lang: String?
        var published: String?
        var id: String?
    }

    static func parse(_ data: Data, mediaType: String?) throws -> ExtractInput {
        switch mediaType {
        case "application/json":
            let body: JSONBody
            do {
                body = try JSONDecoder().decode(JSONBody.self, from: data)
            } catch DecodingError.keyNotFound(let key, _) {
                throw APIError(.badRequest, "the JSON body needs a \"\(key.stringValue)\" field")
            } catch {
                throw APIError(.badRequest, "the body is not valid JSON of the form {\"text\",\"lang\",\"published\"}")
            }
            return try make(text: body.text, lang: body.lang, published: body.published, id: body.id)
        case "text/plain", nil:
            let text: String
            do {
                text = try TextDecoding.decode(data)
            } catch {
                throw APIError(.badRequest, "the body is not readable text: \(error)")
            }
            return try make(text: text, lang: nil, published: nil, id: nil)
        case let other?:
            throw APIError(.unsupportedMediaType, "\(other): send text/plain or application/json")
        }
    }

    static func make(text: String, lang: String?, published: String?, id: String?) throws -> ExtractInput {
        guard !text.allSatisfy(\.isWhitespace) else { throw APIError(.badRequest, "text: the article is empty") }
        guard !text.unicodeScalars.contains("\0") else { throw APIError(.badRequest, "text: contains a NUL character") }
        var language: Language?
        if let lang, lang != "auto" {
            guard LanguageCatalog.available.contains(Language(lang)) else {
                throw APIError(.badRequest, "lang=\(lang): use auto, " + LanguageCatalog.available.map(\.rawValue).joined(separator: ", "))
            }
            language = Language(lang)
        }
        var day: Day?
        if let published, !published.isEmpty {
            guard let d = Day(iso: published) else { throw APIError(.badRequest, "published=\(published): expected YYYY-MM-DD") }
            day = d
        }
        return ExtractInput(document: Document(text: text, language: language,
                                                metadata: DocumentMetadata(id: id, published: day)))
    }
}

/// `POST /documents`: the body goes through the same ingest as `dossier add` (hashing,
/// HTML cleaning, JSON lines, near-duplicate links), by way of a private temporary file
/// whose extension says how to read it. The file's path means nothing once the request
/// is over, so the documents' recorded origin names the upload instead (`UploadStore`).
struct Upload {
    let server: DossierServer

    func ingest(_ data: Data, mediaType: String?, overrides: IngestOverrides) async throws -> [IngestResult] {
        let ext: String
        switch mediaType {
        case "text/plain", nil: ext = "txt"
        case "text/html", "application/xhtml+xml": ext = "html"
        case "application/json", "application/x-ndjson", "application/jsonl": ext = "jsonl"
        case "application/rss+xml", "application/atom+xml", "application/xml", "text/xml": ext = "xml"
        case let other?: throw APIError(.unsupportedMediaType, "\(other): send text/plain, text/html, application/json (lines) or a feed")
        }
        var body = data
        if ext == "jsonl" {
            // One JSON object may span lines; JSON lines need one per line.
            if let object = try? JSONSerialization.jsonObject(with: data), object is [String: Any] {
                body = try JSONSerialization.data(withJSONObject: object)
            }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("upload.\(ext)")
        try body.write(to: file)
        let store = UploadStore(base: server.store, temporaryPath: file.path, upload: UploadStore.name(of: data))
        let ingestor = Ingestor(store: store, pipeline: server.pipeline, overrides: overrides, jobs: 1)
        final class Events { var list: [IngestResult] = [] }
        let events = Events()
        _ = await ingestor.run(paths: [file.path]) { event in
            switch event {
            case .added(let origin, let id, let link):
                events.list.append(IngestResult(origin: store.origin(origin), status: "added", id: id, nearDuplicateOf: link))
            case .unchanged(let origin, let id):
                events.list.append(IngestResult(origin: store.origin(origin), status: "unchanged", id: id))
            case .failed(let origin, let message):
                let origin = store.origin(origin)
                events.list.append(IngestResult(origin: origin, status: "failed", message: message))
            }
        }
        return events.list
    }
}
