-- Orders the library list sorts by, as indexes, so that sorting 100k articles reads an index
-- instead of sorting the table (bench/app.py: sorting by title or date went from ~200 ms).
--   by date, newest first: date_start DESC (undated ones, NULL, come last by themselves);
--   by date, oldest first: undated last needs the expression (date_start IS NULL) in front;
--   by title: case-blind, as the list shows it.
-- Counting claims per article for the "claims" order reads (kind, article_id).
DROP INDEX articles_date;
CREATE INDEX articles_date_order ON articles (date_start, date, id);
CREATE INDEX articles_undated_last ON articles (date_start IS NULL, date_start, date, id);
CREATE INDEX articles_title ON articles (title COLLATE NOCASE, id);
DROP INDEX annotations_kind;
CREATE INDEX annotations_kind ON annotations (kind, article_id);
