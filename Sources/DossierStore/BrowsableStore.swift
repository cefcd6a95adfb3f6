import DossierCore
import Foundation

/// A cheap fingerprint of everything the cross-article analysis depends on: the
/// documents and the manual overrides. Equal generations mean the analysis computed for
/// one is still right for the other, so a server checks it on each request instead of
/// re-reading every extraction, or reacting only to its own writes.
///
/// The documents are summed up by the newest id alone: stores only ever add documents
/// (each with its extraction, in one transaction, which is also when near-duplicate
/// links move), so the newest id changes with every write that matters, and finding it
/// is one descent of the primary key (at 200 000 documents: 0.03 ms on SQLite, 0.15 ms
/// on PostgreSQL, where `count(*)` took 15–80 and 75 ms). A future deletion or
/// re-extraction must bump the generation too.
public struct StoreGeneration: Sendable, Hashable, CustomStringConvertible {
    public var lastDocument: DocumentID
    /// Changes whenever the overrides are written (a file date, a row counter).
    public var overrides: String

    public init(lastDocument: DocumentID, overrides: String) {
        self.lastDocument = lastDocument
        self.overrides = overrides
    }

    public var description: String { "\(lastDocument)/\(overrides)" }
}

/// What the server, the analysis commands and the exports need beyond `EvidenceStore`'s
/// per-query methods: whole-corpus passes, a paged listing, a change fingerprint, and the
/// manual entity corrections. Both backends implement it, so `dossier serve`, `facts`,
/// `export` and `entity merge` behave the same on a SQLite file and on PostgreSQL.
///
/// The overrides are opaque JSON here (their type belongs to the analysis, which the
/// store does not know): SQLite keeps them in a file beside the store, where a user can
/// read and version them; PostgreSQL in a one-row table, so every server and worker on
/// any machine sees the same corrections.
public protocol BrowsableStore: EvidenceStore {
    /// Every document with its metadata (no text) and extraction, in id order, from one
    /// consistent snapshot.
    func analysisInputs() async throws -> [StoredAnalysisInput]
    /// Documents in id order without their texts; `after` (a keyset cursor, stable while
    /// documents are added) wins over `offset`.
    func documents(after: DocumentID?, offset: Int, limit: Int) async throws -> DocumentPage
    /// Calls `body` for every document with its text and extraction, in id order, one at
    /// a time, so an export never holds every text in memory.
    func forEachExportDocument(_ body: (ExportDocument) throws -> Void) async throws
    /// See `StoreGeneration`; cheap enough to call on every request.
    func generation() async throws -> StoreGeneration
    /// The stored overrides JSON, nil when none were ever recorded.
    func overridesJSON() async throws -> Data?
    /// Replaces the overrides with what `change` makes of the current ones, atomically
    /// where the backend can (PostgreSQL: a row lock, so two users' corrections do not
    /// overwrite each other).
    func updateOverridesJSON(_ change: @Sendable (Data?) throws -> Data) async throws
    /// Where the overrides live, for messages ("store.sqlite.overrides.json", "table
    /// analysis_overrides of postgres://…").
    var overridesLocation: String { get }
    /// The store for messages: a path or a URL without its password.
    var location: String { get }
}
