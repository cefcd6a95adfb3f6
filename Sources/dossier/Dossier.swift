import ArgumentParser

@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Turn news articles into a sourced evidence base: claims, who makes them, how firmly, and the names, figures and dates in them.",
        version: "0.1.0",
        subcommands: [Extract.self, Demo.self, Bench.self, BenchStore.self, Fuzz.self, Stress.self, Add.self, Worker.self, Search.self, Claims.self, EntityGroup.self, Show.self, Facts.self, Corroboration.self, Conflicts.self, Timeline.self, BenchAnalysis.self, TrainNER.self, Export.self, Serve.self]
    )
}

/// An error the CLI reports as one line, with what went wrong and where.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
