import DossierCore
import Foundation

/// The formats `dossier export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// The stored documents (metadata and text) with their extractions: one JSON array.
    case json
    /// The same, one document per line.
    case jsonl
    /// Spreadsheet tables: claims, quantities, entities.
    case csv
    /// FollowTheMoney entities, one per line, for OCCRP Aleph.
    case ftm
    /// W3C Web Annotations (JSON-LD), one per line.
    case annotations
}

/// Where an export writes: a buffered text stream over a file handle. Buffered because an
/// export is millions of small writes and a syscall each would dominate.
public final class ExportOutput {
    private let handle: FileHandle
    private let closesHandle: Bool
    private var buffer = Data()

    public init(handle: FileHandle, closesHandle: Bool) {
        self.handle = handle
        self.closesHandle = closesHandle
        buffer.reserveCapacity(1 << 16)
    }

    /// Creates (or truncates) the file at `path`.
    public convenience init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw StoreError("\(path): cannot create the file")
        }
        self.init(handle: try FileHandle(forWritingTo: URL(fileURLWithPath: path)), closesHandle: true)
    }

    public func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    public func write(_ data: Data) {
        buffer.append(data)
        if buffer.count >= 1 << 20 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        flush()
        if closesHandle { try handle.close() }
    }
}

/// A stored document with its extraction as the json/jsonl exports write it.
public struct ExportedDocument: Codable, Hashable, Sendable {
    public var document: StoredDocument
    public var extraction: Extraction
}

/// Runs one export over a stream of documents. Kept apart from the store and the CLI so
/// the server can stream the same bytes over HTTP.
public struct Exporter {
    public var format: ExportFormat
    /// For CSV: the tables to write (each its own output).
    public var tables: [ExportTable]
    /// For CSV: start each file with a UTF-8 byte order mark (for Excel).
    public var byteOrderMark: Bool
    /// For FtM: folded country name → ISO alpha-2.
    public var countryCodes: [String: String]

    public init(format: ExportFormat, tables: [ExportTable] = ExportTable.allCases, byteOrderMark: Bool = false,
                countryCodes: [String: String] = [:]) {
        self.format = format
        self.tables = tables
        self.byteOrderMark = byteOrderMark
        self.countryCodes = countryCodes
    }

    /// The file each output goes to when exporting into a folder.
    public var fileNames: [String] {
        switch format {
        case .json: ["documents.json"]
        case .jsonl: ["documents.jsonl"]
        case .csv: tables.map { "\($0.rawValue).csv" }
        case .ftm: ["entities.ftm.json"]
        case .annotations: ["annotations.jsonld"]
        }
    }

    /// What was written, for the command's summary line.
    public struct Counts: Sendable, Hashable {
        public var documents = 0
        public var records = 0
    }

    /// Writes the export: `outputs` are in `fileNames` order; `documents` calls its
    /// argument once per document (e.g. `store.forEachExportDocument`); async because a
    /// PostgreSQL store streams its rows over the network.
    public func run(documents: ((ExportDocument) throws -> Void) async throws -> Void,
                    outputs: [ExportOutput]) async throws -> Counts {
        precondition(outputs.count == fileNames.count, "one output per file name")
        var counts = Counts()
        switch format {
        case .json, .jsonl:
            let encoder = DossierJSON.encoder()
            let out = outputs[0]
            if format == .json { out.write("[\n") }
            try await documents { item in
                if format == .json && counts.documents > 0 { out.write(",\n") }
                out.write(try encoder.encode(ExportedDocument(document: item.document, extraction: item.extraction)))
                if format == .jsonl { out.write("\n") }
                counts.documents += 1
                counts.records += 1
            }
            if format == .json { out.write(counts.documents > 0 ? "\n]\n" : "]\n") }
        case .csv:
            for (table, out) in zip(tables, outputs) {
                if byteOrderMark { out.write(CSVFormat.byteOrderMark) }
                out.write(CSVFormat.header(table.columns))
            }
            try await documents { item in
                counts.documents += 1
                for (table, out) in zip(tables, outputs) {
                    for row in table.rows(for: item) {
                        out.write(CSVFormat.record(row))
                        counts.records += 1
                    }
                }
            }
        case .ftm:
            let encoder = WebAnnotation.encoder()
            var ftm = FollowTheMoneyExport(countryCodes: countryCodes)
            let out = outputs[0]
            func emit(_ entities: [FtMEntity]) throws {
                for e in entities {
                    out.write(try encoder.encode(e))
                    out.write("\n")
                    counts.records += 1
                }
            }
            try await documents { item in
                counts.documents += 1
                try emit(ftm.add(item))
            }
            try emit(ftm.finish())
        case .annotations:
            let encoder = WebAnnotation.encoder()
            let out = outputs[0]
            try await documents { item in
                counts.documents += 1
                for a in WebAnnotationExport.annotations(for: item) {
                    out.write(try encoder.encode(a))
                    out.write("\n")
                    counts.records += 1
                }
            }
        }
        for out in outputs { out.flush() }
        return counts
    }
}
