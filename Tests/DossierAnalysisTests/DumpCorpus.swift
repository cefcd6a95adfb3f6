import DossierCore
import Foundation
import Testing
@testable import DossierAnalysis

@Test(.enabled(if: ProcessInfo.processInfo.environment["DUMP_ANALYSIS"] != nil))
func dumpCorpusAnalysis() throws {
    let analysis = CrossArticleAnalyzer().analyze(try ConflictCorpus.articles())
    let data = try DossierJSON.encoder(pretty: true).encode(analysis)
    try data.write(to: URL(fileURLWithPath: "/tmp/analysis-dump.json"))
}

/// Not a check: prints how the analysis time grows with the corpus (BENCH_ANALYSIS=1).
@Test(.enabled(if: ProcessInfo.processInfo.environment["BENCH_ANALYSIS"] != nil))
func benchAnalysisScaling() {
    for n in (ProcessInfo.processInfo.environment["BENCH_SIZES"] ?? "500,1000,2000,4000").split(separator: ",").compactMap({ Int($0) }) {
        let r = AnalysisBenchmark.run(count: n)
        print("bench-analysis articles=\(r.articles) claims=\(r.claims) facts=\(r.facts) "
              + "contradictions=\(r.contradictions) seconds=\(r.seconds) cpu=\(r.cpuSeconds) claims/s=\(Int(r.claimsPerSecond))")
    }
}
