import DossierAnalysis
import DossierCore
import DossierStore
import Foundation
import Hummingbird

/// The server-rendered pages: home (search, paste box, documents, facts), article, fact,
/// entity, search results, and a pasted article's extraction (stored nowhere).
struct PageRoutes: Sendable {
    let server: DossierServer
    var store: any BrowsableStore { server.store }
    var api: APIRoutes { APIRoutes(server: server) }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try await home(request) }
        router.get("/static/{file}") { _, context in
            let name = try context.parameters.require("file")
            guard let (data, type) = server.pages.assets[name] else { throw APIError(.notFound, "\(name): no such file") }
            return HTTP.response(data, type: type, extra: [.cacheControl: "max-age=300"])
        }
    }

    func page(_ template: String, _ context: [String: Any]) throws -> Response {
        var context = context
        context["token_needed"] = server.settings.token != nil
        return HTTP.html(try server.pages.render(template, Self.compact(context) as! [String: Any]))
    }

    /// Drops empty strings, recursively: Mustache renders a section for any present
    /// value, so a missing value is how "nothing to show" reads in a template.
    static func compact(_ value: Any) -> Any? {
        switch value {
        case let s as String: return s.isEmpty ? nil : s
        case let d as [String: Any]:
            var out: [String: Any] = [:]
            for (k, v) in d { if let c = compact(v) { out[k] = c } }
            return out
        case let a as [[String: Any]]: return a.compactMap { compact($0) }
        case let a as [String]: return a.filter { !$0.isEmpty }
        default: return value
        }
    }

    func home(_ request: Request) async throws -> Response {
        let stats = try await store.statistics()
        let docs = try await store.documents(after: nil, offset: 0, limit: 50)
        let analysis = try await server.cache.current()
        let facts = analysis.analysis.facts.prefix(100).enumerated().map { i, f -> [String: Any] in
            ["number": i + 1, "label": f.label, "summary": f.summary, "kind": f.kind.rawValue,
             "reports": f.reports.count, "origins": f.independentOrigins, "echoes": f.echoes,
             "conflicts": f.contradictions.count, "contested": !f.contradictions.isEmpty]
        }
        return try page("home", [
            "title": "Dossier",
            "stats": ["documents": stats.documents, "claims": stats.claims, "entities": stats.entities,
                      "facts": analysis.analysis.facts.count],
            "documents": docs.documents.map(Self.documentRow),
            "more_documents": docs.nextAfter != nil,
            "facts": facts,
        ])
    }

    static func documentRow(_ d: StoredDocument) -> [String: Any] {
        ["id": d.id, "title": d.title ?? d.externalID ?? d.url ?? "document \(d.id)", "outlet": d.outlet ?? "",
         "published": d.published?.iso ?? "", "language": d.language ?? "", "duplicate": d.nearDuplicateOf != nil]
    }

    func article(_ reference: String) async throws -> Response {
        let doc = try await api.storedDocument(reference)
        guard let extraction = try await store.extraction(of: doc.id) else {
            throw APIError(.notFound, "\(reference): stored without an extraction")
        }
        var context = ArticleView(text: doc.text ?? "", extraction: extraction, outlet: doc.outlet).context()
        context["title"] = doc.title ?? doc.externalID ?? "document \(doc.id)"
        context["document"] = Self.documentRow(doc).merging(["url": doc.url ?? "", "author": doc.author ?? ""]) { $1 }
        return try page("article", context)
    }

    func pasted(_ request: Request) async throws -> Response {
        let data = try await HTTP.body(request, limit: server.settings.maxBodyBytes)
        struct Form: Decodable { var text: String; var lang: String?; var published: String?; var token: String? }
        let form: Form
        do {
            form = try URLEncodedFormDecoder().decode(Form.self, from: String(decoding: data, as: UTF8.self))
        } catch {
            throw APIError(.badRequest, "the form needs a text field")
        }
        try HTTP.authorize(request, token: server.settings.token, formToken: form.token)
        let input = try ExtractInput.make(text: form.text, lang: form.lang, published: form.published, id: nil)
        let extraction = server.pipeline.extract(input.document)
        var context = ArticleView(text: form.text, extraction: extraction, outlet: nil).context()
        context["title"] = "Pasted article (not stored)"
        context["pasted"] = true
        return try page("article", context)
    }

    func fact(_ reference: String) async throws -> Response {
        let (number, fact) = try await api.lookUpFact(reference)
        let analysis = try await server.cache.current()
        return try page("fact", FactView(number: number, fact: fact, analysis: analysis).context())
    }

    func entity(_ name: String) async throws -> Response {
        let report = try await api.entityReport(name)
        let stored = report.stored.first
        let resolved = report.resolved.first
        func claimRows(_ rows: [ClaimRow]) -> [[String: Any]] {
            rows.map { r in
                ["document": r.document, "index": r.index, "text": r.text, "certainty": r.certainty,
                 "source": [r.source, r.channel.map { "via \($0)" }].compactMap { $0 }.joined(separator: " "),
                 "outlet": r.outlet ?? "", "published": r.published?.iso ?? ""]
            }
        }
        let aliases = Array(Set((stored?.aliases ?? []) + (resolved?.entity.aliases ?? []))).sorted()
        return try page("entity", [
            "title": resolved?.entity.name ?? stored?.name ?? name,
            "type": resolved?.entity.type.rawValue ?? stored?.type ?? "",
            "entity_id": resolved?.entity.entityIds.first ?? stored?.entityID ?? "",
            "mentions": stored?.mentions ?? resolved?.entity.mentions ?? 0,
            "documents": stored?.documents ?? resolved?.entity.articles.count ?? 0,
            "first_seen": stored?.firstSeen?.iso ?? "", "last_seen": stored?.lastSeen?.iso ?? "",
            "aliases": aliases,
            "outlets": (resolved?.mentionsByOutlet ?? []).map { ["outlet": $0.outlet, "mentions": $0.mentions, "documents": $0.documents] },
            "claims_by": claimRows(report.claimsBy),
            "claims_about": claimRows(report.claimsAbout),
            "facts": report.facts.map { ["number": $0.number, "label": $0.label, "summary": $0.summary] },
        ])
    }

    func search(_ request: Request) async throws -> Response {
        let q = HTTP.query(request, "q")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var hits: [[String: Any]] = []
        if !q.isEmpty {
            hits = try await store.search(try api.searchQuery(request), limit: 50).map { h in
                ["kind": h.kind.rawValue, "document": h.document, "claim": h.claim.map { "\($0)" } ?? "",
                 "title": h.title ?? "document \(h.document)", "outlet": h.outlet ?? "",
                 "published": h.published?.iso ?? "", "snippet": h.snippet]
            }
        }
        return try page("search", ["title": q.isEmpty ? "Search" : "Search: \(q)", "q": q, "hits": hits,
                                   "searched": !q.isEmpty, "none": !q.isEmpty && hits.isEmpty])
    }
}
