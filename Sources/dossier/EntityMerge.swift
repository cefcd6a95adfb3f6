import ArgumentParser
import DossierAnalysis
import DossierServer
import Foundation

/// `dossier entity NAME` (the lookup, default), `dossier entity merge A B`,
/// `dossier entity split ENTITY ALIAS`. The lookup stays its own command; this group only
/// puts the corrections beside it.
struct EntityGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Look up an entity, or correct how the analysis groups names into entities.",
        subcommands: [EntityCommand.self, EntityMerge.self, EntitySplit.self],
        defaultSubcommand: EntityCommand.self)
}

struct EntityMerge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Record that two names are one entity; every later analysis joins them.",
        discussion: "Kept in STORE.overrides.json beside a SQLite store, in the table analysis_overrides on PostgreSQL (see docs/analysis.md).")

    @Argument(help: "A name or alias as the texts write it.") var a: String
    @Argument(help: "Another name or alias.") var b: String
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let overrides = try await checkedOverrides(storeOptions)
        let (a, b) = (self.a, self.b)
        let changed = try await overrides.update { overrides in
            let merge = ResolutionOverrides.Merge(a, b)
            guard !overrides.merges.contains(merge) else { return false }
            // A merge undoes an earlier split of the same names.
            overrides.splits.removeAll { s in
                let pair = Set([NameFolding.fold(s.entity), NameFolding.fold(s.alias)])
                return pair == Set([NameFolding.fold(a), NameFolding.fold(b)])
            }
            overrides.merges.append(merge)
            return true
        }
        let message = changed ? "merged '\(a)' and '\(b)' (\(overrides.location))\n" : "already recorded\n"
        FileHandle.standardError.write(Data(message.utf8))
    }
}

struct EntitySplit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Record that an alias is not the entity it was joined to; it keeps none of its automatic links.",
        discussion: "Kept in STORE.overrides.json beside a SQLite store, in the table analysis_overrides on PostgreSQL (see docs/analysis.md).")

    @Argument(help: "The entity the alias must leave (its name or any alias).") var entity: String
    @Argument(help: "The alias to take out, as the texts write it.") var alias: String
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let overrides = try await checkedOverrides(storeOptions)
        let (entity, alias) = (self.entity, self.alias)
        let changed = try await overrides.update { overrides in
            let split = ResolutionOverrides.Split(entity: entity, alias: alias)
            guard !overrides.splits.contains(split) else { return false }
            // A split undoes an earlier manual merge of the same names.
            let pair = Set([NameFolding.fold(entity), NameFolding.fold(alias)])
            overrides.merges.removeAll { Set([NameFolding.fold($0.a), NameFolding.fold($0.b)]) == pair }
            overrides.splits.append(split)
            return true
        }
        let message = changed ? "split '\(alias)' from '\(entity)' (\(overrides.location))\n" : "already recorded\n"
        FileHandle.standardError.write(Data(message.utf8))
    }
}

/// The overrides of an existing store: a correction for a SQLite store that is not
/// there is a typo in `--store`, better said than silently written (opening read-only
/// says so); on PostgreSQL the server must answer.
private func checkedOverrides(_ options: StoreOptions) async throws -> StoredOverrides {
    if options.postgresURL == nil {
        // Read-only: the file must exist; the overrides file beside it is what is written.
        return StoredOverrides(store: try options.openSQLite(readOnly: true))
    }
    return StoredOverrides(store: try await options.openStore(readOnly: false))
}
