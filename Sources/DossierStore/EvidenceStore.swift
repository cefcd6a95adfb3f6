import DossierCore

/// A stored document's row number: stable for the life of the store, shown to users by
/// `dossier show`.
public typealias DocumentID = Int64

/// Everything a store keeps about one article besides its extraction. The SHA-256 is of
/// the bytes as received (file, feed item, JSON line), so re-adding the same input is
/// recognised before any work is done.
public struct DocumentRecord: Sendable, Hashable {
    public var sha256: String
    /// MinHash of the text's word shingles, for near-duplicate links; nil skips linking.
    public var fingerprint: MinHashSignature?
    public var text: String
    public var metadata: DocumentMetadata
    public var author: String?
    public var language: Language?
    /// Where the document was read from (path, feed item link, "stdin:3"), for errors and `show`.
    public var origin: String?

    public init(sha256: String, fingerprint: MinHashSignature? = nil, text: String,
                metadata: DocumentMetadata = .init(), author: String? = nil,
                language: Language? = nil, origin: String? = nil) {
        self.sha256 = sha256
        self.fingerprint = fingerprint
        self.text = text
        self.metadata = metadata
        self.author = author
        self.language = language
        self.origin = origin
    }
}

/// What `save` did: a store never writes the same bytes twice.
public enum SaveOutcome: Sendable, Hashable {
    /// A new document; `nearDuplicateOf` is the copy it was linked with (nil when it has
    /// no near-duplicate): the group's original, or — when it was published earlier than
    /// the stored copies and became their original — the previous original, now its copy.
    case added(DocumentID, nearDuplicateOf: DocumentID?)
    /// The same bytes were already stored under this id; nothing changed.
    case unchanged(DocumentID)

    public var id: DocumentID {
        switch self {
        case .added(let id, _), .unchanged(let id): id
        }
    }
}

/// One document of a batch write.
public struct DocumentToSave: Sendable, Hashable {
    public var record: DocumentRecord
    public var extraction: Extraction
    /// What the writer derives from the document, computed beforehand (in parallel) by
    /// ingest; nil lets the store compute it. Not part of equality: it follows from the rest.
    public var prepared: PreparedDocument?

    public init(record: DocumentRecord, extraction: Extraction, prepared: PreparedDocument? = nil) {
        self.record = record
        self.extraction = extraction
        self.prepared = prepared
    }

    public static func == (a: DocumentToSave, b: DocumentToSave) -> Bool {
        a.record == b.record && a.extraction == b.extraction
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(record)
        hasher.combine(extraction)
    }
}

/// What happened to one document of a batch.
public enum BatchSaveResult: Sendable, Hashable {
    case saved(SaveOutcome)
    /// Not stored (the store rolled its part back); the message says why.
    case failed(String)
}

/// Which claims `claims(matching:)` returns. Names are compared without case or accents,
/// as whole words, so "zelensky" finds "Volodymyr Zelensky".
public struct ClaimFilter: Sendable, Hashable {
    /// A named entity the claim mentions (canonical name or the text as written).
    public var about: String?
    /// Who stands behind it: the attribution's source or channel, or the outlet itself.
    public var source: String?
    /// Only documents published on or after this day.
    public var since: Day?

    public init(about: String? = nil, source: String? = nil, since: Day? = nil) {
        self.about = about
        self.source = source
        self.since = since
    }
}

/// A stored document as `show` and listings present it.
public struct StoredDocument: Sendable, Hashable, Codable {
    public var id: DocumentID
    public var sha256: String
    public var title: String?
    public var author: String?
    public var outlet: String?
    public var url: String?
    public var externalID: String?
    public var published: Day?
    public var language: String?
    public var origin: String?
    public var addedAt: String
    public var length: Int
    /// The earliest published copy this one nearly duplicates, and their estimated Jaccard
    /// similarity (share of word shingles in common).
    public var nearDuplicateOf: DocumentID?
    public var similarity: Double?
    /// Null in listings; filled by `document(_:)`.
    public var text: String?

    public init(id: DocumentID, sha256: String, title: String? = nil, author: String? = nil,
                outlet: String? = nil, url: String? = nil, externalID: String? = nil,
                published: Day? = nil, language: String? = nil, origin: String? = nil,
                addedAt: String, length: Int, nearDuplicateOf: DocumentID? = nil,
                similarity: Double? = nil, text: String? = nil) {
        self.id = id
        self.sha256 = sha256
        self.title = title
        self.author = author
        self.outlet = outlet
        self.url = url
        self.externalID = externalID
        self.published = published
        self.language = language
        self.origin = origin
        self.addedAt = addedAt
        self.length = length
        self.nearDuplicateOf = nearDuplicateOf
        self.similarity = similarity
        self.text = text
    }
}

/// One claim with the context a reader needs to weigh it, flattened for tables and CSV.
public struct ClaimRow: Sendable, Hashable, Codable {
    public var document: DocumentID
    public var index: Int
    public var text: String
    public var certainty: String
    public var direct: Bool
    public var source: String?
    public var sourceKind: String?
    public var cue: String?
    public var channel: String?
    public var outlet: String?
    public var published: Day?
    public var title: String?
    public var url: String?
    public var entities: [String]

