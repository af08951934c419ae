-- The outlet filter finds an article by what the lists show as its outlet: its outlet, or its
-- agency when it has none (core/articles/outlets.py). A Reuters wire text imported without an
-- outlet shows "Reuters" in the library list and the reader; `--outlet Reuters` found nothing.
--
-- The filter reads the outlet's ids from articles_outlet (db/001) as before, and the ids of
-- the articles whose agency stands in from this index: only the articles without an outlet
-- are in it, so it costs nothing where every article has one, and an edit of an article with
-- an outlet never writes it. The outlet is a column of it (NULL or '' there) so that SQLite
-- answers from the index alone, without reading each article's row (100k articles, 13,274 of
-- them agency-only: `said --outlet Reuters` 29 ms with it, the same index without the column
-- read every row). Its WHERE must stay written as the filter writes it, `ifnull(outlet, '') =
-- ''`: SQLite uses a partial index only for a query that repeats that condition.
--
-- Only an index is added: no row changes, nothing is dropped. Building it reads the short
-- columns of every article (the text sits last, on overflow pages it does not touch): 0.2 s
-- for 100k articles, about 0.6 s for 300k.

CREATE INDEX articles_agency_alone ON articles (agency COLLATE NOCASE, outlet)
    WHERE ifnull(outlet, '') = '';
