import ArgumentParser
import DossierAnalysis
import DossierCore
import Foundation

struct Corroboration: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who corroborates a fact: its independent origins, and every report with its chain.")

    @Argument(help: "The fact: its number in 'dossier facts', its id, or a word of its label only it has.")
    var fact: String

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let loaded = try await LoadedAnalysis.load(storeOptions)
        guard let (i, fact) = try loaded.fact(self.fact) else {
            throw CLIError("\(self.fact): no such fact in \(storeOptions.path) (see 'dossier facts')")
        }
        switch listing.resolvedFormat {
        case .json:
            Output.write(try DossierJSON.encoder(pretty: true).encode(fact))
        case .jsonl:
            Output.write(try DossierJSON.encoder().encode(fact))
        case .csv:
            try Listing.print(fact.reports.map(ReportRow.init), format: .csv)
        case .table:
            Output.write("fact \(i + 1): \(fact.label)\n\(fact.summary)\n")
            try Listing.print(fact.origins.map(OriginRow.init), format: .table)
            Output.write("")
            try Listing.print(fact.reports.map(ReportRow.init), format: .table)
            for u in fact.updates {
                Output.write("update by \(u.origin): \(u.from.figure ?? "?") (\(u.from.published?.iso ?? "?")) → "
                    + "\(u.to.figure ?? "?") (\(u.to.published?.iso ?? "?"))")
            }
        }
    }
}

struct OriginRow: Listable {
    var origin: OriginGroup

    static let columns = ["origin", "rule", "reports", "first seen", "outlets"]
    var cells: [String] {
        [origin.name, origin.rule.rawValue, String(origin.reports), origin.firstSeen?.iso ?? "",
         origin.outlets.joined(separator: ", ")]
    }

    func encode(to encoder: any Encoder) throws { try origin.encode(to: encoder) }
}
