import DossierCore
import DossierExtract

/// Builds the key of a figure claim: what is counted, whose, where.
///
/// What: the counted thing's category and unit (language-independent: "soldats" and
/// "troops" are both persons), else its lemma. Whose: the nationalities (by country) or,
/// failing that, the non-media organisations named. Where: the places named, dropping
/// countries when a more specific place is there ("Tarsk, in Valdoria" is about Tarsk), and
/// a country named next to a place the knowledge base says it contains ("Russia's Kursk
/// region" is about Kursk Oblast, like "la région de Koursk").
/// Each comes from the claim, else from its sentence; that fallback lowers the score.
struct QuantityKeyBuilder {
    let resolution: EntityResolver.Result
    /// Entities that some nationality names as its country.
    let countries: Set<Int>
    /// For each nationality entity, the display name of its country (or its own name).
    let countryName: [String?]

    /// For each location entity, the folded name of the country containing it (knowledge
    /// base), and every entity's folded name to meet it: folded once, not per claim.
    let container: [String?]
    let foldedName: [String]

    init(resolution: EntityResolver.Result, places: PlaceContainment = .shared) {
        self.resolution = resolution
        self.container = resolution.entities.map { e in
            e.type == .location ? places.country(ids: e.entityIds, name: e.name).map(NameFolding.fold) : nil
        }
        self.foldedName = resolution.entities.map { NameFolding.fold($0.name) }
        var countries = Set<Int>()
        for e in resolution.entities where e.type == .nationality {
            for name in (e.country ?? "").split(separator: ";") {
                if let c = resolution.resolve(String(name)) { countries.insert(c) }
            }
        }
        self.countries = countries
        self.countryName = resolution.entities.map { e in
            guard e.type == .nationality else { return nil }
            guard let c = e.country else { return e.name }
            return resolution.resolve(c).map { resolution.entities[$0].name } ?? c
        }
    }

    /// What a quantity counts, or nil when nothing says what it counts: a bare "30 %",
    /// "$75 million" or "300 km" would otherwise meet every other percentage, sum or
    /// distance of the same place and produce false contradictions.
    static func what(_ q: Quantity) -> String? {
        if q.kind == .ordinal { return nil }
        var parts: [String] = []
        if let c = q.category, !c.isEmpty { parts.append("category:\(c)") }
        else if let l = q.lemma ?? q.counted, !l.isEmpty { parts.append("lemma:\(NameFolding.fold(l))") }
        else { return nil }
        if let u = q.unit, !u.isEmpty { parts.append("unit:\(u)") }
        if let p = q.per { parts.append("per:\(p)") }
        return parts.joined(separator: " ")
    }

    struct Built {
        var key: FactKey
        var score: Double
        var reason: String
    }

