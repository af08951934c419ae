-- Briefing library, schema version 1: the whole domain of DESIGN.md.
--
-- Conventions
--   * Every id is an INTEGER PRIMARY KEY (the rowid), so FTS tables can point at it.
--   * Times are UTC ISO 8601 strings ('2021-12-14T08:00:00Z').
--   * Published dates may be partial and are stored as written in ISO 8601 reduced form:
--     '2021-12-14', '2021-12', '2021', or '--12-14' (month and day, year unknown).
--     date_start/date_end hold the first and last day the date can mean, and stay NULL
--     when the year is unknown, so range filters never invent a year.
--   * Small closed vocabularies are lookup tables rather than CHECK lists, so that a later
--     migration can add a value with an INSERT instead of rebuilding a table.

CREATE TABLE actor_kinds (name TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO actor_kinds (name) VALUES
    ('person'), ('organisation'), ('government body'), ('state'), ('group'), ('place'),
    ('other');

CREATE TABLE claim_statuses (name TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO claim_statuses (name) VALUES
    ('asserted'), ('disputed'), ('denied'), ('corroborated'), ('retracted');

CREATE TABLE source_kinds (name TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO source_kinds (name) VALUES ('article'), ('url'), ('document'), ('statement');

-- Articles ---------------------------------------------------------------------------

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
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
CREATE INDEX articles_date ON articles (date_start, id);
CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE);
CREATE INDEX articles_imported ON articles (imported_at, id);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;

-- Full-text index over titles and text. External content: the text is stored once, in
-- articles; the triggers keep the index in the same transaction as every write.
-- porter + unicode61 remove_diacritics 2: 'sanction' finds 'sanctions', 'resume' 'résumé'.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- Actors -----------------------------------------------------------------------------

CREATE TABLE actors (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL DEFAULT 'other' REFERENCES actor_kinds (name),
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

-- An alias is library-wide ('Beijing' for China) or bound to one article ('the company'
-- means SenseTime only in the sample). case_sensitive keeps 'US' from matching 'us'.
CREATE TABLE actor_aliases (
    id             INTEGER PRIMARY KEY,
    actor_id       INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    alias          TEXT    NOT NULL CHECK (length(trim(alias)) > 0),
    article_id     INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    case_sensitive INTEGER NOT NULL DEFAULT 0 CHECK (case_sensitive IN (0, 1))
);
CREATE UNIQUE INDEX actor_aliases_unique
    ON actor_aliases (actor_id, alias, ifnull(article_id, 0));
CREATE INDEX actor_aliases_article ON actor_aliases (article_id) WHERE article_id IS NOT NULL;

-- Annotations ------------------------------------------------------------------------

-- A span of one article, anchored as the W3C Web Annotation model does: a position
-- (TextPositionSelector: start, end in the canonical text) and a quote
-- (TextQuoteSelector: exact, prefix, suffix). An orphaned annotation could not be placed
-- after the text changed; it keeps its last quote and has no position.
CREATE TABLE annotations (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('claim', 'mention', 'highlight', 'note')),
    start       INTEGER,
    "end"       INTEGER,
    quote       TEXT    NOT NULL,
    prefix      TEXT    NOT NULL DEFAULT '',
    suffix      TEXT    NOT NULL DEFAULT '',
    orphaned    INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
    note        TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT,
    CHECK ((orphaned = 1 AND start IS NULL AND "end" IS NULL)
           OR (orphaned = 0 AND start >= 0 AND "end" > start))
);
CREATE INDEX annotations_article ON annotations (article_id, start);
CREATE INDEX annotations_kind ON annotations (kind);

-- Every place an annotation has been: re-anchoring keeps the old quote here.
CREATE TABLE annotation_history (
    id             INTEGER PRIMARY KEY,
    annotation_id  INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    start          INTEGER,
    "end"          INTEGER,
    quote          TEXT NOT NULL,
    prefix         TEXT NOT NULL DEFAULT '',
    suffix         TEXT NOT NULL DEFAULT '',
    outcome        TEXT NOT NULL,
    changed_at     TEXT NOT NULL
);
CREATE INDEX annotation_history_annotation ON annotation_history (annotation_id);

CREATE TABLE mentions (
    annotation_id INTEGER PRIMARY KEY REFERENCES annotations (id) ON DELETE CASCADE,
    actor_id      INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE
);
CREATE INDEX mentions_actor ON mentions (actor_id);

-- Names and aliases found in text, waiting for the reader. A rejected one stays, so that it
-- is not suggested again.
CREATE TABLE mention_suggestions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_id    INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'accepted', 'rejected')),
    UNIQUE (article_id, actor_id, start, "end")
);
CREATE INDEX mention_suggestions_actor ON mention_suggestions (actor_id, state);

-- Claims -----------------------------------------------------------------------------

CREATE TABLE claims (
    annotation_id INTEGER PRIMARY KEY REFERENCES annotations (id) ON DELETE CASCADE,
    -- RESTRICT: an actor that claims point to cannot vanish from under them.
    speaker_id    INTEGER REFERENCES actors (id) ON DELETE RESTRICT,
    status        TEXT NOT NULL DEFAULT 'asserted' REFERENCES claim_statuses (name),
    grade         INTEGER CHECK (grade BETWEEN 1 AND 6)
);
CREATE INDEX claims_speaker ON claims (speaker_id);

