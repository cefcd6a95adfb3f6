import DossierCore

/// Disjoint sets over node indices, with path halving: near-linear merging.
struct UnionFind {
    var parent: [Int]
    init(count: Int) { parent = Array(0..<count) }
    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        let ra = find(a), rb = find(b)
        if ra == rb { return false }
        if ra < rb { parent[rb] = ra } else { parent[ra] = rb }
        return true
    }
}

/// Resolves entity mentions across articles and languages.
///
/// Nodes are the distinct surface forms (per type), canonical names and knowledge-base
/// ids; edges are merge decisions, each with its rule. Connected components are entities.
/// Every rule is a hash lookup, so the cost is linear in the number of mentions.
public struct EntityResolver: Sendable {
    public var lexicon: AnalysisLexicon
    public var overrides: ResolutionOverrides

    public init(lexicon: AnalysisLexicon = .shared, overrides: ResolutionOverrides = .init()) {
        self.lexicon = lexicon
        self.overrides = overrides
    }

    private enum NodeKind { case surface, canonical, identifier }
    private struct Node {
        var kind: NodeKind
        var label: String
        var types: Set<EntityType> = []
        var mentions = 0
    }

    public struct Result: Sendable {
        public var entities: [ResolvedEntity]
        /// Per article, per mention: index into `entities`.
        public var mentionEntities: [[Int]]
        /// Folded alias or canonical name → entity index, to resolve free names (sources,
        /// outlets, countries).
        var byName: [String: Int]
        var byKey: [String: Int]
        let lexicon: AnalysisLexicon
        /// Answers for every free name in the corpus, computed once (-1: no entity), so the
        /// hot paths never fold a string.
        var memo: [String: Int] = [:]

        /// The entity a free-text name refers to, by its folded form then its name key.
        public func resolve(_ name: String) -> Int? {
            if let hit = memo[name] { return hit < 0 ? nil : hit }
            return resolveByFolding(name)
        }

        func resolveByFolding(_ name: String) -> Int? {
            let folded = NameFolding.fold(name)
            if let hit = byName[folded] { return hit }
            return byKey[lexicon.nameKey(name).key]
        }

        /// Fills the memo with the names the analysis will look up: mention texts, sources,
        /// channels, outlets and nationalities' countries.
        mutating func memoize(_ articles: [AnalyzedArticle], _ labelKeys: [String: (folded: String, key: String)]) {
            func add(_ name: String?) {
                guard let name, memo[name] == nil else { return }
                memo[name] = resolveByFolding(name) ?? -1
            }
            // An entity's own names resolve to the first entity bearing their folded form,
            // as `byName` says; no need to fold them again.
            for e in entities {
                for alias in [e.name] + e.aliases where memo[alias] == nil {
                    if let (folded, key) = labelKeys[alias] {
                        memo[alias] = byName[folded] ?? byKey[key] ?? -1
                    } else {
                        memo[alias] = resolveByFolding(alias) ?? -1
                    }
                }
                e.country?.split(separator: ";").forEach { add(String($0)) }
            }
            for a in articles {
                add(a.metadata.outlet)
                for t in a.extraction.attributions {
                    add(t.sourceCanonical); add(t.source?.text); add(t.channelCanonical); add(t.channel?.text)
                }
            }
        }
    }