    /// `window` is the figure's own stretch of the claim (between its neighbouring figures):
    /// in "Kestranian shelling killed 300 Norvakian soldiers; 2,000 Valdorians fled", each
    /// figure takes the nationality and place nearest to it before the claim's others.
    /// Nearest of all: a name inside the figure's span ("300 Ruritanian soldiers") or right
    /// after it ("300 soldats ruritaniens").
    func key(what: String, claim: Claim, quantity q: Span, window: Span, article a: Int, extraction x: Extraction,
             sourceEntity: Int?) -> Built {
        let row = resolution.mentionEntities[a]
        let claimMentions = claim.entities.filter { row.indices.contains($0) }
        let inClaim = claimMentions.map { row[$0] }
        let inWindow = claimMentions.filter { window.contains(x.entities[$0].span) }.map { row[$0] }
        let adjacent = claimMentions.filter {
            let m = x.entities[$0].span
            return q.contains(m) || (m.start >= q.end && m.start - q.end <= 1)
        }.map { row[$0] }
        var sentenceMentions: [Int] = []
        var nearbyMentions = claimMentions
        if let s = x.sentences.first(where: { $0.start <= claim.start && claim.start < $0.end }) {
            for (j, m) in x.entities.enumerated() where s.start <= m.start && m.end <= s.end {
                sentenceMentions.append(row[j])
                nearbyMentions.append(j)
            }
        }
        let qualifying = countriesNextToTheirPlaces(nearbyMentions, row: row, extraction: x)
        var notes: [String] = []
        var score = 1.0
        func pick(_ label: String, _ f: ([Int]) -> [String]) -> [String] {
            let next = f(adjacent)
            if !next.isEmpty { return next }
            let near = f(inWindow)
            if !near.isEmpty { return near }
            let own = f(inClaim)
            if !own.isEmpty { return own }
            let wider = f(sentenceMentions)
            if !wider.isEmpty { score -= 0.1; notes.append("\(label) from the sentence") }
            return wider
        }
        let whose = pick("whose") { self.whose($0, excluding: sourceEntity) }
        let places = pick("where") { self.places($0, qualifying: qualifying) }
        if places.isEmpty { score -= 0.2; notes.append("no place") }
        let key = FactKey(what: what, thing: nil, whose: whose, places: places)
        var reason = "counts \(what)"
        if !whose.isEmpty { reason += " · whose: \(whose.joined(separator: ", "))" }
        reason += " · where: " + (places.isEmpty ? "—" : places.joined(separator: ", "))
        if !notes.isEmpty { reason += " (" + notes.joined(separator: "; ") + ")" }
        return Built(key: key, score: score, reason: reason)
    }

    private func whose(_ ids: [Int], excluding source: Int?) -> [String] {
        var norp = Set<String>(), orgs = Set<String>()
        for e in ids where e != source {
            let entity = resolution.entities[e]
            switch entity.type {
            case .nationality:
                norp.insert(countryName[e] ?? entity.name)
            case .organisation where !entity.isMedia && entity.role == nil:
                orgs.insert(entity.name)
            default: break
            }
        }
        return (norp.isEmpty ? orgs : norp).sorted()
    }

    /// Countries named right next to a place the knowledge base puts inside them ("Russia's
    /// Kursk region", "Kursk, Russia", "la région de Koursk, en Russie"): only there does the
    /// country merely say where the place is. Named apart ("sent 10,000 soldiers to train in
    /// eastern Russia, with many moving toward the Kursk region") each is a place of its own,
    /// and dropping the country would move a country-wide figure into the region.
    private func countriesNextToTheirPlaces(_ mentions: [Int], row: [Int], extraction x: Extraction) -> Set<Int> {
        /// At most a few words between the two names: "'s", ", ", " region of ", ", en ".
        let maximumGap = 12
        let places = Set(mentions).filter { resolution.entities[row[$0]].type == .location }
            .sorted { x.entities[$0].span.start < x.entities[$1].span.start }
        var qualifying = Set<Int>()
        for (i, a) in places.enumerated() {
            for b in places[(i + 1)...] {
                let gap = x.entities[b].span.start - x.entities[a].span.end
                if gap > maximumGap { break }
                guard gap >= 0 else { continue }
                let (ea, eb) = (row[a], row[b])
                if container[eb] == foldedName[ea] { qualifying.insert(ea) }
                if container[ea] == foldedName[eb] { qualifying.insert(eb) }
            }
        }
        return qualifying
    }

    private func places(_ ids: [Int], qualifying: Set<Int>) -> [String] {
        var specific = Set<String>(), broad = Set<String>(), containing = Set<String>()
        var located: [Int] = []
        for e in ids {
            let entity = resolution.entities[e]
            guard entity.type == .location, entity.role == nil else { continue }
            located.append(e)
            if let c = container[e] { containing.insert(c) }
        }
        for e in located where !(containing.contains(foldedName[e]) && qualifying.contains(e)) {
            // (A country named next to a place it holds only says where that place is.)
            let name = resolution.entities[e].name
            if countries.contains(e) { broad.insert(name) } else { specific.insert(name) }
        }
        return (specific.isEmpty ? broad : specific).sorted()
    }
}
