import DossierExtract
import DossierStore
import Foundation
import Hummingbird

/// `dossier serve`: the JSON API and the server-rendered pages over one evidence store.
///
/// One store is shared by all requests: a SQLite file (WAL: readers never wait for the
/// writer) or a PostgreSQL server (a connection pool), behind `BrowsableStore`. The
/// cross-article analysis is cached until the store's generation (documents, overrides)
/// changes, whoever changed it.
public struct DossierServer: Sendable {
    let store: any BrowsableStore
    let settings: ServerSettings
    let pages: PageRenderer
    let cache: AnalysisCache
    let pipeline: Pipeline

    public init(store: any BrowsableStore, settings: ServerSettings) async throws {
        self.store = store
        self.settings = settings
        self.pages = try await PageRenderer.load()
        self.cache = AnalysisCache(store: store)
        self.pipeline = Pipeline()
    }

    /// The router with every route, for the application or for tests.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(ErrorMiddleware<BasicRequestContext>(pages: pages))
        APIRoutes(server: self).register(on: router)
        PageRoutes(server: self).register(on: router)
        return router
    }

    /// The application, ready to `runService()` (which stops gracefully on SIGTERM/SIGINT:
    /// open requests finish, new connections are refused).
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "dossier"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) })
    }

    /// Serves until SIGTERM or SIGINT; `onRunning` gets the port once the server listens.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        try await application(onRunning: onRunning).runService()
    }
}
