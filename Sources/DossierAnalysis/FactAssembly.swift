import DossierCore

/// Turns the reports of one fact into origins, echoes, updates, contradictions and a
/// timeline. Costs are per fact: contradictions are looked for with a sweep over the
/// reports sorted by period, comparing only reports whose periods can still overlap.
struct FactAssembler {
    let options: AnalysisOptions

    func assemble(id: String, kind: FactKind, key: FactKey?, label: String, reports unsorted: [Report]) -> Fact {
        let reports = unsorted.sorted {
            ($0.published ?? Day(year: 0, month: 1, day: 1), $0.articleId, $0.claimIndex, $0.quantityIndex ?? 0)
                < ($1.published ?? Day(year: 0, month: 1, day: 1), $1.articleId, $1.claimIndex, $1.quantityIndex ?? 0)
        }
        let origins = originGroups(reports)
        let echoes = reports.count - origins.count
        let names = origins.map(\.name).joined(separator: ", ")
        let summary = "\(origins.count) independent origin\(origins.count == 1 ? "" : "s") (\(names)), "
            + "\(echoes) echo\(echoes == 1 ? "" : "es")"
        return Fact(id: id, kind: kind, key: key, label: label, reports: reports, origins: origins,
                    independentOrigins: origins.count, echoes: echoes, summary: summary,
                    updates: updates(reports), contradictions: contradictions(id, reports),
                    timeline: reports.map {
                        TimelineEntry(date: $0.published, articleId: $0.articleId, outlet: $0.outlet,
                                      origin: $0.origin, figure: $0.figure, value: $0.value, claimText: $0.claimText)
                    },
                    moves: moves(reports))
    }

    private func originGroups(_ reports: [Report]) -> [OriginGroup] {
        var order: [String] = []
        var groups: [String: OriginGroup] = [:]
        for r in reports {
            if var g = groups[r.originKey] {
                g.reports += 1
                if let o = r.outlet, !g.outlets.contains(o) { g.outlets.append(o) }
                groups[r.originKey] = g
            } else {
                order.append(r.originKey)
                groups[r.originKey] = OriginGroup(key: r.originKey, name: r.origin, rule: r.originRule, reports: 1,
                                                  firstSeen: r.published, outlets: r.outlet.map { [$0] } ?? [])
            }
        }
        return order.map { groups[$0]! }
    }

    /// Consecutive figures of one origin, about successive periods, that moved. Ordered by
    /// the period they describe, so a retrospective ("in February, 1 500") is not taken
    /// for a fall from the latest figure.
    private func updates(_ reports: [Report]) -> [Update] {
        var last: [String: Report] = [:]
        var out: [Update] = []
        for r in byPeriod(reports) where r.range != nil && r.certainty != .denied {
            if let prev = last[r.originKey], prev.published != r.published, let a = prev.range, let b = r.range, !a.overlaps(b) {
                out.append(Update(origin: r.origin, from: prev, to: r))
            }
            last[r.originKey] = r
        }
        return out
    }

    /// Reports ordered by the start of the period they describe, then by publication.
    private func byPeriod(_ reports: [Report]) -> [Report] {
        let epoch = Day(year: 0, month: 1, day: 1)
        return reports.enumerated().sorted {
            ($0.element.period?.start ?? $0.element.published ?? epoch, $0.offset)
                < ($1.element.period?.start ?? $1.element.published ?? epoch, $1.offset)
        }.map(\.element)
    }

    private func contradictions(_ factId: String, _ reports: [Report]) -> [Contradiction] {
        let dated = reports.filter { $0.range != nil && $0.period != nil }
            .sorted { ($0.period!.start, $0.period!.end) < ($1.period!.start, $1.period!.end) }
        var active: [Report] = []
        var out: [Contradiction] = []
        var seen = Set<String>()
        for r in dated {
            active.removeAll { $0.period!.end < r.period!.start }
            for other in active where PeriodRule.simultaneous(other, r) {
                guard let c = other.originKey == r.originKey ? judgeEcho(factId, other, r) : judge(factId, other, r)
                else { continue }
                let pair = [other.originKey + "=" + other.range!.description, r.originKey + "=" + r.range!.description].sorted()
                if seen.insert("\(c.kind)|\(pair[0])|\(pair[1])").inserted { out.append(c) }
            }
            active.append(r)
        }
        return out
    }

    private func judge(_ factId: String, _ a: Report, _ b: Report) -> Contradiction? {
        let ra = a.range!, rb = b.range!
        let deniedA = a.certainty == .denied, deniedB = b.certainty == .denied
        if deniedA != deniedB {
            guard ra.overlaps(rb) else { return nil }
            let (stated, denied) = deniedA ? (b, a) : (a, b)
            return Contradiction(factId: factId, kind: .denial, a: stated, b: denied,
                reason: "\(stated.origin) states \(stated.figure ?? rb.description); \(denied.origin) denies it")
        }
        guard !deniedA, !ra.overlaps(rb) else { return nil }
        return Contradiction(factId: factId, kind: .incompatibleValues, a: a, b: b,
            reason: "\(a.origin) says \(a.figure ?? "?") (\(ra.description)), \(b.origin) says \(b.figure ?? "?") "
                + "(\(rb.description)) for overlapping periods (\(a.period!.basis); \(b.period!.basis))")
    }

    /// One origin quoted with incompatible figures on the same day, by two reports: one of
    /// them misquotes it (a later day would be an update instead).
    private func judgeEcho(_ factId: String, _ a: Report, _ b: Report) -> Contradiction? {
        guard a.published != nil, a.published == b.published, a.certainty != .denied, b.certainty != .denied,
              a.articleId != b.articleId, !a.range!.overlaps(b.range!) else { return nil }
        return Contradiction(factId: factId, kind: .inconsistentEcho, a: a, b: b,
            reason: "\(a.origin) is quoted as \(a.figure ?? "?") by \(a.outlet ?? a.articleId) and as "
                + "\(b.figure ?? "?") by \(b.outlet ?? b.articleId) on the same day")
    }

    /// Each time the figure leaves the tolerance of the last one, who moved it; in the
    /// order of the periods described, so retrospectives fall in place.
    private func moves(_ reports: [Report]) -> [FigureMove] {
        var out: [FigureMove] = []
        for r in byPeriod(reports) where r.certainty != .denied {
            guard let v = r.value, let figure = r.figure else { continue }
            if let last = out.last, abs(last.value - v) <= options.exactTolerance * max(abs(last.value), 1) { continue }
            out.append(FigureMove(date: r.published, value: v, figure: figure, origin: r.origin, outlet: r.outlet))
        }
        return out
    }
}
