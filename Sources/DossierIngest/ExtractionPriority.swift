#if canImport(Glibc)
import Glibc
#endif

/// Extraction runs at a lower scheduling priority than the store's writer.
///
/// Why: ingest into SQLite is paced by its one writer thread (round 9: busy 96–98 % of a
/// run), yet with as many extracting threads as cores the writer shares a core with one of
/// them and, the kernel being fair to all three, gets about two thirds of it. Extracting
/// threads at nice +10 weigh about a tenth of the writer each, so the kernel gives the
/// writer a core of its own whenever it has work; when it has none, extraction still uses
/// every core. Raising one's own nice value needs no privilege.
///
/// Linux only: there `setpriority(PRIO_PROCESS, 0, …)` sets the calling thread's nice
/// value, not the process's. The threads lowered are Swift's cooperative pool, where
/// extraction runs; the writer (GRDB's queue), PostgresNIO's event loops and the rest of
/// the process keep theirs. The pool stays lowered for the rest of the process, which is
/// why only processes whose job is the ingest ask for it
/// (`Ingestor.lowersExtractionPriority`: `dossier add`, `bench-store`).
enum ExtractionPriority {
    /// The nice value extracting threads take.
    static let niceness: Int32 = 10

    /// Lowers the calling thread's priority to `niceness`, once (later calls cost one
    /// system call and change nothing).
    static func lowerCurrentThread() {
        #if os(Linux)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        if getpriority(which, 0) < niceness {
            _ = setpriority(which, 0, niceness)
        }
        #endif
    }
}
