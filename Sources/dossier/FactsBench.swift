import ArgumentParser
import DossierAnalysis
import DossierCore
import Foundation

struct BenchAnalysis: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-analysis",
        abstract: "Time the cross-article analysis on synthetic corpora of growing size, to see how its cost grows.")

    @Option(parsing: .upToNextOption, help: "Corpus sizes, in articles.")
    var articles: [Int] = [1000, 4000, 16000]

    @Option(help: "Claims per synthetic article.")
    var claims = 8

    @Option(help: "Output format: table or json.")
    var format = "table"

    func run() async throws {
        var results: [AnalysisBenchmark.Result] = []
        for n in articles where n > 0 {
            results.append(AnalysisBenchmark.run(count: n, claimsPerArticle: claims))
        }
        if format == "json" {
            Output.write(try DossierJSON.encoder(pretty: true).encode(results))
            return
        }
        let rows = results.map { r in
            [String(r.articles), String(r.claims), String(r.mentions), String(r.facts), String(r.contradictions),
             String(format: "%.3f", r.seconds), String(format: "%.3f", r.cpuSeconds), String(Int(r.claimsPerSecond))]
        }
        Output.write(Listing.table(header: ["articles", "claims", "mentions", "facts", "conflicts", "wall s", "cpu s", "claims/s"],
                                   rows: rows))
    }
}
