-- The outlet leaves the article index: the outlet filter reads the articles_outlet b-tree.
--
-- 1. Since db/007 (and db/003 before it) the article index held each article's outlet as one
--    token, so the outlet filter was part of the MATCH. But an FTS5 row is written whole: the
--    update trigger fired on the outlet, deleted the article from the index and inserted it
--    again, tokenising its title and text twice to change one token. Giving 1,000 articles
--    another outlet took 10.5 s at 100k articles (0.53 s before db/007), and a team sync that
--    pulled 1,000 outlet changes 3.1 s. Now the index holds the title and the text only, its
--    triggers fire on them only, and an outlet edit costs what an author edit does: one row
--    and one entry of articles_outlet (bench/search.py and bench/team.py have the figures).
-- 2. The filter asks articles_outlet (outlet COLLATE NOCASE, db/001) for the outlet's ids once
--    and tests each match's rowid against that list (core/search/filters.py), so it compares
--    exactly as COLLATE NOCASE does, with no key to build. The price falls on a word found in
--    much of the library: each of its matches is tested (about 80 ns each), where FTS5 used to
--    intersect its list with the key's. said --outlet "The Guardian" at 100k articles ranks in
--    about 25 ms of CPU against 16.5 with the key (bench/search.py: within 1.2x of its floor).
--    A second FTS5 table holding only the outlet's key was measured too: slower to query (38 ms
--    against 16 for the list, in one run) and to edit, and a second index of what the b-tree
--    already has.
-- 3. The generated column outlet_key goes with the index that read it (VIRTUAL: nothing was
--    stored, so dropping it rewrites no row). bm25 now weighs an article's length as before
--    db/007, without the key's token.
-- 4. The index is filled again here, an article at a time through briefing_progress() as in
--    db/007, so the app and the command line say how far it is (about 35 s for 100k articles
--    on a busy machine; the claims' and actors' indexes are untouched).

DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;

ALTER TABLE articles DROP COLUMN outlet_key;

-- porter + unicode61 remove_diacritics 2 and the prefix indexes, as in db/007. Columns: title
-- (0), text (1).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content="articles", content_rowid="id",
    tokenize="porter unicode61 remove_diacritics 2", prefix="1 2 3"
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 4);

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

INSERT INTO articles_fts (rowid, title, text)
    SELECT id, title, text FROM articles
    WHERE briefing_progress('Indexing the articles for search',
                            (SELECT count(*) FROM articles))
    ORDER BY id;
