import DossierIngest
import DossierServer
import DossierStore
import Foundation
import Hummingbird
import HummingbirdTesting

/// A temporary store holding the conflict corpus (23 articles with outlets, dates and URLs)
/// and one article carrying HTML/JS payloads, served by the real server on loopback.
enum ServerFixture {
    static let token = "test-token-1234"
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The hostile article: every payload must reach the page as text.
    static let payloadText = """
        Le ministre Jean Dupont a affirmé mardi que 3 000 soldats <script>document.documentElement.setAttribute('data-pwned','script')</script> étaient déployés.
        « Nous avons <img src=x onerror="document.documentElement.setAttribute('data-pwned','img')"> des preuves », a déclaré le porte-parole selon l'agence Reuters.
        The minister said "<b onmouseover=alert(1)>" 40% of 'quotes' & ampersands were seen.
        """

    struct Entry: Decodable { var id, outlet, language, published, url: String }

    static func corpusLines() throws -> Data {
        let folder = fixtures.appendingPathComponent("conflict-corpus")
        let entries = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: folder.appendingPathComponent("corpus.json")))
        var out = Data()
        for e in entries {
            let text = try String(contentsOf: folder.appendingPathComponent("articles/\(e.id).txt"), encoding: .utf8)
            let line = ["id": e.id, "text": text, "lang": e.language, "published": e.published, "outlet": e.outlet, "url": e.url]
            out.append(try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]))
            out.append(Data("\n".utf8))
        }
        let payload = ["id": "payload", "text": payloadText, "lang": "fr", "published": "2024-11-12", "outlet": "Hostile <Wire>"]
        out.append(try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]))
        out.append(Data("\n".utf8))
        return out
    }

    /// A new store in its own temporary folder, filled through the real ingest.
    static func makeStore() async throws -> SQLiteStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let input = dir.appendingPathComponent("corpus.jsonl")
        try corpusLines().write(to: input)
        let store = try SQLiteStore(path: dir.appendingPathComponent("store.sqlite").path)
        let summary = await Ingestor(store: store, jobs: 2).run(paths: [input.path])
        guard summary.failed == 0, summary.added == 24 else { throw StoreError("fixture ingest: \(summary.line)") }
        return store
    }

    /// Runs `body` against a live server (real sockets on 127.0.0.1, a free port).
    /// Read-only tests share one store; tests that write get their own.
    static let shared = Task<SQLiteStore, any Error> { try await makeStore() }

    static func withServer<T: Sendable>(fresh: Bool = false, maxBody: Int = 64 * 1024,
                                        _ body: @Sendable (any TestClientProtocol, SQLiteStore) async throws -> T) async throws -> T {
        let store = fresh ? try await makeStore() : try await shared.value
        let server = try await DossierServer(store: store, settings: ServerSettings(host: "127.0.0.1", port: 0, token: token,
                                                                                   maxBodyBytes: maxBody))
        let app = Application(router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in try await body(client, store) }
    }

    static let html: HTTPFields = [.accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"]
    static let auth: HTTPFields = [.authorization: "Bearer \(token)"]

    static func authorized(_ contentType: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: contentType]
    }

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))
        guard let dict = object as? [String: Any] else { throw StoreError("not a JSON object: \(String(buffer: buffer))") }
        return dict
    }
}
