-- An import indexes each batch of new articles for search in one statement (issue 15).
--
-- The insert trigger tokenised every article as its row went in. An import stores a batch
-- of a few hundred articles per transaction (core/importing/storing.py); indexing the batch
-- with one INSERT ... SELECT after its rows, in the same transaction, took about a fifth less
-- CPU than the trigger row by row (30k articles, SQL alone: 10.6-11.3 s against 13.4-16.5 s,
-- the same rows; bench/build_library.py has the import's figures). The index is never out of
-- step with a commit: the rows and their index entries commit together or not at all.
--
-- While journal_head.bulk is 1 (db/008: a writer doing in bulk, inside one transaction, what
-- the triggers do row by row) this trigger leaves the article to that writer. The flag is
-- set and cleared inside the writer's transaction, so a crash or a failure rolls it back
-- with the rows; a library found with it set is repaired on opening (core/library.py: the
-- journal's gap, and any article missing from the index is indexed).

DROP TRIGGER articles_fts_insert;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
    WHEN NOT EXISTS (SELECT 1 FROM journal_head WHERE bulk = 1)
BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
