import DossierCore
import DossierStore
import Foundation
import Testing
import DossierTestSupport

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

    /// A scratch database with `documents` generated articles queued, and a store on it,
    /// opened before any worker starts so that a test watches the queue from the start.
    func queued(documents: Int, seed: UInt64) async throws -> (String, PostgresStore) {
        let url = try await scratch()
        try Self.queue(documents: documents, seed: seed, on: url)
        return (url, try await PostgresStore(url: url, connections: 1))
    }

    @Test("Three workers, one killed mid-run: every document is extracted and stored exactly once")
    func threeWorkersOneKilled() async throws {
        // Enough documents that the three workers cannot drain the queue before the
        // watcher sees the first ones done (round 7's faster writes drained 400, once,
        // under CI load; round 11's, on a faster machine, too).
        let total = 1_000
        let (url, store) = try await queued(documents: total, seed: 2024)

        // The first worker's stderr is kept: if it stops on its own, the failure says why.
        let firstErr = Scratch.path("dossier-worker").appendingPathExtension("err")
        FileManager.default.createFile(atPath: firstErr.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: firstErr) }
        func start(_ i: Int) throws -> Process {
            let p = Process()
            p.executableURL = Dossier.binary
            p.arguments = ["worker", "--postgres", url, "--batch", "4", "--lease", "3", "--jobs", "1", "--quiet"]
            p.standardError = i == 0 ? try FileHandle(forWritingTo: firstErr) : FileHandle.nullDevice
            try p.run()
            return p
        }
        let workers = try (0..<3).map { try start($0) }
        // Kill the first worker once some work is done, well before the end.
        let deadline = Date().addingTimeInterval(300)
        let done = await Self.signal(workers[0], SIGKILL, onceDone: 8, in: url, before: deadline)
        workers[0].waitUntilExit()
        #expect(workers[0].terminationReason == .uncaughtSignal, """
            the worker finished before it could be killed (status \(workers[0].terminationStatus), \(done) done): \
            \((try? String(contentsOf: firstErr, encoding: .utf8)) ?? "")
            """)
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

    @Test("SIGINT or SIGTERM mid-run: the worker writes what it leased, prints its summary, exits 128 + signal, leaves no lease")
    func interruptedWorker() async throws {
        let total = 400
        let (url, store) = try await queued(documents: total, seed: 77)
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            let before = try await store.queueStatus().done
            // A long lease: if the stopped worker left one behind, the next worker would
            // wait five minutes for it and the queue would not drain below.
            let (process, err) = try Self.worker(url, ["--batch", "4", "--lease", "300", "--jobs", "1"])
            _ = await Self.signal(process, signal, onceDone: before + 8, in: url, before: Date().addingTimeInterval(120))
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit, "the signal killed the worker instead of stopping it: \(stderr)")
            #expect(process.terminationStatus == status, "\(stderr)")
            #expect(stderr.contains("interrupted"), "\(stderr)")
            let after = try await store.queueStatus()
            #expect(after.leased == 0, "an interrupted worker holds no lease: \(after)")
            #expect(after.pending > 0, "stopped before the end: \(after)")
            // The summary counts exactly what this worker stored.
            #expect(stderr.contains(": \(after.done - before) stored"), "\(stderr) (done \(before) → \(after.done))")
        }
        // Another worker finishes the queue at once: nothing waits for a lease to expire.
        let rest = try Dossier.run(["worker", "--postgres", url, "--batch", "8", "--lease", "300", "--quiet"])
        #expect(rest.status == 0, "\(rest.stderr)")
        let status = try await store.queueStatus()
        #expect(status.done == total && status.pending == 0 && status.failed == 0, "\(status)")
        #expect(try await store.statistics().documents == total)
        #expect(try await store.checkIntegrity().isEmpty)

        // Idle with --follow, a signal ends the wait promptly, with the same summary.
        let (idle, err) = try Self.worker(url, ["--follow"])
        try await Task.sleep(for: .milliseconds(1500))
        kill(idle.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        idle.waitUntilExit()
        #expect(idle.terminationStatus == 130 && stderr.contains("0 stored"), "\(stderr)")
    }

    /// Queues `documents` generated articles on `url` with `dossier add --queue`, and checks
    /// that queuing them again adds nothing.
    static func queue(documents total: Int, seed: UInt64, on url: String) throws {
        let w = try Workspace()
        var generator = SplitMix64(seed: seed)
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
    }

    /// Sends `signal` to `process` as soon as `count` documents of the queue at `url` are
    /// done (or at `deadline`), and returns how many were done then.
    ///
    /// Why a thread of its own and `psql`: the test's tasks share Swift's cooperative
    /// threads (one per core) with every other test running at the same time, and tests
    /// that wait on a child process block those threads; a watcher task could then wake
    /// seconds late, after the workers had drained the queue, and kill nothing.
    static func signal(_ process: Process, _ signal: Int32, onceDone count: Int, in url: String,
                       before deadline: Date) async -> Int {
        nonisolated(unsafe) let process = process // read-only here: `isRunning`, the pid
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var done = 0
                while done < count, process.isRunning, Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.02)
                    done = doneCount(url) ?? done
                }
                kill(process.processIdentifier, signal)
                continuation.resume(returning: done)
            }
        }
    }

    /// The queue's done documents, read with `psql` (blocking, for the watcher thread).
    private static func doneCount(_ url: String) -> Int? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", url, "-tAc", "SELECT COUNT(*) FROM queue WHERE status = 'done'"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A running `dossier worker` on `url` and the pipe its standard error goes to.
    static func worker(_ url: String, _ options: [String]) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = Dossier.binary
        p.arguments = ["worker", "--postgres", url] + options
        let err = Pipe()
        p.standardError = err
        try p.run()
        return (p, err)
    }
}
