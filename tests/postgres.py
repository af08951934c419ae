"""A throwaway PostgreSQL cluster for the team library's tests, one per test session.

Debian's `postgresql` package gives initdb and pg_ctl under /usr/lib/postgresql/N/bin
(.ci/run installs it). The cluster lives in a temporary folder, listens on a Unix socket
there and on 127.0.0.1 (a free port), trusts the socket and asks passwords over TCP (so a
refused password can be tested), and runs without fsync (nothing in it needs to survive).
PostgreSQL refuses to run as root, and CI runs as root: then the cluster runs as the
`postgres` system user (made if missing) and the folder is handed to it. It is stopped
(immediate shutdown) and removed when the session ends, a failed test or not.

Where no PostgreSQL binaries are found the team tests skip, saying so in one line.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

NO_POSTGRES = "no PostgreSQL binaries (initdb, pg_ctl): apt-get install postgresql"
PASSWORD = "s3cret pass"  # the `analyst` role's, over TCP


@dataclass
class Cluster:
    folder: Path
    socket_dir: Path
    port: int
    bindir: Path
    user: str | None  # the system user it runs as, when we are root
    _teams = itertools.count(1)

    def url(self, database: str = "briefing", role: str = "postgres") -> str:
        """A URL over the Unix socket (trusted: no password)."""
        return f"postgresql://{role}@/{database}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, password: str | None = PASSWORD, database: str = "briefing") -> str:
        from urllib.parse import quote

        secret = f":{quote(password, safe='')}" if password is not None else ""
        return f"postgresql://analyst{secret}@127.0.0.1:{self.port}/{database}"

    def new_team(self) -> str:
        return f"t{next(self._teams)}"

    def admin(self):  # noqa: ANN201 - a psycopg connection
        import psycopg

        return psycopg.connect(self.url(), autocommit=True)


def find_bindir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.access(os.path.join(candidate, "initdb"), os.X_OK):
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as(user: str | None, args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True, user=user, cwd="/")


def _system_user() -> str | None:
    """None when we are not root; else the user to run PostgreSQL as."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"],
            check=True,
            capture_output=True,
        )
    return "postgres"


def start(bindir: Path) -> Cluster:
    user = _system_user()
    folder = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    data, sock = folder / "data", folder / "sock"
    sock.mkdir()
    os.chmod(folder, 0o755)
    if user:
        entry = pwd.getpwnam(user)
        for path in (folder, sock):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    try:
        _run_as(user, [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                       "-E", "UTF8", "--no-sync", "--locale=C"])  # fmt: skip
        with open(data / "pg_hba.conf", "w") as hba:
            hba.write("local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n")
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={sock} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=60"
        )
        _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-s",
                       "-l", str(folder / "log"), "start"])  # fmt: skip
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    cluster = Cluster(folder, sock, port, bindir, user)
    import psycopg

    with psycopg.connect(cluster.url("postgres"), autocommit=True) as conn:
        conn.execute("CREATE DATABASE briefing")
        conn.execute(f"CREATE ROLE analyst LOGIN PASSWORD '{PASSWORD}'")
        conn.execute("GRANT ALL ON DATABASE briefing TO analyst")
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute("GRANT ALL ON SCHEMA public TO analyst")
    return cluster


def stop(cluster: Cluster) -> None:
    try:
        _run_as(cluster.user, [str(cluster.bindir / "pg_ctl"), "-D",
                               str(cluster.folder / "data"), "-m", "immediate", "-w", "-s",
                               "stop"])  # fmt: skip
    finally:
        shutil.rmtree(cluster.folder, ignore_errors=True)
