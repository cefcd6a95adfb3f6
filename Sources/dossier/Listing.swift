import DossierCore
import DossierStore
import Foundation

/// A result a listing can print in every format: named cells for tables and CSV, the
/// Codable value itself for JSON.
protocol Listable: Encodable {
    static var columns: [String] { get }
    var cells: [String] { get }
}

enum Listing {
    static func print<T: Listable>(_ rows: [T], format: ListingOptions.Format) throws {
        switch format {
        case .json:
            Output.write(try DossierJSON.encoder(pretty: true).encode(rows))
        case .jsonl:
            let encoder = DossierJSON.encoder()
            for row in rows { Output.write(try encoder.encode(row)) }
        case .csv:
            Output.write(csvLine(T.columns))
            for row in rows { Output.write(csvLine(row.cells)) }
        case .table:
            if rows.isEmpty { FileHandle.standardError.write(Data("(nothing found)\n".utf8)); return }
            Output.write(table(header: T.columns, rows: rows.map(\.cells)))
        }
    }

    static func csvLine(_ cells: [String]) -> String {
        cells.map { cell in
            guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    /// Columns padded to their widest cell; the last column takes what the terminal has
    /// left and is cut with "…", so each row stays on one line.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows.map { $0.map { $0.replacingOccurrences(of: "\n", with: " ") } }
        var widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        for i in widths.indices.dropLast() { widths[i] = min(widths[i], 32) }
        let terminal = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 120
        let used = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        widths[widths.count - 1] = max(20, min(widths[widths.count - 1], terminal - used))
        return all.map { row in
            row.indices.map { i in
                let cell = row[i].count > widths[i] ? String(row[i].prefix(widths[i] - 1)) + "…" : row[i]
                return i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

extension ClaimRow: Listable {
    static let columns = ["doc", "published", "outlet", "source", "certainty", "claim"]
    var cells: [String] {
        [String(document), published?.iso ?? "", outlet ?? "",
         [source, channel.map { "via \($0)" }].compactMap { $0 }.joined(separator: " "),
         certainty, text]
    }
}

extension SearchHit: Listable {
    static let columns = ["kind", "doc", "published", "outlet", "match"]
    var cells: [String] {
        [kind.rawValue + (claim.map { " \($0)" } ?? ""), String(document), published?.iso ?? "", outlet ?? "", snippet]
    }
}
