import ArgumentParser
import DossierCore
import DossierExtract
import DossierText
import Foundation

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract claims, sources, entities, figures and dates from articles.",
        discussion: """
        Reads each FILE (or standard input for '-') as one article. With --format jsonl and
        '-', standard input is JSON lines {"id","text","lang","published"}, one article per
        line, and one extraction is written per line.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, jsonl, text }

    @Argument(help: "Article files, or '-' for standard input.")
    var files: [String] = ["-"]

    @Option(help: "Output format: json, jsonl or text.")
    var format: Format = .json

    @Option(help: "Publication date (YYYY-MM-DD), to resolve relative dates.")
    var published: String?

    @Option(help: "Language: auto, fr or en.")
    var lang: String = "auto"

    @Flag(help: "Indent JSON output.")
    var pretty = false

    func run() throws {
        let language = try Inputs.language(lang)
        let day = try Inputs.day(published)
        let pipeline = Pipeline()
        if format == .jsonl && files == ["-"] {
            try runBatch(pipeline, language: language, published: day)
            return
        }
        var extractions: [Extraction] = []
        var texts: [String] = []
        for file in files {
            let text = try Inputs.readText(path: file)
            let metadata = DocumentMetadata(id: file == "-" ? nil : file, published: day)
            let document = Document(text: text, language: language, metadata: metadata)
            // A very long text is written as it is extracted, so memory stays bounded by a
            // piece (compact JSON only: --pretty and the text report need it whole); JSON
            // lines are written file by file, in order.
            if Pipeline.needsPieces(text), format == .jsonl || (format == .json && files.count == 1 && !pretty) {
                try pipeline.extractJSON(document, to: .standardOutput)
                Output.write("")
                continue
            }
            if format == .jsonl {
                Output.write(try DossierJSON.encoder().encode(pipeline.extract(document)))
                continue
            }
            extractions.append(pipeline.extract(document))
            texts.append(text)
        }
        switch format {
        case .json:
            let encoder = DossierJSON.encoder(pretty: pretty)
            let data = extractions.count == 1 ? try encoder.encode(extractions[0]) : try encoder.encode(extractions)
            Output.write(data)
        case .jsonl:
            let encoder = DossierJSON.encoder()
            for extraction in extractions { Output.write(try encoder.encode(extraction)) }
        case .text:
            for (extraction, text) in zip(extractions, texts) {
                Output.write(TextReport(extraction: extraction, text: text).render())
            }
        }
    }

    /// JSON lines in, JSON lines out; a bad line yields an error line and the batch goes on.
    private func runBatch(_ pipeline: Pipeline, language: Language?, published: Day?) throws {
        let encoder = DossierJSON.encoder()
        let decoder = JSONDecoder()
        var failures = 0
        var lineNumber = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                let item = try decoder.decode(BatchItem.self, from: Data(line.utf8))
                let itemLanguage = try item.lang.map { try Inputs.language($0) } ?? language
                let itemDay = item.published.flatMap { Day(iso: $0) } ?? published
                let document = Document(text: item.text, language: itemLanguage,
                                        metadata: DocumentMetadata(id: item.id, published: itemDay))
                if Pipeline.needsPieces(item.text) {
                    try pipeline.extractJSON(document, to: .standardOutput)
                    Output.write("")
                } else {
                    Output.write(try encoder.encode(pipeline.extract(document)))
                }
            } catch {
                failures += 1
                let message = "line \(lineNumber): \(error is DecodingError ? "not a JSON object with a \"text\" string" : String(describing: error))"
                Output.error(message)
                Output.write(try encoder.encode(["error": message, "line": String(lineNumber)]))
            }
        }
        if failures > 0 { throw CLIError("\(failures) of \(lineNumber) input lines could not be read") }
    }
}

enum Output {
    static func write(_ data: Data) {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func write(_ string: String) { write(Data(string.utf8)) }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("dossier: \(message)\n".utf8))
    }
}
