import ArgumentParser
import DossierCore
import DossierExtract
import DossierIngest
import DossierServer
import DossierStore
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole pipeline on the bundled reference article and print a report.",
        discussion: "With --serve, the article is then stored in a temporary store and served; the article page's URL is printed.")

    @Flag(help: "Print the extraction as JSON instead of the report.")
    var json = false

    @Flag(help: "After the report, store the article in a temporary store and serve it (until Ctrl-C).")
    var serve = false

    @Option(help: "Port for --serve (0: any free port).")
    var port = 8080

    func run() async throws {
        guard let url = Bundle.module.url(forResource: "article.fr", withExtension: "txt", subdirectory: "Seed"),
              let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8)
        else { throw CLIError("the bundled reference article is missing from this build") }
        // The article's publication date is not in its text; the seed README gives it.
        let published = Day(year: 2024, month: 11, day: 12)
        let metadata = DocumentMetadata(id: "seed/article.fr.txt", outlet: nil, published: published)
        let extraction = Pipeline().extract(Document(text: text, language: nil, metadata: metadata))
        if json {
            Output.write(try DossierJSON.encoder(pretty: true).encode(extraction))
        } else {
            Output.write(TextReport(extraction: extraction, text: text).render())
        }
        guard serve else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("demo.sqlite").path)
        let summary = await Ingestor(store: store, overrides: IngestOverrides(published: published), jobs: 1)
            .run(paths: [url.path])
        guard summary.added + summary.unchanged == 1, let doc = try await store.documents(after: nil, offset: 0, limit: 1).documents.first
        else { throw CLIError("the reference article could not be stored: \(summary.line)") }
        Output.write("")
        try await ServeRunner.run(store: store, settings: ServerSettings(port: port), path: "/documents/\(doc.id)")
    }
}
