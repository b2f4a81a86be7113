#!/usr/bin/env python3
"""The Python conformance runner (docs/reference.md#conformance-vectors): runs vector files against the
installed ``studio_permissions`` package.

    python tests/conformance/run.py [--views OUT] FILES...

Prints ``FAIL <file>: <case name>: <what differed>`` for each failing case,
then ``N passed, N failed`` last. Exits 0 when every case passed, 1 on any
failure, 2 when a file could not be read or a case could not be understood
(those also count as failed). The rules of a run are in README.md beside
this file; the Rust runner (run.rs) follows the same ones. With ``--views
OUT`` it also writes the view of each case's final set to OUT, one
``{"name":…,"view":…,"named":…}`` line per case (``named``: the view with
names), to compare with the other languages.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import studio_permissions  # noqa: F401
except ImportError:  # pragma: no cover - a convenience for a bare `python`
    # Not installed in this interpreter: use the repository's .venv (where
    # `make python-build` installs the package) if there is one.
    _venv = Path(__file__).resolve().parents[2] / ".venv"
    _venv_python = _venv / "bin" / "python"
    if _venv_python.exists() and Path(sys.prefix).resolve() != _venv.resolve():
        os.execv(str(_venv_python), [str(_venv_python), *sys.argv])
    raise

from studio_permissions import (
    AccessSet,
    CapabilityDenied,
    Catalog,
    Cluster,
    InvalidWorkspaceError,
    Migration,
    PermissionDenied,
    PermissionsError,
    Problem,
    Workspace,
)

CASE_KEYS = {"name", "catalog", "mode", "access", "preset", "ops", "cluster", "expect", "migrate"}
MIGRATED_KEYS = {"error", "document", "levels", "reductions", "dropped", "opened"}
EXPECT_KEYS = {
    "error",
    "warnings",
    "levels",
    "allowed",
    "denied",
    "capabilities",
    "explain",
    "check_errors",
    "document",
    "visible",
    "compare",
    "query_errors",
    "migrated",
}
COMPARE_KEYS = {"to", "within", "same_access", "escalations", "reductions", "role_change", "capability_changes"}


class Malformed(Exception):
    """A case the runner cannot understand (a fault of the vector file)."""


class CoreError(Exception):
    """Steps 1 to 4 failed with a library error; ``code`` is its error code."""

    def __init__(self, error: PermissionsError | PermissionDenied | CapabilityDenied) -> None:
        super().__init__(str(error))
        self.code = error.code
        self.error = error


def code_of(call: Callable[[], object]) -> str | None:
    """The error code the call raised, ``None`` if it returned."""
    try:
        call()
    except (PermissionsError, PermissionDenied, CapabilityDenied) as e:
        return e.code
    return None


def show(call: Callable[[], object]) -> str:
    """``ok <value>`` or ``error <code> (<message>)``, for diff lines."""
    try:
        value = call()
    except (PermissionsError, PermissionDenied, CapabilityDenied) as e:
        return f"error {e.code} ({e})"
    return f"ok {value!r}"


def string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise Malformed(f"`{what}` must be a string")
    return value


def obj(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Malformed(f"`{what}` must be an object")
    return value


def string_list(value: object, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Malformed(f"`{what}` must be a list of strings")
    return value


def pairs(value: object, what: str) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        raise Malformed(f"`{what}` must be a list of [id, action]")
    out = []
    for p in value:
        if not (isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)):
            raise Malformed(f"`{what}` must be a list of [id, action]")
        out.append((p[0], p[1]))
    return out


def build(case: dict[str, Any]) -> tuple[AccessSet, Cluster]:
    """Steps 1 to 4: catalog, set, ops, cluster. Raises CoreError or Malformed."""
    try:
        raw_catalog = case.get("catalog", "default")
        if raw_catalog == "default":
            catalog = Catalog.default()
        elif isinstance(raw_catalog, dict):
            catalog = Catalog.from_json(json.dumps(raw_catalog))
        else:
            raise Malformed("`catalog`")
        mode = case.get("mode", "strict")
        if mode not in ("strict", "lenient"):
            raise Malformed("`mode`")
        lenient = mode == "lenient"
        has_access, has_preset = "access" in case, "preset" in case
        if has_access == has_preset:
            raise Malformed("needs exactly one of `access` and `preset`")
        if has_preset:
            access = AccessSet.preset(string(case["preset"], "preset"), catalog=catalog)
        elif isinstance(case["access"], str):
            access = AccessSet.from_json(case["access"], lenient=lenient, catalog=catalog)
        else:
            access = AccessSet.from_dict(case["access"], lenient=lenient, catalog=catalog)
        ops = case.get("ops", [])
        if not isinstance(ops, list):
            raise Malformed("`ops`")
        for op in ops:
            if not isinstance(op, dict):
                raise Malformed(f"unknown op {json.dumps(op)}")
            if "set" in op and set(op) == {"set", "level"}:
                access = access.set(string(op["set"], "set"), string(op["level"], "level"))
            elif "clear" in op and set(op) == {"clear"}:
                access = access.clear(string(op["clear"], "clear"))
            elif "role" in op and set(op) == {"role"}:
                access = access.with_role(string(op["role"], "role"))
            else:
                raise Malformed(f"unknown op {json.dumps(op)}")
        # The enum parses through the core: a bad name raises unknown_cluster.
        cluster = Cluster(string(case.get("cluster", "standard"), "cluster"))
        return access, cluster
    except (PermissionsError, PermissionDenied, CapabilityDenied) as e:
        raise CoreError(e) from e


# The view of each case's final set, for `--views OUT`.
VIEWS: list[dict[str, Any]] = []


def run_case(case: object) -> list[str]:
    """The differences found; empty when the case passed. Raises Malformed."""
    if not isinstance(case, dict):
        raise Malformed("not an object")
    if "workspace" in case:
        return run_workspace_case(case)
    unknown = [k for k in case if k not in CASE_KEYS]
    if unknown:
        raise Malformed(f"unknown key `{unknown[0]}`")
    expect = obj(case.get("expect", {}), "expect")
    unknown = [k for k in expect if k not in EXPECT_KEYS]
    if unknown:
        raise Malformed(f"unknown expect key `{unknown[0]}`")
    if "error" in expect:
        want = string(expect["error"], "expect.error")
        try:
            access, _ = build(case)
        except CoreError as e:
            if e.code == want:
                return []
            return [f"expected error {want}, got error {e.code} ({e})"]
        return [f"expected error {want}, got a set {access.to_json()}"]
    try:
        access, cluster = build(case)
    except CoreError as e:
        return [f"unexpected error {e.code} ({e})"]
    VIEWS.append({"name": case.get("name"), "view": access.view(), "named": access.view(names=True)})
    diffs: list[str] = []
    check(access, cluster, expect, diffs)
    if ("migrate" in case) != ("migrated" in expect):
        raise Malformed("`migrate` and `expect.migrated` go together")
    if "migrate" in case:
        migrated(access, obj(case["migrate"], "migrate"), obj(expect["migrated"], "expect.migrated"), diffs)
    return diffs


def migrated(access: AccessSet, migrate: dict[str, Any], want: dict[str, Any], diffs: list[str]) -> None:
    """The `migrate` key: moves the case's set to another catalog and compares
    the set and its report with `expect.migrated`."""
    unknown = [k for k in migrate if k not in ("to_catalog", "migration")]
    unknown += [k for k in want if k not in MIGRATED_KEYS]
    if unknown:
        raise Malformed(f"unknown migrate key `{unknown[0]}`")
    if "migration" not in migrate:
        raise Malformed("`migrate.migration` is missing")
    raw_target, raw = migrate.get("to_catalog"), migrate["migration"]
    try:
        if raw_target == "default":
            target = Catalog.default()
        elif isinstance(raw_target, dict):
            target = Catalog.from_json(json.dumps(raw_target))
        else:
            raise Malformed("`migrate.to_catalog`")
        if isinstance(raw, str):
            migration = Migration.from_json(raw, source=access.catalog, target=target)
        else:
            migration = Migration.from_dict(raw, source=access.catalog, target=target)
        out = migration.apply(access)
    except PermissionsError as e:
        if want.get("error") != e.code:
            diffs.append(f"migrated: unexpected error {e.code} ({e})")
        return
    if "error" in want:
        diffs.append(f"migrated: expected error {want['error']}, got a set")
        return
    if "document" in want and out.access.to_dict() != want["document"]:
        diffs.append(f"migrated.document: expected {json.dumps(want['document'])}, got {out.access.to_json()}")
    for node, level in obj(want.get("levels", {}), "migrated.levels").items():
        got = show(lambda node=node: out.access.level(node).value)
        if got != f"ok {level!r}":
            diffs.append(f"migrated.level({node}): expected {level}, got {got}")
    if "reductions" in want:
        got_pairs = [list(p) for p in out.reductions]
        if got_pairs != want["reductions"]:
            diffs.append(f"migrated.reductions: expected {want['reductions']}, got {got_pairs}")
    for key, got in (("dropped", out.dropped), ("opened", out.opened)):
        if key in want and list(got) != string_list(want[key], key):
            diffs.append(f"migrated.{key}: expected {want[key]}, got {list(got)}")


def check(access: AccessSet, cluster: Cluster, expect: dict[str, Any], diffs: list[str]) -> None:
    if "warnings" in expect:
        want = string_list(expect["warnings"], "warnings")
        got = [w.code for w in access.warnings]
        if got != want:
            diffs.append(f"warnings: expected {want}, got {got}")
    if "levels" in expect:
        for id, want in obj(expect["levels"], "levels").items():
            try:
                ok = isinstance(want, str) and access.level(id).value == want
            except (PermissionsError, PermissionDenied, CapabilityDenied):
                ok = False
            if not ok:
                diffs.append(f"level({id}): expected {json.dumps(want)}, got {show(lambda: access.level(id))}")
    for key, want_allowed in (("allowed", True), ("denied", False)):
        if key in expect:
            for id, action in pairs(expect[key], key):
                try:
                    ok = access.can(id, action) is want_allowed
                except (PermissionsError, PermissionDenied, CapabilityDenied):
                    ok = False
                if not ok:
                    got = show(lambda: access.can(id, action))
                    diffs.append(f"allowed({id}, {action}): expected {str(want_allowed).lower()}, got {got}")
    if "capabilities" in expect:
        for name, want in obj(expect["capabilities"], "capabilities").items():
            try:
                ok = isinstance(want, bool) and access.capability(name, cluster) is want
            except (PermissionsError, PermissionDenied, CapabilityDenied):
                ok = False
            if not ok:
                got = show(lambda: access.capability(name, cluster))
                diffs.append(f"capability({name}): expected {json.dumps(want)}, got {got}")
    if "explain" in expect:
        for id, want in obj(expect["explain"], "explain").items():
            try:
                ok = isinstance(want, str) and access.explain(id, "view").reason.value == want
            except (PermissionsError, PermissionDenied, CapabilityDenied):
                ok = False
            if not ok:
                got = show(lambda: access.explain(id, "view").reason.value)
                diffs.append(f"explain({id}).reason: expected {json.dumps(want)}, got {got}")
    if "check_errors" in expect:
        for id, want in obj(expect["check_errors"], "check_errors").items():
            codes = [
                code_of(lambda: access.level(id)),
                code_of(lambda: access.can(id, "view")),
                code_of(lambda: access.explain(id, "view")),
            ]
            if any(c != want for c in codes):
                diffs.append(f"check_errors({id}): expected {json.dumps(want)}, got {codes}")
    if "document" in expect:
        want = expect["document"]
        if access.to_dict() != want:
            diffs.append(f"document: expected {json.dumps(want)}, got {access.to_json()}")
    if "visible" in expect:
        want = string_list(expect["visible"], "visible")
        got = [n.id for n in access.visible()]
        if got != want:
            diffs.append(f"visible: expected {want}, got {got}")
    if "compare" in expect:
        items = expect["compare"]
        if not isinstance(items, list):
            raise Malformed("`compare`")
        for item in items:
            compare(access, cluster, obj(item, "compare item"), diffs)
    if "query_errors" in expect:
        items = expect["query_errors"]
        if not isinstance(items, list):
            raise Malformed("`query_errors`")
        for item in items:
            item = obj(item, "query_errors item")
            call = string(item.get("call"), "call")
            want = string(item.get("error"), "error")
            args = string_list(item.get("args", []), "args")
            got = code_of(query(access, call, args))
            if got != want:
                diffs.append(f"{call}{args}: expected error {want}, got {got}")


QUERIES: dict[str, tuple[int, Callable[[AccessSet, list[str]], object]]] = {
    "level": (1, lambda s, a: s.level(a[0])),
    "allowed": (2, lambda s, a: s.can(a[0], a[1])),
    "explain": (2, lambda s, a: s.explain(a[0], a[1])),
    "require": (2, lambda s, a: s.require(a[0], a[1])),
    "capability": (2, lambda s, a: s.capability(a[0], a[1])),
    "require_capability": (2, lambda s, a: s.require_capability(a[0], a[1])),
    "set": (2, lambda s, a: s.set(a[0], a[1])),
    "clear": (1, lambda s, a: s.clear(a[0])),
    "role": (1, lambda s, a: s.with_role(a[0])),
}


def query(access: AccessSet, call: str, args: list[str]) -> Callable[[], object]:
    if call not in QUERIES:
        raise Malformed(f"unknown call `{call}`")
    arity, run = QUERIES[call]
    if len(args) != arity:
        raise Malformed(f"`{call}` takes {arity} args")
    return lambda: run(access, args)


def compare(a: AccessSet, cluster: Cluster, item: dict[str, Any], diffs: list[str]) -> None:
    unknown = [k for k in item if k not in COMPARE_KEYS]
    if unknown:
        raise Malformed(f"unknown compare key `{unknown[0]}`")
    to = obj(item.get("to"), "compare.to")
    try:
        if set(to) == {"preset"}:
            b = AccessSet.preset(string(to["preset"], "compare.to.preset"), catalog=a.catalog)
        elif set(to) == {"access"} and isinstance(to["access"], str):
            b = AccessSet.from_json(to["access"], catalog=a.catalog)
        elif set(to) == {"access"}:
            b = AccessSet.from_dict(to["access"], catalog=a.catalog)
        else:
            raise Malformed("`compare.to` needs `preset` or `access`")
    except (PermissionsError, PermissionDenied, CapabilityDenied) as e:
        diffs.append(f"compare.to: unexpected error {e.code} ({e})")
        return
    label = json.dumps(to, separators=(",", ":"))
    if "within" in item:
        want = item["within"]
        try:
            ok = isinstance(want, bool) and a.within(b) is want
        except (PermissionsError, PermissionDenied, CapabilityDenied):
            ok = False
        if not ok:
            diffs.append(f"within({label}): expected {json.dumps(want)}, got {show(lambda: a.within(b))}")
    if "same_access" in item:
        want = item["same_access"]
        try:
            ok = isinstance(want, bool) and a.same_access(b) is want
        except (PermissionsError, PermissionDenied, CapabilityDenied):
            ok = False
        if not ok:
            diffs.append(f"same_access({label}): expected {json.dumps(want)}, got {show(lambda: a.same_access(b))}")
    try:
        diff = a.diff(b, cluster)
    except (PermissionsError, PermissionDenied, CapabilityDenied) as e:
        diffs.append(f"diff: error {e.code} ({e})")
        return
    got_lists = {
        "escalations": [c.id for c in diff.escalations],
        "reductions": [c.id for c in diff.reductions],
        "capability_changes": [c.name for c in diff.capabilities],
    }
    for key, got in got_lists.items():
        if key in item:
            want_list = string_list(item[key], key)
            if got != want_list:
                diffs.append(f"{key}({label}): expected {want_list}, got {got}")
    if "role_change" in item:
        want_role = item["role_change"]
        got_role = None if diff.role is None else [r.value for r in diff.role]
        if got_role != want_role:
            diffs.append(f"role_change({label}): expected {json.dumps(want_role)}, got {json.dumps(got_role)}")


# ---- workspace cases (README.md, "Workspace cases"; run.rs + workspace.rs) ----

WORKSPACE_CASE_KEYS = {"name", "catalog", "mode", "workspace", "format", "after", "expect"}
WORKSPACE_EXPECT_KEYS = {
    "error",
    "problems",
    "users",
    "who_can",
    "who_has",
    "counts",
    "dormant",
    "preset_matches",
    "diff",
}


def same(a: object, b: object) -> bool:
    """JSON equality as serde_json's `Value` has it: `true` is not `1`, `1`
    is not `1.0`; object key order is ignored."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float, str)) or isinstance(b, (int, float, str)):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return False


