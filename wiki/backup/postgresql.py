"""PostgreSQL: ``pg_dump`` for the snapshot, ``pg_restore`` piped into ``psql`` for the restore.

The dump reads a snapshot exported by a transaction of ours, so the Alembic revision recorded
in the manifest is read from the very state that is dumped. The restore runs in one ``psql``
transaction: first every object of the wiki's that is there now is dropped (tables, functions
and schemas, including ones a newer schema added that the dump does not name, so migrations
can run afterwards), then the dump is loaded. If anything fails, nothing has changed.

The password travels in ``PGPASSWORD``, never on a command line, where other users of the
machine could read it.
"""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from wiki.backup.archive import BackupError

#: where Debian and Ubuntu install each PostgreSQL major version's programs
VERSIONED_BIN_ROOT = Path("/usr/lib/postgresql")

#: drops every object of the database that no extension owns, in one statement list computed
#: before the first drop (a cascade would otherwise remove rows the loop still has to read)
CLEAR_DATABASE = r"""
DO $clear$
DECLARE
  statements text[];
  statement text;
BEGIN
  SELECT coalesce(array_agg(sql ORDER BY rank, sql), '{}') INTO statements FROM (
    SELECT 1 AS rank, format('DROP SCHEMA IF EXISTS %I CASCADE', n.nspname) AS sql
      FROM pg_namespace n
     WHERE n.nspname NOT IN ('public', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = n.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 2, format('DROP %s IF EXISTS %I.%I CASCADE',
                     CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                    WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                     n.nspname, c.relname)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 3, format('DROP ROUTINE IF EXISTS %I.%I(%s) CASCADE',
                     n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 4, format('DROP TYPE IF EXISTS %I.%I CASCADE', n.nspname, t.typname)
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
  ) AS drops;
  FOREACH statement IN ARRAY statements LOOP
    EXECUTE statement;
  END LOOP;
END
$clear$;
"""

#: dump entries left out of a restore: a comment on an extension may only be set by the
#: extension's owner, often a superuser who created it before the wiki's first migration
SKIPPED_ENTRIES = re.compile(r"\bCOMMENT - EXTENSION\b")


def find_tool(name: str) -> str:
    """The program ``name`` on PATH, else the newest in ``VERSIONED_BIN_ROOT``."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        VERSIONED_BIN_ROOT.glob(f"*/bin/{name}"),
        key=lambda path: [int(part) for part in re.findall(r"\d+", path.parent.parent.name)],
    )
    if candidates:
        return str(candidates[-1])
    raise BackupError(
        f"{name} was not found on PATH or in {VERSIONED_BIN_ROOT}/*/bin. Install PostgreSQL's "
        f"client programs, of the server's major version or newer (Debian and Ubuntu: "
        f"apt-get install postgresql-client)."
    )


def dump(engine: Engine, target: Path) -> tuple[str, ...]:
    """Dump the database in custom format to ``target``; returns its Alembic revisions."""
    pg_dump = find_tool("pg_dump")
    options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with engine.connect().execution_options(**options) as connection, connection.begin():
        snapshot_id = connection.scalar(text("SELECT pg_export_snapshot()"))
        versions: tuple[str, ...] = ()
        if connection.scalar(text("SELECT to_regclass('alembic_version')")) is not None:
            versions = tuple(
                sorted(connection.scalars(text("SELECT version_num FROM alembic_version")))
            )
        _run(
            [
                pg_dump,
                "--format=custom",
                f"--snapshot={snapshot_id}",
                f"--file={target}",
                f"--dbname={_conninfo(engine.url)}",
            ],
            engine.url,
        )
    return versions


def check_dump(dump_file: Path) -> list[str]:
    """The dump's table of contents; ``BackupError`` if ``pg_restore`` cannot read it."""
    listing = _run([find_tool("pg_restore"), "--list", str(dump_file)], None).stdout
    return listing.splitlines()


def restore(url: URL, dump_file: Path) -> None:
    """Replace everything in the database at ``url`` with the dump, in one transaction."""
    pg_restore = find_tool("pg_restore")
    # psql must understand what this pg_restore writes: take the one beside it.
    beside = Path(pg_restore).with_name("psql")
    psql = str(beside) if beside.is_file() else find_tool("psql")
    entries = [line for line in check_dump(dump_file) if not SKIPPED_ENTRIES.search(line)]
    with tempfile.TemporaryDirectory(prefix="wiki-restore-") as folder:
        listing, errors = Path(folder) / "entries.list", Path(folder) / "pg_restore.err"
        listing.write_text("\n".join(entries) + "\n")
        with open(errors, "w+") as producer_errors:
            # PostgreSQL's own tools by path, arguments in a list, no shell (bandit B603)
            producer = subprocess.Popen(  # nosec B603
                [
                    pg_restore,
                    "--no-owner",
                    "--no-privileges",
                    f"--use-list={listing}",
                    "--file=-",
                    str(dump_file),
                ],
                stdout=subprocess.PIPE,
                stderr=producer_errors,
            )
            try:
                # PostgreSQL's own tools by path, arguments in a list, no shell (bandit B603)
                loaded = subprocess.run(  # nosec B603
                    [
                        psql,
                        "--no-psqlrc",
                        "--quiet",
                        "--single-transaction",
                        "--set=ON_ERROR_STOP=1",
                        f"--command={CLEAR_DATABASE}",
                        "--file=-",
                        f"--dbname={_conninfo(url)}",
                    ],
                    stdin=producer.stdout,
                    capture_output=True,
                    text=True,
                    env=_environment(url),
                )
            finally:
                producer.stdout.close()
                produced = producer.wait()
            producer_errors.seek(0)
            # psql first: when it stops early, pg_restore fails only for want of a reader.
            if loaded.returncode != 0:
                raise BackupError(
                    f"Loading the dump failed and was rolled back: {loaded.stderr.strip()}"
                )
            if produced != 0:
                raise BackupError(f"pg_restore failed: {producer_errors.read().strip()}")


def _conninfo(url: URL) -> str:
    """``url`` as libpq reads it, without the password (``_environment`` carries that)."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _environment(url: URL | None) -> dict[str, str]:
    environment = dict(os.environ)
    if url is not None and url.password:
        environment["PGPASSWORD"] = str(url.password)
    return environment


def _run(command: list[str], url: URL | None) -> subprocess.CompletedProcess:
    # PostgreSQL's own tools by path, arguments in a list, no shell (bandit B603)
    done = subprocess.run(  # nosec B603
        command, capture_output=True, text=True, env=_environment(url)
    )
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")
    return done
