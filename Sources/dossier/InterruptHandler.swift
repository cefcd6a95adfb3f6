import DossierIngest
import Foundation

/// Ctrl-C during `add` or `worker`: the first signal asks the ingest to stop cleanly (the
/// batch being written commits, the summary is printed, the exit status is 128 + the
/// signal, as a shell reports a command stopped by it); a second one exits at once, which
/// is still safe — an uncommitted batch is rolled back by the store.
final class InterruptHandler: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]
    private let signals: [Int32]
    private let lock = NSLock()
    private var received: Int32?

    init(_ interruption: IngestInterruption, signals: [Int32] = [SIGINT],
         message: String = "stopping after the batch being written (Ctrl-C again to quit now)") {
        self.signals = signals
        var sources: [DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)  // delivered to the dispatch source instead of killing the process
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            sources.append(source)
        }
        self.sources = sources
        for (number, source) in zip(signals, sources) {
            source.setEventHandler { [self] in
                if interruption.request() {
                    record(number)
                    FileHandle.standardError.write(Data("\ndossier: \(message)\n".utf8))
                } else {
                    exit(128 + number)
                }
            }
            source.resume()
        }
    }

    private func record(_ number: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if received == nil { received = number }
    }

    /// 128 + the signal that stopped the run (130 for Ctrl-C).
    var exitStatus: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return 128 + (received ?? SIGINT)
    }

    func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
