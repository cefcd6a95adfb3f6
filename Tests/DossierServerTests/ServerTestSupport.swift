import DossierIngest
@testable import DossierServer
import DossierStore
import Foundation
import Hummingbird
import HummingbirdTesting
import DossierTestSupport

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

    /// A new store filled through the real ingest: a SQLite file in its own temporary
    /// folder, or a new database on the PostgreSQL test server.
    static func makeStore(_ backend: ServerBackend) async throws -> any BrowsableStore {
        let dir = Scratch.path("dossier-server")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let input = dir.appendingPathComponent("corpus.jsonl")
        try corpusLines().write(to: input)
        let store: any BrowsableStore
        switch backend {
        case .sqlite: store = try SQLiteStore(path: dir.appendingPathComponent("store.sqlite").path)
        case .postgres: store = try await ServerBackend.scratchStore()
        }
        let summary = await Ingestor(store: store, jobs: 2).run(paths: [input.path])
        guard summary.failed == 0, summary.added == 24 else { throw StoreError("fixture ingest: \(summary.line)") }
        return store
    }

    /// Read-only tests share one store per backend; tests that write get their own.
    static let sharedSQLite = Task<any BrowsableStore, any Error> { try await makeStore(.sqlite) }
    static let sharedPostgres = Task<any BrowsableStore, any Error> { try await makeStore(.postgres) }

    static func store(_ backend: ServerBackend, fresh: Bool) async throws -> any BrowsableStore {
        if fresh { return try await makeStore(backend) }
        switch backend {
        case .sqlite: return try await sharedSQLite.value
        case .postgres: return try await sharedPostgres.value
        }
    }

    /// Runs `body` against a live server (real sockets on 127.0.0.1, a free port).
    static func withServer<T: Sendable>(_ backend: ServerBackend = .sqlite, fresh: Bool = false, maxBody: Int = 64 * 1024,
                                        _ body: @Sendable (any TestClientProtocol, any BrowsableStore) async throws -> T) async throws -> T {
        try await withServerInstance(backend, fresh: fresh, maxBody: maxBody) { client, _, store in try await body(client, store) }
    }

    /// The same, also handing over the server (tests that look at its analysis cache).
    static func withServerInstance<T: Sendable>(_ backend: ServerBackend, fresh: Bool = false, maxBody: Int = 64 * 1024,
                                                _ body: @Sendable (any TestClientProtocol, DossierServer, any BrowsableStore) async throws -> T) async throws -> T {
        let store = try await store(backend, fresh: fresh)
        let server = try await DossierServer(store: store, settings: ServerSettings(host: "127.0.0.1", port: 0, token: token,
                                                                                   maxBodyBytes: maxBody))
        let app = Application(router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in try await body(client, server, store) }
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

/// The server tests run on every backend: SQLite always, PostgreSQL when
/// `DOSSIER_TEST_POSTGRES` names a server (`scripts/postgres start`); with
/// `DOSSIER_REQUIRE_POSTGRES=1` (scripts/test) a missing server fails the tests instead
/// of skipping them — the pattern of DossierStoreTests.
enum ServerBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    var description: String { rawValue }

    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES"]
        return url?.isEmpty == false ? url : nil
    }

    static var available: [ServerBackend] {
        postgresURL != nil || ProcessInfo.processInfo.environment["DOSSIER_REQUIRE_POSTGRES"] == "1" ? allCases : [.sqlite]
    }

    /// A new database on the test server, so tests never see each other's rows.
    static func scratchStore() async throws -> PostgresStore {
        guard let server = postgresURL else {
            throw StoreError("DOSSIER_REQUIRE_POSTGRES=1 but DOSSIER_TEST_POSTGRES is not set: start a server with scripts/postgres start")
        }
        let url = try await PostgresStore.createScratchDatabase(near: server, prefix: "dossier_test")
        return try await PostgresStore(url: url, connections: 4)
    }
}
