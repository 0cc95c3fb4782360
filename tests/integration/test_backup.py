"""``flask backup`` and ``flask restore`` against databases of their own, with real commits.

The main proof: a backup taken while a thread keeps saving revisions restores every revision
committed before the backup started, each whole (chains contiguous, heads right, hashes
matching the text), and search finds them without anyone reindexing by hand.
"""

import contextlib
import dataclasses
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from tests.conftest import ThrowawayDatabase, dispose_app, make_app
from tests.factories import full_committee
from tests.saves import assert_revisions_whole, body_with, marker, revision_rows
from tests.standard_factories import create_standard
from wiki.accounts.models import User
from wiki.backup import postgresql, sqlite
from wiki.backup.archive import BackupError, read_archive, sha256_of, write_archive
from wiki.backup.operations import DATABASE_FILES
from wiki.committees.actors import actor_for_user
from wiki.extensions import db
from wiki.search.maintenance import check_index
from wiki.search.outbox import pending_count
from wiki.search.results import find
from wiki.search.visibility import Visibility
from wiki.standards import operations
from wiki.standards.models import Revision, Standard

STANDARDS = 3
#: saves committed before the backup starts
SAVES_BEFORE = 12

postgresql_only = pytest.mark.skipif("config.getoption('--db') != 'postgresql'")


@pytest.fixture(autouse=True)
def _transaction_per_test():
    """Real commits, backups and restores: databases of their own, not the shared one."""


@dataclasses.dataclass
class Wiki:
    """An app on a throwaway database, with the ids its tests need."""

    app: object
    database: ThrowawayDatabase
    committee_id: int = 0
    author_id: int = 0
    standard_ids: tuple[int, ...] = ()

    def cli(self, *args):
        with self.app.app_context():
            return self.app.test_cli_runner().invoke(args=[str(arg) for arg in args])


@contextlib.contextmanager
def wiki_in(db_kind: str, directory: Path, revision: str = "heads") -> Iterator[Wiki]:
    """A wiki with no data, migrated to ``revision``, disposed of afterwards."""
    app, database = make_app(db_kind, directory, revision)
    try:
        yield Wiki(app, database)
    finally:
        dispose_app(app, database)


@pytest.fixture
def new_wiki(db_kind, tmp_path) -> Iterator[Wiki]:
    with wiki_in(db_kind, tmp_path / "target") as wiki:
        yield wiki


@pytest.fixture(scope="module")
def empty_wiki(db_kind, tmp_path_factory) -> Iterator[Wiki]:
    """A wiki with no data, for the tests of refused restores (which must change nothing)."""
    with wiki_in(db_kind, tmp_path_factory.mktemp("empty")) as wiki:
        yield wiki


@pytest.fixture(scope="module")
def origin(db_kind, tmp_path_factory) -> Iterator[Wiki]:
    """A wiki with a committee and three draft standards, committed."""
    with wiki_in(db_kind, tmp_path_factory.mktemp("origin")) as wiki:
        with wiki.app.app_context():
            committee, people = full_committee(name="Comité de Turismo", sector="Turismo")
            chair = people["chair"]
            standards = [
                create_standard(chair, committee, title=f"Atención a comensales {n}")
                for n in range(1, STANDARDS + 1)
            ]
            db.session.commit()
            wiki.committee_id, wiki.author_id = committee.id, chair.id
            wiki.standard_ids = tuple(standard.id for standard in standards)
            db.session.remove()
        yield wiki


