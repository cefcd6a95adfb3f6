/// One cell of an exported table. Text and numbers are kept apart because only text
/// needs the formula-injection guard: a figure Dossier computed ("-3", "1500") must stay
/// a number in the spreadsheet, while text copied from an article ("=HYPERLINK(...)",
/// "-Le ministre") must never be run as a formula.
public enum CSVCell: Sendable, Hashable {
    case text(String)
    case number(Double)
    case integer(Int)
    case empty

    static func optional(_ s: String?) -> CSVCell { s.map(CSVCell.text) ?? .empty }
    static func optional(_ d: Double?) -> CSVCell { d.map(CSVCell.number) ?? .empty }
    static func optional(_ i: Int?) -> CSVCell { i.map(CSVCell.integer) ?? .empty }
    static func optional(_ b: Bool?) -> CSVCell { b.map { .text($0 ? "true" : "false") } ?? .empty }
}

/// RFC 4180 CSV: comma-separated, CRLF between records, a field quoted when it holds a
/// comma, a quote, CR or LF, quotes doubled inside. Spreadsheets (LibreOffice, Excel)
/// and every CSV library read this dialect.
public enum CSVFormat {
    /// The UTF-8 byte order mark. Excel needs it to read a double-clicked file as UTF-8
    /// (otherwise "Zelensky" survives but "Kyïv" and "«" do not); LibreOffice and most
    /// libraries accept it; some tools (`cut`, naive parsers) show it as junk in the first
    /// header. Hence an option, not a default.
    public static let byteOrderMark = "\u{FEFF}"
    public static let recordSeparator = "\r\n"

    /// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"):
    /// the formula starters plus tab and carriage return, which some programs strip first.
    static let formulaStarters: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    public static func field(_ cell: CSVCell) -> String {
        switch cell {
        case .empty: return ""
        case .integer(let i): return String(i)
        case .number(let d): return number(d)
        case .text(let s):
            var s = s
            if let first = s.unicodeScalars.first, formulaStarters.contains(first) { s = "'" + s }
            return quoted(s)
        }
    }

    /// Integral values without a decimal part ("1500", not "1500.0"); others in Swift's
    /// shortest round-trip form with a dot, which spreadsheets in every locale import as
    /// a number when the column is set to "US English".
    public static func number(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    static func quoted(_ s: String) -> String {
        var needs = false
        for u in s.unicodeScalars where u == "," || u == "\"" || u == "\n" || u == "\r" {
            needs = true
            break
        }
        guard needs else { return s }
        var out = "\""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count + 2)
        for u in s.unicodeScalars {
            if u == "\"" { out.unicodeScalars.append("\"") }
            out.unicodeScalars.append(u)
        }
        out.unicodeScalars.append("\"")
        return out
    }

    public static func record(_ cells: [CSVCell]) -> String {
        cells.map(field).joined(separator: ",") + recordSeparator
    }

    public static func header(_ names: [String]) -> String {
        record(names.map(CSVCell.text))
    }
}
