import Foundation

/// This process's resource usage (`getrusage(RUSAGE_SELF)`), or that of its waited-for
/// children, for the benchmarks' CPU time and peak memory lines; one place for the
/// platform difference in its signature.
enum ProcessUsage {
    static func current() -> rusage { usage(children: false) }

    /// The finished child processes': CPU summed, `ru_maxrss` the largest one's.
    static func children() -> rusage { usage(children: true) }

    /// User and system CPU seconds of a usage record.
    static func cpuSeconds(_ usage: rusage) -> (user: Double, system: Double) {
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }

    private static func usage(children: Bool) -> rusage {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &usage)
        #endif
        return usage
    }
}
