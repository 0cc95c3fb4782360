"""The pip-audit step never passes silently: a report in which nothing could be looked up says
"skipped: service unreachable", and a known vulnerability fails the step."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "pip_audit.py"
_spec = importlib.util.spec_from_file_location("pip_audit_step", SCRIPT)
step = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(step)

EDITABLE = {"name": "standards-wiki", "skip_reason": "distribution marked as editable"}


def unreached(name):
    return {"name": name, "skip_reason": f"Dependency not found on PyPI and could not be "
            f"audited: {name} (1.0)"}


def audited(name, *vulns):
    return {"name": name, "version": "1.0", "vulns": [{"id": v} for v in vulns]}


def test_nothing_looked_up_is_reported_as_skipped_not_as_clean():
    found = step.verdict({"dependencies": [EDITABLE, unreached("flask"), unreached("nh3")]})
    assert found.ok
    assert found.message.startswith("pip-audit skipped: service unreachable")
    assert "no known vulnerability" not in found.message


def test_a_known_vulnerability_fails_the_step_and_names_it():
    found = step.verdict({"dependencies": [audited("flask"), audited("jinja2", "PYSEC-1")]})
    assert not found.ok
    assert "jinja2 1.0: PYSEC-1" in found.message


def test_a_clean_audit_says_how_many_packages_it_looked_up():
    found = step.verdict({"dependencies": [EDITABLE, audited("flask"), audited("nh3")]})
    assert found.ok
    assert found.message == "pip-audit: 2 packages audited, no known vulnerability"


def test_a_partial_audit_names_what_it_could_not_look_up():
    found = step.verdict({"dependencies": [audited("flask"), unreached("nh3")]})
    assert found.ok
    assert "1 packages audited" in found.message
    assert "not looked up (service unreachable): nh3" in found.message
