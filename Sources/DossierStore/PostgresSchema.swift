import PostgresNIO

/// The PostgreSQL schema: the SQLite one, table for table, so both backends answer the
/// same queries the same way, plus full-text columns and the work queue.
///
/// Migrations are numbered and recorded in `dossier_migrations`; each runs in one
/// transaction under an advisory lock, so several workers starting at once against a
/// new database migrate it exactly once.
///
/// Full-text search: each document and claim keeps a `tsvector` built with its own
/// language's configuration (`dossier_fr`, `dossier_en`, which stem and drop accents
/// through `unaccent`), or `dossier_simple` (no stemming, accents dropped) for any other
/// language. Queries are run against all three, so one search finds both languages.
enum PostgresSchema {
    /// PostgreSQL's Snowball stemmer per language code. A language without one falls back
    /// to `dossier_simple`; adding one here needs only its PostgreSQL dictionary name.
    static let stemmers: [String: String] = ["fr": "french", "en": "english"]

    static func textSearchConfiguration(for language: String?) -> String {
        guard let language, stemmers[language] != nil else { return "dossier_simple" }
        return "dossier_\(language)"
    }

    /// Every configuration a query is run against.
    static var allConfigurations: [String] { stemmers.keys.sorted().map { "dossier_\($0)" } + ["dossier_simple"] }

    static let lockKey: Int64 = 0x0D05_51E5

    static var migrations: [[String]] {
        [v1, v2Queue, v3WordIndexes, v4NameIndex, v5NameStats + PostgresNameStats.rebuild, v6LeanWrites, v7SearchPrefixes,
         v8OutletOrder, v9NoMentionTerms]
    }

