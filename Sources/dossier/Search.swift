import ArgumentParser
import DossierStore
import Foundation

struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Full-text search over stored claims and documents (accents and case ignored).",
        discussion: "Every word must match; a word matches as a prefix ('mobilis' finds 'mobilisation').")

    @Argument(help: "Words to search for.")
    var words: [String]

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let store = try await storeOptions.openStore(readOnly: true)
        let hits = try await store.search(words.joined(separator: " "), limit: listing.limit)
        try Listing.print(hits, format: listing.resolvedFormat)
    }
}

struct Claims: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List stored claims, newest first, by entity, source or date.",
        discussion: "Near-duplicate documents are left out, so a story republished many times counts once.")

    @Option(help: "Only claims that mention this entity (name as written or canonical).")
    var about: String?

    @Option(help: "Only claims from this source, channel or outlet.")
    var source: String?

    @Option(help: "Only claims from documents published on or after this day (YYYY-MM-DD).")
    var since: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let filter = ClaimFilter(about: about, source: source, since: try Inputs.day(since))
        let store = try await storeOptions.openStore(readOnly: true)
        let rows = try await store.claims(matching: filter, limit: listing.limit)
        try Listing.print(rows, format: listing.resolvedFormat)
    }
}
