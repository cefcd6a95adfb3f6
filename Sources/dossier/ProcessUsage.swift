import Foundation

/// This process's resource usage (`getrusage(RUSAGE_SELF)`), for the benchmarks' CPU time
/// and peak memory lines; one place for the platform difference in its signature.
enum ProcessUsage {
    static func current() -> rusage {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage
    }
}
