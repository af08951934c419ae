"""The team library's side: a PostgreSQL schema of records by uid, with a team-wide version.

Nothing of ours runs on the server: PostgreSQL's roles, TLS and replication serve it. A team
library is one schema (`--team NAME`, default "briefing") in a database the team already
has, made on first use and upgraded by its own numbered steps (`SCHEMA_STEPS`), its version
kept in its `meta` table. A Briefing that finds a newer schema than it knows refuses to touch
it, as a library file from a newer Briefing is refused.

    meta     key -> value: the schema's version, the team library's uid, that it is ours
    head     the last version given out; a push takes its row lock first, so pushes follow
             one another and versions are given in the order they commit: a reader that has
             seen version N has seen everything up to N, and asks from there
    records  one row per record (kind, uid): its fields as JSON, its version, a tombstone
             when deleted (with the actor or tag it was merged into, or "withdrawn" for a
             briefing its owner stopped sharing), who made and last changed it, and when
    members  each library that joined: who, when it last synced, how far it has read

`records_match` makes the same article (content hash), actor or tag (name) one record: a
second analyst's copy is found, and the library adopts the team's uid for it.

Passwords come from the URL, PGPASSWORD or ~/.pgpass (libpq reads the last two itself) and
are never stored: the library keeps the URL without its password.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import TYPE_CHECKING, Any

from briefing.core.errors import InvalidInput, TeamUnavailable

if TYPE_CHECKING:
    import psycopg

SCHEMA_VERSION = 2
DEFAULT_TEAM = "briefing"
APP = "briefing"
MIN_SERVER = 130000  # PostgreSQL 13
CONNECT_TIMEOUT_S = 10
_TEAM_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# Each step takes the schema from version i to i + 1; {s} is the schema, quoted.
SCHEMA_STEPS: tuple[str, ...] = (
    """
    CREATE TABLE {s}.meta (key text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE {s}.head (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
    INSERT INTO {s}.head (id, version) VALUES (1, 0);
    CREATE TABLE {s}.records (
        kind        text    NOT NULL,
        uid         text    NOT NULL,
        version     bigint  NOT NULL,
        deleted     boolean NOT NULL DEFAULT false,
        merged_into text,
        withdrawn   boolean NOT NULL DEFAULT false,
        match_key   text,
        data        jsonb   NOT NULL,
        created_by  text,
        changed_by  text,
        changed_at  text    NOT NULL,
        changed_in  text,
        PRIMARY KEY (kind, uid)
    );
    CREATE INDEX records_version ON {s}.records (version);
    CREATE UNIQUE INDEX records_match ON {s}.records (kind, match_key)
        WHERE NOT deleted AND match_key IS NOT NULL;
    CREATE TABLE {s}.members (
        library_uid  text PRIMARY KEY,
        name         text,
        joined_at    text NOT NULL,
        last_sync_at text,
        seen_version bigint NOT NULL DEFAULT 0
    );
    """,
    # 2: records' data compressed with lz4 rather than pglz (PostgreSQL 14 and newer, built
    # with it, as Debian's and the managed services' are): the same size on disk, and a first
    # join of 100k articles spends a third less time in the server. Earlier servers keep pglz.
    """
    DO $step$ BEGIN
        IF current_setting('server_version_num')::int >= 140000 THEN
            EXECUTE 'ALTER TABLE {s}.records ALTER COLUMN data SET COMPRESSION lz4';
        END IF;
    EXCEPTION WHEN OTHERS THEN NULL;  -- a server built without lz4: pglz it is
    END $step$;
    """,
)


def check_team_name(name: str) -> str:
    """A team is a schema: a plain lower-case name, so that it needs no quoting to find."""
    team = name.strip()
    if not _TEAM_NAME.match(team):
        raise InvalidInput(
            f"{name!r} cannot name a team library: use lower-case letters, digits and _ "
            "(at most 63, not starting with a digit)"
        )
    return team


def check_url(url: str) -> str:
    """A PostgreSQL URL (postgresql://user@host/db), else one clear line."""
    text = url.strip()
    parsed = urllib.parse.urlsplit(text)
    if parsed.scheme not in ("postgresql", "postgres"):
        raise InvalidInput(
            f"{_shown(text)!r} is not a PostgreSQL URL: give postgresql://USER@HOST/DATABASE"
        )
    try:
        import psycopg.conninfo

        psycopg.conninfo.conninfo_to_dict(text)
    except Exception as exc:  # noqa: BLE001 - psycopg's ProgrammingError, with its reason
        raise InvalidInput(f"{_shown(text)!r} is not a PostgreSQL URL: {_first_line(exc)}") from exc
    return text


def without_password(url: str) -> str:
    """The URL to keep: its password taken out (of the authority and of ?password=)."""
    parsed = urllib.parse.urlsplit(url)
    netloc = parsed.netloc
    if "@" in netloc:
        userinfo, _, hosts = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}@{hosts}" if user else hosts
    query = urllib.parse.urlencode(
        [(k, v) for k, v in urllib.parse.parse_qsl(parsed.query) if k != "password"]
    )
    return urllib.parse.urlunsplit((parsed.scheme, netloc, parsed.path, query, parsed.fragment))


def _shown(url: str) -> str:
    try:
        return without_password(url)
    except ValueError:
        return "the URL"


def connect(url: str, password: str | None = None) -> psycopg.Connection[Any]:
    """A connection to the team's server, or TeamUnavailable saying why not in one line.
    `password`: one the app asked for and holds for the session (never stored)."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise TeamUnavailable("psycopg (PostgreSQL for Python) is not installed") from exc
    check_url(url)
    try:
        conn = psycopg.connect(
            url,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name="briefing",
            autocommit=True,
            password=password or None,
        )
    except psycopg.Error as exc:
        raise TeamUnavailable(describe(exc, url)) from exc
    try:
        if conn.info.server_version < MIN_SERVER:
            raise TeamUnavailable(
                f"{without_password(url)} runs PostgreSQL {conn.info.server_version // 10000}; "
                "a team library needs PostgreSQL 13 or newer"
            )
    except BaseException:
        conn.close()
        raise
    return conn


def describe(exc: BaseException, url: str) -> str:
    """psycopg's failure in words an analyst can act on, without the password."""
    where = without_password(url)
    text = _first_line(exc)
    low = text.lower()
    if "no password supplied" in low:
        return (
            f"{where}: the server asks for a password; give it in the URL, PGPASSWORD or "
            "~/.pgpass (the library never stores it)"
        )
    if "password authentication failed" in low:
        return f"{where}: the server refused the password ({text})"
    if "does not exist" in low and "database" in low:
        return f"{where}: {text}; create it first (README: Team library)"
    if "role" in low and "does not exist" in low:
        return f"{where}: {text}"
    if any(
        s in low
        for s in (
            "received invalid response",
            "expected authentication request",
            "invalid length of startup packet",
            "unsupported frontend protocol",
            "server closed the connection unexpectedly",
            "bad length in startup packet",
        )
    ):
        return f"{where}: the server there does not speak PostgreSQL ({text})"
    if "timeout" in low or "timed out" in low:
        return f"{where}: no answer from the server in {CONNECT_TIMEOUT_S} s (offline?)"
    if "connection refused" in low or "could not translate host name" in low or "no route" in low:
        return f"{where}: cannot reach the server ({text}); offline?"
    if "terminating connection" in low or "connection" in low and "closed" in low:
        return f"{where}: the connection was lost ({text}); sync again to finish"
    return f"{where}: {text}"


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    # libpq says "connection to server at ... failed: <reason>"; the reason is what matters.
    text = re.sub(r"^connection failed: ", "", lines[0])
    return re.sub(r"^connection to server (at|on) .*? failed: ", "", text)


def schema_version(conn: psycopg.Connection[Any], team: str) -> int | None:
    """The team schema's version; None when there is no such schema. TeamUnavailable when
    the schema is there but is not a Briefing team library."""
    from psycopg import sql

    exists = conn.execute(
        "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (team,)
    ).fetchone()
    if not exists:
        return None
    has_meta = conn.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = 'meta'",
        (team,),
    ).fetchone()
    tables = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s", (team,)
    ).fetchone()
    if not has_meta:
        if tables and tables[0]:
            raise TeamUnavailable(
                f"the schema {team!r} there holds something else (it is not a Briefing team "
                "library); name another team with --team"
            )
        return 0
    rows = dict(
        conn.execute(
            sql.SQL("SELECT key, value FROM {}.meta").format(sql.Identifier(team))
        ).fetchall()
    )
    if rows.get("app") != APP:
        raise TeamUnavailable(
            f"the schema {team!r} there is not a Briefing team library; name another team with "
            "--team"
        )
    return int(rows.get("schema_version", 0))


