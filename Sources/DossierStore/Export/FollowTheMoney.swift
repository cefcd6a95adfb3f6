import DossierCore
import Foundation

/// One FollowTheMoney entity as Aleph and `ftm` read it: an id, a schema name, and
/// properties whose values are always arrays of strings (FtM is multi-valued).
public struct FtMEntity: Codable, Hashable, Sendable {
    public var id: String
    public var schema: String
    public var properties: [String: [String]]

    public init(id: String, schema: String, properties: [String: [String]]) {
        self.id = id
        self.schema = schema
        self.properties = properties
    }
}

/// Turns stored documents into FollowTheMoney entities (JSON lines, loadable with
/// `ftm store write` / `alephclient write-entities`):
///
/// - each document is an `Article` (title, author, publisher, sourceUrl, publishedAt,
///   language, bodyText, and the names detected in it);
/// - each person and organisation is a `Person` / `Organization`, one per canonical
///   entity across the whole export, with every spelling seen as `alias`;
/// - each place is an `Address` (`full`, `country` when it is a known country) linked
///   from the article's `addressEntity`, because FtM has no Country schema: countries are
///   a property type (ISO 3166-1 alpha-2, lower case);
/// - each (document, person/organisation) pair is a `Mention` linking the article
///   (`document`) to the entity (`resolved`), with the names as written; FtM's Mention
///   can only resolve to a LegalEntity, which is why places are not mentions.
///
/// Nationalities (NORP) become countries (`detectedCountry`, `contextCountry`), and
/// other names (MISC) only `namesMentioned`. Entity ids are stable across runs and stores
/// (derived from the document's SHA-256 and the entity's KB id or folded name), so a
/// second export updates the same Aleph entities instead of duplicating them.
public struct FollowTheMoneyExport: Sendable {
    /// Folded country name ("north korea") → ISO alpha-2 ("kp"), from the knowledge base.
    public var countryCodes: [String: String]
    public var idPrefix: String

    private var people: [String: Aggregate] = [:]
    private var order: [String] = []

    struct Aggregate: Sendable {
        var schema: String
        var name: String
        var aliases: [String] = []
        var country: Set<String> = []
        var kbID: String?
    }

    public init(countryCodes: [String: String] = [:], idPrefix: String = "dossier") {
        self.countryCodes = countryCodes
        self.idPrefix = idPrefix
    }

    /// The document's Article and Mention entities, emitted at once; the people,
    /// organisations and places are kept until `finish()` so each is written once.
    public mutating func add(_ item: ExportDocument) -> [FtMEntity] {
        let doc = item.document
        let x = item.extraction
        let articleID = Self.articleID(doc, prefix: idPrefix)
        var article: [String: [String]] = [:]
        func put(_ key: String, _ value: String?, into props: inout [String: [String]]) {
            guard let value, !value.isEmpty else { return }
            if props[key]?.contains(value) == true { return }
            props[key, default: []].append(value)
        }
        put("title", doc.title, into: &article)
        put("author", doc.author, into: &article)
        put("publisher", doc.outlet, into: &article)
        put("sourceUrl", doc.url, into: &article)
        put("publishedAt", doc.published?.iso, into: &article)
        put("language", Self.iso639_3[x.language.rawValue], into: &article)
        put("detectedLanguage", Self.iso639_3[x.language.rawValue], into: &article)
        put("bodyText", doc.text, into: &article)
        put("contentHash", doc.sha256, into: &article)

        var mentions: [String: (entity: String, schema: String, names: [String])] = [:]
        var mentionOrder: [String] = []
        var countries: [String] = []
        for e in x.entities {
            let name = e.canonical ?? e.text
            put("namesMentioned", name, into: &article)
            switch e.type {
            case .person, .organisation:
                let schema = e.type == .person ? "Person" : "Organization"
                put(e.type == .person ? "peopleMentioned" : "companiesMentioned", name, into: &article)
                let key = entityKey(e)
                let id = "\(idPrefix)-\(e.type == .person ? "person" : "org")-\(Self.hash(key))"
                remember(id: id, schema: schema, mention: e)
                if mentions[id] == nil { mentionOrder.append(id); mentions[id] = (id, schema, []) }
                if !mentions[id]!.names.contains(e.text) { mentions[id]!.names.append(e.text) }
            case .location:
                put("locationMentioned", name, into: &article)
                let id = "\(idPrefix)-address-\(Self.hash(entityKey(e)))"
                remember(id: id, schema: "Address", mention: e)
                put("addressEntity", id, into: &article)
                if let code = countryCode(of: e) { countries.append(code) }
            case .nationality:
                if let code = e.country.flatMap({ countryCodes[NameKey.fold($0)] }) { countries.append(code) }
            case .miscellaneous:
                break
            }
        }
        for code in countries { put("detectedCountry", code, into: &article) }
        var out = [FtMEntity(id: articleID, schema: "Article", properties: article)]
        for id in mentionOrder {
            let m = mentions[id]!
            var props: [String: [String]] = ["document": [articleID], "resolved": [m.entity],
                                             "name": m.names, "detectedSchema": [m.schema]]
            for code in countries { put("contextCountry", code, into: &props) }
            out.append(FtMEntity(id: "\(idPrefix)-mention-\(Self.hash(articleID + "|" + id))", schema: "Mention",
                                 properties: props))
        }
        return out
    }

