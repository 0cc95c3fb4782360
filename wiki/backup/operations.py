"""Taking a backup of the configured database and instance folder, and restoring one."""

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import func, inspect, select

from wiki.accounts.models import User
from wiki.backup import postgresql, sqlite
from wiki.backup.archive import (
    FORMAT_VERSION,
    BackupError,
    Manifest,
    read_archive,
    sha256_of,
    write_archive,
)
from wiki.extensions import db
from wiki.search.backends import current_backend
from wiki.search.maintenance import rebuild_index

#: the database snapshot inside the archive, by database kind
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
#: files of the instance folder that cannot be rebuilt (the search index can)
INSTANCE_FILES = ("secret_key",)
#: the folder in the archive that holds them
INSTANCE_FOLDER = "instance"
#: the folder, in the instance folder, of backups taken without ``--output``
DEFAULT_FOLDER = "backups"


@dataclass(frozen=True)
class Restored:
    """What ``restore_backup`` did."""

    manifest: Manifest
    #: the schema the backup had, when migrations brought it up to this code's
    upgraded_from: tuple[str, ...] | None
    #: instance files written back
    files: tuple[str, ...]
    #: documents in the rebuilt search index
    documents: int


def database_kind() -> str:
    return "postgresql" if db.engine.dialect.name == "postgresql" else "sqlite"


def take_backup(output: str | None = None) -> tuple[Path, Manifest]:
    """Write a backup to ``output`` (a file, or a folder for a dated name); the app may run.

    Raises ``BackupError`` if the file exists, the database has no schema yet, or the
    database tool fails.
    """
    kind = database_kind()
    created_at = dt.datetime.now(dt.UTC)
    target = _target(output, created_at)
    with tempfile.TemporaryDirectory(prefix=".wiki-backup-", dir=target.parent) as folder:
        snapshot = Path(folder) / DATABASE_FILES[kind]
        if kind == "sqlite":
            revisions = sqlite.snapshot(_sqlite_path(), snapshot)
        else:
            revisions = postgresql.dump(db.engine, snapshot)
        if not revisions:
            raise BackupError("The database has no schema yet (run `flask db upgrade`).")
        files = {DATABASE_FILES[kind]: snapshot}
        for name in INSTANCE_FILES:
            path = Path(current_app.instance_path) / name
            if path.is_file():
                files[f"{INSTANCE_FOLDER}/{name}"] = path
        manifest = Manifest(
            format=FORMAT_VERSION,
            database=kind,
            created_at=created_at.isoformat(timespec="seconds"),
            app_version=_app_version(),
            alembic_revisions=revisions,
            files={name: sha256_of(path) for name, path in files.items()},
        )
        write_archive(target, manifest, files)
    return target, manifest


def restore_backup(source: Path, *, force: bool = False) -> Restored:
    """Bring back the database and instance files of a backup, then rebuild the search index.

    Everything is checked before anything changes: the archive and its checksums, the kind of
    database, a schema this code knows, and (unless ``force``) that the database holds no
    accounts yet. A backup from an older version is migrated to this code's schema.
    """
    kind = database_kind()
    with tempfile.TemporaryDirectory(prefix="wiki-restore-") as folder:
        unpacked = Path(folder)
        manifest = read_archive(source, unpacked)
        if manifest.database != kind:
            raise BackupError(
                f"{source} holds a {manifest.database} database, but the wiki is configured "
                f"for {kind}; a backup is restored into the kind of database it came from."
            )
        heads = _check_schema(manifest.alembic_revisions)
        instance_files = _instance_files(manifest)
        if DATABASE_FILES[kind] not in manifest.files:
            raise BackupError(f"{source} is damaged: it holds no {DATABASE_FILES[kind]}.")
        snapshot = unpacked / DATABASE_FILES[kind]
        if kind == "postgresql":
            postgresql.check_dump(snapshot)
        accounts = _account_count()
        if accounts and not force:
            raise BackupError(
                f"The database already holds data ({accounts} accounts). Restoring replaces "
                f"all of it: add --force to do so."
            )
        db.session.remove()
        db.engine.dispose()
        if kind == "sqlite":
            sqlite.restore(snapshot, _sqlite_path())
        else:
            postgresql.restore(db.engine.url, snapshot)
        db.engine.dispose()
        files = tuple(_restore_instance_file(unpacked, name) for name in instance_files)
    upgraded_from = None
    if manifest.alembic_revisions != heads:
        upgrade(revision="heads")
        upgraded_from = manifest.alembic_revisions
    documents = rebuild_index(current_backend())
    return Restored(manifest, upgraded_from, files, documents)


def _target(output: str | None, created_at: dt.datetime) -> Path:
    """The file to write: ``output``, or a dated name in the folder it names (or the default)."""
    name = f"wiki-backup-{created_at:%Y%m%dT%H%M%SZ}.tar.gz"
    if output is None:
        folder = Path(current_app.instance_path) / DEFAULT_FOLDER
        folder.mkdir(mode=0o700, exist_ok=True)
        target = folder / name
    elif output.endswith(os.sep) or Path(output).is_dir():
        target = Path(output) / name
    else:
        target = Path(output)
    if target.exists():
        raise BackupError(f"{target} exists already; name another file.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    return target


def _sqlite_path() -> Path:
    database = db.engine.url.database
    if not database or database == ":memory:":
        raise BackupError("The SQLite database is in memory; there is no file to back up.")
    return Path(database)


def _app_version() -> str:
    try:
        return metadata.version("standards-wiki")
    except metadata.PackageNotFoundError:
        return "unknown"


def _check_schema(revisions: tuple[str, ...]) -> tuple[str, ...]:
    """This code's schema heads; ``BackupError`` if the backup's schema is unknown to it."""
    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    unknown = []
    for revision in revisions:
        try:
            if script.get_revision(revision) is None:
                unknown.append(revision)
        except (CommandError, RevisionError):
            unknown.append(revision)
    if unknown or not revisions:
        raise BackupError(
            f"The backup's database schema ({', '.join(unknown) or 'none'}) is unknown to this "
            f"version of the wiki; it was taken by a newer version. Restore it with that "
            f"version or a later one."
        )
    return tuple(sorted(script.get_heads()))


def _account_count() -> int:
    with db.engine.connect() as connection:
        if not inspect(connection).has_table(User.__tablename__):
            return 0
        return connection.scalar(select(func.count()).select_from(User.__table__)) or 0


def _instance_files(manifest: Manifest) -> list[str]:
    """The instance files the backup holds; ``BackupError`` for one that is not ours."""
    prefix = f"{INSTANCE_FOLDER}/"
    names = [name[len(prefix) :] for name in manifest.files if name.startswith(prefix)]
    for name in names:
        if name not in INSTANCE_FILES:
            raise BackupError(f"The backup holds an unexpected instance file: {name}")
    return names


def _restore_instance_file(unpacked: Path, name: str) -> str:
    target = Path(current_app.instance_path) / name
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write((unpacked / INSTANCE_FOLDER / name).read_bytes())
    return name
