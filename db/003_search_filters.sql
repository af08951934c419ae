-- Search filters answered by indexes instead of by reading each matching article.
--
-- Before, a search narrowed by outlet or date read the article row of every match to test
-- it: at 100k articles a common word matches 10,000 to 85,000 articles, and each read lands
-- on the article's own page (its text is in the row), so `election --outlet X` took 8 ms and
-- `said --since 2000` 200 ms (now 2.8 ms, and 25 ms with the rank window). bench/search.py.
--
-- 1. The outlet goes into the article index as one token, its key, so that FTS5 intersects
--    the words' lists with the outlet's and scores only what is left. The key is U+E002 (a
--    private-use character, which core/search/query.py takes out of typed queries, so no word
--    or prefix* a reader types reaches a key), the hex of the outlet's UTF-8 bytes with ASCII
--    letters lowered, and U+E002 again. Two outlets have the same key exactly when
--    `a = b COLLATE NOCASE`, the comparison the filter had; the key ends in a non-letter, so
--    the porter stemmer leaves it whole. An article with no outlet has no key. The view below spells the key out; core/search/filters.py builds the same
--    key in Python (outlet_key()), and the two must stay the same.
--    Column order: title (0) and text (1) stay first, for snippet() and highlight() by
--    number; the key is column 2, weighted 0 in bm25, so it adds nothing to a score.
--    The index is external content over a view that adds the key to the articles' columns,
--    so FTS5's 'rebuild' computes the key itself. A later migration that rebuilds the
--    articles table must recreate this view.
-- 2. The date filters read a small covering index (id, date_start, date_end) instead of the
--    article rows; search.py names it (INDEXED BY) because the planner prefers the rowid.

DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;

-- The articles as the index sees them. The outlet's ASCII letters are lowered by replace()
-- rather than lower(), which an SQLite built with ICU makes fold other letters too; in two
-- halves, because 26 nested calls overflow SQLite's parser. The inner query is flattened:
-- the view reads an article by its id.
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

-- porter + unicode61 remove_diacritics 2, as before: 'sanction' finds 'sanctions', 'resume'
-- finds 'résumé'.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, outlet_key,
    content = 'articles_fts_content', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- FTS5 keeps the index as segments and merges them as writes come in; a lookup visits every
-- segment that holds the term. After a 100k-article import the index had 23 segments and
-- fetching the 20 snippets of a two-word query took 2.1 ms (1 segment: 0.6 ms). Merging a
-- level once it holds 4 segments instead of 16 leaves 11 at 100k (snippets 1.3 ms) for 7%
-- more import time. The setting is stored in the index, so every writer follows it.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 4);

-- The triggers index what the view shows, so the key is spelled out once: an entry leaves the
-- index before its row changes or goes (its old values read through the view) and comes back
-- after.
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

INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

CREATE INDEX articles_search_dates ON articles (id, date_start, date_end);