CREATE TABLE claim_about (
    claim_id INTEGER NOT NULL REFERENCES claims (annotation_id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE RESTRICT,
    PRIMARY KEY (claim_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX claim_about_actor ON claim_about (actor_id);

CREATE TABLE claim_links (
    from_claim_id INTEGER NOT NULL REFERENCES claims (annotation_id) ON DELETE CASCADE,
    to_claim_id   INTEGER NOT NULL REFERENCES claims (annotation_id) ON DELETE CASCADE,
    relation      TEXT    NOT NULL CHECK (relation IN ('supports', 'contradicts', 'repeats')),
    PRIMARY KEY (from_claim_id, to_claim_id, relation),
    CHECK (from_claim_id <> to_claim_id)
) WITHOUT ROWID;
CREATE INDEX claim_links_to ON claim_links (to_claim_id);

-- Sources ----------------------------------------------------------------------------

CREATE TABLE sources (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL DEFAULT 'url' REFERENCES source_kinds (name),
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    url        TEXT,
    publisher  TEXT,
    date       TEXT,
    grade      TEXT CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F')),
    article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX sources_article ON sources (article_id) WHERE article_id IS NOT NULL;

CREATE TABLE claim_sources (
    claim_id  INTEGER NOT NULL REFERENCES claims (annotation_id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    relation  TEXT    NOT NULL DEFAULT 'cites'
                      CHECK (relation IN ('cites', 'supports', 'contradicts')),
    PRIMARY KEY (claim_id, source_id)
) WITHOUT ROWID;
CREATE INDEX claim_sources_source ON claim_sources (source_id);

-- Tags -------------------------------------------------------------------------------

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
);
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags (tag_id);
CREATE TABLE annotation_tags (
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    tag_id        INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (annotation_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX annotation_tags_tag ON annotation_tags (tag_id);

-- Search over claim quotes and notes, and actor names and aliases ----------------------

CREATE VIRTUAL TABLE annotations_fts USING fts5(
    quote, note,
    content = 'annotations', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN
    INSERT INTO annotations_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);
END;
CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN
    INSERT INTO annotations_fts (annotations_fts, rowid, quote, note)
        VALUES ('delete', old.id, old.quote, old.note);
END;
CREATE TRIGGER annotations_fts_update AFTER UPDATE OF quote, note ON annotations BEGIN
    INSERT INTO annotations_fts (annotations_fts, rowid, quote, note)
        VALUES ('delete', old.id, old.quote, old.note);
    INSERT INTO annotations_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);
END;

-- One row per actor (rowid = actor id): its name and all its aliases. A plain FTS table
-- (not external content) because the aliases live in another table; the triggers rebuild
-- an actor's row whenever its name or aliases change.
CREATE VIRTUAL TABLE actors_fts USING fts5(
    name, aliases,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER actors_fts_insert AFTER INSERT ON actors BEGIN
    INSERT INTO actors_fts (rowid, name, aliases) VALUES (new.id, new.name, '');
END;
CREATE TRIGGER actors_fts_delete AFTER DELETE ON actors BEGIN
    DELETE FROM actors_fts WHERE rowid = old.id;
END;
CREATE TRIGGER actors_fts_update AFTER UPDATE OF name ON actors BEGIN
    UPDATE actors_fts SET name = new.name WHERE rowid = new.id;
END;
CREATE TRIGGER actor_aliases_fts_insert AFTER INSERT ON actor_aliases BEGIN
    UPDATE actors_fts SET aliases = (
        SELECT ifnull(group_concat(alias, ' | '), '') FROM actor_aliases
        WHERE actor_id = new.actor_id) WHERE rowid = new.actor_id;
END;
CREATE TRIGGER actor_aliases_fts_delete AFTER DELETE ON actor_aliases BEGIN
    UPDATE actors_fts SET aliases = (
        SELECT ifnull(group_concat(alias, ' | '), '') FROM actor_aliases
        WHERE actor_id = old.actor_id) WHERE rowid = old.actor_id;
END;
CREATE TRIGGER actor_aliases_fts_update AFTER UPDATE ON actor_aliases BEGIN
    UPDATE actors_fts SET aliases = (
        SELECT ifnull(group_concat(alias, ' | '), '') FROM actor_aliases
        WHERE actor_id = old.actor_id) WHERE rowid = old.actor_id;
    UPDATE actors_fts SET aliases = (
        SELECT ifnull(group_concat(alias, ' | '), '') FROM actor_aliases
        WHERE actor_id = new.actor_id) WHERE rowid = new.actor_id;
END;

-- Briefings --------------------------------------------------------------------------

CREATE TABLE briefings (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    author     TEXT NOT NULL DEFAULT '',
    date       TEXT,
    bluf       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT
);

CREATE TABLE briefing_sections (
    id          INTEGER PRIMARY KEY,
    briefing_id INTEGER NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    heading     TEXT    NOT NULL
);
CREATE INDEX briefing_sections_order ON briefing_sections (briefing_id, position);

-- An item is a claim, an analyst's note (Markdown) or a sub-heading. A claim item keeps a
-- snapshot of its quote, speaker and citation: if the claim or its article is deleted the
-- briefing still has what it quoted (claim_id becomes NULL) and can say the source is gone.
CREATE TABLE briefing_items (
    id               INTEGER PRIMARY KEY,
    section_id       INTEGER NOT NULL REFERENCES briefing_sections (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('claim', 'note', 'heading')),
    claim_id         INTEGER REFERENCES claims (annotation_id) ON DELETE SET NULL,
    text             TEXT    NOT NULL DEFAULT '',
    quote_snapshot   TEXT,
    speaker_snapshot TEXT,
    citation_snapshot TEXT
);
CREATE INDEX briefing_items_order ON briefing_items (section_id, position);
CREATE INDEX briefing_items_claim ON briefing_items (claim_id) WHERE claim_id IS NOT NULL;