@pytest.fixture(scope="module")
def origin_backup(origin, tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("backups") / "origin.tar.gz"
    taken = origin.cli("backup", "--output", archive)
    assert taken.exit_code == 0, taken.output
    return archive


class Saver(threading.Thread):
    """Saves revisions through the real operation, one commit each, until stopped.

    ``saved`` lists ``(standard_id, number, marker)`` of each save after its commit returned.
    Once ``hold`` is set, the next save stays flushed but uncommitted (``holding``, ``held``)
    until ``release`` is set: a save half-way through its transaction.
    """

    def __init__(self, wiki: Wiki):
        super().__init__(name="saver", daemon=True)
        self.wiki = wiki
        self.saved: list[tuple[int, int, str]] = []
        self.halt = threading.Event()
        self.hold, self.holding, self.release = (threading.Event() for _ in range(3))
        self.held: tuple[int, int, str] | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        with self.wiki.app.app_context():
            try:
                n = 0
                while not self.halt.is_set():
                    standard_id = self.wiki.standard_ids[n % STANDARDS]
                    head = db.session.get(Standard, standard_id).head_revision
                    word = marker(n)
                    result = operations.save_revision(
                        actor_for_user(db.session.get(User, self.wiki.author_id)),
                        standard_id,
                        base_number=head.number,
                        title=head.title,
                        body=body_with(word),
                        summary=word,
                    )
                    if self.hold.is_set():
                        self.hold.clear()
                        self.held = (standard_id, result.revision.number, word)
                        self.holding.set()
                        self.release.wait(60)
                    db.session.commit()
                    self.saved.append((standard_id, result.revision.number, word))
                    n += 1
            except BaseException as error:  # the test fails on it
                self.error = error
            finally:
                db.session.remove()

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.saved) < count:
            assert self.error is None, self.error
            assert time.monotonic() < deadline, f"only {len(self.saved)} saves in {timeout}s"
            time.sleep(0.01)


def rows_of(wiki: Wiki) -> list:
    with wiki.app.app_context():
        try:
            return revision_rows(db.session)
        finally:
            db.session.remove()


def searched(wiki: Wiki, word: str) -> list[int]:
    with wiki.app.app_context():
        try:
            page = find(
                word,
                Visibility(frozenset({wiki.committee_id})),
                backend=wiki.app.extensions["search"],
                session=db.session,
            )
            return [hit.standard_id for hit in page.results.hits]
        finally:
            db.session.remove()


def test_a_backup_taken_during_saves_restores_every_revision_committed_before_it(
    origin, new_wiki, tmp_path, db_kind, monkeypatch
):
    """The snapshot is fixed while a save is half-way through its transaction; more saves
    commit while the backup goes on. The copy holds exactly what was committed before."""
    archive = tmp_path / "during-saves.tar.gz"
    saver = Saver(origin)
    # The call each backup makes once its snapshot is fixed (SQLite: copied; PostgreSQL:
    # exported, pg_dump about to read it): there the held save commits, and two more.
    module, name = (sqlite, "revisions") if db_kind == "sqlite" else (postgresql, "_run")
    fixed = getattr(module, name)

    def snapshot_fixed(*args, **kwargs):
        assert not saver.saved[len(committed_before) :], "a save committed before the snapshot"
        saver.release.set()
        saver.wait_for(len(committed_before) + 3)
        return fixed(*args, **kwargs)

    saver.start()
    try:
        saver.wait_for(SAVES_BEFORE)
        saver.hold.set()
        assert saver.holding.wait(30)
        committed_before = list(saver.saved)
        started = time.monotonic()
        with monkeypatch.context() as patch:
            patch.setattr(module, name, snapshot_fixed)
            taken = origin.cli("backup", "--output", archive)
        seconds = time.monotonic() - started
        during = len(saver.saved) - len(committed_before)
        saver.wait_for(len(saver.saved) + 3)  # still saving after the backup
    finally:
        saver.release.set()
        saver.halt.set()
        saver.join(30)
    assert saver.error is None, saver.error
    assert taken.exit_code == 0, taken.output
    assert during >= 3 and saver.held in saver.saved[len(committed_before) :]
    print(
        f"{db_kind}: {len(committed_before)} saves before the backup, {during} committed while "
        f"it ran ({seconds:.2f} s), {len(saver.saved)} in all"
    )

    target = new_wiki
    target.committee_id = origin.committee_id
    restored = target.cli("restore", archive)
    assert restored.exit_code == 0, restored.output
    assert f"Rebuilt the search index: {STANDARDS} documents." in restored.output

    with target.app.app_context():
        by_standard = assert_revisions_whole(db.session)
        db.session.remove()
    found = {(row.standard_id, row.number): row for rows in by_standard.values() for row in rows}
    for standard_id, number, word in committed_before:
        row = found[(standard_id, number)]
        assert row.summary == word and f"Marca de la copia: {word}." in row.body_markdown
    # Exactly those: not the save half-way through, nor any committed after the snapshot.
    assert len(found) == STANDARDS + len(committed_before)
    for rows in by_standard.values():
        assert searched(target, rows[-1].summary) == [rows[0].standard_id]
    with target.app.app_context():
        assert check_index(target.app.extensions["search"]).clean
        assert pending_count(db.session) == 0
        db.session.remove()


