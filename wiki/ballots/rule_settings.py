"""Consensus rules from a committee's settings form or from storage, validated.

Kept apart from ``consensus`` so the rule engine stays short; a stored rule (``to_dict``) is read
back here too, so this module depends on ``consensus`` and never the reverse.
"""

import re
from collections.abc import Mapping
from dataclasses import fields
from fractions import Fraction

from wiki.ballots.consensus import DEFAULT_RULE, PRESETS, ConsensusRule
from wiki.errors import InvalidInput
from wiki.i18n import N_

_COUNTS = frozenset({"min_approvals", "group_min_approvals", "max_open_objections"})
_SHARES = frozenset({"group_min_share", "supermajority", "max_negative_share"})
_FLAGS = frozenset({"majority", "authors_may_approve"})
_OPTIONAL = frozenset({"max_open_objections"}) | _SHARES
_WHOLE = re.compile(r"[+-]?[0-9]+")


def rule_from_settings(settings: Mapping[str, object]) -> ConsensusRule:
    """A validated rule from user or stored settings; raises ``InvalidInput`` naming the field.

    ``settings`` may name a ``preset`` to start from (default: ``DEFAULT_RULE``) and override any
    field. Counts accept ints or digit strings; shares accept ``Fraction``, ``"2/3"``, ``"0.75"`` or
    ``"75%"``; flags accept bools or ``"true"``/``"false"``. ``None`` or ``""`` clears an optional
    field (no limit).
    """
    settings = dict(settings)
    preset = settings.pop("preset", None)
    if preset in (None, ""):
        base = DEFAULT_RULE
    elif isinstance(preset, str) and preset in PRESETS:
        base = PRESETS[preset]
    else:
        raise InvalidInput(
            f"Unknown preset {preset!r}; choose one of {', '.join(PRESETS)}.", field="preset"
        )
    unknown = sorted(set(settings) - _COUNTS - _SHARES - _FLAGS, key=str)
    if unknown:
        raise InvalidInput(f"Unknown consensus setting {unknown[0]!r}.", field=str(unknown[0]))
    values = {f.name: getattr(base, f.name) for f in fields(ConsensusRule)}
    for name, raw in settings.items():
        values[name] = _parse(name, raw)
    return ConsensusRule(**values)


def _parse(name: str, raw: object):
    if isinstance(raw, str):
        raw = raw.strip()
    if raw is None or raw == "":
        if name in _OPTIONAL:
            return None
        raise InvalidInput(f"{name} is required.", field=name)
    if name in _FLAGS:
        return _parse_flag(name, raw)
    if name in _COUNTS:
        return _parse_count(name, raw)
    return _parse_share(name, raw)


def _parse_flag(name: str, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).lower()
    if text in ("true", "on", "yes", "1"):
        return True
    if text in ("false", "off", "no", "0"):
        return False
    raise InvalidInput(f"{name} must be true or false.", field=name)


def _parse_count(name: str, raw: object) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and _WHOLE.fullmatch(raw):
        return int(raw)
    raise InvalidInput(f"{name} must be a whole number.", field=name)


def _parse_share(name: str, raw: object) -> Fraction:
    if isinstance(raw, bool):
        raise InvalidInput(f"{name} must be a fraction such as 2/3.", field=name)
    if isinstance(raw, Fraction | int):
        return Fraction(raw)
    if isinstance(raw, float):
        raw = repr(raw)  # 0.75 -> 3/4, not the binary expansion
    if isinstance(raw, str) and raw.isascii():
        percent = raw.endswith("%")
        try:
            value = Fraction(raw.removesuffix("%").strip())
        except (ValueError, ZeroDivisionError):
            pass
        else:
            return value / 100 if percent else value
    # A msgid with placeholders, like every domain message: translate_error formats it with
    # %-interpolation, which a bare "75%" broke (a 500 instead of the message).
    raise InvalidInput(N_("%(field)s must be a fraction such as 2/3, 0.75 or 75%%."), field=name)
