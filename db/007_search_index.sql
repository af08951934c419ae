-- The full-text indexes, declared so that other SQLite tools find them, with prefix indexes.
--
-- 1. Every index names its table as sqlite-utils and Datasette look for it,
--    content="articles" (no spaces, double quotes), so `datasette serve library.sqlite` offers
--    ?_search= on articles, annotations (claims and notes) and actors with no metadata file.
--    Before, the article index read a view (articles_fts_content) and the actor index kept
--    its own copy of the names: no tool could tell which table they searched.
--    * articles: the outlet's key token (db/003) is now a generated column of articles,
--      outlet_key, which the index reads like any other column. The key is U+E002, the hex
--      of the outlet's UTF-8 bytes as written, U+E002: no case folding in SQL any more (the
--      view lowered ASCII letters with 26 nested replace() calls, which a generated column
--      cannot hold: SQLite's parser overflows). The outlet filter asks for the key of every
--      spelling of the outlet the library has (core/search/filters.py), read from the
--      articles_outlet index, so it still compares as COLLATE NOCASE does.
--    * actors: the aliases, joined by ' | ', are a column of actors kept by the triggers on
--      actor_aliases (as the index's own copy was), so the index can read them.
-- 2. prefix='1 2 3': FTS5 keeps a second list for every first one, two and three letters of
--    each token, so `s*` reads one list instead of merging the lists of every word that starts
--    with s (12.5 s at 100k articles, 1 ms now; bench/search.py). It makes the article index
--    2.7 times as large (140 MB to 385 MB at 100k articles).
-- 3. A search with a date filter first asks how many articles the dates alone leave
--    (core/search/article_hits.py): date_end gets an index for `--since` (`--until` reads
--    articles_date_order), so that is a range of an index, not a scan of the table.
-- 4. The indexes are filled once here, an article at a time through briefing_progress(), a
--    function migrate() defines, so the app and the command line show how far it is (about
--    20 s for 100k articles).

-- Articles -------------------------------------------------------------------------------------

DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_unindex;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;
DROP VIEW articles_fts_content;

ALTER TABLE articles ADD COLUMN outlet_key TEXT
    GENERATED ALWAYS AS (char(57346) || nullif(hex(outlet), '') || char(57346)) VIRTUAL;

-- porter + unicode61 remove_diacritics 2, as before: 'sanction' finds 'sanctions', 'resume'
-- finds 'résumé'. Columns: title (0), text (1), the outlet's key (2, weighted 0 in bm25).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, outlet_key,
    content="articles", content_rowid="id",
    tokenize="porter unicode61 remove_diacritics 2", prefix="1 2 3"
);
-- As in db/003: fewer segments for a lookup to visit, for a little more work per import.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 4);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text, outlet_key)
        VALUES (new.id, new.title, new.text, new.outlet_key);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet_key)
        VALUES ('delete', old.id, old.title, old.text, old.outlet_key);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, outlet ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet_key)
        VALUES ('delete', old.id, old.title, old.text, old.outlet_key);
    INSERT INTO articles_fts (rowid, title, text, outlet_key)
        VALUES (new.id, new.title, new.text, new.outlet_key);
END;

INSERT INTO articles_fts (rowid, title, text, outlet_key)
    SELECT id, title, text, outlet_key FROM articles
    WHERE briefing_progress('Indexing the articles for search',
                            (SELECT count(*) FROM articles))
    ORDER BY id;

CREATE INDEX articles_date_end ON articles (date_end);

-- Annotations: claims' and notes' quotes and notes -----------------------------------------------

DROP TRIGGER annotations_fts_insert;
DROP TRIGGER annotations_fts_delete;
DROP TRIGGER annotations_fts_update;
DROP TABLE annotations_fts;

CREATE VIRTUAL TABLE annotations_fts USING fts5(
    quote, note,
    content="annotations", content_rowid="id",
    tokenize="porter unicode61 remove_diacritics 2", prefix="1 2 3"
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

INSERT INTO annotations_fts (rowid, quote, note)
    SELECT id, quote, note FROM annotations
    WHERE briefing_progress('Indexing the claims and notes for search',
                            (SELECT count(*) FROM annotations))
    ORDER BY id;

-- Actors: names and aliases ----------------------------------------------------------------------

DROP TRIGGER actors_fts_insert;
DROP TRIGGER actors_fts_delete;
DROP TRIGGER actors_fts_update;
DROP TRIGGER actor_aliases_fts_insert;
DROP TRIGGER actor_aliases_fts_delete;
DROP TRIGGER actor_aliases_fts_update;
DROP TABLE actors_fts;

-- Every alias of the actor, library-wide and article-bound, as the index had them. Derived:
-- the triggers below keep it, nothing else writes it.
ALTER TABLE actors ADD COLUMN aliases TEXT NOT NULL DEFAULT '';

-- Filling the column is not a change to the actors: the journal's trigger (db/004) stays out
-- of it and comes back as it was.
DROP TRIGGER journal_actors_update;
UPDATE actors SET aliases = (
    SELECT ifnull(group_concat(alias, ' | '), '') FROM actor_aliases WHERE actor_id = actors.id);
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

CREATE VIRTUAL TABLE actors_fts USING fts5(
    name, aliases,
    content="actors", content_rowid="id",
    tokenize="porter unicode61 remove_diacritics 2", prefix="1 2 3"
);
CREATE TRIGGER actors_fts_insert AFTER INSERT ON actors BEGIN
    INSERT INTO actors_fts (rowid, name, aliases) VALUES (new.id, new.name, new.aliases);
END;
CREATE TRIGGER actors_fts_delete AFTER DELETE ON actors BEGIN
    INSERT INTO actors_fts (actors_fts, rowid, name, aliases)
        VALUES ('delete', old.id, old.name, old.aliases);
END;
CREATE TRIGGER actors_fts_update AFTER UPDATE OF name, aliases ON actors BEGIN
    INSERT INTO actors_fts (actors_fts, rowid, name, aliases)
        VALUES ('delete', old.id, old.name, old.aliases);
    INSERT INTO actors_fts (rowid, name, aliases) VALUES (new.id, new.name, new.aliases);
END;
CREATE TRIGGER actor_aliases_fts_insert AFTER INSERT ON actor_aliases BEGIN
    UPDATE actors SET aliases = (
        SELECT ifnull(group_concat(alias, ' | '), '') FROM actor_aliases
        WHERE actor_id = new.actor_id) WHERE id = new.actor_id;
END;
CREATE TRIGGER actor_aliases_fts_delete AFTER DELETE ON actor_aliases BEGIN
    UPDATE actors SET aliases = (
        SELECT ifnull(group_concat(alias, ' | '), '') FROM actor_aliases
        WHERE actor_id = old.actor_id) WHERE id = old.actor_id;
END;
CREATE TRIGGER actor_aliases_fts_update AFTER UPDATE ON actor_aliases BEGIN
    UPDATE actors SET aliases = (
        SELECT ifnull(group_concat(alias, ' | '), '') FROM actor_aliases
        WHERE actor_id = old.actor_id) WHERE id = old.actor_id;
    UPDATE actors SET aliases = (
        SELECT ifnull(group_concat(alias, ' | '), '') FROM actor_aliases
        WHERE actor_id = new.actor_id) WHERE id = new.actor_id;
END;

INSERT INTO actors_fts (actors_fts) VALUES ('rebuild');
