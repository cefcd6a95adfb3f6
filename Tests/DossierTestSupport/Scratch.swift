import Foundation

/// The one temporary folder of a test run: every store, corpus and input file the tests
/// write lives under it, and it is removed when the test process exits.
///
/// Why: the tests open hundreds of real SQLite files and inputs; one folder each, left in
/// the system's temporary directory, piled up to thousands after a few runs. A test's own
/// folder cannot be removed when its value goes away (Swift may end a value's lifetime after
/// its last use, while a store opened from it is still being read), so the whole run's
/// folder goes at exit instead. A run that crashes leaves one folder, named by its process.
public enum Scratch {
    /// `dossier-tests-<pid>` in the system's temporary directory, made on first use.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dossier-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.root) }
        return url
    }()

    /// A path under `root` for a new file or folder (not created).
    public static func path(_ prefix: String) -> URL {
        root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }
}
