-- Bulk writes that keep the change journal exact without paying for it row by row (issue 15).
--
-- 1. The journal's lookup of a live record by id. Migration 004 indexed it as
--    (kind, record_id) WHERE deleted = 0, but with no statistics SQLite's planner prefers
--    the primary key (kind, uid) for `kind = ? AND record_id = ?`, and so read every journal
--    row of the kind: each suggested mention stored read the rows of all 1,000 actors
--    (2.9 million suggestions: 366 s instead of 40), each tag put on an article every
--    article's row. Indexed by record_id alone (the key's kind and uid follow it in every
--    entry), the lookup is one seek, and the planner takes it.
DROP INDEX journal_record;
CREATE INDEX journal_record ON journal (record_id) WHERE deleted = 0;

-- 2. Storing suggestions in bulk. A suggestion is part of its actor: storing one moves the
--    actor to the newest version (migration 004's trigger), which for 2.9 million rows of
--    1,000 actors is 2.9 million moves of the same 1,000 journal rows. While `bulk` is 1 the
--    insert trigger leaves that to the writer, which sets it, inserts a batch, moves each
--    actor that gained rows once, and clears it, all in one transaction
--    (core/actors/suggesting.py); a failure rolls the flag back with the rows. A library
--    found with the flag set is repaired on opening like any other gap in the journal.
ALTER TABLE journal_head ADD COLUMN bulk INTEGER NOT NULL DEFAULT 0 CHECK (bulk IN (0, 1));

DROP TRIGGER journal_mention_suggestions_insert;
CREATE TRIGGER journal_mention_suggestions_insert AFTER INSERT ON mention_suggestions
    WHEN NOT EXISTS (SELECT 1 FROM journal_head WHERE bulk = 1)
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
