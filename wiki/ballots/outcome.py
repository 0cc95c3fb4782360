"""A verdict kept on a closed ballot, so its page shows what held when it closed.

Membership changes after closing must not rewrite history, so the verdict is stored rather than
evaluated again. Plain values in and out: no Flask, no database.
"""

from collections.abc import Mapping
from dataclasses import asdict

from wiki.ballots.consensus import GroupTally, Tally, Unmet, Verdict
from wiki.roles import StakeholderGroup


def verdict_to_dict(verdict: Verdict) -> dict:
    """A JSON-safe dict of the verdict, read back by ``verdict_from_dict``."""
    tally = verdict.tally
    return {
        "passed": verdict.passed,
        "unmet": [
            {
                "code": u.code,
                "group": str(u.group) if u.group else None,
                "needed": u.needed,
                "have": u.have,
                "user_ids": list(u.user_ids),
            }
            for u in verdict.unmet
        ],
        "met": list(verdict.met),
        "tally": {
            **{name: value for name, value in asdict(tally).items() if name != "by_group"},
            "by_group": [[str(group), asdict(counts)] for group, counts in tally.by_group],
        },
    }


def verdict_from_dict(data: Mapping) -> Verdict:
    """The verdict stored by ``verdict_to_dict``."""
    tally = dict(data["tally"])
    by_group = tuple(
        (StakeholderGroup(group), GroupTally(**counts)) for group, counts in tally.pop("by_group")
    )
    unmet = tuple(
        Unmet(
            code=u["code"],
            group=StakeholderGroup(u["group"]) if u["group"] else None,
            needed=u["needed"],
            have=u["have"],
            user_ids=tuple(u["user_ids"]),
        )
        for u in data["unmet"]
    )
    return Verdict(
        passed=bool(data["passed"]),
        unmet=unmet,
        met=tuple(data["met"]),
        tally=Tally(**tally, by_group=by_group),
    )
