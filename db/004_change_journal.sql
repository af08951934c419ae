-- The change journal and stable identities (issue 12).
--
-- 1. Every user record gets a uid, a UUID kept through undo, export and import, beside its
--    local integer id: articles, annotations (claims, mentions, highlights, notes), actors,
--    sources, tags and briefings. The services give one when they insert; a row inserted
--    without one (by hand, in the sqlite3 shell) gets one from a trigger.
-- 2. `journal` holds one row per record, the version of its last change, and whether it is
--    gone (a tombstone, kept so that a reader who last looked before the deletion learns of
--    it). Triggers write it, so that no code path can forget: a record's own row changing, or
--    one of its parts (a claim's subjects, sources, links and tags; an actor's aliases and
--    suggested mentions; a briefing's sections and items; an article's tags), moves the record
--    to the newest version. "What changed since version N" is one range of an index.
-- 3. `journal_head` holds the last version given out. Versions start at a random base per
--    library, so a version from another library is refused rather than answered wrongly;
--    `floor` is the oldest version the journal can answer exactly (raised when a gap is found:
--    core/journal.py). The invariant the library checks on opening: the newest journal row
--    carries the head's version, unless nothing was written since the floor was set.
--
-- Why our own triggers rather than sqlite-chronicle: chronicle keeps a version counter per
-- table and a row per table row; a view and a sync want one version across the library and a
-- row per record (a claim is six tables), with the schema in our numbered migrations.
--
-- The articles table is rebuilt (as https://www.sqlite.org/lang_altertable.html describes,
-- foreign keys off, checked before commit by core/migrate.py) so that uid sits before the
-- text: ADD COLUMN would put it after `text` and `original`, on the overflow pages that a
-- listing never reads. The view and the triggers of migration 003 are made again.

CREATE TABLE journal_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    base        INTEGER NOT NULL,   -- the first version of this library's journal
    version     INTEGER NOT NULL,   -- the last version given out
    floor       INTEGER NOT NULL,   -- the oldest version the journal answers exactly
    gap_at      TEXT,               -- when a gap was last found (UTC), if ever
    library_uid TEXT    NOT NULL
);
INSERT INTO journal_head (id, base, version, floor, library_uid)
    SELECT 1, base, base, base, lower(hex(randomblob(16)))
    FROM (SELECT (1 + abs(random()) % 1000000000) * 1000000 AS base);

CREATE TABLE journal (
    kind      TEXT    NOT NULL
              CHECK (kind IN ('article', 'annotation', 'claim', 'actor', 'source', 'tag',
                              'briefing')),
    uid       TEXT    NOT NULL,
    record_id INTEGER NOT NULL,
    added     INTEGER NOT NULL,   -- the version at which the record came into being
    version   INTEGER NOT NULL,   -- the version of its last change
    deleted   INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    gone      INTEGER,            -- the version of its last deletion (an undo may revive it)
    PRIMARY KEY (kind, uid)
) WITHOUT ROWID;
CREATE INDEX journal_version ON journal (version);
CREATE INDEX journal_record ON journal (kind, record_id) WHERE deleted = 0;

-- Articles, rebuilt with uid after id --------------------------------------------------------

DROP VIEW articles_fts_content;

CREATE TABLE articles_new (
    id              INTEGER PRIMARY KEY,
    uid             TEXT,
    title           TEXT    NOT NULL DEFAULT '',
    title_proposed  INTEGER NOT NULL DEFAULT 0 CHECK (title_proposed IN (0, 1)),
    outlet          TEXT,
    agency          TEXT,
    author          TEXT,
    dateline        TEXT,
    date            TEXT,
    date_start      TEXT,
    date_end        TEXT,
    url             TEXT,
    language        TEXT,
    source_format   TEXT    NOT NULL DEFAULT 'text'
                            CHECK (source_format IN ('text', 'markdown', 'html')),
    source_path     TEXT,
    content_hash    TEXT    NOT NULL UNIQUE,
    imported_at     TEXT    NOT NULL,
    updated_at      TEXT,
    -- Large columns last: SQLite reads a row's columns in order, so listing metadata never
    -- touches the overflow pages that hold the text.
    text            TEXT    NOT NULL,
    original        TEXT
);
INSERT INTO articles_new (id, uid, title, title_proposed, outlet, agency, author, dateline,
                          date, date_start, date_end, url, language, source_format,
                          source_path, content_hash, imported_at, updated_at, text, original)
    SELECT id,
           lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
           title, title_proposed, outlet, agency, author, dateline,
           date, date_start, date_end, url, language, source_format,
           source_path, content_hash, imported_at, updated_at, text, original
    FROM articles;
DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;

CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE);
CREATE INDEX articles_imported ON articles (imported_at, id);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_date_order ON articles (date_start, date, id);
CREATE INDEX articles_undated_last ON articles (date_start IS NULL, date_start, date, id);
CREATE INDEX articles_title ON articles (title COLLATE NOCASE, id);
CREATE INDEX articles_search_dates ON articles (id, date_start, date_end);
CREATE UNIQUE INDEX articles_uid ON articles (uid);

-- As in migration 003 (which says why it reads so).
CREATE VIEW articles_fts_content AS
    SELECT id, title, text,
           char(57346) || nullif(lower(hex(
               replace(replace(replace(replace(replace(replace(replace(
               replace(replace(replace(replace(replace(replace(half
               , 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's')
               , 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y')
               , 'Z', 'z')
           )), '') || char(57346) AS outlet_key
    FROM (SELECT id, title, text,
                 replace(replace(replace(replace(replace(replace(replace(
                 replace(replace(replace(replace(replace(replace(outlet
                 , 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f')
                 , 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l')
                 , 'M', 'm') AS half
          FROM articles);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text, outlet_key)
        SELECT id, title, text, outlet_key FROM articles_fts_content WHERE id = new.id;
END;
CREATE TRIGGER articles_fts_delete BEFORE DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet_key)
        SELECT 'delete', id, title, text, outlet_key FROM articles_fts_content
        WHERE id = old.id;
END;
CREATE TRIGGER articles_fts_unindex BEFORE UPDATE OF title, text, outlet ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet_key)
        SELECT 'delete', id, title, text, outlet_key FROM articles_fts_content
        WHERE id = old.id;
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, outlet ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text, outlet_key)
        SELECT id, title, text, outlet_key FROM articles_fts_content WHERE id = new.id;
END;

-- The other records: uid added (their rows are small) ----------------------------------------

ALTER TABLE annotations ADD COLUMN uid TEXT;
UPDATE annotations SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX annotations_uid ON annotations (uid);
ALTER TABLE actors ADD COLUMN uid TEXT;
UPDATE actors SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX actors_uid ON actors (uid);
ALTER TABLE sources ADD COLUMN uid TEXT;
UPDATE sources SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX sources_uid ON sources (uid);
ALTER TABLE tags ADD COLUMN uid TEXT;
UPDATE tags SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX tags_uid ON tags (uid);
ALTER TABLE briefings ADD COLUMN uid TEXT;
UPDATE briefings SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX briefings_uid ON briefings (uid);

-- What is there now was there at the base version.
INSERT INTO journal (kind, uid, record_id, added, version)
    SELECT 'article', t.uid, t.id, h.version, h.version FROM articles t, journal_head h;
INSERT INTO journal (kind, uid, record_id, added, version)
    SELECT CASE t.kind WHEN 'claim' THEN 'claim' ELSE 'annotation' END, t.uid, t.id,
           h.version, h.version
    FROM annotations t, journal_head h;
INSERT INTO journal (kind, uid, record_id, added, version)
    SELECT 'actor', t.uid, t.id, h.version, h.version FROM actors t, journal_head h;
INSERT INTO journal (kind, uid, record_id, added, version)
    SELECT 'source', t.uid, t.id, h.version, h.version FROM sources t, journal_head h;
INSERT INTO journal (kind, uid, record_id, added, version)
    SELECT 'tag', t.uid, t.id, h.version, h.version FROM tags t, journal_head h;
INSERT INTO journal (kind, uid, record_id, added, version)
    SELECT 'briefing', t.uid, t.id, h.version, h.version FROM briefings t, journal_head h;


-- Journal triggers: a record's own rows ------------------------------------------------

CREATE TRIGGER journal_articles_insert AFTER INSERT ON articles WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES ('article', new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_articles_uid AFTER INSERT ON articles WHEN new.uid IS NULL
BEGIN
    UPDATE articles SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
CREATE TRIGGER journal_articles_update AFTER UPDATE ON articles WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE old.uid IS NOT new.uid AND kind = 'article' AND uid = old.uid;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES ('article', new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_articles_delete AFTER DELETE ON articles
    WHEN EXISTS (SELECT 1 FROM journal WHERE kind = 'article' AND uid = old.uid AND deleted = 0)
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE kind = 'article' AND uid = old.uid;
END;

CREATE TRIGGER journal_annotations_insert AFTER INSERT ON annotations WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES (CASE new.kind WHEN 'claim' THEN 'claim' ELSE 'annotation' END, new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_annotations_uid AFTER INSERT ON annotations WHEN new.uid IS NULL
BEGIN
    UPDATE annotations SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
CREATE TRIGGER journal_annotations_update AFTER UPDATE ON annotations WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE old.uid IS NOT new.uid AND kind = CASE old.kind WHEN 'claim' THEN 'claim' ELSE 'annotation' END AND uid = old.uid;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES (CASE new.kind WHEN 'claim' THEN 'claim' ELSE 'annotation' END, new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_annotations_delete AFTER DELETE ON annotations
    WHEN EXISTS (SELECT 1 FROM journal WHERE kind = CASE old.kind WHEN 'claim' THEN 'claim' ELSE 'annotation' END AND uid = old.uid AND deleted = 0)
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE kind = CASE old.kind WHEN 'claim' THEN 'claim' ELSE 'annotation' END AND uid = old.uid;
END;

CREATE TRIGGER journal_actors_insert AFTER INSERT ON actors WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES ('actor', new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_actors_uid AFTER INSERT ON actors WHEN new.uid IS NULL
BEGIN
    UPDATE actors SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
CREATE TRIGGER journal_actors_update AFTER UPDATE ON actors WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE old.uid IS NOT new.uid AND kind = 'actor' AND uid = old.uid;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES ('actor', new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_actors_delete AFTER DELETE ON actors
    WHEN EXISTS (SELECT 1 FROM journal WHERE kind = 'actor' AND uid = old.uid AND deleted = 0)
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE kind = 'actor' AND uid = old.uid;
END;

CREATE TRIGGER journal_sources_insert AFTER INSERT ON sources WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES ('source', new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_sources_uid AFTER INSERT ON sources WHEN new.uid IS NULL
BEGIN
    UPDATE sources SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
CREATE TRIGGER journal_sources_update AFTER UPDATE ON sources WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE old.uid IS NOT new.uid AND kind = 'source' AND uid = old.uid;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES ('source', new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_sources_delete AFTER DELETE ON sources
    WHEN EXISTS (SELECT 1 FROM journal WHERE kind = 'source' AND uid = old.uid AND deleted = 0)
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE kind = 'source' AND uid = old.uid;
END;

CREATE TRIGGER journal_tags_insert AFTER INSERT ON tags WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES ('tag', new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_tags_uid AFTER INSERT ON tags WHEN new.uid IS NULL
BEGIN
    UPDATE tags SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
CREATE TRIGGER journal_tags_update AFTER UPDATE ON tags WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE old.uid IS NOT new.uid AND kind = 'tag' AND uid = old.uid;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES ('tag', new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_tags_delete AFTER DELETE ON tags
    WHEN EXISTS (SELECT 1 FROM journal WHERE kind = 'tag' AND uid = old.uid AND deleted = 0)
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE kind = 'tag' AND uid = old.uid;
END;

CREATE TRIGGER journal_briefings_insert AFTER INSERT ON briefings WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES ('briefing', new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_briefings_uid AFTER INSERT ON briefings WHEN new.uid IS NULL
BEGIN
    UPDATE briefings SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
          || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
          || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
CREATE TRIGGER journal_briefings_update AFTER UPDATE ON briefings WHEN new.uid IS NOT NULL
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE old.uid IS NOT new.uid AND kind = 'briefing' AND uid = old.uid;
    INSERT INTO journal (kind, uid, record_id, added, version)
        VALUES ('briefing', new.uid, new.id,
                (SELECT version FROM journal_head), (SELECT version FROM journal_head))
        ON CONFLICT (kind, uid) DO UPDATE SET
            record_id = excluded.record_id, version = excluded.version, deleted = 0;
END;
CREATE TRIGGER journal_briefings_delete AFTER DELETE ON briefings
    WHEN EXISTS (SELECT 1 FROM journal WHERE kind = 'briefing' AND uid = old.uid AND deleted = 0)
BEGIN
    UPDATE journal_head SET version = version + 1;
    UPDATE journal SET deleted = 1, version = (SELECT version FROM journal_head), gone = (SELECT version FROM journal_head)
        WHERE kind = 'briefing' AND uid = old.uid;
END;

-- Journal triggers: the rows that are parts of a record --------------------------------

CREATE TRIGGER journal_article_tags_insert AFTER INSERT ON article_tags
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'article'
              AND record_id = new.article_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'article'
              AND record_id = new.article_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_article_tags_update AFTER UPDATE ON article_tags
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.article_id IS NOT new.article_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'article'
              AND record_id = old.article_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.article_id IS NOT new.article_id AND kind = 'article'
              AND record_id = old.article_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'article'
              AND record_id = new.article_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'article'
              AND record_id = new.article_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_article_tags_delete AFTER DELETE ON article_tags
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'article'
              AND record_id = old.article_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'article'
              AND record_id = old.article_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_annotation_tags_insert AFTER INSERT ON annotation_tags
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind IN ('claim', 'annotation')
              AND record_id = new.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind IN ('claim', 'annotation')
              AND record_id = new.annotation_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_annotation_tags_update AFTER UPDATE ON annotation_tags
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.annotation_id IS NOT new.annotation_id AND EXISTS (SELECT 1 FROM journal WHERE kind IN ('claim', 'annotation')
              AND record_id = old.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.annotation_id IS NOT new.annotation_id AND kind IN ('claim', 'annotation')
              AND record_id = old.annotation_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind IN ('claim', 'annotation')
              AND record_id = new.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind IN ('claim', 'annotation')
              AND record_id = new.annotation_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_annotation_tags_delete AFTER DELETE ON annotation_tags
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind IN ('claim', 'annotation')
              AND record_id = old.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind IN ('claim', 'annotation')
              AND record_id = old.annotation_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_mentions_insert AFTER INSERT ON mentions
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'annotation'
              AND record_id = new.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'annotation'
              AND record_id = new.annotation_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_mentions_update AFTER UPDATE ON mentions
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.annotation_id IS NOT new.annotation_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'annotation'
              AND record_id = old.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.annotation_id IS NOT new.annotation_id AND kind = 'annotation'
              AND record_id = old.annotation_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'annotation'
              AND record_id = new.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'annotation'
              AND record_id = new.annotation_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_mentions_delete AFTER DELETE ON mentions
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'annotation'
              AND record_id = old.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'annotation'
              AND record_id = old.annotation_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_claims_insert AFTER INSERT ON claims
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = new.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = new.annotation_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_claims_update AFTER UPDATE ON claims
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.annotation_id IS NOT new.annotation_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = old.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.annotation_id IS NOT new.annotation_id AND kind = 'claim'
              AND record_id = old.annotation_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = new.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = new.annotation_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_claims_delete AFTER DELETE ON claims
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = old.annotation_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = old.annotation_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_claim_about_insert AFTER INSERT ON claim_about
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = new.claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = new.claim_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_claim_about_update AFTER UPDATE ON claim_about
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.claim_id IS NOT new.claim_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = old.claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.claim_id IS NOT new.claim_id AND kind = 'claim'
              AND record_id = old.claim_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = new.claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = new.claim_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_claim_about_delete AFTER DELETE ON claim_about
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = old.claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = old.claim_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_claim_links_from_insert AFTER INSERT ON claim_links
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = new.from_claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = new.from_claim_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_claim_links_from_update AFTER UPDATE ON claim_links
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.from_claim_id IS NOT new.from_claim_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = old.from_claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.from_claim_id IS NOT new.from_claim_id AND kind = 'claim'
              AND record_id = old.from_claim_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = new.from_claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = new.from_claim_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_claim_links_from_delete AFTER DELETE ON claim_links
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = old.from_claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = old.from_claim_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_claim_links_to_insert AFTER INSERT ON claim_links
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = new.to_claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = new.to_claim_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_claim_links_to_update AFTER UPDATE ON claim_links
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.to_claim_id IS NOT new.to_claim_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = old.to_claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.to_claim_id IS NOT new.to_claim_id AND kind = 'claim'
              AND record_id = old.to_claim_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = new.to_claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = new.to_claim_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_claim_links_to_delete AFTER DELETE ON claim_links
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = old.to_claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = old.to_claim_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_claim_sources_insert AFTER INSERT ON claim_sources
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = new.claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = new.claim_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_claim_sources_update AFTER UPDATE ON claim_sources
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.claim_id IS NOT new.claim_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = old.claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.claim_id IS NOT new.claim_id AND kind = 'claim'
              AND record_id = old.claim_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = new.claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = new.claim_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_claim_sources_delete AFTER DELETE ON claim_sources
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'claim'
              AND record_id = old.claim_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'claim'
              AND record_id = old.claim_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_actor_aliases_insert AFTER INSERT ON actor_aliases
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'actor'
              AND record_id = new.actor_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'actor'
              AND record_id = new.actor_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_actor_aliases_update AFTER UPDATE ON actor_aliases
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.actor_id IS NOT new.actor_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'actor'
              AND record_id = old.actor_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.actor_id IS NOT new.actor_id AND kind = 'actor'
              AND record_id = old.actor_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'actor'
              AND record_id = new.actor_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'actor'
              AND record_id = new.actor_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_actor_aliases_delete AFTER DELETE ON actor_aliases
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'actor'
              AND record_id = old.actor_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'actor'
              AND record_id = old.actor_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_mention_suggestions_insert AFTER INSERT ON mention_suggestions
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'actor'
              AND record_id = new.actor_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'actor'
              AND record_id = new.actor_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_mention_suggestions_update AFTER UPDATE ON mention_suggestions
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.actor_id IS NOT new.actor_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'actor'
              AND record_id = old.actor_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.actor_id IS NOT new.actor_id AND kind = 'actor'
              AND record_id = old.actor_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'actor'
              AND record_id = new.actor_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'actor'
              AND record_id = new.actor_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_mention_suggestions_delete AFTER DELETE ON mention_suggestions
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'actor'
              AND record_id = old.actor_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'actor'
              AND record_id = old.actor_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_briefing_sections_insert AFTER INSERT ON briefing_sections
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'briefing'
              AND record_id = new.briefing_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'briefing'
              AND record_id = new.briefing_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_briefing_sections_update AFTER UPDATE ON briefing_sections
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.briefing_id IS NOT new.briefing_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'briefing'
              AND record_id = old.briefing_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.briefing_id IS NOT new.briefing_id AND kind = 'briefing'
              AND record_id = old.briefing_id
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'briefing'
              AND record_id = new.briefing_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'briefing'
              AND record_id = new.briefing_id
              AND deleted = 0;
END;
CREATE TRIGGER journal_briefing_sections_delete AFTER DELETE ON briefing_sections
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'briefing'
              AND record_id = old.briefing_id
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'briefing'
              AND record_id = old.briefing_id
              AND deleted = 0;
END;

CREATE TRIGGER journal_briefing_items_insert AFTER INSERT ON briefing_items
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'briefing'
              AND record_id = (SELECT briefing_id FROM briefing_sections WHERE id = new.section_id)
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'briefing'
              AND record_id = (SELECT briefing_id FROM briefing_sections WHERE id = new.section_id)
              AND deleted = 0;
END;
CREATE TRIGGER journal_briefing_items_update AFTER UPDATE ON briefing_items
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE old.section_id IS NOT new.section_id AND EXISTS (SELECT 1 FROM journal WHERE kind = 'briefing'
              AND record_id = (SELECT briefing_id FROM briefing_sections WHERE id = old.section_id)
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE old.section_id IS NOT new.section_id AND kind = 'briefing'
              AND record_id = (SELECT briefing_id FROM briefing_sections WHERE id = old.section_id)
              AND deleted = 0;
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'briefing'
              AND record_id = (SELECT briefing_id FROM briefing_sections WHERE id = new.section_id)
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'briefing'
              AND record_id = (SELECT briefing_id FROM briefing_sections WHERE id = new.section_id)
              AND deleted = 0;
END;
CREATE TRIGGER journal_briefing_items_delete AFTER DELETE ON briefing_items
BEGIN
    UPDATE journal_head SET version = version + 1
        WHERE EXISTS (SELECT 1 FROM journal WHERE kind = 'briefing'
              AND record_id = (SELECT briefing_id FROM briefing_sections WHERE id = old.section_id)
              AND deleted = 0);
    UPDATE journal SET version = (SELECT version FROM journal_head)
        WHERE kind = 'briefing'
              AND record_id = (SELECT briefing_id FROM briefing_sections WHERE id = old.section_id)
              AND deleted = 0;
END;
