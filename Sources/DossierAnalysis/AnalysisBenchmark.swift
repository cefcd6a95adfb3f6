import DossierCore
import Foundation

/// Times the analysis on synthetic extractions, so `dossier bench-analysis` can report how
/// the cost grows with the corpus. The generator is deterministic (a fixed LCG seed).
public enum AnalysisBenchmark {
    public struct Result: Sendable, Codable, Hashable {
        public var articles: Int
        public var claims: Int
        public var mentions: Int
        public var facts: Int
        public var contradictions: Int
        /// Wall time of the analysis.
        public var seconds: Double
        /// Processor time of the analysis: steadier than wall time on a busy machine.
        public var cpuSeconds: Double
        /// Claims per second of processor time.
        public var claimsPerSecond: Double
    }

    /// Generates `articles` synthetic extractions of `claimsPerArticle` claims each.
    /// Places, sources and outlets grow with the corpus (a news stream covers more places
    /// as it grows), so facts stay small, as in real coverage.
    public static func corpus(articles n: Int, claimsPerArticle: Int = 8) -> [AnalyzedArticle] {
        var seed: UInt64 = 0x9E3779B97F4A7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(max(bound, 1)))
        }
        let places = max(8, n / 10), sources = max(6, n / 25), outlets = max(4, n / 50)
        let values: [Double] = [500, 1000, 1500, 3000, 8000, 10000, 12000]
        let start = DayMath.number(Day(year: 2025, month: 1, day: 1))
        var out: [AnalyzedArticle] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            var text = ""
            var x = Extraction(id: "s\(i)", language: i % 2 == 0 ? .french : .english, length: 0)
            func add(_ s: String) -> Span {
                let begin = text.unicodeScalars.count
                text += s + " "
                return Span(begin, begin + s.unicodeScalars.count)
            }
            for _ in 0..<claimsPerArticle {
                let sentenceStart = text.unicodeScalars.count
                let src = next(sources)
                let sourceName = "Source Body \(src)"
                let sSpan = add(sourceName)
                x.entities.append(EntityMention(span: sSpan, text: sourceName, type: .organisation,
                                                canonical: src % 2 == 0 ? sourceName : nil))
                let cue = Excerpt(span: add("said"), text: "said")
                let contentStart = text.unicodeScalars.count
                var claim = Claim(span: Span(0, 0), text: "", certainty: .attributed)
                if next(4) > 0 {
                    let q = Quantity(span: add("\(Int(values[next(values.count)])) soldiers"), text: "soldiers",
                                     kind: .count, value: values[next(values.count)], unit: "person",
                                     category: next(5) == 0 ? "casualty" : "person",
                                     approximate: next(3) == 0 ? .about : nil, bound: next(6) == 0 ? .lower : nil)
                    claim.quantities = [x.quantities.count]
                    x.quantities.append(q)
                }
                let nation = "Nation\(next(5))"
                claim.entities.append(x.entities.count)
                x.entities.append(EntityMention(span: add(nation), text: nation, type: .nationality, canonical: nation,
                                                country: "Land\(nation.dropFirst(6))"))
                let place = "Place \(next(places))"
                claim.entities.append(x.entities.count)
                x.entities.append(EntityMention(span: add(i % 2 == 0 ? "la région de \(place)" : place),
                                                text: i % 2 == 0 ? "la région de \(place)" : place, type: .location))
                let content = Span(contentStart, text.unicodeScalars.count - 1)
                claim.start = content.start
                claim.end = content.end
                claim.attribution = x.attributions.count
                x.attributions.append(Attribution(source: Excerpt(span: sSpan, text: sourceName), cue: cue,
                                                  content: Excerpt(span: content, text: ""), sourceCanonical: sourceName,
                                                  sourceKind: .organisation, kind: .indirect))
                x.claims.append(claim)
                x.sentences.append(Span(sentenceStart, text.unicodeScalars.count - 1))
            }
            x.length = text.unicodeScalars.count
            let published = DayMath.day(start + i * 180 / max(n, 1))
            x.published = published
            out.append(AnalyzedArticle(
                metadata: DocumentMetadata(id: "s\(i)", outlet: "Outlet \(next(outlets))", published: published),
                extraction: x, nearDuplicateOf: i > 0 && next(10) == 0 ? "s\(i - 1)" : nil))
        }
        return out
    }

    /// Analyses `articles` (generated if nil) and returns the wall time of the analysis only.
    public static func run(articles: [AnalyzedArticle]? = nil, count: Int = 1000, claimsPerArticle: Int = 8,
                           analyzer: CrossArticleAnalyzer = .init()) -> Result {
        let corpus = articles ?? corpus(articles: count, claimsPerArticle: claimsPerArticle)
        let clock = ContinuousClock()
        var analysis: Analysis?
        let cpuStart = clock_t_now()
        let elapsed = clock.measure { analysis = analyzer.analyze(corpus) }
        let cpu = Double(clock_t_now() - cpuStart) / Double(CLOCKS_PER_SEC)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let claims = corpus.reduce(0) { $0 + $1.extraction.claims.count }
        return Result(articles: corpus.count, claims: claims,
                      mentions: corpus.reduce(0) { $0 + $1.extraction.entities.count },
                      facts: analysis?.facts.count ?? 0, contradictions: analysis?.contradictions.count ?? 0,
                      seconds: seconds, cpuSeconds: cpu, claimsPerSecond: cpu > 0 ? Double(claims) / cpu : 0)
    }

    private static func clock_t_now() -> clock_t { clock() }
}