def test_restore_refuses_a_database_with_data_unless_forced_and_then_replaces_it(
    origin, origin_backup
):
    before = rows_of(origin)
    with origin.app.app_context():
        standard = db.session.get(Standard, origin.standard_ids[0])
        operations.save_revision(
            actor_for_user(db.session.get(User, origin.author_id)),
            standard.id,
            base_number=standard.head_revision.number,
            title=standard.head_revision.title,
            body=body_with("posterior"),
        )
        db.session.commit()
        db.session.remove()
    after_save = rows_of(origin)
    assert searched(origin, "posterior") == [origin.standard_ids[0]]

    refused = origin.cli("restore", origin_backup)
    assert refused.exit_code == 1
    assert "already holds data" in refused.output and "--force" in refused.output
    assert rows_of(origin) == after_save

    forced = origin.cli("restore", "--force", origin_backup)
    assert forced.exit_code == 0, forced.output
    assert rows_of(origin) == before
    assert searched(origin, "posterior") == []


def test_restore_migrates_a_backup_of_an_older_schema(db_kind, new_wiki, tmp_path):
    migrate = new_wiki.app.extensions["migrate"].migrate
    with new_wiki.app.app_context():
        script = ScriptDirectory.from_config(migrate.get_config())
        heads = sorted(script.get_heads())
        previous = script.get_revision(heads[0]).down_revision
    archive = tmp_path / "older.tar.gz"
    with wiki_in(db_kind, tmp_path / "older", revision=previous) as older:
        taken = older.cli("backup", "--output", archive)
        assert taken.exit_code == 0, taken.output

    restored = new_wiki.cli("restore", archive)
    assert restored.exit_code == 0, restored.output
    assert f"Migrated its schema from {previous}." in restored.output
    with new_wiki.app.app_context():
        versions = db.session.scalars(text("SELECT version_num FROM alembic_version")).all()
        db.session.remove()
    assert sorted(versions) == heads


def test_the_generated_secret_key_travels_with_the_backup(origin, new_wiki, tmp_path):
    key = Path(origin.app.instance_path) / "secret_key"
    key.write_text("clave-generada-en-el-primer-arranque")
    archive = tmp_path / "with-key.tar.gz"
    try:
        assert origin.cli("backup", "--output", archive).exit_code == 0
    finally:
        key.unlink()
    restored = new_wiki.cli("restore", archive)
    assert restored.exit_code == 0, restored.output
    assert "Restored instance/secret_key." in restored.output
    copy = Path(new_wiki.app.instance_path) / "secret_key"
    assert copy.read_text() == "clave-generada-en-el-primer-arranque"
    assert copy.stat().st_mode & 0o077 == 0


