"""An installed (non-editable) copy must carry every template folder, data file and migration."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def _data_files() -> dict[str, list[str]]:
    return _setuptools()["data-files"]


def test_every_template_folder_is_shipped():
    shipped = {target.removeprefix("share/standards-wiki/") for target in _data_files()}
    folders = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*")
        if path.is_dir() and any(child.is_file() for child in path.iterdir())
    }
    assert folders <= shipped, f"add to pyproject data-files: {sorted(folders - shipped)}"


def test_migrations_are_shipped():
    files = _data_files()
    assert files["share/standards-wiki/migrations/versions"] == ["migrations/versions/*.py"]
    assert "migrations/env.py" in files["share/standards-wiki/migrations"]


def test_every_data_file_in_the_package_is_shipped():
    package = ROOT / "wiki"
    shipped = {
        path for pattern in _setuptools()["package-data"]["wiki"] for path in package.glob(pattern)
    }
    # the message catalogue template is for translators; the app reads the compiled catalogues
    needed = {
        path
        for path in package.rglob("*")
        if path.is_file()
        and path.suffix not in {".py", ".pyc"}
        and path.relative_to(package).as_posix() != "translations/messages.pot"
    }
    missing = sorted(str(path.relative_to(package)) for path in needed - shipped)
    assert not missing, f"add to pyproject package-data: {missing}"
