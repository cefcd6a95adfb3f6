import Foundation

/// A request to stop an ingest early (Ctrl-C), shared between a signal handler and the
/// ingest loop. Stopping is cooperative: the loop stops taking inputs, lets the batch
/// being written commit (it is one transaction, so it is stored whole or, if the process
/// dies meanwhile, not at all), drops what was extracted but not yet handed to the writer
/// (the next run redoes it: it is not stored, so its hash is not found), and returns a
/// summary marked `interrupted`.
///
/// A lock-protected flag rather than task cancellation: the signal arrives on a dispatch
/// queue outside the task tree, and cancelling the ingest task would also cancel the
/// write in flight, which must finish.
public final class IngestInterruption: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    public init() {}

    /// Asks the ingest to stop; returns true the first time (a second Ctrl-C may then
    /// mean "now").
    @discardableResult
    public func request() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let first = !requested
        requested = true
        return first
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