def ensure_schema(conn: psycopg.Connection[Any], team: str, *, create: bool) -> str:
    """Make or upgrade the team schema to ours; refuse a newer one. Returns the team's uid."""
    import uuid

    from psycopg import sql

    version = schema_version(conn, team)
    if version is not None and version > SCHEMA_VERSION:
        raise TeamUnavailable(
            f"the team library {team!r} was made by a newer Briefing (team schema {version}; "
            f"this one knows {SCHEMA_VERSION}): update Briefing to sync with it"
        )
    if version is None and not create:
        raise TeamUnavailable(f"there is no team library {team!r} there (any more)")
    if version != SCHEMA_VERSION:
        s = sql.Identifier(team)
        with conn.transaction():
            # Two first joins at once: one makes the schema, the other finds it made.
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('briefing-team-schema'))")
            version = schema_version(conn, team)
            if version is None:
                conn.execute(sql.SQL("CREATE SCHEMA {}").format(s))
                version = 0
            for step in SCHEMA_STEPS[version:]:
                conn.execute(sql.SQL(step).format(s=s))
            conn.execute(
                sql.SQL(
                    "INSERT INTO {}.meta (key, value) VALUES ('app', %s), ('schema_version', %s),"
                    " ('team_uid', %s) ON CONFLICT (key) DO UPDATE SET value = "
                    "CASE WHEN {}.meta.key = 'team_uid' THEN {}.meta.value ELSE excluded.value END"
                ).format(s, s, s),
                (APP, str(SCHEMA_VERSION), uuid.uuid4().hex),
            )
    row = conn.execute(
        sql.SQL("SELECT value FROM {}.meta WHERE key = 'team_uid'").format(sql.Identifier(team))
    ).fetchone()
    assert row is not None
    return str(row[0])
