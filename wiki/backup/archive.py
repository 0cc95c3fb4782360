"""The backup file: a gzipped tar of ``manifest.json`` and the files it lists, with checksums."""

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

#: changes when a backup's layout changes in a way older code cannot read
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup could not be taken or restored; the message says why and what to do."""


@dataclass(frozen=True)
class Manifest:
    """What a backup holds and where it came from."""

    #: ``FORMAT_VERSION`` of the code that wrote it
    format: int
    #: "sqlite" or "postgresql"
    database: str
    #: when the database snapshot was taken, ISO 8601 in UTC
    created_at: str
    #: the wiki's version that took it
    app_version: str
    #: the database's Alembic revisions (its schema) in the snapshot
    alembic_revisions: tuple[str, ...]
    #: name of each file in the archive and the SHA-256 of its bytes
    files: dict[str, str]

    @property
    def taken_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.created_at)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_archive(target: Path, manifest: Manifest, files: dict[str, Path]) -> None:
    """Write the archive next to ``target`` and move it there whole, readable by the owner only.

    A backup cut short (disk full, killed) never takes the final name.
    """
    partial = target.with_name(target.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            body = json.dumps(dataclasses.asdict(manifest), indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode = len(body), 0o600
            info.mtime = int(manifest.taken_at.timestamp())
            tar.addfile(info, io.BytesIO(body))
            for name, path in files.items():
                member = tar.gettarinfo(path, arcname=name)
                member.mode = 0o600  # password hashes and keys: the owner's eyes only
                with open(path, "rb") as handle:
                    tar.addfile(member, handle)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def read_archive(source: Path, into: Path) -> Manifest:
    """Unpack the files ``source`` lists into the folder ``into``; returns its manifest, checked.

    Only the files the manifest names are written, each under ``into``. Raises ``BackupError``
    for a file that is not a backup, of an unknown format, or whose files are missing or differ
    from their checksums.
    """
    try:
        with tarfile.open(source, mode="r:gz") as tar:
            members = {member.name: member for member in tar.getmembers() if member.isfile()}
            manifest = _manifest(source, tar, members.get(MANIFEST))
            for name in manifest.files:
                parts = PurePosixPath(name).parts
                if name not in members or name.startswith("/") or ".." in parts:
                    raise BackupError(f"{source} is damaged: {name} is missing.")
                target = into.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(members[name]) as packed, open(target, "wb") as unpacked:
                    shutil.copyfileobj(packed, unpacked)
    except (OSError, tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"{source} is not a readable backup: {error}") from error
    for name, checksum in manifest.files.items():
        if sha256_of(into.joinpath(*PurePosixPath(name).parts)) != checksum:
            raise BackupError(f"{source} is damaged: {name} fails its checksum.")
    return manifest


def _manifest(source: Path, tar: tarfile.TarFile, member: tarfile.TarInfo | None) -> Manifest:
    if member is None:
        raise BackupError(f"{source} is not a backup: it has no {MANIFEST}.")
    try:
        with tar.extractfile(member) as handle:
            fields = json.loads(handle.read())
        if fields.get("format") != FORMAT_VERSION:
            raise BackupError(
                f"{source} has backup format {fields.get('format')!r}; this version of the wiki "
                f"reads format {FORMAT_VERSION}."
            )
        return Manifest(**{**fields, "alembic_revisions": tuple(fields["alembic_revisions"])})
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise BackupError(f"{source} has no valid {MANIFEST}: {error}") from error
