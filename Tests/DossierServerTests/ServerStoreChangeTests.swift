import DossierAnalysis
import DossierIngest
@testable import DossierServer
import DossierStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import DossierTestSupport

/// What the server does when the store changes under it, on each backend: the cached
/// analysis is recomputed after any write (its own, another process's, a correction) and
/// only then; posted documents say where they came from.
@Suite("Server over a changing store")
struct ServerStoreChangeTests {
    static func factsTotal(_ client: any TestClientProtocol) async throws -> Int {
        let response = try await client.execute(uri: "/facts?limit=1", method: .get)
        #expect(response.status == .ok)
        return try #require(try ServerFixture.json(response.body)["total"] as? Int)
    }

    @Test(arguments: ServerBackend.available)
    func analysisIsRecomputedOnAStoreChangeAndOnlyThen(backend: ServerBackend) async throws {
        try await ServerFixture.withServerInstance(backend, fresh: true) { client, server, store in
            let facts = try await Self.factsTotal(client)
            #expect(facts > 0)
            _ = try await Self.factsTotal(client)
            _ = try await client.execute(uri: "/", method: .get, headers: ServerFixture.html)
            #expect(await server.cache.loads == 1, "recomputed without a change")

            // Another writer (a `dossier add`, a worker) adds a document behind the server's back.
            let dir = Scratch.path("dossier-change")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("late.txt")
            try "The defence ministry said on Tuesday that 900 troops had left the northern border region."
                .write(to: file, atomically: true, encoding: .utf8)
            let summary = await Ingestor(store: store, jobs: 1).run(paths: [file.path])
            #expect(summary.added == 1)
            _ = try await Self.factsTotal(client)
            #expect(await server.cache.loads == 2, "a write by another process was not seen")
            let listed = try ServerFixture.json(try await client.execute(uri: "/documents?limit=1", method: .get).body)
            #expect(listed["total"] as? Int == 25)
            _ = try await client.execute(uri: "/", method: .get, headers: ServerFixture.html)
            #expect(await server.cache.loads == 2)

            // A manual correction recorded by `dossier entity merge` on any machine.
            let changed = try await StoredOverrides(store: store).update { overrides in
                overrides.merges.append(ResolutionOverrides.Merge("Tarsk", "Brévane"))
                return true
            }
            #expect(changed)
            let merged = try await client.execute(uri: "/entities/Tarsk", method: .get)
            #expect(merged.status == .ok)
            #expect(await server.cache.loads == 3, "a correction was not seen")
            let aliases = (try ServerFixture.json(merged.body)["resolved"] as? [[String: Any]])?
                .flatMap { (($0["entity"] as? [String: Any])?["aliases"] as? [String]) ?? [] } ?? []
            #expect(aliases.contains { $0.contains("Brévane") }, "\(aliases)")
            _ = try await Self.factsTotal(client)
            #expect(await server.cache.loads == 3)
        }
    }

    @Test(arguments: ServerBackend.available)
    func concurrentRequestsShareOneComputation(backend: ServerBackend) async throws {
        try await ServerFixture.withServerInstance(backend) { client, server, _ in
            let totals = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 { group.addTask { try await Self.factsTotal(client) } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(totals.count == 6 && Set(totals).count == 1)
            #expect(await server.cache.loads == 1)
        }
    }

    @Test(arguments: ServerBackend.available)
    func postedDocumentsRecordTheUploadAsTheirOrigin(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend, fresh: true) { client, store in
            let text = "Selon la préfecture, 120 familles ont été relogées vendredi après l'incendie de Lyon."
            let posted = try await client.execute(uri: "/documents?published=2024-06-07", method: .post,
                                                  headers: ServerFixture.authorized("text/plain"), body: ByteBuffer(string: text))
            #expect(posted.status == .created)
            let result = try #require((try ServerFixture.json(posted.body)["results"] as? [[String: Any]])?.first)
            let origin = try #require(result["origin"] as? String)
            #expect(origin.hasPrefix("http-post:") && origin.count == "http-post:".count + 12, "\(origin)")
            let id = try #require(result["id"] as? Int)
            let stored = try #require(try await store.document(String(id)))
            #expect(stored.origin == origin)

            // JSON lines keep the line number and the article's own id after the upload's name.
            let line = #"{"id": "wire-77", "text": "The agency said 40 boats were seized on Friday.", "lang": "en", "published": "2024-06-08"}"#
            let json = try await client.execute(uri: "/documents", method: .post,
                                                headers: ServerFixture.authorized("application/json"), body: ByteBuffer(string: line))
            #expect(json.status == .created)
            let jsonOrigin = try #require((try ServerFixture.json(json.body)["results"] as? [[String: Any]])?.first?["origin"] as? String)
            #expect(jsonOrigin.hasPrefix("http-post:") && jsonOrigin.hasSuffix(":1 (wire-77)"), "\(jsonOrigin)")
            #expect(!jsonOrigin.contains("dossier-upload") && !jsonOrigin.contains("/tmp"))
        }
    }
}
