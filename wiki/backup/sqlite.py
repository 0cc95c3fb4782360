"""SQLite: a snapshot through the online backup API, and a restore through it too.

The backup API copies the database in one step inside a read transaction: in WAL mode the
app keeps writing meanwhile, and the copy is the database as of one commit. Restoring through
the same API writes the whole file in one transaction under SQLite's locks, so the live
database is never a mix of old and new pages and its WAL and shared-memory files stay right.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from wiki.backup.archive import BackupError

#: seconds to wait for a lock held by the app's writers
BUSY_TIMEOUT_SECONDS = 30


def snapshot(database: Path, target: Path) -> tuple[str, ...]:
    """Copy ``database`` to a new file ``target``; returns its Alembic revisions."""
    if not database.is_file():
        raise BackupError(f"There is no SQLite database at {database}.")
    source = sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    copy = sqlite3.connect(target, isolation_level=None)
    with closing(source), closing(copy):
        source.backup(copy)
        # One self-contained file: the copy would otherwise stay in WAL mode.
        copy.execute("PRAGMA journal_mode = DELETE")
        check_integrity(copy, target)
        return revisions(copy)


def restore(snapshot_file: Path, database: Path) -> None:
    """Replace the contents of ``database`` with the snapshot, in one transaction."""
    source = sqlite3.connect(snapshot_file, isolation_level=None)
    with closing(source):
        check_integrity(source, snapshot_file)
        live = sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        with closing(live):
            source.backup(live)
            check_integrity(live, database)


def snapshot_revisions(snapshot_file: Path) -> tuple[str, ...]:
    with closing(sqlite3.connect(snapshot_file)) as connection:
        return revisions(connection)


def check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    problems += [repr(row) for row in connection.execute("PRAGMA foreign_key_check")]
    if problems != ["ok"]:
        raise BackupError(f"The SQLite database {path.name} is damaged: {'; '.join(problems)}")


def revisions(connection: sqlite3.Connection) -> tuple[str, ...]:
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError:
        rows = []
    return tuple(sorted(version for (version,) in rows))
