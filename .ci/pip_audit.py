"""Audit the installed dependencies with pip-audit, and say plainly when that was not possible.

pip-audit looks each package up in PyPI's JSON API. Where that service cannot be reached (a
mirror that serves only the package index, no network), it marks every package "not found on
PyPI" and still exits 0 with "No known vulnerabilities found": a silent pass. This script reads
its JSON report instead and prints one of three verdicts:

- ``pip-audit: N packages audited, no known vulnerability`` (exit 0);
- ``pip-audit skipped: service unreachable`` with how many packages it could not look up (exit 0);
- the vulnerable packages (exit 1).

Usage: ``python .ci/pip_audit.py`` (runs pip-audit on this environment) or
``python .ci/pip_audit.py REPORT.json`` (reads a report pip-audit wrote).
"""

import json
import subprocess
import sys
from dataclasses import dataclass

#: what pip-audit writes for a package it could not look up
UNREACHABLE_REASONS = ("not found on PyPI", "Connection", "connection", "timed out", "HTTP")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str


def verdict(report: dict) -> Verdict:
    """What a pip-audit JSON report says: audited, skipped (service unreachable) or vulnerable."""
    packages = [
        p for p in report.get("dependencies", []) if "editable" not in p.get("skip_reason", "")
    ]
    vulnerable = [p for p in packages if p.get("vulns")]
    if vulnerable:
        lines = [
            f"  {p['name']} {p['version']}: " + ", ".join(v["id"] for v in p["vulns"])
            for p in vulnerable
        ]
        return Verdict(False, "pip-audit: known vulnerabilities\n" + "\n".join(lines))
    unreached = [
        p for p in packages
        if any(reason in p.get("skip_reason", "") for reason in UNREACHABLE_REASONS)
    ]
    audited = len(packages) - len(unreached)
    if audited == 0:
        return Verdict(
            True,
            f"pip-audit skipped: service unreachable ({len(unreached)} packages not looked up)",
        )
    message = f"pip-audit: {audited} packages audited, no known vulnerability"
    if unreached:
        names = ", ".join(sorted(p["name"] for p in unreached))
        message += f"; not looked up (service unreachable): {names}"
    return Verdict(True, message)


def run_pip_audit() -> tuple[dict | None, str]:
    """pip-audit's JSON report on this environment (None if it wrote none), and its errors."""
    done = subprocess.run(  # nosec B603 - a fixed command, no shell, no user input
        [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off",
         "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return json.loads(done.stdout), done.stderr
    except json.JSONDecodeError:
        return None, done.stderr


def main(argv: list[str]) -> int:
    if argv:
        with open(argv[0]) as handle:
            report, errors = json.load(handle), ""
    else:
        report, errors = run_pip_audit()
    if report is None:
        if any(reason in errors for reason in UNREACHABLE_REASONS):
            print("pip-audit skipped: service unreachable (pip-audit wrote no report)")
            return 0
        print("pip-audit failed:\n" + errors.strip()[-2000:])
        return 1
    found = verdict(report)
    print(found.message)
    return 0 if found.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
