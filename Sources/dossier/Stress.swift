import ArgumentParser
import DossierCore
import DossierExtract
import DossierIngest
import Dispatch
import Foundation

/// Pathological inputs at two sizes each, to show that time grows linearly and memory
/// stays bounded: a huge article, a long line without a newline, 100 000 quotation marks,
/// deeply nested and unclosed HTML. Prints timings and the ratio between the two sizes
/// (≈ 2 for linear work, ≈ 4 for quadratic); fails only on a broken result, never on a
/// time, since the machine's load is not Dossier's. (Feeds with a million items are
/// checked in DossierIngestTests, FeedReader being internal.)
struct Stress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run pathological inputs at two sizes each and report time, linearity and peak memory.")

    @Option(help: "Size in megabytes of the larger huge-article case (the smaller is half).")
    var articleMb = 10.0

    @Option(help: "Quotation marks in the larger quote case (the smaller is half).")
    var quotes = 200_000

    @Option(help: "Nesting depth of the larger HTML case (the smaller is half).")
    var depth = 200_000

    func run() throws {
        let pipeline = Pipeline()
        let day = Day(year: 2024, month: 11, day: 12)
        func extract(_ text: String) throws -> Int {
            let extraction = pipeline.extract(Document(text: text, metadata: DocumentMetadata(published: day)))
            let problems = ExtractionInvariants.violations(of: extraction, text: text)
            guard problems.isEmpty else { throw CLIError("broken extraction: \(problems.prefix(3).joined(separator: "; "))") }
            return extraction.entities.count + extraction.claims.count
        }
        let paragraph = try BenchCorpus.paragraphs().joined(separator: "\n")
        try compare("huge article (MB)", articleMb / 2, articleMb) { mb in
            let copies = max(1, Int(mb * 1_000_000) / max(1, paragraph.utf8.count))
            return try extract(Array(repeating: paragraph, count: copies).joined(separator: "\n"))
        }
        try compare("one line, no newline (MB)", articleMb / 4, articleMb / 2) { mb in
            let line = paragraph.replacingOccurrences(of: "\n", with: " ")
            let copies = max(1, Int(mb * 1_000_000) / max(1, line.utf8.count))
            return try extract(Array(repeating: line, count: copies).joined(separator: " "))
        }
        try compare("quotation marks «", Double(quotes / 2), Double(quotes)) { n in
            try extract(String(repeating: "«", count: Int(n)))
        }
        try compare("quotes: « a dit » mixed", Double(quotes / 2), Double(quotes)) { n in
            let unit = "« Il a dit \" selon lui » : « "
            return try extract(String(repeating: unit, count: Int(n) / 4))
        }
        try compare("nested <div> (depth)", Double(depth / 2), Double(depth)) { n in
            let html = "<html><body>" + String(repeating: "<div><b>", count: Int(n))
                + "<p>Le ministre a déclaré mardi que la réforme serait votée.</p>" + String(repeating: "</b></div>", count: Int(n))
            return try HTMLArticle(html: html).text.count
        }
        try compare("unclosed <li><p><span> (depth)", Double(depth / 2), Double(depth)) { n in
            let html = "<ul>" + String(repeating: "<li><p><span>mot ", count: Int(n)) + String(repeating: "</ol>", count: Int(n))
            return try HTMLArticle(html: html).text.count
        }
        print(String(format: "peak memory (max RSS): %.1f MB", BenchCorpus.peakMemoryMB()))
    }

    /// Runs `body` at two sizes, printing each time and their ratio.
    private func compare(_ name: String, _ small: Double, _ large: Double, _ body: (Double) throws -> Int) throws {
        var times: [Double] = []
        var results: [Int] = []
        for size in [small, large] {
            let start = DispatchTime.now().uptimeNanoseconds
            results.append(try body(size))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let pad = name + String(repeating: " ", count: max(0, 32 - name.count))
        print(pad + String(format: " %10.0f: %7.2f s   %10.0f: %7.2f s   ratio %.2f (2 = linear)   results %d / %d",
                           small, times[0], large, times[1], times[1] / max(times[0], 1e-6), results[0], results[1]))
    }
}