def text(value: object) -> str:
    """A value as compact JSON, as the Rust runner prints it."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def problems_value(problems: tuple[Problem, ...] | list[Problem]) -> list[object]:
    return [[p.line, p.user, p.code, p.fatal] for p in problems]


class LoadError(Exception):
    """Loading the catalog or an export failed with a library error."""

    def __init__(self, error: PermissionsError) -> None:
        super().__init__(str(error))
        self.error = error


def load_workspace(catalog: Catalog, value: object, fmt: str, lenient: bool) -> Workspace:
    """An export as a list of records (judged as the text `json.dumps` writes)
    or as the text itself; raises LoadError or Malformed."""
    if not isinstance(value, (str, list)):
        raise Malformed("`workspace` and `after` are a list of records or a string")
    if fmt not in ("json", "jsonl"):
        raise Malformed("`format` is `json` or `jsonl`")
    if fmt == "jsonl" and not isinstance(value, str):
        raise Malformed("a `jsonl` export is a string")
    try:
        if fmt == "json" and isinstance(value, list):
            return Workspace.from_records(value, lenient=lenient, catalog=catalog)
        source = value if isinstance(value, str) else json.dumps(value)
        if fmt == "json":
            return Workspace.from_json(source, lenient=lenient, catalog=catalog)
        return Workspace.from_json_lines(source, lenient=lenient, catalog=catalog)
    except PermissionsError as e:
        raise LoadError(e) from e


def outcome_error(expect: dict[str, Any], error: PermissionsError) -> list[str]:
    """Loading failed: the case passes when it expected this code (and, if it
    lists them, exactly these problems)."""
    if "error" not in expect:
        return [f"unexpected error {error.code} ({error})"]
    want = expect["error"]
    if want != error.code or not isinstance(want, str):
        return [f"expected error {text(want)}, got error {error.code} ({error})"]
    if "problems" in expect and isinstance(error, InvalidWorkspaceError):
        got = problems_value(error.problems)
        if not same(expect["problems"], got):
            return [f"problems: expected {text(expect['problems'])}, got {text(got)}"]
    return []


def run_workspace_case(case: dict[str, Any]) -> list[str]:
    unknown = [k for k in case if k not in WORKSPACE_CASE_KEYS]
    if unknown:
        raise Malformed(f"unknown key `{unknown[0]}`")
    expect = case.get("expect")
    expect = expect if isinstance(expect, dict) else {}
    unknown = [k for k in expect if k not in WORKSPACE_EXPECT_KEYS]
    if unknown:
        raise Malformed(f"unknown expect key `{unknown[0]}`")
    raw_catalog = case.get("catalog", "default")
    try:
        if raw_catalog == "default":
            catalog = Catalog.default()
        elif isinstance(raw_catalog, dict):
            catalog = Catalog.from_json(json.dumps(raw_catalog))
        else:
            raise Malformed("`catalog`")
    except PermissionsError as e:
        return outcome_error(expect, e)
    mode = case.get("mode")
    if isinstance(mode, str) and mode not in ("strict", "lenient"):
        raise Malformed("`mode`")
    lenient = mode == "lenient"
    fmt = case.get("format")
    fmt = fmt if isinstance(fmt, str) else "json"
    try:
        before = load_workspace(catalog, case["workspace"], fmt, lenient)
        after = load_workspace(catalog, case["after"], fmt, lenient) if "after" in case else None
    except LoadError as e:
        return outcome_error(expect, e.error)
    if "error" in expect:
        return [f"expected error {text(expect['error'])}, got a workspace"]
    diffs: list[str] = []

    def check(key: str, got: object) -> None:
        if key in expect and not same(expect[key], got):
            diffs.append(f"{key}: expected {text(expect[key])}, got {text(got)}")

    check("problems", problems_value(before.problems))
    check("users", [u.id for u in before])
    for key, what, query in (
        ("who_can", "[id, action, users]", before.who_can),
        ("who_has", "[capability, cluster, users]", before.who_has),
    ):
        items = expect.get(key)
        if not isinstance(items, list):
            continue
        for item in items:
            args = item[:2] if isinstance(item, list) else []
            if len(args) != 2 or not all(isinstance(a, str) for a in args):
                raise Malformed(f"`{key}` items are {what}")
            got: object
            try:
                got = query(args[0], args[1])
            except PermissionsError as e:
                got = e.code
            want = item[2] if len(item) > 2 else None
            if not same(want, got):
                diffs.append(f"{key}({args[0]}, {args[1]}): expected {text(want)}, got {text(got)}")
    counts_want = expect.get("counts")
    if isinstance(counts_want, dict):
        counts = before.counts()
        for id, want in counts_want.items():
            row = counts.get(id)
            got = None if row is None else list(row.values())
            if not same(want, got):
                diffs.append(f"counts({id}): expected {text(want)}, got {text(got)}")
    check("dormant", {user: list(ids) for user, ids in before.dormant().items()})
    check("preset_matches", {m.user: [m.preset, m.exact] for m in before.preset_matches()})
    if "diff" in expect:
        if after is None:
            raise Malformed("`diff` needs `after`")
        try:
            d = before.diff(after)
            got = {
                "added": list(d.added),
                "removed": list(d.removed),
                "changed": [
                    [
                        c.user,
                        None if c.role is None else [r.value for r in c.role],
                        [x.id for x in c.escalations],
                        [x.id for x in c.reductions],
                    ]
                    for c in d.changed
                ],
            }
        except PermissionsError as e:
            got = e.code
        if not same(expect["diff"], got):
            diffs.append(f"diff: expected {text(expect['diff'])}, got {text(got)}")
    return diffs


def read_cases(path: str) -> list[object]:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise Malformed(f"cannot read: {e}") from e
    try:
        value = json.loads(text)
    except ValueError as e:
        raise Malformed(f"not JSON: {e}") from e
    if not isinstance(value, dict) or not isinstance(value.get("cases"), list):
        raise Malformed("no `cases` list")
    return list(value["cases"])


def main(argv: list[str]) -> int:
    views_out = None
    if "--views" in argv:
        at = argv.index("--views")
        if at + 1 >= len(argv):
            print("usage: run.py [--views OUT] FILES...", file=sys.stderr)
            return 2
        views_out = argv[at + 1]
        argv = argv[:at] + argv[at + 2 :]
    if not argv:
        print("usage: run.py [--views OUT] FILES...", file=sys.stderr)
        return 2
    passed = failed = 0
    not_understood = False
    for path in argv:
        try:
            cases = read_cases(path)
        except Malformed as e:
            print(f"FAIL {path}: {e}")
            failed += 1
            not_understood = True
            continue
        for case in cases:
            name = case.get("name") if isinstance(case, dict) else None
            name = name if isinstance(name, str) else "(unnamed case)"
            try:
                diffs = run_case(case)
            except Malformed as e:
                diffs = [f"malformed case: {e}"]
                not_understood = True
            except Exception as e:  # a crash of the package is a failure, reported like one
                diffs = [f"unexpected exception {type(e).__name__}: {e}"]
            if diffs:
                failed += 1
                print(f"FAIL {path}: {name}: {'; '.join(diffs)}")
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    if views_out is not None:
        with open(views_out, "w", encoding="utf-8", newline="\n") as out:
            for line in VIEWS:
                out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n")
    if failed == 0:
        return 0
    return 2 if not_understood else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
