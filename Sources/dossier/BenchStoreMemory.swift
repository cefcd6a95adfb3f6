import Foundation

/// Peak anonymous memory of this process, sampled from `/proc/self/status` (`RssAnon`).
///
/// Why: the benchmark's "max RSS" counts the memory-mapped store's pages (SQLite reads
/// the file through `mmap`), which grows with the file and is reclaimable page cache;
/// the heap — batches held, SQLite's page cache of dirty pages in a long ingest
/// transaction — is what can exhaust a machine. Linux keeps no peak of `RssAnon`, so a
/// thread samples it every 50 ms while the benchmark runs (nil off Linux).
final class AnonymousMemorySampler: @unchecked Sendable {
    private let lock = NSLock()
    private var peakKB = 0
    private var lastFileKB = 0
    private var running = true
    private var thread: Thread?

    init() {
        guard Self.read() != nil else { return }
        let thread = Thread { [weak self] in
            while let self, self.sample() { Thread.sleep(forTimeInterval: 0.05) }
        }
        self.thread = thread
        thread.start()
    }

    /// Records one sample; false once stopped.
    private func sample() -> Bool {
        let now = Self.read()
        lock.lock()
        defer { lock.unlock() }
        if let now {
            peakKB = max(peakKB, now.anon)
            lastFileKB = now.file
        }
        return running
    }

    /// Stops sampling; the peak of `RssAnon` and the last `RssFile` (mapped file pages), in MB.
    func stop() -> (peakAnonymousMB: Double, fileMB: Double)? {
        guard thread != nil else { return nil }
        _ = sample()
        lock.lock()
        defer { lock.unlock() }
        running = false
        return (Double(peakKB) / 1024, Double(lastFileKB) / 1024)
    }

    /// `RssAnon` and `RssFile` in kB, or nil where /proc is missing.
    static func read() -> (anon: Int, file: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        var anon: Int?, file: Int?
        for line in status.split(separator: "\n") {
            if line.hasPrefix("RssAnon:") { anon = Int(line.split(separator: " ").dropFirst().first ?? "") }
            if line.hasPrefix("RssFile:") { file = Int(line.split(separator: " ").dropFirst().first ?? "") }
        }
        guard let anon, let file else { return nil }
        return (anon, file)
    }
}
