-- The library's own settings (issue 16): the user name first, which exports sign with
-- (W3C `creator`, ClaimReview `author`) and which records will name as their maker.
--
-- A setting is not a record: it has no uid, is not journaled and does not sync. Each
-- analyst's library says who that analyst is; a team library learns it from each of them.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
