-- Search filters answered by indexes instead of by reading each matching article.
--
-- Before, a search narrowed by outlet or date read the article row of every match to test
-- it: at 100k articles a common word matches 10,000 to 85,000 articles, and each read lands
-- on the article's own page (its text is in the row), so `election --outlet X` took 6 ms and
-- `said --since 2000` 240 ms. See bench/search.py.
--
-- 1. The outlet goes into the article index as one token, its key, so that FTS5 intersects
--    the words' lists with the outlet's and scores only what is left. The key is U+E002 (a
--    private-use character, which core/fts_query.py takes out of typed queries, so no word
--    or prefix* a reader types reaches a key), the hex of the outlet's UTF-8 bytes with ASCII
--    letters lowered, and U+E002 again. Two outlets have the
--    same key exactly when `a = b COLLATE NOCASE`, the comparison the filter had; the key
--    ends in a non-letter, so the porter stemmer leaves it whole. An article with no outlet
--    has no key. core/search.py builds the same key in Python (outlet_key()); the expression
--    is repeated in the view and the three triggers below and must stay the same in all four.
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

CREATE VIEW articles_fts_content AS
    SELECT id, title, text,
           char(57346) || nullif(lower(hex(lower(outlet))), '') || char(57346) AS outlet_key
    FROM articles;

-- porter + unicode61 remove_diacritics 2, as before: 'sanction' finds 'sanctions', 'resume'
-- finds 'résumé'.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, outlet_key,
    content = 'articles_fts_content', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text, outlet_key)
        VALUES (new.id, new.title, new.text,
                char(57346) || nullif(lower(hex(lower(new.outlet))), '') || char(57346));
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet_key)
        VALUES ('delete', old.id, old.title, old.text,
                char(57346) || nullif(lower(hex(lower(old.outlet))), '') || char(57346));
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, outlet ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet_key)
        VALUES ('delete', old.id, old.title, old.text,
                char(57346) || nullif(lower(hex(lower(old.outlet))), '') || char(57346));
    INSERT INTO articles_fts (rowid, title, text, outlet_key)
        VALUES (new.id, new.title, new.text,
                char(57346) || nullif(lower(hex(lower(new.outlet))), '') || char(57346));
END;

INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

CREATE INDEX articles_search_dates ON articles (id, date_start, date_end);
