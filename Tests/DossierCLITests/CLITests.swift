import Foundation
import Testing
import DossierTestSupport

/// Runs the real `dossier` binary, built next to this test bundle, as a user would.
struct CLI {
    static var binary: URL {
        // The test runner lives in the build folder, beside the products it depends on.
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("dossier").path),
              folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("dossier")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFile(_ bytes: Data, name: String = UUID().uuidString) throws -> String {
        let url = Scratch.root.appendingPathComponent("dossier-test-\(name)")
        try bytes.write(to: url)
        return url.path
    }
}

@Suite("dossier extract, as a user runs it")
struct CLITests {
    @Test("A French article gives a JSON extraction with offsets into it")
    func extractFile() throws {
        let text = "Selon le ministère, près de 3 000 soldats sont arrivés le 4 mars. Le bilan serait lourd."
        let path = try CLI.temporaryFile(Data(text.utf8))
        let result = try CLI.run(["extract", path, "--published", "2024-11-12"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["language"] as? String == "fr")
        #expect(object["truncated"] as? Bool == false)
        #expect(object["length"] as? Int == text.unicodeScalars.count)
        #expect((object["sentences"] as? [Any])?.count == 2)
    }

    @Test("JSON lines in, one extraction per line out, ids kept")
    func batch() throws {
        let lines = """
        {"id":"a","text":"The army said 500 troops arrived.","lang":"en","published":"2024-01-01"}
        {"id":7,"text":"Les troupes sont arrivées hier."}

        """
        let result = try CLI.run(["extract", "--format", "jsonl", "-"], stdin: Data(lines.utf8))
        #expect(result.status == 0)
        let outputs = result.stdout.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        #expect(outputs.count == 2)
        #expect(outputs.first??["id"] as? String == "a")
        #expect(outputs.last??["id"] as? String == "7")
        #expect(outputs.last??["language"] as? String == "fr")
    }

    @Test("A bad line in a batch is reported and the batch goes on")
    func batchWithBadLine() throws {
        let lines = "not json\n{\"id\":\"b\",\"text\":\"Il pleut à Paris.\"}\n"
        let result = try CLI.run(["extract", "--format", "jsonl", "-"], stdin: Data(lines.utf8))
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 1"))
        #expect(result.stdout.contains("\"id\":\"b\""))
    }

    @Test("Bad input gives a one-line error and a non-zero exit", arguments: [
        ("empty", Data()),
        ("binary", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01])),
        ("invalid UTF-8", Data([0x4B, 0x6F, 0xFF, 0x72])),
    ])
    func badInput(_ name: String, _ bytes: Data) throws {
        let path = try CLI.temporaryFile(bytes)
        let result = try CLI.run(["extract", path])
        #expect(result.status != 0, "\(name) should fail")
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1, "\(name): \(result.stderr)")
        #expect(result.stderr.contains(path))
    }

    @Test("A missing file and bad flags are refused clearly")
    func badArguments() throws {
        let missing = try CLI.run(["extract", "/nonexistent/article.txt"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no such file"))
        let badDate = try CLI.run(["extract", "--published", "12/11/2024", "-"], stdin: Data("x".utf8))
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("YYYY-MM-DD"))
        let badLang = try CLI.run(["extract", "--lang", "xx", "-"], stdin: Data("x".utf8))
        #expect(badLang.status != 0)
        let badFormat = try CLI.run(["extract", "--format", "yaml", "-"], stdin: Data("x".utf8))
        #expect(badFormat.status != 0)
    }

    @Test("The demo reports on the bundled article and says it is truncated")
    func demo() throws {
        let result = try CLI.run(["demo"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Truncated"))
        #expect(result.stdout.contains("claims"))
    }
}
