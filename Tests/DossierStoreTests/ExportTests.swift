import DossierCore
import DossierStore
import Foundation
import Testing

/// A minimal RFC 4180 reader, written apart from the writer, so the round trip checks
/// the writer against the standard and not against itself.
enum CSVReader {
    static func parse(_ s: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, i = s.unicodeScalars.startIndex
        let u = s.unicodeScalars
        while i < u.endIndex {
            let c = u[i]
            if quoted {
                if c == "\"" {
                    let n = u.index(after: i)
                    if n < u.endIndex, u[n] == "\"" { field.unicodeScalars.append("\""); i = n } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r" {
                let n = u.index(after: i)
                if n < u.endIndex, u[n] == "\n" { i = n }
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(c)
            }
            i = u.index(after: i)
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// A store holding two documents whose text and extraction contain everything a naive
/// writer breaks on: commas, quotes, newlines, a formula, non-BMP characters (offsets are
/// code points), accents.
enum ExportFixture {
    static let tricky = "🇰🇵 Kim said: \"=HYPERLINK(evil)\", at least 10,000 soldiers\nwere in Kursk, «selon» Seoul."
    static let french = "Le NIS a estimé que 1 500 soldats nord-coréens étaient en Russie le 18 octobre."

    static func extractionTricky() -> Extraction {
        let t = tricky
        var x = Sample.extraction(t, source: "Kim", sourceCanonical: "Kim Jong Un", cue: "said",
                                  content: "\"=HYPERLINK(evil)\", at least 10,000 soldiers\nwere in Kursk",
                                  entity: "Kim", canonical: "Kim Jong Un")
        x.entities.append(EntityMention(span: Sample.span(t, "Kursk"), text: "Kursk", type: .location,
                                        canonical: "Kursk Oblast", entityId: "reg:kursk-oblast"))
        x.entities.append(EntityMention(span: Sample.span(t, "Seoul"), text: "Seoul", type: .location,
                                        canonical: "Seoul", entityId: "loc:gn1835848"))
        x.quantities = [Quantity(span: Sample.span(t, "at least 10,000 soldiers"), text: "at least 10,000 soldiers",
                                 kind: .count, value: 10000, unit: "person", counted: "soldiers", lemma: "soldier",
                                 category: "person", bound: .lower, qualifier: "at least")]
        x.claims[0].quantities = [0]
        x.claims[0].entities = [0, 1]
        return x
    }

    static func extractionFrench() -> Extraction {
        let t = french
        var x = Sample.extraction(t, source: "Le NIS", sourceCanonical: "National Intelligence Service (South Korea)",
                                  cue: "a estimé", content: "1 500 soldats nord-coréens étaient en Russie le 18 octobre",
                                  entity: "NIS", canonical: "National Intelligence Service (South Korea)",
                                  type: .organisation, language: .french)
        x.entities[0].entityId = "org:nis"
        x.entities.append(EntityMention(span: Sample.span(t, "nord-coréens"), text: "nord-coréens", type: .nationality,
                                        canonical: "North Korea", country: "North Korea"))
        x.entities.append(EntityMention(span: Sample.span(t, "Russie"), text: "Russie", type: .location,
                                        canonical: "Russia", entityId: "loc:ru"))
        x.times = [TimeExpression(span: Sample.span(t, "le 18 octobre"), text: "le 18 octobre", kind: .date,
                                  value: .date("2024-10-18"))]
        x.claims[0].times = [0]
        return x
    }

    static func store() async throws -> (TemporaryStore, SQLiteStore) {
        let tmp = try TemporaryStore()
        let store = try tmp.open()
        _ = try await store.save(Sample.record(tricky, sha: "a1", outlet: "Wire, Inc.", published: "2024-11-04",
                                               url: "https://example.org/a1", title: "Troops, \"thousands\""),
                                 extraction: extractionTricky(), nearDuplicateThreshold: 0.8)
        _ = try await store.save(Sample.record(french, sha: "b2", outlet: "Le Journal", published: "2024-10-18",
                                               url: "https://example.fr/b2"),
                                 extraction: extractionFrench(), nearDuplicateThreshold: 0.8)
        return (tmp, store)
    }

    /// Runs an export into files in the store's folder and returns their contents.
    static func run(_ exporter: Exporter, _ store: SQLiteStore, in tmp: TemporaryStore) async throws -> [String] {
        let paths = exporter.fileNames.map { tmp.folder.appendingPathComponent($0).path }
        let outputs = try paths.map { try ExportOutput(path: $0) }
        _ = try await exporter.run(documents: { try store.forEachExportDocument($0) }, outputs: outputs)
        for o in outputs { try o.close() }
        return try paths.map { try String(contentsOfFile: $0, encoding: .utf8) }
    }
}

@Suite("exports: csv, json, FollowTheMoney, Web Annotations")
struct ExportTests {
    @Test("CSV: RFC 4180 round trip with commas, quotes, newlines; formulas disarmed; numbers kept")
    func csvRoundTrip() async throws {
        let (tmp, store) = try await ExportFixture.store()
        let files = try await ExportFixture.run(Exporter(format: .csv), store, in: tmp)
        #expect(files.count == 3)
        let claims = CSVReader.parse(files[0])
        #expect(claims[0] == ExportTable.claims.columns)
        #expect(claims.count == 3)
        for row in claims { #expect(row.count == ExportTable.claims.columns.count) }
        let col = { (name: String) in ExportTable.claims.columns.firstIndex(of: name)! }
        let first = claims[1]
        #expect(first[col("title")] == "Troops, \"thousands\"")
        #expect(first[col("outlet")] == "Wire, Inc.")
        #expect(first[col("source")] == "Kim")
        #expect(first[col("source_canonical")] == "Kim Jong Un")
        #expect(first[col("cue")] == "said")
        #expect(first[col("certainty")] == "attributed")
        #expect(first[col("document_url")] == "https://example.org/a1")
        // The claim starts with a quote then "=": not a formula start, kept as written.
        #expect(first[col("text")] == "\"=HYPERLINK(evil)\", at least 10,000 soldiers\nwere in Kursk")
        #expect(first[col("entities")] == "Kim Jong Un; Kursk Oblast")
        // Offsets are code points: the flag is two scalars.
        let scalars = Array(ExportFixture.tricky.unicodeScalars)
        let start = Int(first[col("start")])!, end = Int(first[col("end")])!
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == first[col("text")])
        #expect(files[0].hasSuffix("\r\n"))
        #expect(!files[0].hasPrefix(CSVFormat.byteOrderMark))

        let quantities = CSVReader.parse(files[1])
        #expect(quantities.count == 2)
        let q = { (name: String) in ExportTable.quantities.columns.firstIndex(of: name)! }
        #expect(quantities[1][q("value")] == "10000")
        #expect(quantities[1][q("bound")] == "lower")
        #expect(quantities[1][q("source_canonical")] == "Kim Jong Un")

        let entities = CSVReader.parse(files[2])
        #expect(entities.count == 1 + 3 + 3)
        #expect(entities.dropFirst().allSatisfy { $0.count == ExportTable.entities.columns.count })
    }

    @Test("CSV: a cell starting with = + - @ gets a quote mark; numbers do not", arguments: [
        ("=1+1", "'=1+1"), ("+33 1 23", "'+33 1 23"), ("-Le ministre", "'-Le ministre"), ("@user", "'@user"),
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("l1\nl2", "\"l1\nl2\""),
    ])
    func formulaGuard(input: String, expected: String) {
        #expect(CSVFormat.field(.text(input)) == expected)
    }

    @Test("CSV numbers: integral without a decimal part, negative numbers unguarded")
    func numbers() {
        #expect(CSVFormat.field(.number(1500)) == "1500")
        #expect(CSVFormat.field(.number(-3)) == "-3")
        #expect(CSVFormat.field(.number(2.5)) == "2.5")
        #expect(CSVFormat.field(.empty) == "")
    }

    @Test("CSV with --bom starts each file with the UTF-8 byte order mark")
    func byteOrderMark() async throws {
        let (tmp, store) = try await ExportFixture.store()
        let files = try await ExportFixture.run(Exporter(format: .csv, tables: [.entities], byteOrderMark: true), store, in: tmp)
        #expect(files.count == 1)
        // Read as bytes: Foundation's UTF-8 decoding drops a leading BOM.
        let bytes = try Data(contentsOf: tmp.folder.appendingPathComponent("entities.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(files[0].hasPrefix("document_id,"))
    }

    @Test("Web Annotations: every selector re-anchors in the stored text")
    func annotations() async throws {
        let (tmp, store) = try await ExportFixture.store()
        let text = try await ExportFixture.run(Exporter(format: .annotations), store, in: tmp)[0]
        let lines = text.split(separator: "\n")
        // Two documents: (3 entities + 1 quantity + 1 attribution + 1 claim) + (3 + 1 time + 1 + 1).
        #expect(lines.count == 12)
        let sources = [ExportFixture.tricky, ExportFixture.french].map { Array($0.unicodeScalars) }
        var kinds = Set<String>()
        for line in lines {
            let a = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(a["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
            #expect(a["type"] as? String == "Annotation")
            let body = a["body"] as! [[String: Any]]
            #expect(body.contains { $0["purpose"] as? String == "tagging" })
            #expect(body.contains { $0["purpose"] as? String == "describing" })
            kinds.insert((a["id"] as! String).split(separator: ":").dropLast().last.map(String.init) ?? "")
            for target in a["target"] as! [[String: Any]] {
                let scalars = (target["source"] as! String).hasSuffix("a1") ? sources[0] : sources[1]
                let selectors = target["selector"] as! [[String: Any]]
                let quote = selectors.first { $0["type"] as? String == "TextQuoteSelector" }!
                let position = selectors.first { $0["type"] as? String == "TextPositionSelector" }!
                let start = position["start"] as! Int, end = position["end"] as! Int
                func slice(_ a: Int, _ b: Int) -> String { String(String.UnicodeScalarView(scalars[a..<b])) }
                #expect(slice(start, end) == quote["exact"] as! String)
                let prefix = quote["prefix"] as! String, suffix = quote["suffix"] as! String
                #expect(slice(start - prefix.unicodeScalars.count, start) == prefix)
                #expect(slice(end, end + suffix.unicodeScalars.count) == suffix)
            }
        }
        #expect(kinds == ["entity", "quantity", "time", "attribution", "claim"])
        #expect(text.contains("\"value\":\"≥ 10000 person (soldier)\""))
    }

    @Test("FollowTheMoney: schemas, string-array properties, links that resolve, stable ids")
    func followTheMoney() async throws {
        let (tmp, store) = try await ExportFixture.store()
        let exporter = Exporter(format: .ftm, countryCodes: ["north korea": "kp", "russia": "ru"])
        let text = try await ExportFixture.run(exporter, store, in: tmp)[0]
        let entities = try text.split(separator: "\n").map { try JSONDecoder().decode(FtMEntity.self, from: Data($0.utf8)) }
        let byID = Dictionary(entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byID.count == entities.count, "ids are unique")
        let schemas = Dictionary(grouping: entities, by: \.schema).mapValues(\.count)
        #expect(schemas["Article"] == 2)
        #expect(schemas["Person"] == 1)
        #expect(schemas["Organization"] == 1)
        #expect(schemas["Address"] == 3)
        #expect(schemas["Mention"] == 2)
        for m in entities where m.schema == "Mention" {
            #expect(byID[m.properties["document"]![0]]?.schema == "Article")
            let resolved = byID[m.properties["resolved"]![0]]
            #expect(resolved?.schema == "Person" || resolved?.schema == "Organization")
            #expect(m.properties["name"]?.isEmpty == false)
        }
        let french = entities.first { $0.schema == "Article" && $0.properties["publisher"] == ["Le Journal"] }!
        #expect(french.properties["language"] == ["fra"])
        #expect(french.properties["publishedAt"] == ["2024-10-18"])
        #expect(Set(french.properties["detectedCountry"] ?? []) == ["kp", "ru"])
        #expect(french.properties["bodyText"] == [ExportFixture.french])
        let russia = entities.first { $0.schema == "Address" && $0.properties["full"] == ["Russia"] }
        #expect(russia?.properties["country"] == ["ru"])
        // Exported twice, the same ids: Aleph updates instead of duplicating.
        let again = try await ExportFixture.run(exporter, store, in: tmp)[0]
        #expect(again == text)
    }

    @Test("json and jsonl: the stored documents and extractions decode back unchanged")
    func jsonRoundTrip() async throws {
        let (tmp, store) = try await ExportFixture.store()
        let json = try await ExportFixture.run(Exporter(format: .json), store, in: tmp)[0]
        let all = try DossierJSON.decoder().decode([ExportedDocument].self, from: Data(json.utf8))
        #expect(all.map(\.extraction) == [ExportFixture.extractionTricky(), ExportFixture.extractionFrench()])
        #expect(all[0].document.text == ExportFixture.tricky)
        #expect(all[1].document.outlet == "Le Journal")
        let lines = try await ExportFixture.run(Exporter(format: .jsonl), store, in: tmp)[0].split(separator: "\n")
        #expect(lines.count == 2)
        let second = try DossierJSON.decoder().decode(ExportedDocument.self, from: Data(lines[1].utf8))
        #expect(second == all[1])
    }
}
