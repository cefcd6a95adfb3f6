import Foundation
import Testing

/// Consistency of the shipped knowledge-base files (read straight from the source tree):
/// data mistakes show up here rather than as odd roles or lost names in an article.
@Suite("Entity knowledge base")
struct EntityKnowledgeBaseTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/DossierExtract/Resources")

    /// Data rows (tab-split) of a resource file.
    static func rows(_ path: String) -> [[String]] {
        guard let text = try? String(contentsOf: resources.appendingPathComponent(path), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    static let entityFiles = ["people", "media", "organisations", "countries", "cities", "regions", "us-states"]
    static let entries = entityFiles.flatMap { rows("kb/\($0).tsv") }

    static func attributes(_ row: [String]) -> [String: String] {
        guard row.count > 4 else { return [:] }
        var out: [String: String] = [:]
        for pair in row[4].split(separator: ";") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            out[kv[0]] = kv.count > 1 ? kv[1] : ""
        }
        return out
    }

    static var countries: Set<String> {
        Set(entries.filter { attributes($0)["kind"] == "country" }.map { $0[2] })
    }

    @Test("every row has five columns, a type and aliases; ids are unique")
    func wellFormed() {
        #expect(Self.entries.count > 1_000)
        for row in Self.entries {
            #expect(row.count == 5 && ["PER", "ORG", "LOC"].contains(row[1]) && !row[3].isEmpty, "\(row)")
        }
        #expect(Set(Self.entries.map { $0[0] }).count == Self.entries.count)
    }

    @Test("every government a place or seat stands for is a country of the base")
    func governmentsAreCountries() {
        let countries = Self.countries
        #expect(countries.count > 190)
        let governments = Set(Self.entries.compactMap { Self.attributes($0)["gov"] })
        #expect(governments.contains("Russia") && governments.contains("United States"))
        #expect(governments.subtracting(countries).isEmpty, "\(governments.subtracting(countries))")
    }

    @Test("nationalities of both languages name countries, continents or listed groups")
    func nationalities() {
        let places = Set(Self.entries.filter { ["country", "continent"].contains(Self.attributes($0)["kind"]) }.map { $0[2] })
        let groups: Set<String> = ["Arabs", "Kurds", "Jews", "Muslims", "Christians", "Latin Americans", "Uyghurs", "Druze", "Chechens"]
        for language in ["fr", "en"] {
            let rows = Self.rows("\(language)/entity-demonyms.tsv") + Self.rows("\(language)/entity-demonym-prefixes.tsv")
            #expect(rows.count > 100)
            let unknown = Set(rows.map { $0[1] }).subtracting(places).subtracting(groups)
            #expect(unknown.isEmpty, "\(language): \(unknown)")
        }
    }

    @Test("media rows are organisations")
    func media() {
        let media = Self.rows("kb/media.tsv")
        #expect(media.count > 50)
        #expect(media.allSatisfy { $0[1] == "ORG" && Self.attributes($0)["media"] == "1" })
    }
}
