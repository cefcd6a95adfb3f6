import DossierCore
import Foundation
import Hummingbird

/// A client error worth its own status and one clear sentence. Everything a handler
/// rejects is one of these, so no bad input reaches the generic 500 path.
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var message: String

    /// Messages echo what the client sent; they are cut so a huge id is not sent back whole.
    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message.count > 300 ? String(message.prefix(299)) + "…" : message
    }
}

/// Turns every error into `{"error": "..."}` with its status (or a small page for a
/// browser), so clients never see Hummingbird's default body or a bare 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageRenderer

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return errorResponse(error.status, error.message, request)
        } catch let error as HTTPError {
            return errorResponse(error.status, error.body ?? error.status.reasonPhrase, request)
        } catch let error as any HTTPResponseError {
            return errorResponse(error.status, error.status.reasonPhrase, request)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(error)")
            return errorResponse(.internalServerError, "internal error", request)
        }
    }

    private func errorResponse(_ status: HTTPResponse.Status, _ message: String, _ request: Request) -> Response {
        if HTTP.wantsHTML(request) {
            return HTTP.html(pages.errorPage(status: status, message: message), status: status)
        }
        let body = (try? JSONEncoder().encode(["error": message])) ?? Data(#"{"error":"error"}"#.utf8)
        // RFC 6750: a 401 says which scheme it wants.
        let extra: HTTPFields = status == .unauthorized ? [.wwwAuthenticate: "Bearer realm=\"dossier\""] : [:]
        return HTTP.response(body, type: "application/json; charset=utf-8", status: status, extra: extra)
    }
}

/// Request and response plumbing shared by the API and the pages.
enum HTTP {
    /// Security headers on every page: the pages need no inline script or style, so a
    /// payload that slipped through escaping still could not run.
    static let pageHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        HTTPFields.Element.Name("X-Content-Type-Options")!: "nosniff",
        HTTPFields.Element.Name("Referrer-Policy")!: "no-referrer",
    ]

    static func response(_ data: Data, type: String, status: HTTPResponse.Status = .ok,
                         extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        response(try DossierJSON.encoder().encode(value), type: "application/json; charset=utf-8", status: status)
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        response(Data(page.utf8), type: "text/html; charset=utf-8", status: status, extra: pageHeaders)
    }

    /// A browser asks for HTML first; API clients send `*/*` or `application/json`.
    /// `?format=json` forces JSON (the pages' "JSON" links).
    static func wantsHTML(_ request: Request) -> Bool {
        if request.uri.queryParameters.get("format") == "json" { return false }
        guard let accept = request.headers[.accept]?.lowercased() else { return false }
        guard let html = accept.range(of: "text/html") else { return false }
        if let json = accept.range(of: "application/json") { return html.lowerBound < json.lowerBound }
        return true
    }

    /// Reads the body up to `limit` bytes, refusing early on a declared length over it.
    static func body(_ request: Request, limit: Int) async throws -> Data {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError(.contentTooLarge, "the body is \(declared) bytes; the limit is \(limit)")
        }
        var data = Data()
        for try await chunk in request.body {
            guard data.count + chunk.readableBytes <= limit else {
                throw APIError(.contentTooLarge, "the body is over the limit of \(limit) bytes")
            }
            data.append(contentsOf: chunk.readableBytesView)
        }
        return data
    }

    /// The media type without parameters, lowercased ("application/json").
    static func mediaType(_ request: Request) -> String? {
        request.headers[.contentType].map {
            $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        }
    }

    /// A path parameter, percent-decoded (the router leaves "Kursk%20Oblast" as sent).
    static func pathParameter(_ context: some RequestContext, _ name: String) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An integer parameter in `range`, or the default; anything else is a 400.
    static func intQuery(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = query(request, name) else { return value }
        guard let n = Int(raw), range.contains(n) else {
            throw APIError(.badRequest, "\(name)=\(raw): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    static func dayQuery(_ request: Request, _ name: String) throws -> Day? {
        guard let raw = query(request, name) else { return nil }
        guard let day = Day(iso: raw) else { throw APIError(.badRequest, "\(name)=\(raw): expected a YYYY-MM-DD date") }
        return day
    }

    /// Constant-time comparison, so the time to reject a token says nothing about it.
    static func sameSecret(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }

    /// Checks `Authorization: Bearer <token>` (or, for the page's form, a `token` field).
    static func authorize(_ request: Request, token: String?, formToken: String? = nil) throws {
        guard let token else { return }
        let header = request.headers[.authorization] ?? ""
        let given: String? = header.lowercased().hasPrefix("bearer ")
            ? String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces) : formToken
        guard let given, sameSecret(given, token) else {
            throw APIError(.unauthorized, "this server needs 'Authorization: Bearer <token>' for POST requests")
        }
    }
}
