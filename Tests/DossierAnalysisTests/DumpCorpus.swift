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
