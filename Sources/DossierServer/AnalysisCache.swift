import DossierStore
import Foundation

/// The cross-article analysis reads every extraction, so it is computed once and reused
/// until the store changes (document count) or the overrides file is edited (its date).
actor AnalysisCache {
    private let store: SQLiteStore
    private var cached: (key: String, value: StoreAnalysis)?

    init(store: SQLiteStore) { self.store = store }

    func current() async throws -> StoreAnalysis {
        let key = try await self.key()
        if let cached, cached.key == key { return cached.value }
        let value = try await StoreAnalysis.load(store: store)
        cached = (key, value)
        return value
    }

    func invalidate() { cached = nil }

    private func key() async throws -> String {
        let stats = try await store.statistics()
        let path = OverridesFile(storePath: store.path).path
        let date = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)?
            .timeIntervalSince1970 ?? 0
        return "\(stats.documents)/\(stats.claims)/\(date)"
    }
}
