import Foundation
import Hummingbird
import Mustache

/// The Mustache templates and static files, read once from the module's resources.
/// Templates escape with `{{ }}` (the five HTML characters, so quoted attributes are safe
/// too); the only `{{{ }}}` insertions are HTML built and escaped in Swift
/// (`ArticleHighlighter`, `TimelineChart`).
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// `/static/<name>` → (bytes, media type).
    let assets: [String: (Data, String)]
    let openAPI: Data

    public static func load() async throws -> PageRenderer {
        // Foundation on Linux reports the bundle's `Resources` folder as its resource URL
        // when one exists; look in both places rather than depend on which.
        let candidates = [Bundle.module.resourceURL?.appendingPathComponent("Resources"), Bundle.module.resourceURL,
                          Bundle.module.bundleURL.appendingPathComponent("Resources")].compactMap { $0 }
        guard let root = candidates.first(where: {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("openapi.json").path)
        }) else {
            throw APIError(.internalServerError, "the server's resources are missing from this build")
        }
        let library = try await MustacheLibrary(directory: root.appendingPathComponent("templates").path)
        guard library.getTemplate(named: "article") != nil else {
            throw APIError(.internalServerError, "the page templates are missing from this build")
        }
        var assets: [String: (Data, String)] = [:]
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]
        let staticDir = root.appendingPathComponent("static")
        for name in try FileManager.default.contentsOfDirectory(atPath: staticDir.path) {
            let url = staticDir.appendingPathComponent(name)
            guard let type = types[url.pathExtension] else { continue }
            assets[name] = (try Data(contentsOf: url), type)
        }
        let openAPI = try Data(contentsOf: root.appendingPathComponent("openapi.json"))
        return PageRenderer(library: library, assets: assets, openAPI: openAPI)
    }

    func render(_ template: String, _ context: [String: Any]) throws -> String {
        guard let page = library.render(context, withTemplate: template) else {
            throw APIError(.internalServerError, "template \(template) is missing")
        }
        return page
    }

    func errorPage(status: HTTPResponse.Status, message: String) -> String {
        (try? render("error", ["title": "\(status.code) \(status.reasonPhrase)", "status": status.code, "message": message]))
            ?? "<!doctype html><title>error</title><p>\(HTMLEscape.escape(message))</p>"
    }
}
