import DossierCore
import Foundation

/// The kinds of input `dossier add` reads, told apart by extension, else by content.
public enum InputFormat: String, Sendable, CaseIterable {
    case text, html, feed, jsonl

    static let extensions: [String: InputFormat] = [
        "txt": .text, "text": .text, "md": .text,
        "html": .html, "htm": .html, "xhtml": .html,
        "rss": .feed, "atom": .feed, "xml": .feed,
        "jsonl": .jsonl, "ndjson": .jsonl,
    ]

    /// Sniffs the first bytes: markup with `<rss`/`<feed`/`<rdf:RDF` is a feed, other
    /// markup is HTML, a leading `{` is JSON lines, anything else is text.
    static func sniff(_ data: Data) -> InputFormat {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        let trimmed = head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        if trimmed.hasPrefix("{") { return .jsonl }
        guard trimmed.hasPrefix("<") else { return .text }
        if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") { return .feed }
        return .html
    }

    static func guess(path: String) -> InputFormat? {
        extensions[URL(fileURLWithPath: path).pathExtension.lowercased()]
    }
}

/// Metadata given on the command line, which wins over what the input says.
public struct IngestOverrides: Sendable, Hashable {
    public var outlet: String?
    public var published: Day?
    public var url: String?
    public var language: Language?
    /// Forces one format for every input, instead of guessing.
    public var format: InputFormat?

    public init(outlet: String? = nil, published: Day? = nil, url: String? = nil,
                language: Language? = nil, format: InputFormat? = nil) {
        self.outlet = outlet
        self.published = published
        self.url = url
        self.language = language
        self.format = format
    }
}

/// One document waiting to be hashed, read and extracted. `bytes` are what is hashed:
/// the file, the JSON line, or the feed item's fields.
struct PendingDocument: Sendable {
    enum Body: Sendable {
        /// Read the file in the worker (keeps memory flat over large directories).
        case file(path: String, format: InputFormat)
        case text(String)
        case html(String)
    }

    var origin: String
    var bytes: Data?
    var body: Body
    var metadata = DocumentMetadata()
    var author: String?
    var language: Language?
}

/// What `InputWalker` yields: a document to process, or an input that failed before
/// there was one (unreadable file, malformed feed, bad JSON line).
enum WorkUnit: Sendable {
    case document(PendingDocument)
    case failure(origin: String, message: String)
}
