import DossierCore
import DossierStore
import Foundation
import Testing

/// Runs the real `dossier` binary, built beside this test bundle.
enum Dossier {
    static var binary: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("dossier").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("dossier")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
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
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

@Suite("dossier add, search, claims, entity, show, as a user runs them", .serialized)
struct AddCommandTests {
    @Test("add then query, in every output format")
    func addAndQuery() throws {
        let w = try Workspace()
        let fr = try w.write("fr.txt", "Selon le ministère, près de 3 000 soldats sont arrivés le 4 mars. Le bilan serait lourd.")
        let added = try Dossier.run(["add", fr, "--store", w.store, "--outlet", "Le Quotidien", "--published", "2024-03-05"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("1 added"))
        let again = try Dossier.run(["add", fr, "--store", w.store])
        #expect(again.stderr.contains("0 added") && again.stderr.contains("1 already stored"))

        let search = try Dossier.run(["search", "soldats", "--store", w.store, "--format", "jsonl"])
        #expect(search.status == 0)
        #expect(search.stdout.contains("\"snippet\"") && search.stdout.contains("[soldats]"))

        let claims = try Dossier.run(["claims", "--source", "quotidien", "--since", "2024-03-01", "--store", w.store,
                                      "--format", "csv"])
        let lines = claims.stdout.split(separator: "\n")
        #expect(lines.first == "doc,published,outlet,source,certainty,claim")
        #expect(lines.count >= 2 && lines[1].hasPrefix("1,2024-03-05,Le Quotidien,"))
        let none = try Dossier.run(["claims", "--since", "2025-01-01", "--store", w.store, "--format", "json"])
        #expect(none.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || none.stdout.contains("[]"))

        let table = try Dossier.run(["claims", "--store", w.store, "--format", "table", "--limit", "1"])
        #expect(table.stdout.hasPrefix("doc  published"))
        #expect(table.stdout.split(separator: "\n").count == 2)

        let show = try Dossier.run(["show", "1", "--store", w.store, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let document = try #require(object["document"] as? [String: Any])
        #expect(document["outlet"] as? String == "Le Quotidien")
        #expect((object["extraction"] as? [String: Any])?["schema"] as? String == "dossier.extraction/1")
        let text = try Dossier.run(["show", "1", "--store", w.store])
        #expect(text.stdout.contains("outlet: Le Quotidien") && text.stdout.contains("3 000 soldats"))

        let missing = try Dossier.run(["show", "99", "--store", w.store])
        #expect(missing.status != 0 && missing.stderr.contains("99: no such document"))
        let entity = try Dossier.run(["entity", "Nobody", "--store", w.store, "--format", "table"])
        #expect(entity.status != 0 && entity.stderr.contains("no such entity"))
    }

    @Test("JSON lines on standard input, and DOSSIER_STORE as the default store")
    func stdinJSONLines() throws {
        let w = try Workspace()
        let lines = """
            {"id":"a","text":"The minister resigned on Monday, his office said.","outlet":"Wire","published":"2024-02-01"}
            {"id":"b","text":"Parliament will vote on the budget next week, according to the speaker."}
            oops

            """
        var environment = ProcessInfo.processInfo.environment
        environment["DOSSIER_STORE"] = w.store
        let result = try Dossier.run(["add", "-"], stdin: Data(lines.utf8), environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("stdin:3: not a JSON object"))
        #expect(result.stderr.contains("2 added") && result.stderr.contains("1 failed"))
        let show = try Dossier.run(["show", "a", "--format", "jsonl"], environment: environment)
        #expect(show.stdout.contains("\"outlet\":\"Wire\""))
    }

    @Test("An RSS feed on standard input is streamed item by item, past the sniffed head")
    func stdinFeed() throws {
        let w = try Workspace()
        // 40 items of about 200 bytes: the feed runs well past the 2 KB head sniffed for its format.
        let items = (1...40).map { n in
            "<item><title>Report \(n)</title><link>https://example.org/\(n)</link>"
                + "<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>"
                + "<description>Selon le ministère, \(n * 100) soldats sont arrivés à la frontière le \(n % 28 + 1) mars.</description></item>"
        }.joined(separator: "\n")
        let feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>\n\(items)\n</channel></rss>\n"
        #expect(feed.utf8.count > 6_000)
        let result = try Dossier.run(["add", "-", "--store", w.store], stdin: Data(feed.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("40 added"), "\(result.stderr)")
        let last = try Dossier.run(["search", "4000", "--store", w.store, "--format", "jsonl"])
        #expect(last.stdout.contains("\"title\":\"Report 40\""), "\(last.stdout)")

        let broken = "<rss version=\"2.0\"><channel><title>Wire</title>\n\(items)\n<item><title>cut"
        let partial = try Dossier.run(["add", "-", "--store", w.store], stdin: Data(broken.utf8))
        #expect(partial.status != 0)
        #expect(partial.stderr.contains("stdin") && partial.stderr.contains("malformed feed"), "\(partial.stderr)")
        #expect(partial.stderr.contains("40 already stored") || partial.stderr.contains("0 added"), "\(partial.stderr)")
    }

    @Test("A read-only store file: one clear line, nothing written")
    func readOnlyStore() throws {
        let w = try Workspace()
        let text = try w.write("a.txt", "The minister resigned on Monday, his office said.")
        #expect(try Dossier.run(["add", text, "--store", w.store]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: w.store)
        let other = try w.write("b.txt", "Parliament will vote on the budget next week.")
        let result = try Dossier.run(["add", other, "--store", w.store])
        #expect(result.status != 0)
        #expect(result.stderr.contains("read-only"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try SQLiteStore(path: w.store, readOnly: true).checkIntegrity().isEmpty)
    }

    @Test("SIGKILL in the middle of add: the store is consistent and a re-run completes without duplicates")
    func killAndResume() async throws {
        let w = try Workspace()
        let total = 1_500
        let corpus = try Self.writeCorpus(in: w, documents: total, seed: 42, words: [
            "gouvernement", "ministre", "armée", "frontière", "accord", "sanctions", "élection", "budget",
            "the", "minister", "said", "troops", "border", "talks", "vote", "officials", "reported",
            "week", "city", "court", "police", "prices", "rose", "fell", "percent", "million"])
        // Kill as soon as some documents are stored, well before the end.
        let process = try await Self.addUntilSomeStored(corpus, into: w.store, stderr: FileHandle.nullDevice)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the ingest finished before it could be killed")

        let afterKill = try SQLiteStore(path: w.store)
        #expect(try afterKill.checkIntegrity().isEmpty)
        let partial = try await afterKill.statistics().documents
        #expect(partial > 0 && partial < total)

        let rerun = try Dossier.run(["add", corpus, "--store", w.store, "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("\(total - partial) added"))
        #expect(rerun.stderr.contains("\(partial) already stored"))
        let final = try SQLiteStore(path: w.store)
        #expect(try await final.statistics().documents == total)
        #expect(try final.checkIntegrity().isEmpty)
    }

    @Test("Ctrl-C (SIGINT) in the middle of add: the batch in flight commits, a summary says so, exit 130, a re-run resumes")
    func interruptAndResume() async throws {
        let w = try Workspace()
        let total = 1_500
        let corpus = try Self.writeCorpus(in: w, documents: total, seed: 11, words: [
            "government", "minister", "army", "border", "agreement", "sanctions", "election", "budget",
            "le", "ministre", "a", "déclaré", "troupes", "frontière", "vote", "responsables", "selon",
            "semaine", "ville", "tribunal", "police", "prix", "hausse", "baisse", "pour", "cent"])
        let err = Pipe()
        let process = try await Self.addUntilSomeStored(corpus, into: w.store, stderr: err)
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "SIGINT killed the process instead of stopping it: \(stderr)")
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("interrupted — run the same command again to resume"), "\(stderr)")

        let store = try SQLiteStore(path: w.store)
        #expect(try store.checkIntegrity().isEmpty)
        let partial = try await store.statistics().documents
        #expect(partial > 0 && partial < total)
        // The summary counts exactly what was stored: the batch in flight committed, nothing else.
        #expect(stderr.contains("dossier: \(partial) added"), "\(stderr) (stored: \(partial))")

        let rerun = try Dossier.run(["add", corpus, "--store", w.store, "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("\(total - partial) added"))
        #expect(rerun.stderr.contains("\(partial) already stored"))
        #expect(try await SQLiteStore(path: w.store).statistics().documents == total)
    }

    /// `documents` files of 20 random sentences over `words`, in folders of 100.
    static func writeCorpus(in w: Workspace, documents: Int, seed: UInt64, words: [String]) throws -> String {
        var generator = SplitMix64(seed: seed)
        for i in 0..<documents {
            let sentences = (0..<20).map { _ in
                (0..<12).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ") + "."
            }
            try w.write("corpus/\(i / 100)/doc\(i).txt", "Document \(i). " + sentences.joined(separator: " "))
        }
        return w.folder.appendingPathComponent("corpus").path
    }

    /// A running `dossier add` of `corpus`, returned once it has stored some documents
    /// (or has stopped, or two minutes have passed), so a test can interrupt it mid-run.
    static func addUntilSomeStored(_ corpus: String, into store: String, stderr: Any) async throws -> Process {
        let process = Process()
        process.executableURL = Dossier.binary
        process.arguments = ["add", corpus, "--store", store, "--quiet", "--jobs", "2"]
        process.standardError = stderr
        try process.run()
        var stored = 0
        let deadline = Date().addingTimeInterval(120)
        while stored < 10, process.isRunning, Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
            if FileManager.default.fileExists(atPath: store),
               let reader = try? SQLiteStore(path: store, readOnly: true),
               let stats = try? await reader.statistics() {
                stored = stats.documents
            }
        }
        return process
    }
}

@Suite("Two dossier add on one store", .serialized)
struct ConcurrentAddTests {
    @Test("Two processes adding the same directory at once store each document once")
    func concurrentAdds() async throws {
        let w = try Workspace()
        var generator = SplitMix64(seed: 7)
        let words = ["port", "strike", "union", "wages", "ministry", "talks", "grève", "syndicat", "salaires",
                     "accord", "said", "week", "police", "city", "council", "budget", "vote", "court"]
        let total = 200
        for i in 0..<total {
            let text = (0..<60).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
            try w.write("corpus/doc\(i).txt", "Item \(i): \(text).")
        }
        let corpus = w.folder.appendingPathComponent("corpus").path
        // Create the store first so both processes open a migrated file.
        _ = try SQLiteStore(path: w.store)
        func start() throws -> Process {
            let p = Process()
            p.executableURL = Dossier.binary
            p.arguments = ["add", corpus, "--store", w.store, "--quiet", "--jobs", "1"]
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        let first = try start(), second = try start()
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        let store = try SQLiteStore(path: w.store, readOnly: true)
        #expect(try await store.statistics().documents == total)
        #expect(try store.checkIntegrity().isEmpty)
    }
}