    public func resolve(_ articles: [AnalyzedArticle]) -> Result {
        var nodes: [Node] = []
        var index: [String: Int] = [:]
        func node(_ key: String, _ kind: NodeKind, _ label: String) -> Int {
            if let i = index[key] { return i }
            nodes.append(Node(kind: kind, label: label))
            index[key] = nodes.count - 1
            return nodes.count - 1
        }
        var edges: [(Int, Int, MergeDecision)] = []
        var mentionNode: [[Int]] = []

        for article in articles {
            var row: [Int] = []
            row.reserveCapacity(article.extraction.entities.count)
            for m in article.extraction.entities {
                let surface = node("s|\(m.type.rawValue)|\(m.text)", .surface, m.text)
                nodes[surface].types.insert(m.type)
                nodes[surface].mentions += 1
                row.append(surface)
                var idNode: Int?
                if let id = m.entityId, !id.isEmpty {
                    let n = node("i|\(id)", .identifier, id)
                    nodes[n].types.insert(m.type)
                    idNode = n
                    edges.append((surface, n, MergeDecision(rule: .extractorCanonical, a: m.text, b: id,
                                                            detail: "the extractor linked '\(m.text)' to \(id)")))
                }
                if let c = m.canonical, !c.isEmpty {
                    let n = node("c|\(NameFolding.fold(c))", .canonical, c)
                    nodes[n].types.insert(m.type)
                    edges.append((surface, n, MergeDecision(rule: .extractorCanonical, a: m.text, b: c,
                                                            detail: "the extractor resolved '\(m.text)' to '\(c)'")))
                    if let idNode {
                        edges.append((idNode, n, MergeDecision(rule: .sameIdentifier, a: nodes[idNode].label, b: c,
                                                               detail: "'\(c)' carries id \(nodes[idNode].label)")))
                    }
                }
            }
            mentionNode.append(row)
        }
        let labels = nodes.map(\.label)
        for (a, article) in articles.enumerated() {
            edges += surnameEdges(article, mentionNode[a], labels)
        }

        // Name rules: surface forms and canonical names meeting on their name key, per type.
        let folded = nodes.map { NameFolding.fold($0.label) }
        let keys = folded.map { lexicon.nameKey(folded: $0) }
        var firstByKey: [String: Int] = [:]
        for (i, n) in nodes.enumerated() where n.kind != .identifier {
            for type in n.types.sorted(by: { $0.rawValue < $1.rawValue }) {
                // Designators name kinds of places (and articles before names of places and
                // bodies); stripping them from a person's name would make "La Fontaine"
                // meet "Fontaine".
                let strips = Self.stripsDesignators(type)
                let (key, stripped) = strips ? keys[i] : (folded[i], false)
                guard !key.isEmpty else { continue }
                let k = "\(type.rawValue)|\(key)"
                guard let first = firstByKey[k] else { firstByKey[k] = i; continue }
                let otherStripped = strips && keys[first].stripped
                let rule: MergeRule = stripped || otherStripped ? .designatorStripped : .sameNormalisedName
                edges.append((first, i, MergeDecision(rule: rule, a: nodes[first].label, b: n.label,
                    detail: "'\(nodes[first].label)' and '\(n.label)' both normalise to '\(key)'"
                        + (rule == .designatorStripped ? " once place designators are removed" : ""))))
            }
        }

        // Splits: an alias named in a split keeps none of its automatic links.
        let splitAliases = Set(overrides.splits.map { NameFolding.fold($0.alias) })
        let isSplit = nodes.indices.map { nodes[$0].kind != .identifier && splitAliases.contains(folded[$0]) }
        var sets = UnionFind(count: nodes.count)
        var used: [(Int, Int, MergeDecision)] = []
        for e in edges where !isSplit[e.0] && !isSplit[e.1] {
            sets.union(e.0, e.1)
            used.append(e)
        }
        // Merges: every node bearing either name joins.
        var nodesByFold: [String: [Int]] = [:]
        for i in nodes.indices { nodesByFold[folded[i], default: []].append(i) }
        for merge in overrides.merges {
            guard let a = nodesByFold[NameFolding.fold(merge.a)]?.first,
                  let b = nodesByFold[NameFolding.fold(merge.b)]?.first else { continue }
            sets.union(a, b)
            used.append((a, b, MergeDecision(rule: .manual, a: merge.a, b: merge.b,
                                             detail: "manual merge of '\(merge.a)' and '\(merge.b)'")))
        }
        var labelKeys: [String: (folded: String, key: String)] = [:]
        for i in nodes.indices { labelKeys[nodes[i].label] = (folded[i], keys[i].key) }
        var result = build(articles, nodes, &sets, used, mentionNode, labelKeys)
        result.memoize(articles, labelKeys)
        return result
    }

    static func stripsDesignators(_ type: EntityType) -> Bool { type == .location || type == .organisation }

    /// "Leviev" alone in an article that also names "Ruslan Leviev": the same person, if
    /// exactly one full name in the article ends with that surname.
    private func surnameEdges(_ article: AnalyzedArticle, _ row: [Int], _ labels: [String]) -> [(Int, Int, MergeDecision)] {
        var fullBySurname: [String: Set<Int>] = [:]
        var singles: [(Int, String)] = []
        for (j, m) in article.extraction.entities.enumerated() where m.type == .person {
            let tokens = NameFolding.fold(m.text).split(separator: " ")
            if tokens.count > 1, let last = tokens.last {
                fullBySurname[String(last), default: []].insert(row[j])
            } else if tokens.count == 1 {
                singles.append((row[j], String(tokens[0])))
            }
        }
        var out: [(Int, Int, MergeDecision)] = []
        for (n, surname) in singles {
            guard let full = fullBySurname[surname], full.count == 1, let f = full.first else { continue }
            out.append((f, n, MergeDecision(rule: .surnameInArticle, a: labels[f], b: labels[n],
                detail: "'\(labels[n])' is the surname of '\(labels[f])', named in the same article (\(article.id))")))
        }
        return out
    }

