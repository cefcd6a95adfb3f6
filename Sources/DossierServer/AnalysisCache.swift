import DossierStore
import Foundation

/// The cross-article analysis reads every extraction, so it is computed once and reused
/// while the store's `generation()` (newest document id, overrides revision) stays the
/// same. The generation is read on every request — an index lookup, far cheaper than
/// the analysis — and it sees writes made by anyone
/// (this server's POST, `dossier add`, a worker on another machine, `dossier entity
/// merge`), not only this server's own.
///
/// Requests arriving while an analysis is being computed wait for that one rather than
/// start their own.
actor AnalysisCache {
    private let store: any BrowsableStore
    private var cached: (generation: StoreGeneration, value: StoreAnalysis)?
    private var loading: (generation: StoreGeneration, task: Task<StoreAnalysis, any Error>)?
    /// How many times the analysis was computed (tests check it is neither stale nor eager).
    private(set) var loads = 0

    init(store: any BrowsableStore) { self.store = store }

    func current() async throws -> StoreAnalysis {
        let generation = try await store.generation()
        if let cached, cached.generation == generation { return cached.value }
        if let loading, loading.generation == generation { return try await loading.task.value }
        let store = self.store
        let task = Task { try await StoreAnalysis.load(store: store) }
        loading = (generation, task)
        loads += 1
        do {
            let value = try await task.value
            // Were a newer load to finish first, this older value would only cost one
            // more load: the next request's generation would not match it.
            cached = (generation, value)
            if self.loading?.generation == generation { self.loading = nil }
            return value
        } catch {
            if self.loading?.generation == generation { self.loading = nil }
            throw error
        }
    }
}
