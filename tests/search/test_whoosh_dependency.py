"""Whoosh is whoosh-reloaded, and the parts the backend uses compile without warnings.

Whoosh 2.7.4 emits invalid-escape SyntaxWarnings on Python 3.11 when its modules compile
(on a fresh install, before .pyc files exist); under ``filterwarnings = error`` those would
fail the run. The fork whoosh-reloaded keeps the API; one module still warns
(``whoosh.support.pyparsing``), and nothing here imports it.
"""

import sys
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import wiki.search.whoosh_backend  # noqa: F401  (imports every Whoosh module in use)


def test_whoosh_comes_from_whoosh_reloaded_2_7_5_or_later():
    installed = version("whoosh-reloaded")
    assert tuple(int(part) for part in installed.split(".")[:3]) >= (2, 7, 5)
    try:
        version("Whoosh")
    except PackageNotFoundError:
        pass
    else:  # pragma: no cover - both installed means either may be imported
        raise AssertionError("the original Whoosh is installed beside whoosh-reloaded")


def test_whoosh_modules_in_use_compile_without_warnings():
    modules = [
        module
        for name, module in sys.modules.items()
        if name.split(".")[0] == "whoosh" and getattr(module, "__file__", None)
    ]
    assert len(modules) > 20
    for module in modules:
        source = Path(module.__file__).read_text(encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            compile(source, module.__file__, "exec")
    assert "whoosh.support.pyparsing" not in sys.modules
