import Foundation
import Testing
@testable import DossierIngest
#if canImport(Glibc)
import Glibc
#endif

/// Each case runs on a thread of its own: a nice value raised cannot be lowered again
/// without privilege, and the test runner's threads should keep theirs.
@Suite struct ExtractionPriorityTests {
    /// The calling thread's nice value after `body`, read on that same thread.
    private func niceness(after body: @escaping @Sendable () -> Void) async -> Int32 {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                body()
                continuation.resume(returning: getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
            }
            thread.start()
        }
    }

    @Test func lowersTheCallingThreadOnly() async {
        let before = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #expect(await niceness(after: { ExtractionPriority.lowerCurrentThread() }) == ExtractionPriority.niceness)
        // The process (this thread) is untouched: only the thread that asked was lowered.
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == before)
    }

    @Test func neverRaisesAThreadAlreadyLower() async {
        let lowest = await niceness(after: {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            ExtractionPriority.lowerCurrentThread()
        })
        #expect(lowest == 19)
    }
}
