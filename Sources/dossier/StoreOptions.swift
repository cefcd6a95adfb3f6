import ArgumentParser
import DossierStore
import Foundation

/// `--store` and `--postgres`, shared by every command that reads or writes the evidence
/// base: a SQLite file by default, a PostgreSQL server when a URL is given.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store file.", discussion: "Default: $DOSSIER_STORE, else ./dossier.sqlite."))
    var store: String?

    @Option(help: ArgumentHelp("A PostgreSQL store instead of the file: postgres://user[:password]@host[:port]/database.",
                               discussion: "Default: $DOSSIER_POSTGRES when set."))
    var postgres: String?

    var path: String { SQLiteStore.resolvePath(option: store) }

    /// The PostgreSQL URL in force, if any (`--store` given alone wins over the environment).
    var postgresURL: String? {
        if let postgres, !postgres.isEmpty { return postgres }
        if store != nil { return nil }
        return PostgresStore.resolveURL(option: nil)
    }

    /// Where the store is, for messages.
    var location: String {
        guard let url = postgresURL else { return path }
        return URLComponents(string: url).map { parts -> String in
            var p = parts
            if p.password != nil { p.password = "***" }
            return p.string ?? url
        } ?? url
    }

    /// The SQLite file (`--store`, `$DOSSIER_STORE`, ./dossier.sqlite), whatever the URL.
    func openSQLite(readOnly: Bool) throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: path, readOnly: readOnly)
        } catch {
            throw CLIError(String(describing: error))
        }
    }

    /// The store factory: PostgreSQL when a URL is given, else the SQLite file. Every
    /// command works on both: `BrowsableStore` has what the server, the analysis and the
    /// exports need beyond the per-query methods.
    func openStore(readOnly: Bool) async throws -> any BrowsableStore {
        guard let url = postgresURL else { return try openSQLite(readOnly: readOnly) }
        return try await openPostgres(url)
    }

    func openPostgres(_ url: String? = nil) async throws -> PostgresStore {
        guard let url = url ?? postgresURL else { throw CLIError("this needs a PostgreSQL store: give --postgres URL or set DOSSIER_POSTGRES") }
        do {
            return try await PostgresStore(url: url)
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
