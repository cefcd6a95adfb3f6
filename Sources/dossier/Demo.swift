import ArgumentParser
import DossierCore
import DossierExtract
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole pipeline on the bundled reference article and print a report.")

    @Flag(help: "Print the extraction as JSON instead of the report.")
    var json = false

    func run() throws {
        guard let url = Bundle.module.url(forResource: "article.fr", withExtension: "txt", subdirectory: "Seed"),
              let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8)
        else { throw CLIError("the bundled reference article is missing from this build") }
        // The article's publication date is not in its text; the seed README gives it.
        let metadata = DocumentMetadata(id: "seed/article.fr.txt", outlet: nil, published: Day(year: 2024, month: 11, day: 12))
        let extraction = Pipeline().extract(Document(text: text, language: nil, metadata: metadata))
        if json {
            Output.write(try DossierJSON.encoder(pretty: true).encode(extraction))
        } else {
            Output.write(TextReport(extraction: extraction, text: text).render())
        }
    }
}