def test_restore_leaves_nothing_of_the_database_it_replaces(origin_backup, new_wiki):
    # Such as a table a newer version made: left there, migrations could not create it again.
    with new_wiki.app.app_context():
        db.session.execute(text("CREATE TABLE leftover (id INTEGER PRIMARY KEY)"))
        db.session.execute(text("CREATE VIEW leftover_view AS SELECT id FROM leftover"))
        db.session.commit()
    restored = new_wiki.cli("restore", origin_backup)
    assert restored.exit_code == 0, restored.output
    with new_wiki.app.app_context():
        tables = inspect(db.engine).get_table_names()
        views = inspect(db.engine).get_view_names()
        accounts = db.session.scalars(select(User.id)).all()
        db.session.remove()
    assert "leftover" not in tables and "leftover_view" not in views
    assert "revisions" in tables and len(accounts) == 5


def rewritten(archive: Path, folder: Path, change) -> Path:
    """A copy of ``archive`` after ``change(manifest, unpacked_folder)`` returned a manifest."""
    unpacked = folder / "unpacked"
    unpacked.mkdir()
    manifest = change(read_archive(archive, unpacked), unpacked)
    copy = folder / "rewritten.tar.gz"
    write_archive(copy, manifest, {name: unpacked / name for name in manifest.files})
    return copy


def assert_still_empty(wiki: Wiki) -> None:
    with wiki.app.app_context():
        assert db.session.scalars(select(User.id)).all() == []
        assert db.session.scalars(select(Revision.id)).all() == []
        db.session.remove()


def test_restore_refuses_a_backup_of_a_newer_schema_and_changes_nothing(
    origin_backup, empty_wiki, tmp_path
):
    newer = rewritten(
        origin_backup,
        tmp_path,
        lambda manifest, _: dataclasses.replace(manifest, alembic_revisions=("f00dfeedc0de",)),
    )
    refused = empty_wiki.cli("restore", newer)
    assert refused.exit_code == 1
    assert "f00dfeedc0de" in refused.output and "newer version" in refused.output
    assert_still_empty(empty_wiki)


def test_restore_refuses_a_backup_of_the_other_kind_of_database(
    origin_backup, empty_wiki, tmp_path, db_kind
):
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[db_kind]
    changed = rewritten(
        origin_backup, tmp_path, lambda manifest, _: dataclasses.replace(manifest, database=other)
    )
    refused = empty_wiki.cli("restore", changed)
    assert refused.exit_code == 1
    assert f"holds a {other} database" in refused.output
    assert_still_empty(empty_wiki)


