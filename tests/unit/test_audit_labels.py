"""Every action the code records in the audit log, and every field its entries can name, has
words in the one table both log pages use (``wiki.web.audit_labels``).

The actions and fields are read from the source: each ``record_change(...)`` call, its ``before``
and ``after`` dicts, and what those are built from (dict literals, the names assigned to them, the
module's functions that return them, the keyword a caller passes for a parameter). What cannot
be read that way is listed in ``DYNAMIC_FIELDS`` with where its names come from, so a new call
the reader does not understand fails here until someone says which fields it records.
"""

import ast
from dataclasses import fields
from pathlib import Path

from wiki.ballots.consensus import ConsensusRule
from wiki.ballots.lifecycle import BallotStatus
from wiki.publication.operations import OFFICIAL_ACT_FIELDS
from wiki.standards.operations import METADATA_RANGES, METADATA_TEXT
from wiki.web.audit_labels import (
    ACTION_LABELS,
    FIELD_LABELS,
    SUBJECT_LABELS,
    action_label,
    field_label,
)

WIKI = Path(__file__).resolve().parents[2] / "wiki"

#: f-string actions, by their source, and every action they can produce
ACTION_TEMPLATES = {
    "f'ballot.{ballot.status}'": {
        f"ballot.{status}" for status in BallotStatus if status is not BallotStatus.OPEN
    },
}

_RULE_FIELDS = {f.name for f in fields(ConsensusRule)}
#: (function, source of an expression the reader cannot follow) -> the fields it holds
DYNAMIC_FIELDS = {
    ("set_consensus_rule", "committee.consensus_rule"): _RULE_FIELDS,
    ("set_consensus_rule", "rule.to_dict()"): _RULE_FIELDS,
    ("update_metadata", "before[name]"): set(METADATA_RANGES) | set(METADATA_TEXT),
    ("update_metadata", "after[name]"): set(METADATA_RANGES) | set(METADATA_TEXT),
    ("check_official_act", "clean[name]"): set(OFFICIAL_ACT_FIELDS),
}


class _Module:
    """One source file: its functions, its constants, and the record_change calls in it."""

    def __init__(self, path: Path):
        self.tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        self.functions = {
            node.name: node
            for node in ast.walk(self.tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        self.constants = {
            target.id: node.value
            for node in self.tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }

    def calls(self):
        """(enclosing function, call) for each record_change call."""
        for function in self.functions.values():
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "record_change"
                ):
                    yield function, node


class _FieldReader:
    """The string keys an expression's dict can hold, and what it could not follow."""

    def __init__(self, module: _Module, function):
        self.module, self.function = module, function
        self.keys: set[str] = set()
        self.unread: set[tuple[str, str]] = set()
        self._seen: set[int] = set()

    def read(self, node, function=None) -> None:
        function = function or self.function
        if node is None or id(node) in self._seen:
            return
        self._seen.add(id(node))
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                self.keys.add(node.value)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                self.read(value if key is None else key, function)
        elif isinstance(node, ast.DictComp):
            # Keys come from what the comprehension runs over, unless it writes one out.
            if isinstance(node.key, ast.Constant):
                self.read(node.key, function)
            for generator in node.generators:
                self.read(generator.iter, function)
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            for element in node.elts:
                self.read(element, function)
        elif isinstance(node, ast.IfExp):
            self.read(node.body, function)
            self.read(node.orelse, function)
        elif isinstance(node, ast.BoolOp):
            for value in node.values:
                self.read(value, function)
        elif isinstance(node, ast.Name):
            self._read_name(node.id, function)
        elif isinstance(node, ast.Call):
            self._read_call(node, function)
        else:
            self.unread.add((function.name, ast.unparse(node)))

    def _read_name(self, name: str, function) -> None:
        found = False
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    found |= self._read_target(target, node.value, name, function)
        if found:
            return
        if name in self.module.constants:
            self.read(self.module.constants[name], function)
        elif function.args.kwarg is not None and function.args.kwarg.arg == name:
            self.unread.add((function.name, f"**{name}"))
        elif name in {a.arg for a in function.args.args + function.args.kwonlyargs}:
            self._read_parameter(function.name, name)
        else:
            self.unread.add((function.name, name))

    def _read_target(self, target, value, name: str, function) -> bool:
        if isinstance(target, ast.Name) and target.id == name:
            self.read(value, function)
            return True
        if isinstance(target, ast.Tuple):
            values = value.elts if isinstance(value, ast.Tuple) else [value] * len(target.elts)
            return any(
                self._read_target(t, v, name, function)
                for t, v in zip(target.elts, values, strict=True)
            )
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id == name
        ):
            if isinstance(target.slice, ast.Constant):
                self.read(target.slice, function)
            else:
                self.unread.add((function.name, ast.unparse(target)))
        return False

    def _read_call(self, node: ast.Call, function) -> None:
        callee = node.func.id if isinstance(node.func, ast.Name) else None
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("items", "keys"):
            self.read(node.func.value, function)
        elif callee == "dict":
            for argument in node.args:
                self.read(argument, function)
        elif callee in self.module.functions:
            own = self.module.functions[callee]
            for inner in ast.walk(own):
                if isinstance(inner, ast.Return):
                    self.read(inner.value, own)
        else:
            self.unread.add((function.name, ast.unparse(node)))

    def _read_parameter(self, function_name: str, parameter: str) -> None:
        """A parameter's dict: what the module's callers pass for it."""
        for caller in self.module.functions.values():
            for node in ast.walk(caller):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == function_name
                ):
                    for keyword in node.keywords:
                        if keyword.arg == parameter:
                            self.read(keyword.value, caller)


