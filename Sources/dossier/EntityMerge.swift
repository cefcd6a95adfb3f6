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
        discussion: "Kept in STORE.overrides.json beside the store (see docs/analysis.md).")

    @Argument(help: "A name or alias as the texts write it.") var a: String
    @Argument(help: "Another name or alias.") var b: String
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let file = try checkedFile(storeOptions)
        var overrides = try file.read()
        let merge = ResolutionOverrides.Merge(a, b)
        guard !overrides.merges.contains(merge) else { FileHandle.standardError.write(Data("already recorded\n".utf8)); return }
        // A merge undoes an earlier split of the same names.
        overrides.splits.removeAll { s in
            let pair = Set([NameFolding.fold(s.entity), NameFolding.fold(s.alias)])
            return pair == Set([NameFolding.fold(a), NameFolding.fold(b)])
        }
        overrides.merges.append(merge)
        try file.write(overrides)
        FileHandle.standardError.write(Data("merged '\(a)' and '\(b)' (\(file.path))\n".utf8))
    }
}

struct EntitySplit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Record that an alias is not the entity it was joined to; it keeps none of its automatic links.",
        discussion: "Kept in STORE.overrides.json beside the store (see docs/analysis.md).")

    @Argument(help: "The entity the alias must leave (its name or any alias).") var entity: String
    @Argument(help: "The alias to take out, as the texts write it.") var alias: String
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let file = try checkedFile(storeOptions)
        var overrides = try file.read()
        let split = ResolutionOverrides.Split(entity: entity, alias: alias)
        guard !overrides.splits.contains(split) else { FileHandle.standardError.write(Data("already recorded\n".utf8)); return }
        // A split undoes an earlier manual merge of the same names.
        let pair = Set([NameFolding.fold(entity), NameFolding.fold(alias)])
        overrides.merges.removeAll { Set([NameFolding.fold($0.a), NameFolding.fold($0.b)]) == pair }
        overrides.splits.append(split)
        try file.write(overrides)
        FileHandle.standardError.write(Data("split '\(alias)' from '\(entity)' (\(file.path))\n".utf8))
    }
}

/// The overrides file of an existing store: a correction for a store that is not there
/// is a typo in `--store`, better said than silently written.
private func checkedFile(_ options: StoreOptions) throws -> OverridesFile {
    guard FileManager.default.fileExists(atPath: options.path) else {
        throw CLIError("\(options.path): no store there yet (create one with 'dossier add')")
    }
    return OverridesFile(storePath: options.path)
}
