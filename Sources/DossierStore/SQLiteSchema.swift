import GRDB

/// The store's schema, as GRDB migrations: each one runs once, in a transaction, and is
/// recorded in the file, so an old store is brought up to date when it is opened.
///
/// Offsets (`start`, `end`) are Unicode-scalar offsets into `documents.text`, as in the
/// extraction contract. `idx` is an item's index in the extraction's arrays, so a row
/// and the stored JSON point at each other.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            for statement in v1 { try db.execute(sql: statement) }
        }
        // The word indexes of `NameIndex`, backfilled from the rows an older store has.
        migrator.registerMigration("v2-name-index") { db in
            for statement in v2NameIndex { try db.execute(sql: statement) }
            try SQLiteNameIndex.backfill(db)
        }
        // `NameStats`: per-name counters and store totals, built from the rows a store has.
        migrator.registerMigration("v3-name-stats") { db in
            for statement in v3NameStats + NameStats.rebuild { try db.execute(sql: statement) }
        }
        // The outlet's words leave `claim_sources` (one row per claim) for
        // `document_outlets` (one row per document): see `NameIndex`.
        migrator.registerMigration("v4-outlet-words") { db in
            for statement in v4OutletWords { try db.execute(sql: statement) }
            try SQLiteNameIndex.fillOutlets(db, after: 0)
            try SQLiteNameIndex.rebuildSources(db)
        }
        // No query reads `entity_mentions` by `text_key` (spellings are matched through
        // `mention_terms`, or by a whole-word LIKE that no index serves), yet every
        // mention paid an entry in it: about a quarter of a mention row's write cost.
        // `entity_mentions_name` stays: re-linking a near-duplicate reads a name without
        // any word (so without `mention_terms` rows) by it.
        migrator.registerMigration("v5-drop-unread-index") { db in
            try db.execute(sql: "DROP INDEX IF EXISTS entity_mentions_text")
        }
        // The FTS5 tables index `documents` and `claims` in place (external content)
        // instead of keeping a second copy of every text and claim: 9 % of a store.
        // Rebuilt from the rows (one pass of FTS5's tokenizer over every text).
        migrator.registerMigration("v7-external-fts") { db in
            for statement in v7ExternalFTS { try db.execute(sql: statement) }
        }
        // The word indexes keyed by generation first, so a commit's rows append: see
        // `WordGenerations`. The rows a store has become generation 1, in key order.
        migrator.registerMigration("v8-word-generations") { db in
            for statement in v8WordGenerations { try db.execute(sql: statement) }
        }
        // `mention_terms` dropped (no query reads it), merges of generations in slices:
        // see `WordRows`, `WordMerges`. (Registered after `v9-writer-rows`.)
        migrator.registerMigration("v10-word-rows") { db in
            for statement in WordRows.migration { try db.execute(sql: statement) }
        }
        // The claim words without a foreign key into `claims`, written many rows per
        // statement: see `ClaimWords`.
        migrator.registerMigration("v11-claim-words") { db in
            for statement in ClaimWords.migration { try db.execute(sql: statement) }
        }
        // A claim's entity links in a column of `claims`; `claim_links` dropped: see `ClaimEntities`.
        migrator.registerMigration("v11-claim-entities", foreignKeyChecks: .immediate) { db in
            for statement in ClaimEntities.migration { try db.execute(sql: statement) }
        }
        return migrator
    }

    static let fts = "tokenize = 'unicode61 remove_diacritics 2'"

    static let v1: [String] = [
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            minhash BLOB,
            external_id TEXT, title TEXT, author TEXT,
            outlet TEXT, outlet_key TEXT, url TEXT, published TEXT,
            language TEXT, origin TEXT,
            added_at TEXT NOT NULL,
            length INTEGER NOT NULL,
            text TEXT NOT NULL)
        """,
        """
        CREATE TABLE document_bands (
            band INTEGER NOT NULL,
            key INTEGER NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (band, key, document_id)) WITHOUT ROWID
        """,
        "CREATE INDEX documents_url ON documents(url)",
        "CREATE INDEX documents_external_id ON documents(external_id)",
        "CREATE INDEX documents_published ON documents(published)",
        """
        CREATE TABLE near_duplicates (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            original_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            similarity REAL NOT NULL)
        """,
        "CREATE INDEX near_duplicates_original ON near_duplicates(original_id)",
        """
        CREATE TABLE extractions (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            schema TEXT NOT NULL,
            language TEXT NOT NULL,
            truncated INTEGER NOT NULL,
            json TEXT NOT NULL)
        """,
        """
        CREATE TABLE entity_mentions (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            type TEXT NOT NULL, canonical TEXT, entity_id TEXT, role TEXT, country TEXT,
            is_media INTEGER, origin TEXT,
            name_key TEXT NOT NULL,
            text_key TEXT NOT NULL,
            PRIMARY KEY (document_id, idx)) WITHOUT ROWID
        """,
        "CREATE INDEX entity_mentions_name ON entity_mentions(name_key)",
        "CREATE INDEX entity_mentions_text ON entity_mentions(text_key)",
        """
        CREATE TABLE quantities (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            kind TEXT NOT NULL, value REAL NOT NULL, min REAL, max REAL,
            unit TEXT, counted TEXT, category TEXT, approximate TEXT, bound TEXT,
            PRIMARY KEY (document_id, idx)) WITHOUT ROWID
        """,
        """
        CREATE TABLE times (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            kind TEXT NOT NULL, value TEXT NOT NULL, qualifier TEXT, relative TEXT,
            PRIMARY KEY (document_id, idx)) WITHOUT ROWID
        """,
        """
        CREATE TABLE attributions (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            source_text TEXT, source_canonical TEXT, source_kind TEXT NOT NULL,
            source_sector TEXT, source_key TEXT,
            cue TEXT NOT NULL, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
            kind TEXT NOT NULL,
            channel_text TEXT, channel_canonical TEXT, channel_key TEXT,
            PRIMARY KEY (document_id, idx)) WITHOUT ROWID
        """,
        """
        CREATE TABLE hedges (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
            PRIMARY KEY (document_id, idx)) WITHOUT ROWID
        """,
        """
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            attribution_idx INTEGER, certainty TEXT NOT NULL, direct INTEGER NOT NULL,
            UNIQUE (document_id, idx))
        """,
        """
        CREATE TABLE claim_links (
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('entity', 'quantity', 'time', 'hedge')),
            idx INTEGER NOT NULL,
            PRIMARY KEY (claim_id, kind, idx)) WITHOUT ROWID
        """,
        "CREATE VIRTUAL TABLE document_fts USING fts5(title, text, \(fts))",
        "CREATE VIRTUAL TABLE claim_fts USING fts5(text, \(fts))",
        """
        CREATE TABLE ingest_failures (
            id INTEGER PRIMARY KEY,
            origin TEXT NOT NULL,
            message TEXT NOT NULL,
            at TEXT NOT NULL)
        """,
        "CREATE INDEX ingest_failures_origin ON ingest_failures(origin)",
    ]

    /// `NameIndex`'s tables, each keyed in the order its queries read it, so a lookup is
    /// one range of the primary key (WITHOUT ROWID: the row is the index entry).
    static let v2NameIndex: [String] = [
        """
        CREATE TABLE claim_names (
            term TEXT NOT NULL, published TEXT NOT NULL,
            document_id INTEGER NOT NULL, idx INTEGER NOT NULL,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            keys TEXT NOT NULL, names TEXT NOT NULL,
            PRIMARY KEY (term, published DESC, document_id, idx)) WITHOUT ROWID
        """,
        """
        CREATE TABLE claim_sources (
            term TEXT NOT NULL, published TEXT NOT NULL,
            document_id INTEGER NOT NULL, idx INTEGER NOT NULL,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            keys TEXT NOT NULL,
            PRIMARY KEY (term, published DESC, document_id, idx)) WITHOUT ROWID
        """,
        """
        CREATE TABLE mention_terms (
            term TEXT NOT NULL, name_key TEXT NOT NULL, type TEXT NOT NULL, text_key TEXT NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
            published TEXT NOT NULL, name TEXT NOT NULL, entity_id TEXT, text TEXT NOT NULL,
            PRIMARY KEY (term, name_key, type, text_key, document_id, idx)) WITHOUT ROWID
        """,
        // The listing order of unfiltered and `--since` listings (4 s to sort at a million
        // claims without it).
        "CREATE INDEX documents_listing_order ON documents(published DESC, id)",
    ]

    /// `NameStats`'s tables, keyed in the order `entity` and `statistics` read them.
    static let v3NameStats: [String] = [
        """
        CREATE TABLE name_stats (
            name_key TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, entity_id TEXT,
            mentions INTEGER NOT NULL, documents INTEGER NOT NULL, first_seen TEXT, last_seen TEXT,
            PRIMARY KEY (name_key, type)) WITHOUT ROWID
        """,
        """
        CREATE TABLE name_aliases (
            name_key TEXT NOT NULL, type TEXT NOT NULL, text TEXT NOT NULL, mentions INTEGER NOT NULL,
            PRIMARY KEY (name_key, type, text)) WITHOUT ROWID
        """,
        """
        CREATE TABLE name_terms (
            term TEXT NOT NULL, name_key TEXT NOT NULL, type TEXT NOT NULL, key TEXT NOT NULL,
            PRIMARY KEY (term, name_key, type, key)) WITHOUT ROWID
        """,
        """
        CREATE TABLE store_counts (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            documents INTEGER NOT NULL, near_duplicates INTEGER NOT NULL, claims INTEGER NOT NULL, names INTEGER NOT NULL)
        """,
    ]

    /// FTS5 over the rows themselves (`content=`): the index only, with no
    /// `*_content` copy. Search and snippets read the same text as before (a snippet
    /// reads its row from `documents`/`claims` by rowid). Whoever deletes or changes an
    /// indexed row must tell the index with the old values (FTS5's 'delete' command) or
    /// empty it ('delete-all', as `removeEverything` does); rows are only ever inserted
    /// otherwise, and a rolled-back savepoint rolls the index back with them.
    static let v7ExternalFTS: [String] = [
        "DROP TABLE document_fts",
        "DROP TABLE claim_fts",
        "CREATE VIRTUAL TABLE document_fts USING fts5(title, text, content = 'documents', content_rowid = 'id', \(fts))",
        "CREATE VIRTUAL TABLE claim_fts USING fts5(text, content = 'claims', content_rowid = 'id', \(fts))",
        "INSERT INTO document_fts (document_fts) VALUES ('rebuild')",
        "INSERT INTO claim_fts (claim_fts) VALUES ('rebuild')",
    ]

    /// `claims --source` on an outlet: the outlet's documents newest first, one range of
    /// the term (as `claim_sources`), their claims by `(document_id, idx)`.
    static let v4OutletWords: [String] = [
        """
        CREATE TABLE document_outlets (
            term TEXT NOT NULL, published TEXT NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            keys TEXT NOT NULL,
            PRIMARY KEY (term, published DESC, document_id)) WITHOUT ROWID
        """,
    ]

    /// `WordGenerations`: each word-index table rebuilt with a leading `gen`, its rows
    /// copied in key order into generation 1 (closed), recorded in `word_generations`.
    static let v8WordGenerations: [String] = {
        let definitions = [
            """
            CREATE TABLE claim_names (
                gen INTEGER NOT NULL, term TEXT NOT NULL, published TEXT NOT NULL,
                document_id INTEGER NOT NULL, idx INTEGER NOT NULL,
                claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
                keys TEXT NOT NULL, names TEXT NOT NULL,
                PRIMARY KEY (gen, term, published DESC, document_id, idx)) WITHOUT ROWID
            """,
            """
            CREATE TABLE claim_sources (
                gen INTEGER NOT NULL, term TEXT NOT NULL, published TEXT NOT NULL,
                document_id INTEGER NOT NULL, idx INTEGER NOT NULL,
                claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
                keys TEXT NOT NULL,
                PRIMARY KEY (gen, term, published DESC, document_id, idx)) WITHOUT ROWID
            """,
            """
            CREATE TABLE mention_terms (
                gen INTEGER NOT NULL,
                term TEXT NOT NULL, name_key TEXT NOT NULL, type TEXT NOT NULL, text_key TEXT NOT NULL,
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
                published TEXT NOT NULL, name TEXT NOT NULL, entity_id TEXT, text TEXT NOT NULL,
                PRIMARY KEY (gen, term, name_key, type, text_key, document_id, idx)) WITHOUT ROWID
            """,
        ]
        var out = [WordGenerations.schema]
        for (t, definition) in zip(WordGenerations.v8Tables, definitions) {
            let columns = t.columns.joined(separator: ", ")
            out += ["ALTER TABLE \(t.name) RENAME TO \(t.name)_v7", definition,
                    "INSERT INTO \(t.name) (gen, \(columns)) SELECT 1, \(columns) FROM \(t.name)_v7 ORDER BY \(t.key)",
                    "DROP TABLE \(t.name)_v7"]
        }
        out.append("""
            INSERT INTO word_generations (gen, documents, rows, open)
            SELECT 1, (SELECT COUNT(*) FROM documents),
                   (SELECT COUNT(*) FROM claim_names) + (SELECT COUNT(*) FROM claim_sources) + (SELECT COUNT(*) FROM mention_terms), 0
            WHERE EXISTS (SELECT 1 FROM documents)
            """)
        return out
    }()
}
