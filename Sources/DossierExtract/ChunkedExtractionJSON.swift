import DossierCore
import Foundation

/// Writes one extraction's JSON as its pieces arrive, without holding it whole: each kind
/// of item is appended to its own spool file (JSON needs all entities before all
/// quantities), then the object is written by splicing the spools into the encoded header.
/// The bytes are those `DossierJSON.encoder()` writes for the whole value (compact form,
/// sorted keys), so a consumer cannot tell a streamed extraction from another.
/// Cost: the items pass through the disk once; memory holds one piece's items.
public final class ExtractionJSONStream {
    /// The item arrays, in the sorted order of their JSON keys.
    static let arrays = ["attributions", "claims", "entities", "hedges", "quantities", "sentences", "times"]

    private let encoder = DossierJSON.encoder()
    private let directory: URL
    private var spools: [String: FileHandle] = [:]
    private var written: [String: Int] = [:]

    public init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dossier-stream-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in Self.arrays {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: url.path, contents: nil),
                  let handle = FileHandle(forUpdatingAtPath: url.path) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            spools[name] = handle
        }
    }

    deinit {
        for handle in spools.values { try? handle.close() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Appends a piece's items, already in the whole text's coordinates.
    public func add(_ x: Extraction) throws {
        try spool("attributions", x.attributions)
        try spool("claims", x.claims)
        try spool("entities", x.entities)
        try spool("hedges", x.hedges)
        try spool("quantities", x.quantities)
        try spool("sentences", x.sentences)
        try spool("times", x.times)
    }

    private func spool<T: Encodable>(_ name: String, _ items: [T]) throws {
        guard !items.isEmpty, let handle = spools[name] else { return }
        // "[a,b]" → "a,b", after a comma when the spool already has items.
        let data = try encoder.encode(items)
        if written[name, default: 0] > 0 { try handle.write(contentsOf: Data(",".utf8)) }
        try handle.write(contentsOf: data.dropFirst().dropLast())
        written[name, default: 0] += items.count
    }

    /// Writes the whole object to `output`: the encoded header (every field but the
    /// items) with each empty item array replaced by its spool, copied in blocks.
    public func finish(header: Extraction, to output: FileHandle) throws {
        var rest = try encoder.encode(header)[...]
        for name in Self.arrays {
            let marker = Data("\"\(name)\":[]".utf8)
            // A key's quotes cannot occur unescaped inside a JSON string: the first match is the key.
            guard let found = rest.firstRange(of: marker) else { continue }
            try output.write(contentsOf: rest[..<found.lowerBound])
            try output.write(contentsOf: Data("\"\(name)\":[".utf8))
            if let handle = spools[name] {
                try handle.seek(toOffset: 0)
                while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
                    try output.write(contentsOf: block)
                }
            }
            try output.write(contentsOf: Data("]".utf8))
            rest = rest[found.upperBound...]
        }
        try output.write(contentsOf: rest)
    }
}

extension Pipeline {
    /// Extracts `document` and writes its JSON (compact, one line, no newline) to `output`,
    /// piece by piece for a long text so that memory stays bounded by a piece; the bytes
    /// are those of encoding `extract(document)`.
    public func extractJSON(_ document: Document, to output: FileHandle, limit: Int = Pipeline.pieceLimit) throws {
        let stream = try ExtractionJSONStream()
        let summary = try extractPieces(document, limit: limit) { try stream.add($0.global) }
        try stream.finish(header: summary.header(id: document.metadata.id, published: document.metadata.published),
                          to: output)
    }
}
