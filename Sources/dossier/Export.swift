import ArgumentParser
import DossierCore
import DossierExtract
import DossierStore
import Foundation

/// `dossier export`: the whole store in a standard format, for a spreadsheet, Aleph or an
/// annotation tool. The writers live in DossierStore/Export so the server reuses them.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the store: json, jsonl, csv tables, FollowTheMoney entities or W3C Web Annotations.",
        discussion: """
            --output - writes to standard output (CSV: one table, claims unless --table says); \
            --output DIR writes documents.json(l), <table>.csv, entities.ftm.json or annotations.jsonld there. \
            CSV is RFC 4180 (CRLF, quoted fields); cells of article text starting with = + - @ get a ' so \
            no spreadsheet runs them. Add --bom for Excel.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, jsonl, csv, ftm, annotations }
    enum Table: String, ExpressibleByArgument, CaseIterable { case claims, quantities, entities }

    @Option(help: "json, jsonl, csv, ftm or annotations.")
    var format: Format

    @Option(help: "For csv: claims, quantities or entities (default: all three into a folder, claims to stdout).")
    var table: Table?

    @Option(help: "A folder to write the files into, or - for standard output.")
    var output = "-"

    @Flag(help: "For csv: start each file with a UTF-8 byte order mark, so Excel reads accents right.")
    var bom = false

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try await storeOptions.openStore(readOnly: true)
        let tables: [ExportTable] = table.map { [ExportTable(rawValue: $0.rawValue)!] }
            ?? (output == "-" ? [.claims] : ExportTable.allCases)
        let exporter = Exporter(format: ExportFormat(rawValue: format.rawValue)!, tables: tables,
                                byteOrderMark: bom, countryCodes: format == .ftm ? Self.countryCodes() : [:])
        var outputs: [ExportOutput] = []
        if output == "-" {
            outputs = [ExportOutput(handle: .standardOutput, closesHandle: false)]
        } else {
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                outputs = try exporter.fileNames.map { try ExportOutput(path: (output as NSString).appendingPathComponent($0)) }
            } catch {
                throw CLIError("\(output): \(error)")
            }
        }
        let counts: Exporter.Counts
        do {
            counts = try await exporter.run(documents: { try await store.forEachExportDocument($0) }, outputs: outputs)
            for out in outputs { try out.close() }
        } catch {
            throw CLIError("export failed: \(error)")
        }
        let files = output == "-" ? "standard output"
            : exporter.fileNames.map { (output as NSString).appendingPathComponent($0) }.joined(separator: ", ")
        FileHandle.standardError.write(Data("\(counts.documents) documents, \(counts.records) records → \(files)\n".utf8))
    }

    /// Country name (canonical and every alias, folded) → ISO alpha-2, from the knowledge
    /// base's country file, so FtM `country` properties carry codes Aleph understands.
    static func countryCodes() -> [String: String] {
        var codes: [String: String] = [:]
        for row in LanguageData.knowledgeBase("countries.tsv").rows where row.count >= 5 {
            guard let iso = row[4].split(separator: ";").first(where: { $0.hasPrefix("iso=") })?.dropFirst(4)
            else { continue }
            let code = iso.lowercased()
            for name in [row[2]] + row[3].split(separator: "|").map(String.init) {
                let key = NameKey.fold(name)
                if !key.isEmpty, codes[key] == nil { codes[key] = code }
            }
        }
        return codes
    }
}
