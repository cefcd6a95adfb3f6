import ArgumentParser
import DossierServer
import DossierStore
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the evidence base: a JSON API (/openapi.json) and pages to read articles, facts and entities.",
        discussion: """
        Listens on loopback unless --host says otherwise. With a token (--token or
        $DOSSIER_TOKEN), POST requests need 'Authorization: Bearer <token>'. SIGTERM or
        Ctrl-C stops it gracefully: requests in flight finish first. --port 0 picks a free
        port; the URL printed on standard output says which.
        """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Address to listen on (loopback by default; 0.0.0.0 exposes the store to the network).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port).")
    var port = 8080

    @Option(help: ArgumentHelp("Bearer token required for POST requests.", discussion: "Default: $DOSSIER_TOKEN."))
    var token: String?

    @Option(help: "Largest request body accepted, in bytes.")
    var maxBody = 1 << 20

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard maxBody > 0 else { throw ValidationError("--max-body must be positive") }
    }

    func run() async throws {
        let token = self.token ?? ProcessInfo.processInfo.environment["DOSSIER_TOKEN"]
        if !["127.0.0.1", "::1", "localhost"].contains(host), token == nil {
            Output.error("warning: listening on \(host) without a token: anyone who can reach it can add documents")
        }
        let store = try await storeOptions.openStore(readOnly: false)
        try await ServeRunner.run(store: store, settings: ServerSettings(host: host, port: port, token: token, maxBodyBytes: maxBody),
                                  path: "/")
    }
}

/// Starts the server and prints its URL once it listens (with the real port when 0 was asked).
enum ServeRunner {
    static func run(store: any BrowsableStore, settings: ServerSettings, path: String) async throws {
        let server: DossierServer
        do {
            server = try await DossierServer(store: store, settings: settings)
        } catch {
            throw CLIError("cannot start the server: \(error)")
        }
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        let storePath = store.location
        try await server.run { port in
            Output.write("http://\(host):\(port)\(path)")
            Output.error("serving \(storePath); stop with Ctrl-C or SIGTERM")
        }
    }
}
