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
/// time, since the machine's load is not Dossier's. The huge texts go through the
/// streaming path of `dossier extract` (pieces, JSON written as it goes, to /dev/null);
/// feeds and JSON lines through the input side of `dossier add` (no extraction).
struct Stress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run pathological inputs at two sizes each and report time, linearity and peak memory.")

    @Option(help: "Size in megabytes of the larger huge-article case (the smaller is half).")
    var articleMb = 10.0

    @Option(help: "Quotation marks in the larger quote case (the smaller is half).")
    var quotes = 200_000

    @Option(help: "Nesting depth of the larger HTML case (the smaller is half).")
    var depth = 200_000

    @Option(help: "Items in the larger feed and JSON-lines cases (the smaller is half).")
    var feedItems = 1_000_000

    func run() throws {
        let pipeline = Pipeline()
        let day = Day(year: 2024, month: 11, day: 12)
        func extract(_ text: String) throws -> Int {
            let extraction = pipeline.extract(Document(text: text, metadata: DocumentMetadata(published: day)))
            let problems = ExtractionInvariants.violations(of: extraction, text: text)
            guard problems.isEmpty else { throw CLIError("broken extraction: \(problems.prefix(3).joined(separator: "; "))") }
            return extraction.entities.count + extraction.claims.count
        }
        // Piece by piece, as `dossier extract` does for a long text: each piece checked
        // against its own text, its JSON streamed to /dev/null.
        func extractStreamed(_ text: String) throws -> Int {
            let output = FileHandle(forWritingAtPath: "/dev/null")!
            let stream = try ExtractionJSONStream()
            var items = 0, offset = 0
            let document = Document(text: text, metadata: DocumentMetadata(published: day))
            let summary = try pipeline.extractPieces(document) { piece in
                let problems = ExtractionInvariants.violations(of: piece.local, text: piece.text)
                guard problems.isEmpty, piece.offset == offset else {
                    throw CLIError("broken piece at \(piece.offset): \(problems.prefix(3).joined(separator: "; "))")
                }
                offset += piece.local.length
                items += piece.local.entities.count + piece.local.claims.count
                try stream.add(piece.global)
            }
            try stream.finish(header: summary.header(id: nil, published: day), to: output)
            guard summary.length == text.unicodeScalars.count else { throw CLIError("pieces do not cover the text") }
            return items
        }
        let paragraph = try BenchCorpus.paragraphs().joined(separator: "\n")
        try compare("huge article (MB)", articleMb / 2, articleMb) { mb in
            let copies = max(1, Int(mb * 1_000_000) / max(1, paragraph.utf8.count))
            return try extractStreamed(Array(repeating: paragraph, count: copies).joined(separator: "\n"))
        }
        try compare("one line, no newline (MB)", articleMb / 4, articleMb / 2) { mb in
            let line = paragraph.replacingOccurrences(of: "\n", with: " ")
            let copies = max(1, Int(mb * 1_000_000) / max(1, line.utf8.count))
            return try extractStreamed(Array(repeating: line, count: copies).joined(separator: " "))
        }
        // Files written before the clock starts; each is deleted once read.
        let feeds = [feedItems / 2: try StressFiles.feed(items: feedItems / 2), feedItems: try StressFiles.feed(items: feedItems)]
        try compare("feed items (RSS file)", Double(feedItems / 2), Double(feedItems)) { n in try scan(feeds[Int(n)]!) }
        let lines = [feedItems / 2: try StressFiles.jsonLines(items: feedItems / 2),
                     feedItems: try StressFiles.jsonLines(items: feedItems)]
        try compare("JSON lines (file)", Double(feedItems / 2), Double(feedItems)) { n in try scan(lines[Int(n)]!) }
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

    /// Reads a container file as `dossier add` would, then deletes it; fails on any failure.
    private func scan(_ path: String) throws -> Int {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (documents, failures) = InputScan.count(paths: [path])
        guard failures.isEmpty else { throw CLIError("\(path): \(failures.prefix(3).joined(separator: "; "))") }
        return documents
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
        print(pad + String(format: " %10.7g: %7.2f s   %10.7g: %7.2f s   ratio %.2f (2 = linear)   results %d / %d",
                           small, times[0], large, times[1], times[1] / max(times[0], 1e-6), results[0], results[1]))
    }
}

/// Generated container files for `dossier stress`, written in blocks so that generating
/// them does not weigh on the memory being measured.
enum StressFiles {
    static func feed(items: Int) throws -> String {
        try write("feed-\(items).rss", header: "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Flux</title>\n",
                  footer: "</channel></rss>\n", items: items) { i in
            "<item><title>Titre \(i)</title><link>https://example.org/\(i)</link><description>Le ministre a déclaré \(i) fois que la réforme serait votée.</description></item>\n"
        }
    }

    static func jsonLines(items: Int) throws -> String {
        try write("lines-\(items).jsonl", header: "", footer: "", items: items) { i in
            "{\"id\":\"\(i)\",\"text\":\"Le ministre a déclaré \(i) fois que la réforme serait votée.\",\"published\":\"2024-11-12\"}\n"
        }
    }

    private static func write(_ name: String, header: String, footer: String, items: Int,
                              _ line: (Int) -> String) throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("dossier-stress-\(name)")
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { throw CLIError("cannot write \(path)") }
        defer { try? handle.close() }
        var block = header
        for i in 0..<items {
            block += line(i)
            if block.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(block.utf8))
                block = ""
            }
        }
        try handle.write(contentsOf: Data((block + footer).utf8))
        return path
    }
}
