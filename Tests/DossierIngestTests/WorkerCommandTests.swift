import DossierCore
import DossierStore
import Foundation
import Testing

private var postgresServer: String? {
    let url = ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES"]
    return url?.isEmpty == false ? url : nil
}

private var postgresRequired: Bool { ProcessInfo.processInfo.environment["DOSSIER_REQUIRE_POSTGRES"] == "1" }

@Suite("dossier add --queue and dossier worker on PostgreSQL", .serialized,
       .enabled(if: postgresServer != nil || postgresRequired,
                "PostgreSQL worker tests skipped: set DOSSIER_TEST_POSTGRES (scripts/postgres start)"))
struct WorkerCommandTests {
    func scratch() async throws -> String {
        let server = try #require(postgresServer, "DOSSIER_REQUIRE_POSTGRES=1 but DOSSIER_TEST_POSTGRES is not set")
        return try await PostgresStore.createScratchDatabase(near: server, prefix: "dossier_test")
    }

    @Test("Three workers, one killed mid-run: every document is extracted and stored exactly once")
    func threeWorkersOneKilled() async throws {
        let url = try await scratch()
        let w = try Workspace()
        let total = 150
        var generator = SplitMix64(seed: 2024)
        let words = ["le", "gouvernement", "a", "annoncé", "mardi", "que", "les", "prix", "ont", "augmenté",
                     "the", "minister", "said", "troops", "border", "talks", "vote", "officials", "reported",
                     "Paris", "Berlin", "million", "percent", "week", "police", "court", "budget", "accord"]
        for i in 0..<total {
            let sentences = (0..<16).map { _ in
                (0..<14).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ") + "."
            }
            try w.write("corpus/doc\(i).txt", "Article \(i). " + sentences.joined(separator: " "))
        }
        let corpus = w.folder.appendingPathComponent("corpus").path
        let queued = try Dossier.run(["add", corpus, "--postgres", url, "--queue", "--quiet"])
        #expect(queued.status == 0, "\(queued.stderr)")
        #expect(queued.stderr.contains("\(total) queued"), "\(queued.stderr)")
        let again = try Dossier.run(["add", corpus, "--postgres", url, "--queue", "--quiet"])
        #expect(again.stderr.contains("0 queued"), "queuing twice queues nothing: \(again.stderr)")

        func start() throws -> Process {
            let p = Process()
            p.executableURL = Dossier.binary
            p.arguments = ["worker", "--postgres", url, "--batch", "4", "--lease", "3", "--jobs", "1", "--quiet"]
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        let workers = try (0..<3).map { _ in try start() }
        let store = try await PostgresStore(url: url, connections: 1)
        // Kill the first worker once some work is done, well before the end.
        var done = 0
        let deadline = Date().addingTimeInterval(300)
        while done < 8, workers[0].isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            done = try await store.queueStatus().done
        }
        kill(workers[0].processIdentifier, SIGKILL)
        workers[0].waitUntilExit()
        #expect(workers[0].terminationReason == .uncaughtSignal, "the worker finished before it could be killed")
        for worker in workers.dropFirst() {
            while worker.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
            if worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
            #expect(worker.terminationStatus == 0)
        }
        let status = try await store.queueStatus()
        #expect(status.done == total && status.pending == 0 && status.failed == 0, "\(status)")
        let stats = try await store.statistics()
        #expect(stats.documents == total, "every document stored once")
        #expect(stats.claims > 0)
        #expect(try await store.checkIntegrity().isEmpty)
        let rows = try await store.queueDocumentCounts()
        #expect(rows.distinctDocuments == total && rows.distinctSHA == total)
    }
}
