import ArgumentParser
import DossierCore
import DossierExtract
import Dispatch
import Foundation

/// Property-based fuzzing of the whole extraction: random Unicode (combining marks, RTL,
/// emoji, NUL, case mappings that change length), random JSON lines with lone surrogates
/// through the real `extract --format jsonl -` path, and long single-line texts. The
/// invariants are `ExtractionInvariants`': no crash, every span inside the text and equal
/// to the original slice. Runs for a bounded time, reproducibly for a seed; CI runs it
/// briefly (scripts/test), a person can run it for hours.
struct Fuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fuzz the extraction with random Unicode and JSON input; fails on a crash or a broken span.")

    @Option(help: "Seconds to spend generating and checking random texts.")
    var seconds = 20.0

    @Option(help: "Seed of the random generator (a failure prints its seed and case to replay it).")
    var seed: UInt64 = 1

    @Option(help: "Size in megabytes of the one long single-line text checked at the end (0: none).")
    var bigLineMb = 1.0

    @Option(help: "JSON lines sent through a child `dossier extract --format jsonl -` (0: none).")
    var jsonLines = 200

    func run() throws {
        var rng = FuzzRandom(seed: seed)
        let pipeline = Pipeline()
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        var cases = 0
        var scalars = 0
        while elapsed() < seconds {
            let text = FuzzInput.text(maxPieces: 120, using: &rng)
            try check(pipeline, text, label: "case \(cases)")
            cases += 1
            scalars += text.unicodeScalars.count
        }
        print(String(format: "random texts: %d cases, %d scalars, %.1f s, no violation", cases, scalars, elapsed()))
        if jsonLines > 0 { try fuzzJSON(lines: jsonLines, rng: &rng) }
        if bigLineMb > 0 {
            let text = FuzzInput.longLine(bytes: Int(bigLineMb * 1_000_000), using: &rng)
            let t0 = DispatchTime.now().uptimeNanoseconds
            let extraction = try check(pipeline, text, label: "long line")
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            print(String(format: "long line: %.1f MB, %d sentences, %d entities, %.1f s, no violation",
                         Double(text.utf8.count) / 1e6, extraction.sentences.count, extraction.entities.count, seconds))
        }
        print("fuzz: passed (seed \(seed))")
    }

    @discardableResult
    private func check(_ pipeline: Pipeline, _ text: String, label: String) throws -> Extraction {
        let extraction = pipeline.extract(Document(text: text, metadata: DocumentMetadata(published: Day(year: 2024, month: 11, day: 12))))
        let problems = ExtractionInvariants.violations(of: extraction, text: text)
        if !problems.isEmpty {
            throw CLIError("fuzz seed \(seed), \(label): \(problems.prefix(5).joined(separator: "; "))\n input: \(String(text.prefix(2_000)).debugDescription)")
        }
        return extraction
    }

    /// Random JSON lines (escapes, lone surrogates, broken lines) through a child process
    /// running this same binary's `extract --format jsonl -`, as a user would send them:
    /// every line must give either an extraction keeping the invariants or an error line.
    private func fuzzJSON(lines count: Int, rng: inout FuzzRandom) throws {
        var inputs: [String] = []
        for i in 0..<count {
            var line = FuzzInput.jsonLine(FuzzInput.text(maxPieces: 60, using: &rng), using: &rng)
            if i % 25 == 24 { line = String(line.prefix(Int.random(in: 1...line.count, using: &rng))) }  // cut short
            inputs.append(line)
        }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: child.executableURL!.path),
           let found = Bundle.main.executableURL {
            child.executableURL = found
        }
        child.arguments = ["extract", "--format", "jsonl", "-"]
        // Input from a file and output read to the end: no pipe can fill up and block.
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-fuzz-\(getpid()).jsonl")
        try Data((inputs.joined(separator: "\n") + "\n").utf8).write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let output = Pipe()
        child.standardInput = try FileHandle(forReadingFrom: inputFile)
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        // Exit 0, or 1 for "some lines could not be read"; a signal is a crash.
        guard child.terminationReason == .exit, child.terminationStatus <= 1 else {
            throw CLIError("fuzz seed \(seed): `extract --format jsonl -` died (\(child.terminationReason == .uncaughtSignal ? "signal" : "status") \(child.terminationStatus))")
        }
        let outputs = data.split(separator: UInt8(ascii: "\n"))
        guard outputs.count == inputs.count else {
            throw CLIError("fuzz seed \(seed): \(inputs.count) JSON lines in, \(outputs.count) lines out")
        }
        let decoder = DossierJSON.decoder(), lineDecoder = JSONDecoder()
        var extracted = 0, refused = 0
        for (line, out) in zip(inputs, outputs) {
            if let extraction = try? decoder.decode(Extraction.self, from: Data(out)) {
                // The text the child saw is what JSON decoding of the line gives here.
                guard let item = try? lineDecoder.decode(BatchItem.self, from: Data(line.utf8)) else {
                    throw CLIError("fuzz seed \(seed): the child extracted a line this process cannot decode: \(line.prefix(300))")
                }
                let problems = ExtractionInvariants.violations(of: extraction, text: item.text)
                if !problems.isEmpty {
                    throw CLIError("fuzz seed \(seed), JSON line: \(problems.prefix(5).joined(separator: "; "))\n line: \(line.prefix(2_000))")
                }
                extracted += 1
            } else {
                refused += 1
            }
        }
        print("JSON lines: \(inputs.count) sent to `extract --format jsonl -`, \(extracted) extracted, \(refused) refused with an error line, no violation")
    }
}
