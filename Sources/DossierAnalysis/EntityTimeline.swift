import DossierCore

/// Claims that mention one entity, across the corpus, in publication order: "what has been
/// said about Tarsk, by whom, and when".
public enum EntityTimeline {
    /// `analysis` must come from the same `articles`, in the same order (it holds the
    /// mention → entity map). The origin shown is the attribution's source, else the outlet.
    public static func entries(for entityId: String, in articles: [AnalyzedArticle], analysis: Analysis) -> [TimelineEntry] {
        guard let target = analysis.entities.firstIndex(where: { $0.id == entityId }) else { return [] }
        var out: [TimelineEntry] = []
        for (a, article) in articles.enumerated() where analysis.mentionEntities.indices.contains(a) {
            let row = analysis.mentionEntities[a]
            let x = article.extraction
            for claim in x.claims where claim.entities.contains(where: { row.indices.contains($0) && row[$0] == target }) {
                let attribution = claim.attribution.flatMap { x.attributions.indices.contains($0) ? x.attributions[$0] : nil }
                let origin = attribution.flatMap { $0.sourceCanonical ?? $0.source?.text } ?? article.metadata.outlet ?? article.id
                let q = claim.quantities.first.flatMap { x.quantities.indices.contains($0) ? x.quantities[$0] : nil }
                out.append(TimelineEntry(date: article.published, articleId: article.id, outlet: article.metadata.outlet,
                                         origin: origin, figure: q?.text, value: q?.value, claimText: claim.text))
            }
        }
        let epoch = Day(year: 0, month: 1, day: 1)
        return out.enumerated().sorted { ($0.element.date ?? epoch, $0.offset) < ($1.element.date ?? epoch, $1.offset) }
            .map(\.element)
    }
}
