import ArgumentParser
import DossierStore
import Foundation

/// `--store`, shared by every command that reads or writes the evidence base.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store file.", discussion: "Default: $DOSSIER_STORE, else ./dossier.sqlite."))
    var store: String?

    var path: String { SQLiteStore.resolvePath(option: store) }

    func open(readOnly: Bool) throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: path, readOnly: readOnly)
        } catch {
            throw CLIError(String(describing: error))
        }
    }
}

/// How query results are printed: a table for a person at a terminal, JSON lines when
/// piped (so `dossier claims | jq` works without a flag).
struct ListingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, jsonl, csv }

    @Option(help: "Output format: table, json, jsonl or csv (default: table on a terminal, else jsonl).")
    var format: Format?

    @Option(help: "At most this many results.")
    var limit = 20

    var resolvedFormat: Format { format ?? (isatty(STDOUT_FILENO) != 0 ? .table : .jsonl) }

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }
}