def _recorded():
    """Every action the code records and every field its entries can name."""
    actions, keys, unread = set(), set(), set()
    for path in sorted(WIKI.rglob("*.py")):
        module = _Module(path)
        for function, call in module.calls():
            action = call.args[1]
            choices = [action.body, action.orelse] if isinstance(action, ast.IfExp) else [action]
            for value in choices:
                if isinstance(value, ast.Constant):
                    actions.add(value.value)
                else:
                    source = ast.unparse(value)
                    assert source in ACTION_TEMPLATES, f"{path.name}: unknown action {source}"
                    actions |= ACTION_TEMPLATES[source]
            reader = _FieldReader(module, function)
            for keyword in call.keywords:
                if keyword.arg in ("before", "after"):
                    reader.read(keyword.value)
            keys |= reader.keys
            unread |= reader.unread
    return actions, keys, unread


ACTIONS, FIELDS, UNREAD = _recorded()


def test_the_reader_finds_the_actions_and_fields_of_every_domain():
    assert {"ballot.position_cast", "edition.published", "membership.added"} <= ACTIONS
    assert {"ballot.passed", "ballot.stale", "account.reactivated", "thread.reopened"} <= ACTIONS
    assert {"position", "user_id", "role", "sector", "description", "new_revision"} <= FIELDS


def test_every_expression_the_reader_cannot_follow_is_declared():
    assert set(UNREAD) == set(DYNAMIC_FIELDS)


def test_every_recorded_action_has_words():
    assert sorted(ACTIONS - set(ACTION_LABELS)) == []


def test_every_field_an_entry_can_name_has_words():
    names = FIELDS | {name for held in DYNAMIC_FIELDS.values() for name in held}
    assert sorted(names - set(FIELD_LABELS)) == []


def test_no_words_for_actions_nobody_records():
    assert sorted(set(ACTION_LABELS) - ACTIONS) == []


def test_every_model_an_entry_can_be_about_has_words():
    from wiki.extensions import db

    written = {
        "user", "committee", "standard", "consultation", "thread", "comment", "ballot", "edition",
        "publicationrequest",
    }
    tables = {mapper.class_.__name__.lower() for mapper in db.Model.registry.mappers}
    assert written <= tables
    assert set(SUBJECT_LABELS) == written


def test_labels_are_read_in_the_readers_language(app):
    with app.test_request_context("/?lang=es"):
        assert action_label("ballot.position_cast") == "Voto emitido"
        assert field_label("min_approvals") == "Votos a favor necesarios en total"
        assert action_label("no.such_action") == "no.such_action"
