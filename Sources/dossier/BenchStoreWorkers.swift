import DossierIngest
import DossierStore
import Foundation

/// `bench-store --backend postgres --workers N`: the scale-out path of issue #6 measured
/// as a newsroom would run it — `dossier add --queue` fills the queue, then N real
/// `dossier worker` processes drain it against the same server. On one machine this shows
/// whether a second writer connection uses the server's idle core (one `dossier add`
/// writes through a single connection, so the server executes one batch at a time).
struct WorkerRun {
    var url: String
    var workers: Int
    var jobs: Int?
    var batchSize: Int

    struct Result {
        var queued: Int
        var queueSeconds: Double
        var stored: Int
        var nearDuplicates: Int
        var failed: Int
        var seconds: Double
        /// CPU of the worker processes (user + system), from `RUSAGE_CHILDREN`.
        var workerCPU: Double
        /// The largest worker's peak RSS (`RUSAGE_CHILDREN` keeps the maximum), MB.
        var workerPeakMB: Double
        var exitStatuses: [Int32]
    }

    func run(input: URL, store: PostgresStore) async throws -> Result {
        let queueStart = Date()
        let queued = await QueueIngest(store: store).run(paths: [input.path])
        guard queued.failed == 0 else { throw CLIError("queueing failed for \(queued.failed) articles") }
        let queueSeconds = Date().timeIntervalSince(queueStart)

        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let childrenBefore = Self.childrenCPU()
        let start = Date()
        var processes: [Process] = []
        for _ in 0..<workers {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            var arguments = ["worker", "--postgres", url, "--batch", String(batchSize), "--quiet"]
            if let jobs { arguments += ["--jobs", String(jobs)] }
            process.arguments = arguments
            try process.run()
            processes.append(process)
        }
        // `waitUntilExit` blocks its thread: wait on a detached task, not the cooperative pool.
        let statuses = await Task.detached { () -> [Int32] in
            processes.map { process in
                process.waitUntilExit()
                return process.terminationStatus
            }
        }.value
        let seconds = Date().timeIntervalSince(start)
        let stats = try await store.statistics()
        return Result(queued: queued.queued, queueSeconds: queueSeconds, stored: stats.documents,
                      nearDuplicates: stats.nearDuplicates, failed: queued.queued - stats.documents,
                      seconds: seconds, workerCPU: Self.childrenCPU() - childrenBefore,
                      workerPeakMB: Double(ProcessUsage.children().ru_maxrss) / 1024, exitStatuses: statuses)
    }

    static func childrenCPU() -> Double {
        let cpu = ProcessUsage.cpuSeconds(ProcessUsage.children())
        return cpu.user + cpu.system
    }
}
