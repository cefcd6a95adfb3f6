import ArgumentParser
import DossierCore
import DossierStore
import Foundation

struct EntityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "What the store knows about an entity: how it is written, where, and the claims about it.")

    @Argument(help: "The entity's name (case and accents ignored; a surname finds the full name).")
    var name: String

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let store = try await storeOptions.openStore(readOnly: true)
        let reports = try await store.entity(named: name, claimLimit: listing.limit)
        switch listing.resolvedFormat {
        case .json:
            Output.write(try DossierJSON.encoder(pretty: true).encode(reports))
        case .jsonl:
            let encoder = DossierJSON.encoder()
            for report in reports { Output.write(try encoder.encode(report)) }
        case .csv:
            try Listing.print(reports.flatMap(\.claims), format: .csv)
        case .table:
            guard !reports.isEmpty else { throw CLIError("\(name): no such entity in \(storeOptions.location)") }
            for report in reports {
                var head = "\(report.name) (\(report.type)"
                if let id = report.entityID { head += ", \(id)" }
                head += "): \(report.mentions) mentions in \(report.documents) documents"
                if let first = report.firstSeen, let last = report.lastSeen { head += ", \(first.iso) to \(last.iso)" }
                Output.write(head)
                if !report.aliases.isEmpty { Output.write("written: " + report.aliases.joined(separator: " · ")) }
                if !report.claims.isEmpty {
                    Output.write("")
                    try Listing.print(report.claims, format: .table)
                }
                Output.write("")
            }
        }
    }
}

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a stored document: metadata, text and a summary of its extraction.")

    @Argument(help: "Document id, SHA-256 prefix (6+ hex digits), URL or external id.")
    var document: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Output format: text or json (the document with its full extraction).")
    var format: String = "text"

    func run() async throws {
        let store = try await storeOptions.openStore(readOnly: true)
        let found: StoredDocument?
        do {
            found = try await store.document(document)
        } catch {
            throw CLIError(String(describing: error))
        }
        guard let doc = found else { throw CLIError("\(document): no such document in \(storeOptions.location)") }
        let extraction = try await store.extraction(of: doc.id)
        switch format {
        case "json", "jsonl":
            struct Shown: Encodable { var document: StoredDocument; var extraction: Extraction? }
            Output.write(try DossierJSON.encoder(pretty: format == "json").encode(Shown(document: doc, extraction: extraction)))
        case "text":
            var lines = ["document \(doc.id)  sha256 \(doc.sha256)"]
            let fields: [(String, String?)] = [
                ("title", doc.title), ("author", doc.author), ("outlet", doc.outlet), ("url", doc.url),
                ("published", doc.published?.iso), ("language", doc.language), ("id", doc.externalID),
                ("from", doc.origin), ("added", doc.addedAt),
                ("near-duplicate of", doc.nearDuplicateOf.map {
                    "document \($0) (\(Int((doc.similarity ?? 0) * 100))% of word shingles in common)"
                }),
            ]
            for (key, value) in fields { if let value { lines.append("\(key): \(value)") } }
            if let e = extraction {
                lines.append("extraction: \(e.sentences.count) sentences, \(e.claims.count) claims, "
                    + "\(e.attributions.count) attributions, \(e.entities.count) entities, "
                    + "\(e.quantities.count) quantities, \(e.times.count) times"
                    + (e.truncated ? " (text looks truncated)" : ""))
            }
            lines.append("")
            lines.append(doc.text ?? "")
            Output.write(lines.joined(separator: "\n"))
        default:
            throw CLIError("--format \(format): use text or json")
        }
    }
}
