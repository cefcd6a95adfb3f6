import DossierServer
import DossierStore

/// The analysis commands share `StoreAnalysis` (in DossierServer) with the web server, so
/// the CLI and the pages show the same facts, numbered the same way.
typealias LoadedAnalysis = StoreAnalysis

extension StoreAnalysis {
    static func load(_ options: StoreOptions) async throws -> StoreAnalysis {
        let store = try await options.openStore(readOnly: true)
        do {
            return try await load(store: store)
        } catch let error as StoreError {
            throw CLIError(error.description)
        } catch {
            throw CLIError(String(describing: error))
        }
    }
}
