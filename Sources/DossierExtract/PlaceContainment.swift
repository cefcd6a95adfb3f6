/// Which country contains a place of the knowledge base, read from the `country=`
/// attribute of its rows (`kb/regions.tsv`, `kb/us-states.tsv`, `kb/cities.tsv`).
///
/// The cross-article analysis keys a figure on the places it names; "Russia's Kursk region"
/// and "la région de Koursk" must key on the same place, so a country is dropped from a
/// key that also holds a place it contains. That knowledge is the knowledge base's, so it
/// is read from its files (adding a region is adding a row), not written in code.
public struct PlaceContainment: Sendable {
    /// Knowledge-base id ("reg:kursk-oblast") → canonical name of its country ("Russia").
    public let countryById: [String: String]
    /// Canonical place name ("Kursk Oblast") → its country, for entities known by name only.
    public let countryByName: [String: String]

    public init(countryById: [String: String], countryByName: [String: String]) {
        self.countryById = countryById
        self.countryByName = countryByName
    }

    /// Built once from the bundled knowledge base.
    public static let shared: PlaceContainment = {
        var byId: [String: String] = [:], byName: [String: String] = [:]
        for name in ["regions.tsv", "us-states.tsv", "cities.tsv"] {
            // Rows: id | type | canonical | aliases | attributes (see the files' headers).
            for row in LanguageData.knowledgeBase(name).rows where row.count >= 5 && row[1] == "LOC" {
                for attribute in row[4].split(separator: ";") where attribute.hasPrefix("country=") {
                    let country = String(attribute.dropFirst("country=".count))
                    guard !country.isEmpty, country != row[2] else { continue }
                    byId[row[0]] = country
                    // A canonical name shared by places of two countries says nothing.
                    if let known = byName[row[2]], known != country { byName[row[2]] = "" } else { byName[row[2]] = country }
                }
            }
        }
        return PlaceContainment(countryById: byId, countryByName: byName.filter { !$0.value.isEmpty })
    }()

    /// The country containing a place known by its knowledge-base ids or canonical name.
    public func country(ids: [String], name: String) -> String? {
        for id in ids { if let c = countryById[id] { return c } }
        return countryByName[name]
    }
}
