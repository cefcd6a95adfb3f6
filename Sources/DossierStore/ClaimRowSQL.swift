/// The columns of a `ClaimRow`, in the order both backends decode them: one statement,
/// valid SQL for SQLite and PostgreSQL alike, so the two listings cannot drift apart.
/// SQLite decodes the columns by position: keep their order.
enum ClaimRowSQL {
    static let select = """
        SELECT c.id, c.document_id, c.idx, c.text, c.certainty, c.direct,
               COALESCE(a.source_canonical, a.source_text) AS source, a.source_kind, a.cue,
               COALESCE(a.channel_canonical, a.channel_text) AS channel,
               d.outlet, d.published, d.title, d.url
        FROM claims c
        JOIN documents d ON d.id = c.document_id
        LEFT JOIN attributions a ON a.document_id = c.document_id AND a.idx = c.attribution_idx
        """
}
