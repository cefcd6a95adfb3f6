import DossierServer
import DossierStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Server API on loopback")
struct ServerAPITests {
    @Test(arguments: ServerBackend.available)
    func documentsArePagedWithACursor(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend) { client, _ in
            let first = try await client.execute(uri: "/documents?limit=10", method: .get)
            #expect(first.status == .ok)
            let page = try ServerFixture.json(first.body)
            #expect(page["total"] as? Int == 24)
            #expect((page["documents"] as? [Any])?.count == 10)
            let next = try #require(page["next"] as? String)
            let second = try ServerFixture.json(try await client.execute(uri: next, method: .get).body)
            let ids = ((page["documents"] as? [[String: Any]]) ?? []) + ((second["documents"] as? [[String: Any]]) ?? [])
            #expect(Set(ids.compactMap { $0["id"] as? Int }).count == 20)
            let byOffset = try ServerFixture.json(try await client.execute(uri: "/documents?limit=5&offset=20", method: .get).body)
            #expect((byOffset["documents"] as? [Any])?.count == 4)
            #expect(byOffset["next"] == nil)
        }
    }

    @Test(arguments: ServerBackend.available)
    func documentAnswersJSONOrItsPage(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend) { client, _ in
            let json = try await client.execute(uri: "/documents/a01", method: .get)
            #expect(json.status == .ok)
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            let body = try ServerFixture.json(json.body)
            let extraction = try #require(body["extraction"] as? [String: Any])
            #expect((extraction["claims"] as? [Any])?.isEmpty == false)
            let page = try await client.execute(uri: "/documents/a01", method: .get, headers: ServerFixture.html)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = String(buffer: page.body)
            for kind in ["entity", "quantity", "source", "cue", "claim"] {
                #expect(html.contains("data-kind=\"\(kind)\""), "no \(kind) highlight")
            }
            #expect(html.contains("class=\"claim-item"))
        }
    }

    @Test(arguments: ServerBackend.available)
    func payloadsAreRenderedAsText(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend) { client, _ in
            let page = try await client.execute(uri: "/documents/payload", method: .get, headers: ServerFixture.html)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("&lt;script&gt;document.documentElement.setAttribute(&#39;data-pwned&#39;"))
            #expect(html.contains("&lt;img src=x onerror=&quot;"))
            #expect(html.contains("Hostile &lt;Wire&gt;"))
            #expect(html.contains("data-kind=\"time\""), "'mardi' is not highlighted")
            // The only script element is the page's own; no element carries an event handler.
            #expect(html.components(separatedBy: "<script").count == 2)
            #expect(!html.contains("<img"))
            #expect(!html.contains("<b onmouseover"))
            #expect(html.range(of: "<[^>]*\\son[a-z]+=", options: [.regularExpression, .caseInsensitive]) == nil)
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
        }
    }

    @Test(arguments: ServerBackend.available)
    func badInputGetsA4xxWithAJSONError(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend, maxBody: 4096) { client, _ in
            let auth = ServerFixture.auth
            var json = auth
            json[.contentType] = "application/json"
            let cases: [(String, HTTPRequest.Method, HTTPFields, ByteBuffer?, HTTPResponse.Status)] = [
                ("/extract", .post, json, ByteBuffer(string: "{\"text\": "), .badRequest),
                ("/extract", .post, json, ByteBuffer(string: "{\"lang\": \"fr\"}"), .badRequest),
                ("/extract", .post, json, ByteBuffer(string: "{\"text\": \"Bonjour.\", \"published\": \"yesterday\"}"), .badRequest),
                ("/extract", .post, json, ByteBuffer(string: "{\"text\": \"Hello.\", \"lang\": \"xx\"}"), .badRequest),
                ("/extract", .post, ServerFixture.authorized("image/png"), ByteBuffer(string: "x"), .unsupportedMediaType),
                ("/extract", .post, ServerFixture.authorized("text/plain"), ByteBuffer(bytes: [0x41, 0xFF, 0xFE]), .badRequest),
                ("/extract", .post, [.contentType: "text/plain"], ByteBuffer(string: "Bonjour."), .unauthorized),
                ("/documents", .post, [.authorization: "Bearer wrong", .contentType: "text/plain"], ByteBuffer(string: "x"), .unauthorized),
                ("/documents", .post, ServerFixture.authorized("text/plain"), ByteBuffer(), .badRequest),
                ("/documents/999999", .get, [:], nil, .notFound),
                ("/documents/%3Cscript%3E", .get, [:], nil, .notFound),
                ("/facts/999999", .get, [:], nil, .notFound),
                ("/entities/Nobody%20Atall", .get, [:], nil, .notFound),
                ("/documents?limit=abc", .get, [:], nil, .badRequest),
                ("/documents?limit=0", .get, [:], nil, .badRequest),
                ("/documents?after=-4", .get, [:], nil, .badRequest),
                ("/claims?since=tomorrow", .get, [:], nil, .badRequest),
                ("/claims?certainty=sure", .get, [:], nil, .badRequest),
                ("/claims?limit=1000000", .get, [:], nil, .badRequest),
                ("/search", .get, [:], nil, .badRequest),
                ("/no/such/route", .get, [:], nil, .notFound),
                // Last: the server answers before reading this body.
                ("/extract", .post, ServerFixture.authorized("text/plain"), ByteBuffer(repeating: 65, count: 10_000), .contentTooLarge),
            ]
            for (uri, method, headers, body, expected) in cases {
                let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
                #expect(response.status == expected, "\(method) \(uri)")
                let error = try? ServerFixture.json(response.body)["error"] as? String
                #expect(error?.isEmpty == false, "\(method) \(uri): no JSON error body")
            }
        }
    }

    @Test(arguments: ServerBackend.available)
    func extractStoresNothing(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend) { client, store in
            let before = try await store.statistics().documents
            var headers = ServerFixture.auth
            headers[.contentType] = "application/json"
            let body = #"{"text": "Selon le ministère, près de 12 000 soldats ont été déployés le 3 mars.", "lang": "fr", "published": "2024-03-10"}"#
            let response = try await client.execute(uri: "/extract", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            let x = try ServerFixture.json(response.body)
            #expect((x["quantities"] as? [Any])?.isEmpty == false)
            #expect((x["attributions"] as? [Any])?.isEmpty == false)
            let plain = try await client.execute(uri: "/extract", method: .post,
                                                 headers: ServerFixture.authorized("text/plain; charset=utf-8"),
                                                 body: ByteBuffer(string: "The ministry said 300 people were evacuated on Monday."))
            #expect(plain.status == .ok)
            #expect(try await store.statistics().documents == before)
        }
    }

    @Test(arguments: ServerBackend.available)
    func postedDocumentsAreIngestedOnceWithAToken(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend, fresh: true) { client, store in
            let before = try await store.statistics().documents
            let text = "Selon l'agence Reuters, 450 civils ont été évacués jeudi de la ville de Kherson."
            let uri = "/documents?outlet=Test%20Wire&published=2024-05-02"
            var headers = ServerFixture.auth
            headers[.contentType] = "text/plain"
            let first = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: text))
            #expect(first.status == .created)
            let result = try #require((try ServerFixture.json(first.body)["results"] as? [[String: Any]])?.first)
            #expect(result["status"] as? String == "added")
            let id = try #require(result["id"] as? Int)
            let again = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: text))
            #expect((try ServerFixture.json(again.body)["results"] as? [[String: Any]])?.first?["status"] as? String == "unchanged")
            #expect(try await store.statistics().documents == before + 1)
            let shown = try ServerFixture.json(try await client.execute(uri: "/documents/\(id)", method: .get).body)
            #expect((shown["document"] as? [String: Any])?["outlet"] as? String == "Test Wire")
            let unauthenticated = try await client.execute(uri: "/documents", method: .post, headers: [.contentType: "text/plain"],
                                                           body: ByteBuffer(string: "Another text."))
            #expect(unauthenticated.status == .unauthorized)
            #expect(unauthenticated.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
    }

    @Test(arguments: ServerBackend.available)
    func claimsFactsEntitiesAndSearchAnswer(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend) { client, _ in
            let claims = try ServerFixture.json(try await client.execute(uri: "/claims?limit=5", method: .get).body)
            #expect((claims["claims"] as? [Any])?.count == 5)
            let denied = try ServerFixture.json(try await client.execute(uri: "/claims?certainty=denied&limit=50", method: .get).body)
            let certainties = Set(((denied["claims"] as? [[String: Any]]) ?? []).compactMap { $0["certainty"] as? String })
            #expect(certainties.isSubset(of: ["denied"]))
            let facts = try ServerFixture.json(try await client.execute(uri: "/facts", method: .get).body)
            let list = try #require(facts["facts"] as? [[String: Any]])
            #expect(!list.isEmpty)
            let fact = try ServerFixture.json(try await client.execute(uri: "/facts/1", method: .get).body)
            #expect(fact["number"] as? Int == 1)
            let entity = try await client.execute(uri: "/entities/Kestrania", method: .get)
            #expect(entity.status == .ok)
            let e = try ServerFixture.json(entity.body)
            #expect((e["resolved"] as? [Any])?.isEmpty == false)
            // Path parameters arrive percent-encoded.
            let spaced = try await client.execute(uri: "/entities/Pavel%20Ostrin", method: .get)
            #expect(spaced.status == .ok)
            let search = try ServerFixture.json(try await client.execute(uri: "/search?q=soldats", method: .get).body)
            #expect((search["hits"] as? [Any])?.isEmpty == false)
        }
    }

    @Test(arguments: ServerBackend.available)
    func pagesRenderForFactsEntitiesSearchAndHome(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend) { client, _ in
            for uri in ["/", "/facts/1", "/entities/Kestrania", "/search?q=soldats", "/facts"] {
                let page = try await client.execute(uri: uri, method: .get, headers: ServerFixture.html)
                #expect(page.status == .ok, "\(uri)")
                #expect(String(buffer: page.body).hasPrefix("<!doctype html>"), "\(uri)")
            }
            let fact = String(buffer: try await client.execute(uri: "/facts/1", method: .get, headers: ServerFixture.html).body)
            #expect(fact.contains("class=\"reports\""))
            let css = try await client.execute(uri: "/static/dossier.css", method: .get)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
        }
    }

    @Test(arguments: ServerBackend.available)
    func pasteFormRendersTheExtraction(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend) { client, store in
            let before = try await store.statistics().documents
            let form = "text=" + "Le porte-parole a déclaré que 200 <i>blessés</i> étaient soignés."
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&lang=fr&published=2024-02-01&token=\(ServerFixture.token)"
            let page = try await client.execute(uri: "/extract", method: .post,
                                                headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"],
                                                body: ByteBuffer(string: form))
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("data-kind=\"quantity\""))
            #expect(html.contains("&lt;i&gt;blessés&lt;/i&gt;"))
            #expect(try await store.statistics().documents == before)
        }
    }

    /// Every route the OpenAPI document lists answers: GETs with 200 (path parameters
    /// from their examples), POSTs with a 4xx about the missing body, never 404 or 5xx.
    @Test(arguments: ServerBackend.available)
    func everyRouteInTheOpenAPIDocumentAnswers(backend: ServerBackend) async throws {
        try await ServerFixture.withServer(backend) { client, _ in
            let spec = try ServerFixture.json(try await client.execute(uri: "/openapi.json", method: .get).body)
            let paths = try #require(spec["paths"] as? [String: [String: Any]])
            #expect(paths.count >= 10)
            for (path, operations) in paths {
                for (method, operation) in operations {
                    var uri = path
                    var query: [String] = []
                    for p in ((operation as? [String: Any])?["parameters"] as? [[String: Any]]) ?? [] {
                        // Path values that exist in the fixture store; the document's own examples otherwise.
                        let fixtureValues = ["name": "Kestrania", "id": "1"]
                        guard let name = p["name"] as? String,
                              let example = p["in"] as? String == "path" ? fixtureValues[name] : p["example"] as? String
                        else { continue }
                        if p["in"] as? String == "path" { uri = uri.replacingOccurrences(of: "{\(name)}", with: example) }
                        else { query.append("\(name)=\(example)") }
                    }
                    if !query.isEmpty { uri += "?" + query.joined(separator: "&") }
                    #expect(!uri.contains("{"), "\(path): a path parameter has no example")
                    let m: HTTPRequest.Method = method == "post" ? .post : .get
                    let response = try await client.execute(uri: uri, method: m, headers: ServerFixture.auth, body: m == .post ? ByteBuffer() : nil)
                    if m == .get {
                        #expect(response.status == .ok, "GET \(uri): \(response.status)")
                    } else {
                        #expect((400..<500).contains(response.status.code) && response.status != .notFound, "POST \(uri): \(response.status)")
                    }
                }
            }
        }
    }
}