    static func migrate(_ connection: PostgresConnection) async throws {
        try await connection.withTransaction(logger: PostgresConnection.quiet) { c in
            try await c.run("SELECT pg_advisory_xact_lock(\(lockKey))")
            try await c.run("CREATE TABLE IF NOT EXISTS dossier_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let done = Set(try await c.run("SELECT version FROM dossier_migrations").map { try $0.decode(Int.self) })
            if let newest = done.max(), newest > migrations.count {
                throw StoreError("this database was written by a newer Dossier (schema \(newest)); upgrade Dossier")
            }
            // Every version not recorded, in order (not only those above the newest one:
            // a test that rebuilds one migration's tables forgets that version alone).
            for (i, statements) in migrations.enumerated() where !done.contains(i + 1) {
                for statement in statements { try await c.run(statement) }
                if i + 1 == 4 { try await PostgresNameIndex.backfill(c) }
                try await c.run("INSERT INTO dossier_migrations (version) VALUES (\(i + 1))")
            }
        }
    }

    static var textSearch: [String] {
        var out = ["CREATE EXTENSION IF NOT EXISTS unaccent"]
        for (code, stemmer) in stemmers.sorted(by: { $0.key < $1.key }) {
            out.append("CREATE TEXT SEARCH CONFIGURATION dossier_\(code) (COPY = \(stemmer))")
            out.append("ALTER TEXT SEARCH CONFIGURATION dossier_\(code) ALTER MAPPING FOR hword, hword_part, word WITH unaccent, \(stemmer)_stem")
        }
        out.append("CREATE TEXT SEARCH CONFIGURATION dossier_simple (COPY = simple)")
        out.append("ALTER TEXT SEARCH CONFIGURATION dossier_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple")
        return out
    }

    static let v1: [String] = textSearch + [
        """
        CREATE TABLE documents (
            id BIGSERIAL PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            minhash BYTEA,
            external_id TEXT, title TEXT, author TEXT,
            outlet TEXT, outlet_key TEXT, url TEXT, published TEXT,
            language TEXT, origin TEXT,
            added_at TEXT NOT NULL,
            length INTEGER NOT NULL,
            text TEXT NOT NULL,
            fts_config REGCONFIG NOT NULL,
            fts TSVECTOR NOT NULL)
        """,
        "CREATE INDEX documents_fts ON documents USING GIN (fts)",
        "CREATE INDEX documents_url ON documents (url)",
        "CREATE INDEX documents_external_id ON documents (external_id)",
        "CREATE INDEX documents_published ON documents (published)",
        "CREATE INDEX documents_sha_prefix ON documents (sha256 text_pattern_ops)",
        """
        CREATE TABLE document_bands (
            band INTEGER NOT NULL, key BIGINT NOT NULL,
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (band, key, document_id))
        """,
        """
        CREATE TABLE near_duplicates (
            document_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            original_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            similarity DOUBLE PRECISION NOT NULL)
        """,
        "CREATE INDEX near_duplicates_original ON near_duplicates (original_id)",
        """
        CREATE TABLE extractions (
            document_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            schema TEXT NOT NULL, language TEXT NOT NULL, truncated BOOLEAN NOT NULL, json TEXT NOT NULL)
        """,
        """
        CREATE TABLE entity_mentions (
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            type TEXT NOT NULL, canonical TEXT, entity_id TEXT, role TEXT, country TEXT,
            is_media BOOLEAN, origin TEXT,
            name_key TEXT NOT NULL, text_key TEXT NOT NULL,
            PRIMARY KEY (document_id, idx))
        """,
        "CREATE INDEX entity_mentions_name ON entity_mentions (name_key)",
        "CREATE INDEX entity_mentions_text ON entity_mentions (text_key)",
        """
        CREATE TABLE quantities (
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            kind TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, min DOUBLE PRECISION, max DOUBLE PRECISION,
            unit TEXT, counted TEXT, category TEXT, approximate TEXT, bound TEXT,
            PRIMARY KEY (document_id, idx))
        """,
        """
        CREATE TABLE times (
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            kind TEXT NOT NULL, value TEXT NOT NULL, qualifier TEXT, relative TEXT,
            PRIMARY KEY (document_id, idx))
        """,
        """
        CREATE TABLE attributions (
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            source_text TEXT, source_canonical TEXT, source_kind TEXT NOT NULL,
            source_sector TEXT, source_key TEXT,
            cue TEXT NOT NULL, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
            kind TEXT NOT NULL,
            channel_text TEXT, channel_canonical TEXT, channel_key TEXT,
            PRIMARY KEY (document_id, idx))
        """,
        """
        CREATE TABLE hedges (
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
            PRIMARY KEY (document_id, idx))
        """,
        """
        CREATE TABLE claims (
            id BIGSERIAL PRIMARY KEY,
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            attribution_idx INTEGER, certainty TEXT NOT NULL, direct BOOLEAN NOT NULL,
            fts_config REGCONFIG NOT NULL, fts TSVECTOR NOT NULL,
            UNIQUE (document_id, idx))
        """,
        "CREATE INDEX claims_fts ON claims USING GIN (fts)",
        """
        CREATE TABLE claim_links (
            claim_id BIGINT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('entity', 'quantity', 'time', 'hedge')),
            idx INTEGER NOT NULL,
            PRIMARY KEY (claim_id, kind, idx))
        """,
        """
        CREATE TABLE ingest_failures (
            id BIGSERIAL PRIMARY KEY, origin TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL)
        """,
        "CREATE INDEX ingest_failures_origin ON ingest_failures (origin)",
    ]

    /// The work queue of `dossier add --queue` and `dossier worker`: raw documents wait as
    /// `pending`; a worker leases some (`lease_owner`, `expires_at`), extracts them and, in
    /// the transaction that stores them, marks them `done`. A lease that expires (the
    /// worker died) makes the row claimable again.
    static let v2Queue: [String] = [
        """
        CREATE TABLE queue (
            id BIGSERIAL PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
            lease_owner TEXT,
            expires_at TIMESTAMPTZ,
            attempts INTEGER NOT NULL DEFAULT 0,
            document_id BIGINT REFERENCES documents(id) ON DELETE SET NULL,
            error TEXT,
            enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            done_at TIMESTAMPTZ)
        """,
        "CREATE INDEX queue_pending ON queue (id) WHERE status = 'pending'",
    ]

    /// Indexes for the whole-word name matches of `claims --about/--source` and `entity`
    /// (`' ' || key || ' ' LIKE '% word %'`, which no B-tree serves): trigram GIN indexes on
    /// exactly those expressions. And the listing order (newest first) as an index, so an
    /// unfiltered `claims` reads 20 rows instead of sorting them all. Measured on a store
    /// of 1 000 000 claims (docs/store.md).
    static let v3WordIndexes: [String] = [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE INDEX entity_mentions_name_words ON entity_mentions USING GIN ((' ' || name_key || ' ') gin_trgm_ops)",
        "CREATE INDEX entity_mentions_text_words ON entity_mentions USING GIN ((' ' || text_key || ' ') gin_trgm_ops)",
        "CREATE INDEX attributions_source_words ON attributions USING GIN ((' ' || source_key || ' ') gin_trgm_ops)",
        "CREATE INDEX attributions_channel_words ON attributions USING GIN ((' ' || channel_key || ' ') gin_trgm_ops)",
        "CREATE INDEX documents_outlet_words ON documents USING GIN ((' ' || outlet_key || ' ') gin_trgm_ops)",
        "CREATE INDEX documents_listing_order ON documents (published DESC NULLS LAST, id)",
    ]

    /// `NameIndex`'s tables (see there), each with an index in the order its queries read
    /// it — the name or source word, then the listing order — so the newest claims about a
    /// name are the first entries of one index range. Backfilled from the normalised rows
    /// by `PostgresNameIndex.backfill` in the same transaction. No index on `claim_id` /
    /// `document_id`: nothing deletes single documents yet, and every index slows ingest.
    /// The indexes INCLUDE every column their queries read, so a lookup is an index-only
    /// scan (once VACUUM has marked the pages visible): a popular name's rows lie on
    /// thousands of heap pages, one per document, and reading those cost 0.1–1 s.
    static let v4NameIndex: [String] = [
        """
        CREATE TABLE claim_names (
            term TEXT NOT NULL, published TEXT NOT NULL, document_id BIGINT NOT NULL, idx INTEGER NOT NULL,
            claim_id BIGINT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            keys TEXT NOT NULL, names TEXT NOT NULL)
        """,
        "CREATE UNIQUE INDEX claim_names_order ON claim_names (term, published DESC, document_id, idx) INCLUDE (claim_id, keys, names)",
        """
        CREATE TABLE claim_sources (
            term TEXT NOT NULL, published TEXT NOT NULL, document_id BIGINT NOT NULL, idx INTEGER NOT NULL,
            claim_id BIGINT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            keys TEXT NOT NULL)
        """,
        "CREATE UNIQUE INDEX claim_sources_order ON claim_sources (term, published DESC, document_id, idx) INCLUDE (claim_id, keys)",
        """
        CREATE TABLE mention_terms (
            term TEXT NOT NULL, name_key TEXT NOT NULL, type TEXT NOT NULL, text_key TEXT NOT NULL,
            document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
            published TEXT NOT NULL, name TEXT NOT NULL, entity_id TEXT, text TEXT NOT NULL)
        """,
        "CREATE UNIQUE INDEX mention_terms_order ON mention_terms (term, name_key, type, text_key, document_id, idx) INCLUDE (published, name, entity_id, text)",
    ]

    /// `NameStats`'s tables (see there), built from the rows the database holds. Only
    /// primary keys: `entity` reads `name_terms` by word, the others by group.
    static let v5NameStats: [String] = [
        """
        CREATE TABLE name_stats (
            name_key TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, entity_id TEXT,
            mentions BIGINT NOT NULL, documents BIGINT NOT NULL, first_seen TEXT, last_seen TEXT,
            PRIMARY KEY (name_key, type))
        """,
        """
        CREATE TABLE name_aliases (
            name_key TEXT NOT NULL, type TEXT NOT NULL, text TEXT NOT NULL, mentions BIGINT NOT NULL,
            PRIMARY KEY (name_key, type, text))
        """,
        """
        CREATE TABLE name_terms (
            term TEXT NOT NULL, name_key TEXT NOT NULL, type TEXT NOT NULL, key TEXT NOT NULL,
            PRIMARY KEY (term, name_key, type, key))
        """,
        """
        CREATE TABLE store_counts (
            id SMALLINT PRIMARY KEY CHECK (id = 1),
            documents BIGINT NOT NULL, near_duplicates BIGINT NOT NULL, claims BIGINT NOT NULL, names BIGINT NOT NULL)
        """,
    ]

    /// Ingest was paced by the server's execution of each batch's rows (round 6: the
    /// client idle more than half the time), and a third of that was work no query needs.
    /// Measured by replaying 1 000 generated articles' rows batch by batch
    /// (docs/store.md, "Round 7 — PostgreSQL"):
    /// - Foreign keys from the rows of a document to `documents` / `claims`: each child
    ///   row ran a check (`SELECT … FOR KEY SHARE` of its parent) — ≈ 430 per document,
    ///   35 % of the server's time. The writer draws the ids first and writes a
    ///   document's rows in one statement, and nothing deletes a single document, so the
    ///   checks only re-proved what the statement already guarantees;
    ///   `PostgresStore.checkIntegrity` counts orphans instead (the tests call it), and
    ///   `removeEverything` names every table. `near_duplicates` and `queue` keep theirs
    ///   (one row per copy, per queued document).
    /// - Indexes no query reads: the trigram indexes on mention and attribution keys
    ///   (the listings read `NameIndex`'s tables; the scanned fallback runs on names
    ///   without a word, and on test stores), `entity_mentions_text`, and
    ///   `documents_published` (the listing-order index leads with `published`).
    ///   `documents_outlet_words` stays: the outlet is one row per document.
    /// `IF EXISTS` everywhere: a test that re-runs migration 4 recreates its tables with
    /// their keys, and this one then drops them again.
    static let v6LeanWrites: [String] = {
        let keys: [(table: String, column: String)] = [
            ("claims", "document_id"), ("entity_mentions", "document_id"), ("quantities", "document_id"),
            ("times", "document_id"), ("attributions", "document_id"), ("hedges", "document_id"),
            ("extractions", "document_id"), ("document_bands", "document_id"), ("claim_links", "claim_id"),
            ("claim_names", "claim_id"), ("claim_sources", "claim_id"), ("mention_terms", "document_id"),
        ]
        return keys.map { "ALTER TABLE \($0.table) DROP CONSTRAINT IF EXISTS \($0.table)_\($0.column)_fkey" } + [
            "DROP INDEX IF EXISTS entity_mentions_name_words",
            "DROP INDEX IF EXISTS entity_mentions_text_words",
            "DROP INDEX IF EXISTS attributions_source_words",
            "DROP INDEX IF EXISTS attributions_channel_words",
            "DROP INDEX IF EXISTS entity_mentions_text",
            "DROP INDEX IF EXISTS documents_published",
        ]
    }()

    /// Two-word search at a million claims had a p99 of 82–308 ms (idle): a prefix query
    /// (`'rest':*`) makes GIN read and merge the posting lists of every lexeme starting so
    /// before it can intersect the words. `dossier_prefixes` indexes, per claim, the first
    /// 3, 4 and 6 characters of each lexeme (`PostgresSearchQuery.indexedPrefixLengths`),
    /// so a word's prefix is one entry and two words intersect in GIN's fast scan; the
    /// exact pattern is then checked on the candidate rows (`PostgresQueries.claimHits`).
    /// An expression index, not a stored column: the vector is computed once, at insert,
    /// and never stored in the heap; a query only names the expression. Re-runnable (a
    /// test forgets migrations 4 and later and runs them again).
    static let v7SearchPrefixes: [String] = [
        """
        CREATE OR REPLACE FUNCTION dossier_prefixes(tsvector) RETURNS tsvector
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT array_to_tsvector(ARRAY(
                SELECT left(l, k) FROM unnest(tsvector_to_array($1)) l, (VALUES (3), (4), (6)) v(k)
                WHERE length(l) >= k))
        $$
        """,
        "CREATE INDEX IF NOT EXISTS claims_prefixes ON claims USING GIN (dossier_prefixes(fts))",
    ]

    /// `claims --source` naming an outlet: the distinct outlets are found by skipping
    /// through this index, and each one's newest documents are its ranges (see
    /// `claimsOfOutlets`). Without it, an outlet with few, old documents walked every
    /// newer document in listing order (92 ms at 100 000 documents).
    static let v8OutletOrder: [String] = [
        "CREATE INDEX IF NOT EXISTS documents_outlet_order ON documents (outlet_key, published DESC NULLS LAST, id)",
    ]

    /// `mention_terms` goes, as it went from SQLite in round 10 (`WordRows`): it was 72 of
    /// a generated article's ≈ 440 rows and the largest table (76 MB of 3 000 articles,
    /// its covering index 47 MB), about a fifth of the server's time per article, yet no
    /// query reads it: `entity` reads `name_terms`, `name_stats`, `name_aliases` and
    /// `claim_names`. Its two other readers now use `entity_mentions`: near-duplicate
    /// re-linking recomputes a group's first and last days by `entity_mentions_name`
    /// (`PostgresNameStats.subtract`), and rebuilding `name_terms` splits the keys of
    /// `entity_mentions` (`PostgresNameStats.rebuild`). Migration 4 still creates the
    /// table (history); `IF EXISTS`, since a test re-runs migration 4 and later.
    static let v9NoMentionTerms: [String] = ["DROP TABLE IF EXISTS mention_terms"]
}