def flip_a_byte_of_the_database(manifest, unpacked: Path):
    (name,) = (name for name in manifest.files if name in DATABASE_FILES.values())
    data = bytearray((unpacked / name).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (unpacked / name).write_bytes(bytes(data))
    return manifest


def test_a_damaged_or_cut_backup_is_refused_before_anything_changes(
    origin_backup, empty_wiki, tmp_path
):
    damaged = rewritten(origin_backup, tmp_path, flip_a_byte_of_the_database)
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(origin_backup.read_bytes()[: origin_backup.stat().st_size // 2])

    refused = empty_wiki.cli("restore", damaged)
    assert refused.exit_code == 1 and "fails its checksum" in refused.output
    refused = empty_wiki.cli("restore", cut)
    assert refused.exit_code == 1 and "is not a readable backup" in refused.output
    assert_still_empty(empty_wiki)


def without_the_database(manifest, unpacked: Path):
    files = {k: v for k, v in manifest.files.items() if k not in DATABASE_FILES.values()}
    return dataclasses.replace(manifest, files=files)


def with_a_strange_instance_file(manifest, unpacked: Path):
    (unpacked / "instance").mkdir(exist_ok=True)
    (unpacked / "instance" / "wiki.db").write_text("not ours to write")
    checksum = sha256_of(unpacked / "instance" / "wiki.db")
    return dataclasses.replace(manifest, files={**manifest.files, "instance/wiki.db": checksum})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (without_the_database, "holds no database"),
        (with_a_strange_instance_file, "unexpected instance file: wiki.db"),
    ],
)
def test_a_backup_missing_its_database_or_holding_other_files_changes_nothing(
    origin_backup, empty_wiki, tmp_path, change, message
):
    refused = empty_wiki.cli("restore", rewritten(origin_backup, tmp_path, change))
    assert refused.exit_code == 1
    assert message in refused.output
    assert_still_empty(empty_wiki)


def test_a_backup_naming_a_file_outside_its_folder_is_refused(origin_backup, tmp_path):
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    manifest = read_archive(origin_backup, unpacked)
    outside = tmp_path / "outside"
    outside.write_text("written where the restore unpacks nothing")
    files = {name: unpacked / name for name in manifest.files} | {"../outside": outside}
    escaping = tmp_path / "escaping.tar.gz"
    write_archive(
        escaping,
        dataclasses.replace(manifest, files={**manifest.files, "../outside": sha256_of(outside)}),
        files,
    )
    outside.unlink()
    into = tmp_path / "into"
    into.mkdir()
    with pytest.raises(BackupError, match="outside is missing"):
        read_archive(escaping, into)
    assert not outside.exists()


def test_a_backup_never_overwrites_a_file(origin, tmp_path):
    archive = tmp_path / "taken.tar.gz"
    archive.write_text("something else")
    refused = origin.cli("backup", "--output", archive)
    assert refused.exit_code == 1 and "exists already" in refused.output
    assert archive.read_text() == "something else"


def test_a_backup_into_a_folder_takes_a_dated_name_and_a_missing_folder_is_refused(
    origin, tmp_path
):
    taken = origin.cli("backup", "--output", tmp_path)
    assert taken.exit_code == 0, taken.output
    assert [path.name for path in tmp_path.glob("wiki-backup-*.tar.gz")] != []
    missing = origin.cli("backup", "--output", f"{tmp_path / 'absent'}/")
    assert missing.exit_code == 1 and "does not exist" in missing.output
    assert not (tmp_path / "absent").exists()


def test_a_backup_without_output_goes_to_the_instance_folder_readable_by_its_owner(origin):
    folder = Path(origin.app.instance_path) / "backups"
    earlier = set(folder.glob("*")) if folder.exists() else set()
    taken = origin.cli("backup")
    assert taken.exit_code == 0, taken.output
    (archive,) = set(folder.glob("wiki-backup-*.tar.gz")) - earlier
    assert str(archive) in taken.output
    assert archive.stat().st_mode & 0o077 == 0


def test_a_missing_postgresql_program_is_named_with_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(postgresql, "VERSIONED_BIN_ROOT", tmp_path)
    with pytest.raises(BackupError, match=r"pg_dump was not found.*postgresql-client"):
        postgresql.find_tool("pg_dump")


def test_the_newest_versioned_postgresql_program_is_taken_when_none_is_on_path(
    monkeypatch, tmp_path
):
    for version in ("9.6", "15", "16"):
        program = tmp_path / version / "bin" / "pg_dump"
        program.parent.mkdir(parents=True)
        program.write_text("")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(postgresql, "VERSIONED_BIN_ROOT", tmp_path)
    assert postgresql.find_tool("pg_dump") == str(tmp_path / "16" / "bin" / "pg_dump")


@postgresql_only
def test_the_database_password_reaches_pg_dump_in_its_environment_not_its_arguments(
    origin, tmp_path, monkeypatch
):
    # The shared server trusts local connections, so any password connects; none may show.
    password = "contraseña-secreta-9"
    with origin.app.app_context():
        engine = db.create_engine(db.engine.url.set(password=password))
    calls = []
    real_run = postgresql.subprocess.run

    def spy(command, **options):
        calls.append((command, options.get("env", {})))
        return real_run(command, **options)

    monkeypatch.setattr(postgresql.subprocess, "run", spy)
    try:
        postgresql.dump(engine, tmp_path / "dump")
    finally:
        engine.dispose()
    ((command, environment),) = calls
    assert not any(password in argument for argument in command)
    assert environment["PGPASSWORD"] == password
    assert (tmp_path / "dump").stat().st_size > 0