    private func build(_ articles: [AnalyzedArticle], _ nodes: [Node], _ sets: inout UnionFind,
                       _ used: [(Int, Int, MergeDecision)], _ mentionNode: [[Int]],
                       _ labelKeys: [String: (folded: String, key: String)]) -> Result {
        var rootIndex: [Int: Int] = [:]
        var members: [[Int]] = []
        for i in nodes.indices {
            let r = sets.find(i)
            if rootIndex[r] == nil { rootIndex[r] = members.count; members.append([]) }
            members[rootIndex[r]!].append(i)
        }
        struct Tally {
            var types: [EntityType: Int] = [:]
            var surfaces: [String: Int] = [:]
            var canonicals: [String: Int] = [:]
            var ids: Set<String> = []
            var country: String?
            var role: String?
            var media = false
            var mentions = 0
            var articles: [String] = []
        }
        var tallies = Array(repeating: Tally(), count: members.count)
        for (a, article) in articles.enumerated() {
            for (j, m) in article.extraction.entities.enumerated() {
                let e = rootIndex[sets.find(mentionNode[a][j])]!
                tallies[e].types[m.type, default: 0] += 1
                tallies[e].surfaces[m.text, default: 0] += 1
                if let c = m.canonical, !c.isEmpty { tallies[e].canonicals[c, default: 0] += 1 }
                if let id = m.entityId, !id.isEmpty { tallies[e].ids.insert(id) }
                if tallies[e].country == nil { tallies[e].country = m.country }
                if tallies[e].role == nil { tallies[e].role = m.role }
                if m.isMedia == true { tallies[e].media = true }
                tallies[e].mentions += 1
                if tallies[e].articles.last != article.id { tallies[e].articles.append(article.id) }
            }
        }
        var decisions = Array(repeating: [MergeDecision](), count: members.count)
        var seen = Set<MergeDecision>()
        // A name linked to itself ("Tarsk" surface to "Tarsk" canonical) explains nothing.
        for (a, _, d) in used where d.a != d.b && seen.insert(d).inserted {
            decisions[rootIndex[sets.find(a)]!].append(d)
        }
        func top(_ counts: [String: Int]) -> String? {
            counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        var entities: [ResolvedEntity] = []
        var keep: [Int: Int] = [:]
        for (e, t) in tallies.enumerated() where t.mentions > 0 {
            let name = top(t.canonicals) ?? top(t.surfaces) ?? nodes[members[e][0]].label
            let type = t.types.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }!.key
            let ids = t.ids.sorted()
            let aliases = Set(t.surfaces.keys).union(t.canonicals.keys).sorted()
            keep[e] = entities.count
            entities.append(ResolvedEntity(
                id: ids.first ?? "\(type.rawValue):\(labelKeys[name]?.key ?? lexicon.nameKey(name).key)", name: name, type: type,
                aliases: aliases, entityIds: ids, country: t.country, isMedia: t.media, role: t.role,
                mentions: t.mentions, articles: t.articles, decisions: decisions[e]))
        }
        // Stable output: sort by name, then remap.
        let order = entities.indices.sorted { (entities[$0].name, entities[$0].id) < (entities[$1].name, entities[$1].id) }
        var newIndex = Array(repeating: 0, count: entities.count)
        for (n, old) in order.enumerated() { newIndex[old] = n }
        var sorted = order.map { entities[$0] }
        // Ids must name one entity: a split can leave two entities whose names reduce to
        // the same key ("Tarsk" and a split-off "Tarsk Oblast"), so later ones get a suffix.
        var idCounts: [String: Int] = [:]
        for i in sorted.indices {
            let base = sorted[i].id
            idCounts[base, default: 0] += 1
            if idCounts[base]! > 1 { sorted[i].id = "\(base)#\(idCounts[base]!)" }
        }
        let mentionEntities = mentionNode.map { row in row.map { newIndex[keep[rootIndex[sets.find($0)]!]!] } }
        var byName: [String: Int] = [:]
        var byKey: [String: Int] = [:]
        for (i, e) in sorted.enumerated() {
            for alias in [e.name] + e.aliases {
                let (folded, key) = labelKeys[alias] ?? (NameFolding.fold(alias), lexicon.nameKey(alias).key)
                if byName[folded] == nil { byName[folded] = i }
                if Self.stripsDesignators(e.type), byKey[key] == nil { byKey[key] = i }
            }
        }
        return Result(entities: sorted, mentionEntities: mentionEntities, byName: byName, byKey: byKey, lexicon: lexicon)
    }
}
