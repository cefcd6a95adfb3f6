import ArgumentParser
import DossierAnalysis
import DossierCore
import Foundation

struct Timeline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "In publication order: what was said about an entity, or how a fact was reported and its figure moved.")

    @Argument(help: "An entity (name or alias), or a fact (its number in 'dossier facts', or its id).")
    var subject: String

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let loaded = try await LoadedAnalysis.load(storeOptions)
        // A number or a fact id names a fact; anything else is first an entity's name.
        let entities = Int(subject) == nil ? loaded.entities(named: subject) : []
        var rows: [TimelineRow] = []
        if !entities.isEmpty {
            for e in entities {
                let id = loaded.analysis.entities[e].id
                rows += EntityTimeline.entries(for: id, in: loaded.articles, analysis: loaded.analysis).map { TimelineRow(entry: $0) }
            }
            let epoch = Day(year: 0, month: 1, day: 1)
            rows = rows.enumerated().sorted { ($0.element.entry.date ?? epoch, $0.offset) < ($1.element.entry.date ?? epoch, $1.offset) }
                .map(\.element)
        } else if let (_, fact) = try loaded.fact(subject) {
            rows = fact.timeline.map { TimelineRow(entry: $0) }
            if listing.resolvedFormat == .table, !fact.moves.isEmpty {
                Output.write("figure moves: " + fact.moves.map { "\($0.figure) (\($0.origin), \($0.date?.iso ?? "?"))" }
                    .joined(separator: " → ") + "\n")
            }
        } else {
            throw CLIError("\(subject): neither an entity nor a fact in \(storeOptions.path)")
        }
        try Listing.print(Array(rows.prefix(listing.limit)), format: listing.resolvedFormat)
    }
}

struct TimelineRow: Listable {
    var entry: TimelineEntry

    static let columns = ["date", "article", "outlet", "origin", "figure", "claim"]
    var cells: [String] {
        [entry.date?.iso ?? "", entry.articleId, entry.outlet ?? "", entry.origin, entry.figure ?? "", entry.claimText]
    }

    func encode(to encoder: any Encoder) throws { try entry.encode(to: encoder) }
}
