-- A team library (issue 17): who made each record, shared briefings, and what a sync keeps.
--
-- 1. Who created and last changed each record, and when, on its journal row: the library
--    writes them when a transaction commits (core/provenance.py), from the user name that
--    `briefing whoami` gives; a sync writes the team's names for what it brings in. NULL
--    means not known (records made before this migration, or by another program).
-- 2. A briefing is private until its owner shares it (`briefing brief share ID`).
-- 3. An actor merged into another leaves a redirect, so that a team hears "merged into X"
--    rather than "deleted" and re-points what it still says about the old actor.
-- 4. The team link and what the last sync saw (core/team/): the base of each shared record
--    (the fields as the team held them when this library last synced them, long values as
--    digests) for a three-way merge, and the conflicts the analyst has still to settle.
--    No password is ever stored: it comes from the URL given, PGPASSWORD or ~/.pgpass.

ALTER TABLE journal ADD COLUMN created_by TEXT;
ALTER TABLE journal ADD COLUMN changed_by TEXT;
ALTER TABLE journal ADD COLUMN changed_at TEXT;

ALTER TABLE briefings ADD COLUMN shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1));

CREATE TABLE record_redirects (
    kind      TEXT NOT NULL,
    uid       TEXT NOT NULL,
    into_uid  TEXT NOT NULL,
    PRIMARY KEY (kind, uid)
) WITHOUT ROWID;

CREATE TABLE team_link (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    url             TEXT    NOT NULL,   -- without its password
    team            TEXT    NOT NULL,   -- the schema that holds the team library
    team_uid        TEXT    NOT NULL,   -- the team library's identity
    joined_at       TEXT    NOT NULL,
    pushed_version  INTEGER NOT NULL,   -- local journal version pushed up to
    pulled_version  INTEGER NOT NULL DEFAULT 0,  -- team version pulled up to
    last_sync_at    TEXT,
    last_error      TEXT,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))  -- 0: left
);

CREATE TABLE team_base (
    kind     TEXT    NOT NULL,
    uid      TEXT    NOT NULL,
    version  INTEGER NOT NULL,          -- the team version of the record last synced
    deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    data     TEXT    NOT NULL,          -- JSON: field -> value or {"$sha256": digest}
    PRIMARY KEY (kind, uid)
) WITHOUT ROWID;

CREATE TABLE team_conflicts (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    uid        TEXT NOT NULL,
    field      TEXT NOT NULL,           -- a field's name, or 'deleted' for an edit against a deletion
    mine       TEXT,                    -- JSON
    theirs     TEXT,                    -- JSON
    theirs_by  TEXT,
    found_at   TEXT NOT NULL,
    UNIQUE (kind, uid, field)
);