    /// The people, organisations and places seen, each once, in first-seen order.
    public func finish() -> [FtMEntity] {
        order.compactMap { id in
            guard let a = people[id] else { return nil }
            var props: [String: [String]] = [a.schema == "Address" ? "full" : "name": [a.name]]
            let aliases = a.aliases.filter { $0 != a.name }
            if !aliases.isEmpty, a.schema != "Address" { props["alias"] = aliases }
            if !a.country.isEmpty { props["country"] = a.country.sorted() }
            return FtMEntity(id: id, schema: a.schema, properties: props)
        }
    }

    private mutating func remember(id: String, schema: String, mention e: EntityMention) {
        if people[id] == nil {
            order.append(id)
            people[id] = Aggregate(schema: schema, name: e.canonical ?? e.text, kbID: e.entityId)
        }
        if !people[id]!.aliases.contains(e.text) { people[id]!.aliases.append(e.text) }
        if schema == "Address", let code = countryCode(of: e) { people[id]!.country.insert(code) }
    }

    /// The KB id when the extractor linked one (the same entity in every language), else
    /// the type and folded name, so "Zélensky" and "Zelensky" meet.
    private func entityKey(_ e: EntityMention) -> String {
        if let id = e.entityId, !id.isEmpty { return id }
        return e.type.rawValue + ":" + NameKey.fold(e.canonical ?? e.text)
    }

    /// A place's country code: the KB's country ids are "loc:<alpha-2>"; otherwise the
    /// folded name is looked up.
    private func countryCode(of e: EntityMention) -> String? {
        if let id = e.entityId, id.hasPrefix("loc:"), id.count == 6 { return String(id.suffix(2)) }
        return countryCodes[NameKey.fold(e.canonical ?? e.text)]
    }

    static func articleID(_ doc: StoredDocument, prefix: String) -> String {
        "\(prefix)-article-\(doc.sha256.prefix(40))"
    }

    /// 64-bit FNV-1a as 16 hex digits: stable across runs and platforms (Swift's `Hasher`
    /// is seeded per process, so it cannot name anything that outlives the process).
    static func hash(_ s: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in s.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100000001b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// FtM's `language` type is ISO 639-3; extractions carry ISO 639-1. A code table, not
    /// language knowledge: a language missing here only loses the property.
    static let iso639_3: [String: String] = [
        "fr": "fra", "en": "eng", "de": "deu", "es": "spa", "it": "ita", "pt": "por", "nl": "nld",
        "ru": "rus", "uk": "ukr", "pl": "pol", "ar": "ara", "zh": "zho", "ko": "kor", "ja": "jpn",
    ]
}
