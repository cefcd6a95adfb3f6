import ArgumentParser
import DossierCore
import DossierExtract
import DossierIngest
import DossierStore
import Dispatch
import Foundation

/// The store benchmark of issue #6: ingest speed (documents/s, peak memory) on generated
/// ~500-word articles, then query latency (median, p99) on a store grown to a million
/// claims. Use a release build (`swift run -c release dossier bench-store`).
struct BenchStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-store",
        abstract: "Measure ingest throughput and query latency of a store backend.",
        discussion: """
        Phase 1 ingests --documents generated articles (extraction included, in parallel) into
        a new store. Phase 2 adds synthetic rows directly until the store holds --claims
        claims, then times search, claims (by entity, by source, unfiltered), entity and show
        --queries times each, through the same store API the CLI uses.
        """)

    enum BackendChoice: String, ExpressibleByArgument, CaseIterable { case sqlite, postgres }

    @Option(help: "sqlite or postgres.")
    var backend: BackendChoice = .sqlite

    @Option(help: "PostgreSQL server (a new database is created on it). Default: $DOSSIER_POSTGRES, else $DOSSIER_TEST_POSTGRES.")
    var postgres: String?

    @Option(help: "SQLite file to create (default: a temporary file, deleted afterwards).")
    var store: String?

    @Option(help: "Generated articles to ingest.")
    var documents = 10_000

    @Option(help: "Claims in the store for the query phase (0 skips it).")
    var claims = 1_000_000

    @Option(help: "Runs of each query.")
    var queries = 200

    @Option(help: "Extractions in parallel (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Time the queries on an existing store (--store PATH, or the database named by --postgres URL) without ingesting or filling it; --documents must be the value the store was made with, for the same names and words.")
    var reuse = false

    @Option(name: .customLong("batch-size"), help: "Documents handed to the writer at a time (default: dossier add's).")
    var batchSize: Int?

    @Option(name: .customLong("commit-every"), help: "SQLite: documents per commit, batches sharing one transaction (default: dossier add's).")
    var commitEvery: Int?

    @Option(name: .customLong("commit-interval"), help: "SQLite: seconds after which the open transaction is committed at the next batch (default: dossier add's).")
    var commitInterval: Double?

    enum CheckpointChoice: String, ExpressibleByArgument, CaseIterable { case inline, background }

    @Option(help: "SQLite: who copies the WAL into the file — 'inline' (SQLite's auto-checkpoint, in the writer's commits, as before round 9) or 'background' (a checkpointer thread; the default, or $DOSSIER_CHECKPOINT).")
    var checkpoint: CheckpointChoice?

    @Flag(name: .customLong("profile-sql"), help: "SQLite: time every statement of the writing connection and print the costliest (CPU per statement text; as DOSSIER_PROFILE_SQL=1). Adds ≈ 1–2 µs per statement.")
    var profileSQL = false

    @Option(help: "PostgreSQL only: queue the articles ('dossier add --queue') and ingest them with this many 'dossier worker' processes instead of one 'dossier add'.")
    var workers = 0

    func validate() throws {
        guard workers >= 0 else { throw ValidationError("--workers must be 0 or more") }
        if workers > 0, backend != .postgres { throw ValidationError("--workers needs --backend postgres") }
        if workers > 0, reuse { throw ValidationError("--workers ingests; it cannot go with --reuse") }
    }

    func run() async throws {
        #if DEBUG
        print("warning: this is a debug build; use `swift run -c release dossier bench-store` for real numbers")
        #endif
        let (articles, fixtures) = try BenchStoreCorpus.make(count: documents)
        if reuse { return try await queryExisting(articles) }
        let words = BenchStoreCorpus.words(articles)
        print("corpus: \(articles.count) articles, \(words / max(1, articles.count)) words each on average "
              + "(bundled articles + \(fixtures) fixture sentences)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("articles.jsonl")
        try BenchStoreCorpus.jsonLines(articles).write(to: input)

        let opened = try await openStore(folder)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if workers > 0, let postgres = opened.postgres {
            try await ingestWithWorkers(input: input, store: postgres.store, url: postgres.url, cores: cores)
        } else {
            try await ingestHere(input: input, opened: opened, cores: cores)
        }
        guard claims > 0 else { return }

        let stats = try await opened.store.statistics()
        let missing = max(0, claims - stats.claims)
        let sample = articles.prefix(300)
        let lexicon = Self.lexicon(sample.map { Document(text: $0.text, language: Language($0.language)) })
        if missing > 0 {
            let fill = SyntheticFill(documents: (missing + 9) / 10, vocabulary: lexicon.vocabulary, names: lexicon.names,
                                     sources: lexicon.sources, outlets: Array(Set(articles.map(\.outlet))).sorted())
            let start = DispatchTime.now().uptimeNanoseconds
            try await opened.fill(fill)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "synthetic rows: %d documents, %d claims generated in %.1f s", fill.documents,
                         fill.documents * fill.claimsPerDocument, seconds))
        }
        let final = try await opened.store.statistics()
        print("store: \(final.documents) documents, \(final.claims) claims, \(final.entities) distinct entities")
        try await latencies(opened.store, lexicon: lexicon, documents: final.documents)
    }

    /// Phase 1 through one `Ingestor`, as `dossier add` runs.
    private func ingestHere(input: URL, opened: Opened, cores: Int) async throws {
        var ingestor = Ingestor(store: opened.store, jobs: jobs ?? cores)
        if let batchSize { ingestor.batchSize = max(1, batchSize) }
        ingestor.lowersExtractionPriority = true
        if let commitEvery { ingestor.commitEvery = max(1, commitEvery) }
        if let commitInterval { ingestor.commitInterval = max(0, commitInterval) }
        let cpuBefore = Self.cpuSeconds()
        let sampler = AnonymousMemorySampler()
        let summary = await ingestor.run(paths: [input.path])
        let cpu = Self.cpuSeconds()
        let memory = sampler.stop()
        print("backend: \(opened.description)")
        print(String(format: "ingest: %d documents (%d near-duplicates, %d failed) in %.1f s = %.0f documents/s on %d cores",
                     summary.added, summary.nearDuplicates, summary.failed, summary.seconds,
                     Double(summary.processed) / max(summary.seconds, 1e-9), jobs ?? cores))
        print(String(format: "CPU: user %.1f s, system %.1f s (%.2f cores busy on average); batches of %d%@",
                     cpu.user - cpuBefore.user, cpu.system - cpuBefore.system,
                     (cpu.user + cpu.system - cpuBefore.user - cpuBefore.system) / max(summary.seconds, 1e-9),
                     ingestor.batchSize,
                     (opened.store is any DeferredCommitStore
                        ? ", committed every \(ingestor.commitEvery) documents or \(ingestor.commitInterval) s" : "") as NSString))
        print(String(format: "peak memory (max RSS): %.1f MB (mapped store pages included)", BenchCorpus.peakMemoryMB()))
        if let memory {
            print(String(format: "peak anonymous memory (RssAnon, sampled every 50 ms): %.1f MB; mapped file pages at the end (RssFile): %.1f MB",
                         memory.peakAnonymousMB, memory.fileMB))
        }
        print(String(format: "writer: busy %.1f s of %.1f (%d batches), idle %.1f s waiting for extraction; "
                     + "extraction's dispatch waited %.1f s for the writer",
                     summary.writerSeconds, summary.seconds, summary.writes, summary.writerIdleSeconds,
                     summary.waitedForWriterSeconds))
        if let sqlite = opened.store as? SQLiteStore {
            let t = sqlite.writerTimings
            print(String(format: "SQLite writer: rows %.1f s (%.1f s of CPU; %d batches), commits %.1f s (%d), checkpoints on the writer %.1f s (%d), "
                         + "on the checkpointer thread %.1f s (%d); largest WAL %.0f MB",
                         t.rowSeconds, t.rowCPUSeconds, t.batches, t.commitSeconds, t.commits, t.writerCheckpointSeconds, t.writerCheckpoints,
                         t.backgroundCheckpointSeconds, t.backgroundCheckpoints, Double(t.peakWALPages) * 4096 / 1e6))
            if let profile = sqlite.statementProfile {
                print(profile.report(documents: summary.processed, rowsCPUSeconds: t.rowCPUSeconds))
            }
        }
        if let path = opened.file {
            let size = { (p: String) in ((try? FileManager.default.attributesOfItem(atPath: p))?[.size] as? Int) ?? 0 }
            print(String(format: "store file: %.1f MB (+ %.1f MB of WAL not yet checkpointed)",
                         Double(size(path)) / 1e6, Double(size(path + "-wal")) / 1e6))
        }
    }

    /// Phase 1 through the queue and `--workers` worker processes (see `WorkerRun`).
    private func ingestWithWorkers(input: URL, store: PostgresStore, url: String, cores: Int) async throws {
        let run = try await WorkerRun(url: url, workers: workers, jobs: jobs, batchSize: batchSize ?? 64)
            .run(input: input, store: store)
        print("backend: postgres \(store.displayURL), \(workers) worker processes, each extracting "
              + "\(jobs ?? cores) at once, batches of \(batchSize ?? 64)")
        print(String(format: "queued: %d documents in %.1f s (dossier add --queue)", run.queued, run.queueSeconds))
        print(String(format: "ingest: %d documents (%d near-duplicates, %d not stored) in %.1f s = %.0f documents/s on %d cores",
                     run.stored, run.nearDuplicates, run.failed, run.seconds, Double(run.stored) / max(run.seconds, 1e-9), cores))
        print(String(format: "CPU of the workers: %.1f s (%.2f cores busy on average); worker exit statuses %@",
                     run.workerCPU, run.workerCPU / max(run.seconds, 1e-9),
                     run.exitStatuses.map(String.init).joined(separator: " ") as NSString))
        print(String(format: "peak memory (max RSS of the largest worker): %.1f MB", run.workerPeakMB))
        if run.exitStatuses.contains(where: { $0 != 0 }) || run.failed != 0 {
            throw CLIError("a worker failed or documents were left unstored")
        }
    }

    /// `--reuse`: the query phase alone, on a store made by an earlier run (migrated on
    /// open, so a store from before a new migration measures its backfill too).
    private func queryExisting(_ articles: [BenchStoreCorpus.Article]) async throws {
        let store: any EvidenceStore
        switch backend {
        case .sqlite:
            guard let path = self.store else { throw CLIError("--reuse needs --store PATH") }
            store = try SQLiteStore(path: path)
        case .postgres:
            guard let url = postgres else { throw CLIError("--reuse needs --postgres URL of the database") }
            store = try await PostgresStore(url: url, connections: 4)
        }
        let lexicon = Self.lexicon(articles.prefix(300).map { Document(text: $0.text, language: Language($0.language)) })
        let stats = try await store.statistics()
        print("store: \(stats.documents) documents, \(stats.claims) claims, \(stats.entities) distinct entities")
        try await latencies(store, lexicon: lexicon, documents: stats.documents)
    }

    /// This process's CPU time so far: says whether ingest used the cores or waited.
    static func cpuSeconds() -> (user: Double, system: Double) {
        ProcessUsage.cpuSeconds(ProcessUsage.current())
    }

    struct Opened {
        var store: any EvidenceStore
        var description: String
        var fill: (SyntheticFill) async throws -> Void
        /// The SQLite file, for its size.
        var file: String? = nil
        /// The PostgreSQL store and its database's URL, for `--workers`.
        var postgres: (store: PostgresStore, url: String)? = nil
    }

    private func openStore(_ folder: URL) async throws -> Opened {
        switch backend {
        case .sqlite:
            let path = store ?? folder.appendingPathComponent("bench.sqlite").path
            if FileManager.default.fileExists(atPath: path) { throw CLIError("\(path) exists; give a new file") }
            let mode: SQLiteCheckpointing? = switch checkpoint {
            case .inline: .inline(pages: 8192)
            case .background: .standard
            case nil: nil
            }
            let s = try SQLiteStore(path: path, checkpointing: mode, profilingStatements: profileSQL ? true : nil)
            return Opened(store: s, description: "sqlite \(path), checkpoints \(s.checkpointing.map { "\($0)" } ?? "none")", fill: { try await s.fill($0) }, file: path)
        case .postgres:
            let environment = ProcessInfo.processInfo.environment
            guard let server = postgres ?? environment["DOSSIER_POSTGRES"] ?? environment["DOSSIER_TEST_POSTGRES"] else {
                throw CLIError("--backend postgres needs --postgres URL (scripts/postgres start prints one)")
            }
            let url = try await PostgresStore.createScratchDatabase(near: server, prefix: "dossier_bench")
            let s = try await PostgresStore(url: url, connections: 4)
            return Opened(store: s, description: "postgres \(s.displayURL)", fill: { try await s.fill($0) },
                          postgres: (s, url))
        }
    }

    struct Lexicon {
        var vocabulary: [String]
        var names: [String]
        var sources: [String]
    }

    /// Words, entity names and attribution sources as the extractors find them in the
    /// generated articles: the synthetic rows speak the corpus's language.
    static func lexicon(_ documents: [Document]) -> Lexicon {
        let pipeline = Pipeline()
        var vocabulary = Set<String>(), names = Set<String>(), sources = Set<String>()
        for d in documents {
            let e = pipeline.extract(d)
            for word in d.text.split(whereSeparator: { !$0.isLetter }) where word.count >= 4 { vocabulary.insert(word.lowercased()) }
            for m in e.entities where m.type == .person || m.type == .organisation { names.insert(m.canonical ?? m.text) }
            for a in e.attributions { if let s = a.sourceCanonical ?? a.source?.text { sources.insert(s) } }
        }
        // Synthetic surnames widen the name space to news scale (thousands of people).
        let base = names.sorted()
        var wide = base
        for (i, name) in base.enumerated() {
            for j in 0..<20 { wide.append("\(name) \(Self.suffixes[(i + j) % Self.suffixes.count])\(j)") }
        }
        return Lexicon(vocabulary: vocabulary.sorted(), names: wide.isEmpty ? ["Nobody"] : wide,
                       sources: sources.isEmpty ? ["Nobody"] : sources.sorted())
    }

    static let suffixes = ["A", "B", "C", "D", "E", "F", "G", "H"]

    private func latencies(_ store: any EvidenceStore, lexicon: Lexicon, documents: Int) async throws {
        var rng = SplitMix64(seed: 7)
        func pick(_ items: [String]) -> String { items[Int(rng.next() % UInt64(items.count))] }
        // Names as people look them up: the popular ones (the skew puts them first) and any.
        let popular = Array(lexicon.names.prefix(50))
        let limit = 20
        let kinds: [(String, () -> @Sendable () async throws -> Int)] = [
            ("search", { let q = "\(pick(lexicon.vocabulary)) \(pick(lexicon.vocabulary))"
                         return { try await store.search(q, limit: limit).count } }),
            ("search (1 word)", { let q = pick(lexicon.vocabulary); return { try await store.search(q, limit: limit).count } }),
            ("claims --about", { let n = pick(popular); return { try await store.claims(matching: ClaimFilter(about: n), limit: limit).count } }),
            ("claims --source", { let s = pick(lexicon.sources); return { try await store.claims(matching: ClaimFilter(source: s), limit: limit).count } }),
            ("claims --since", { return { try await store.claims(matching: ClaimFilter(since: Day(iso: "2024-06-01")), limit: limit).count } }),
            ("entity", { let n = pick(popular); return { try await store.entity(named: n, claimLimit: limit).count } }),
            ("show", { let id = String(1 + Int(rng.next() % UInt64(max(1, documents)))); return { try await store.document(id) == nil ? 0 : 1 } }),
        ]
        print("query latency over \(queries) runs each (limit \(limit)):")
        for (name, make) in kinds {
            var times: [Double] = []
            var hits = 0
            for _ in 0..<queries {
                let query = make()
                let start = DispatchTime.now().uptimeNanoseconds
                hits += try await query()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            times.sort()
            let median = times[times.count / 2]
            let p99 = times[min(times.count - 1, Int((Double(times.count) * 0.99).rounded(.up)) - 1)]
            print(String(format: "  %-18@ median %7.2f ms   p99 %7.2f ms   max %7.2f ms   (%.1f results/query)",
                         name as NSString, median, p99, times.last ?? 0, Double(hits) / Double(queries)))
        }
    }
}
