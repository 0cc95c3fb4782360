"""An installed (non-editable) copy must carry every template folder and the migrations."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _data_files() -> dict[str, list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return project["tool"]["setuptools"]["data-files"]


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
