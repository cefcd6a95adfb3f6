/// Which copy of a near-duplicate group is "the original": the earliest PUBLISHED one,
/// because corroboration must credit the outlet that broke a story, not whichever copy
/// happened to be ingested first (a crawl reads archives in any order). A copy without a
/// date never displaces a dated one; between equals, the first stored stays.
enum NearDuplicateOrder {
    /// True when a new copy published `candidate` should replace a root published `root`.
    static func displaces(candidate: String?, root: String?) -> Bool {
        guard let candidate else { return false }
        guard let root else { return true }
        return candidate < root  // ISO dates: text order is date order
    }
}
