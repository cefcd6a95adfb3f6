/// How `search` bounds its work on words found in a large part of the store.
///
/// A search ranks (BM25 / `ts_rank_cd`) the newest `rankWindow` matches of its words. For
/// a common word those lie among the newest tens of thousands of claims, but finding them
/// meant reading every claim back to the thousandth match — on PostgreSQL 100 000 rows
/// and 0.5 s for a word in 1 % of claims, a second at the p99. So claims are searched in
/// growing windows of the newest claims (by id, i.e. latest stored): the first window
/// holding at least `limit` matches is ranked, and only a word with fewer matches than
/// that in the largest window is searched in the whole store.
///
/// What that means: a rare word (fewer than `limit` matches among the newest
/// `claims.last` claims) gets exactly the answer it got before. A common word gets the
/// best-ranked of its matches among the newest 5 000 claims — the best of what is
/// recent, newer matches winning over older ones that might rank higher. One window, not
/// more: on PostgreSQL, reading the newest 40 000 claims back (1 600 pages, 0.57 s cold)
/// cost more than the whole-store query of a word too rare for the first window
/// (its GIN matches: 0.14 s), so a larger window only slowed rare searches down.
enum SearchWindows {
    /// Sizes, in claims, of the windows tried before the whole store.
    static let claims = [5_000]
}