    public init(document: DocumentID, index: Int, text: String, certainty: String, direct: Bool,
                source: String? = nil, sourceKind: String? = nil, cue: String? = nil,
                channel: String? = nil, outlet: String? = nil, published: Day? = nil,
                title: String? = nil, url: String? = nil, entities: [String] = []) {
        self.document = document
        self.index = index
        self.text = text
        self.certainty = certainty
        self.direct = direct
        self.source = source
        self.sourceKind = sourceKind
        self.cue = cue
        self.channel = channel
        self.outlet = outlet
        self.published = published
        self.title = title
        self.url = url
        self.entities = entities
    }
}

/// A full-text hit: a document or one of its claims, with a snippet around the match.
public struct SearchHit: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case document, claim }
    public var kind: Kind
    public var document: DocumentID
    public var claim: Int?
    public var title: String?
    public var outlet: String?
    public var published: Day?
    public var snippet: String
    /// BM25 from FTS5: lower is better; comparable only within one kind.
    public var rank: Double

    public init(kind: Kind, document: DocumentID, claim: Int? = nil, title: String? = nil,
                outlet: String? = nil, published: Day? = nil, snippet: String, rank: Double) {
        self.kind = kind
        self.document = document
        self.claim = claim
        self.title = title
        self.outlet = outlet
        self.published = published
        self.snippet = snippet
        self.rank = rank
    }
}

/// What the store knows about one entity across all documents.
public struct EntityReport: Sendable, Hashable, Codable {
    public var name: String
    public var type: String
    public var entityID: String?
    public var mentions: Int
    public var documents: Int
    /// The ways the texts write it, most frequent first.
    public var aliases: [String]
    public var firstSeen: Day?
    public var lastSeen: Day?
    public var claims: [ClaimRow]

    public init(name: String, type: String, entityID: String?, mentions: Int, documents: Int,
                aliases: [String], firstSeen: Day?, lastSeen: Day?, claims: [ClaimRow]) {
        self.name = name
        self.type = type
        self.entityID = entityID
        self.mentions = mentions
        self.documents = documents
        self.aliases = aliases
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.claims = claims
    }
}

/// A document that could not be read or stored, kept so a batch can report it later.
public struct IngestFailure: Sendable, Hashable, Codable {
    public var origin: String
    public var message: String
    public var at: String

    public init(origin: String, message: String, at: String) {
        self.origin = origin
        self.message = message
        self.at = at
    }
}

public struct StoreStatistics: Sendable, Hashable, Codable {
    public var documents: Int
    public var nearDuplicates: Int
    public var claims: Int
    public var entities: Int
    public var failures: Int

    public init(documents: Int, nearDuplicates: Int, claims: Int, entities: Int, failures: Int) {
        self.documents = documents
        self.nearDuplicates = nearDuplicates
        self.claims = claims
        self.entities = entities
        self.failures = failures
    }
}

/// The evidence base, whatever holds it. SQLite is the first implementation; the
/// methods are async and coarse-grained (one call = one transaction) so that a
/// PostgreSQL store over a network, shared by several ingest workers, fits unchanged.
///
/// A store knows nothing of extraction: it keeps `Extraction` values as given, as JSON
/// (the contract) and in normalised tables for queries.
public protocol EvidenceStore: Sendable {
    /// The id of the document stored with these bytes, if any: lets ingest skip work.
    func documentID(sha256: String) async throws -> DocumentID?
    /// Stores a document and its extraction atomically: all of it, or nothing. Bytes
    /// already stored are left alone (`.unchanged`); a text whose estimated Jaccard
    /// similarity to a stored one reaches `nearDuplicateThreshold` joins that copy's group,
    /// whose original is always its earliest published member (earliest stored among
    /// equals): an older copy arriving later becomes the original and the group is re-linked.
    func save(_ record: DocumentRecord, extraction: Extraction, nearDuplicateThreshold: Double) async throws -> SaveOutcome
    /// Stores several documents in one transaction, each in its own savepoint: each
    /// document is still all-or-nothing, a failing one does not undo the others, and the
    /// per-commit cost (WAL pages, FTS5 segments) is shared. Results are in input order.
    func save(batch: [DocumentToSave], nearDuplicateThreshold: Double) async throws -> [BatchSaveResult]
    /// Records that an input could not be read or extracted; a later success clears it.
    func recordFailure(origin: String, message: String) async throws
    func failures(limit: Int) async throws -> [IngestFailure]

    func search(_ text: String, limit: Int) async throws -> [SearchHit]
    func claims(matching filter: ClaimFilter, limit: Int) async throws -> [ClaimRow]
    func entity(named name: String, claimLimit: Int) async throws -> [EntityReport]
    /// A document by id, SHA-256 prefix, URL or external id.
    func document(_ reference: String) async throws -> StoredDocument?
    func extraction(of document: DocumentID) async throws -> Extraction?
    func statistics() async throws -> StoreStatistics
}

/// A store error worth one clear line to the user.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
