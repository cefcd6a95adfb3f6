import DossierAnalysis
import DossierCore
import DossierExtract
import DossierIngest
import DossierStore
import DossierText
import Foundation
import Hummingbird

/// The JSON API. Every handler validates its input and throws `APIError` for what it
/// rejects, so bad input gets a 4xx with `{"error": ...}`, never a 500.
/// Document, entity and fact URLs answer with a page when the client asks for HTML.
struct APIRoutes: Sendable {
    let server: DossierServer
    var store: any BrowsableStore { server.store }
    var settings: ServerSettings { server.settings }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/openapi.json") { _, _ in
            HTTP.response(server.pages.openAPI, type: "application/json; charset=utf-8")
        }
        router.get("/documents") { request, _ in try await documents(request) }
        router.get("/documents/{id}") { request, context in
            let id = try HTTP.pathParameter(context, "id")
            if HTTP.wantsHTML(request) { return try await PageRoutes(server: server).article(id) }
            return try await document(id)
        }
        router.post("/documents") { request, _ in try await ingest(request) }
        router.post("/extract") { request, _ in try await extract(request) }
        router.get("/claims") { request, _ in try await claims(request) }
        router.get("/entities/{name}") { request, context in
            let name = try HTTP.pathParameter(context, "name")
            if HTTP.wantsHTML(request) { return try await PageRoutes(server: server).entity(name) }
            return try HTTP.json(try await entityReport(name))
        }
        router.get("/facts") { request, _ in
            if HTTP.wantsHTML(request) { return try await PageRoutes(server: server).home(request) }
            return try await facts(request)
        }
        router.get("/facts/{id}") { request, context in
            let id = try HTTP.pathParameter(context, "id")
            if HTTP.wantsHTML(request) { return try await PageRoutes(server: server).fact(id) }
            let (number, fact) = try await lookUpFact(id)
            return try HTTP.json(NumberedFact(number: number, fact: fact))
        }
        router.get("/search") { request, _ in
            if HTTP.wantsHTML(request) { return try await PageRoutes(server: server).search(request) }
            let q = try searchQuery(request)
            let limit = try HTTP.intQuery(request, "limit", default: 20, range: 1...settings.maxPageSize)
            return try HTTP.json(SearchResults(query: q, hits: try await store.search(q, limit: limit)))
        }
    }

    // MARK: documents

    func documents(_ request: Request) async throws -> Response {
        let limit = try HTTP.intQuery(request, "limit", default: 20, range: 1...settings.maxPageSize)
        let offset = try HTTP.intQuery(request, "offset", default: 0, range: 0...Int(Int32.max))
        var after: DocumentID?
        if let raw = HTTP.query(request, "after") {
            guard let n = DocumentID(raw), n >= 0 else { throw APIError(.badRequest, "after=\(raw): expected a document id") }
            after = n
        }
        let page = try await store.documents(after: after, offset: offset, limit: limit)
        let next = page.nextAfter.map { "/documents?after=\($0)&limit=\(limit)" }
        return try HTTP.json(DocumentList(documents: page.documents, total: page.total, limit: limit, next: next))
    }

    func storedDocument(_ reference: String) async throws -> StoredDocument {
        guard reference.count <= 2048, let doc = try? await store.document(reference) else {
            throw APIError(.notFound, "\(reference): no such document")
        }
        return doc
    }

    func document(_ reference: String) async throws -> Response {
        let doc = try await storedDocument(reference)
        let extraction = try await store.extraction(of: doc.id)
        return try HTTP.json(DocumentWithExtraction(document: doc, extraction: extraction))
    }

    func ingest(_ request: Request) async throws -> Response {
        try HTTP.authorize(request, token: settings.token)
        let data = try await HTTP.body(request, limit: settings.maxBodyBytes)
        guard !data.isEmpty else { throw APIError(.badRequest, "the body is empty: send the article") }
        let overrides = IngestOverrides(
            outlet: HTTP.query(request, "outlet"), published: try HTTP.dayQuery(request, "published"),
            url: HTTP.query(request, "url"), language: try languageQuery(HTTP.query(request, "lang")))
        // No cache invalidation here: the write moves the store's generation, which the
        // cache checks on every read, whichever server or worker wrote.
        let results = try await Upload(server: server).ingest(data, mediaType: HTTP.mediaType(request), overrides: overrides)
        let stored = results.contains { $0.status != "failed" }
        return try HTTP.json(IngestResponse(results: results), status: stored ? .created : .unprocessableContent)
    }

    // MARK: extraction

    func extract(_ request: Request) async throws -> Response {
        let type = HTTP.mediaType(request)
        if type == "application/x-www-form-urlencoded" {
            return try await PageRoutes(server: server).pasted(request)
        }
        try HTTP.authorize(request, token: settings.token)
        let data = try await HTTP.body(request, limit: settings.maxBodyBytes)
        let input = try ExtractInput.parse(data, mediaType: type)
        return try HTTP.json(server.pipeline.extract(input.document))
    }

    // MARK: claims, entities, facts

    func claims(_ request: Request) async throws -> Response {
        let limit = try HTTP.intQuery(request, "limit", default: 20, range: 1...settings.maxPageSize)
        let offset = try HTTP.intQuery(request, "offset", default: 0, range: 0...10_000)
        var certainty: Certainty?
        if let raw = HTTP.query(request, "certainty") {
            guard let c = Certainty(rawValue: raw) else {
                throw APIError(.badRequest, "certainty=\(raw): use asserted, attributed, hedged, reported_conditional or denied")
            }
            certainty = c
        }
        let filter = ClaimFilter(about: HTTP.query(request, "entity"), source: HTTP.query(request, "source"),
                                 since: try HTTP.dayQuery(request, "since"))
        // The store filters by entity, source and date; certainty is filtered here, over
        // a larger window so a page is still full.
        let window = certainty == nil ? offset + limit + 1 : 20_000
        var rows = try await store.claims(matching: filter, limit: window)
        if let certainty { rows = rows.filter { $0.certainty == certainty.rawValue } }
        let page = Array(rows.dropFirst(offset).prefix(limit))
        let more = rows.count > offset + limit
        return try HTTP.json(ClaimList(claims: page, limit: limit, offset: offset,
                                       next: more ? nextURL(request, offset: offset + limit) : nil))
    }

    func entityReport(_ name: String) async throws -> EntityResponse {
        guard name.count <= 512 else { throw APIError(.badRequest, "the name is too long") }
        let analysis = try await server.cache.current()
        let resolved = analysis.entities(named: name)
        let reports = try await store.entity(named: name, claimLimit: 50)
        guard !reports.isEmpty || !resolved.isEmpty else { throw APIError(.notFound, "\(name): no such entity") }
        let by = try await store.claims(matching: ClaimFilter(source: name), limit: 50)
        let about = try await store.claims(matching: ClaimFilter(about: name), limit: 50)
        let facts = analysis.facts(about: Set(resolved)).map { FactSummary(number: $0 + 1, fact: analysis.analysis.facts[$0]) }
        return EntityResponse(
            name: name, stored: reports,
            resolved: resolved.map { ResolvedView(entity: analysis.analysis.entities[$0],
                                                  mentionsByOutlet: analysis.mentionsByOutlet(entity: $0)) },
            claimsBy: by, claimsAbout: about, facts: facts)
    }

    func facts(_ request: Request) async throws -> Response {
        let limit = try HTTP.intQuery(request, "limit", default: 50, range: 1...settings.maxPageSize)
        let offset = try HTTP.intQuery(request, "offset", default: 0, range: 0...Int(Int32.max))
        let analysis = try await server.cache.current()
        var indices = Array(analysis.analysis.facts.indices)
        if let entity = HTTP.query(request, "entity") {
            indices = analysis.facts(about: Set(analysis.entities(named: entity)))
        }
        let page = indices.dropFirst(offset).prefix(limit).map { FactSummary(number: $0 + 1, fact: analysis.analysis.facts[$0]) }
        return try HTTP.json(FactList(facts: page, total: indices.count, limit: limit, offset: offset,
                                      next: indices.count > offset + limit ? nextURL(request, offset: offset + limit) : nil))
    }

    func lookUpFact(_ reference: String) async throws -> (Int, Fact) {
        let analysis = try await server.cache.current()
        let found: (Int, Fact)?
        do {
            found = try analysis.fact(reference)
        } catch let error as StoreError {
            throw APIError(.notFound, error.description)
        }
        guard let (i, fact) = found else { throw APIError(.notFound, "\(reference): no such fact") }
        return (i + 1, fact)
    }

    func searchQuery(_ request: Request) throws -> String {
        guard let q = HTTP.query(request, "q")?.trimmingCharacters(in: .whitespacesAndNewlines), !q.isEmpty else {
            throw APIError(.badRequest, "q: give the words to search for")
        }
        guard q.count <= 500 else { throw APIError(.badRequest, "q: at most 500 characters") }
        return q
    }

    func languageQuery(_ raw: String?) throws -> Language? {
        guard let raw, raw != "auto" else { return nil }
        guard LanguageCatalog.available.contains(Language(raw)) else {
            throw APIError(.badRequest, "lang=\(raw): use auto, " + LanguageCatalog.available.map(\.rawValue).joined(separator: ", "))
        }
        return Language(raw)
    }

    private func nextURL(_ request: Request, offset: Int) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func encode(_ s: Substring) -> String { String(s).addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        var items = request.uri.queryParameters.filter { $0.key != "offset" }.map { "\(encode($0.key))=\(encode($0.value))" }
        items.append("offset=\(offset)")
        return request.uri.path + "?" + items.joined(separator: "&")
    }
}
