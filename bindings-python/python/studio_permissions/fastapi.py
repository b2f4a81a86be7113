"""Guards and error handlers for FastAPI (`pip install studio-permissions[fastapi]`).

>>> from fastapi import Depends, FastAPI
>>> from studio_permissions import AccessSet
>>> from studio_permissions.fastapi import AccessGuard, install_error_handlers
>>> def current_access() -> AccessSet:  # the app's own: who is asking
...     return AccessSet.preset("knowledge_editor")
>>> app = FastAPI()
>>> install_error_handlers(app)
>>> guard = AccessGuard(current_access)
>>> @app.post("/knowledge/faqs", dependencies=[Depends(guard.requires("knowledge.faqs", "create"))])
... def create_faq() -> dict[str, str]:
...     return {"created": "faq"}

`guard.requires` checks its id and action when the route is declared: a
typo raises the package's error (with the nearest id) at import time, not a
500 on the first request. The answers are the core's table, the same bytes as
the Node drop-ins: a refusal is 403 with the explanation; any other error of
the package a handler raises is 400 with its code, message and fields;
`current_access` giving `None` is 401 `unauthenticated`; `current_access`
raising (an `HTTPException` aside, which keeps its own answer) or giving
anything but an `AccessSet` of the guard's catalog is 500
`access_unavailable` with a fixed message, the real error logged, never sent.
"""

# No `from __future__ import annotations`: FastAPI reads the guards'
# annotations at run time, and they name the guard's own dependency.
import contextlib
import enum
import inspect
import json
import logging
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Annotated, Any

try:
    from fastapi import Depends, FastAPI, HTTPException, Request, status
    from fastapi.responses import Response
except ImportError as _missing:
    # Only a missing FastAPI (or what it needs) is the extra's to name.
    if (_missing.name or "").partition(".")[0] not in {"fastapi", "starlette", "pydantic", "pydantic_core"}:
        raise
    raise ModuleNotFoundError(
        f"studio_permissions.fastapi needs FastAPI ({_missing.name} is not installed): "
        "pip install 'studio-permissions[fastapi]'",
        name=_missing.name,
    ) from _missing

from ._errors import CapabilityDenied, PermissionDenied, PermissionsError
from ._native import AccessSet, Catalog, http_answer
from ._types import Action, ActionName, Cluster, ClusterName, Level

__all__ = [
    "AccessGuard",
    "AccessUnavailable",
    "Unauthenticated",
    "install_error_handlers",
    "DENIED_RESPONSE",
    "GUARD_RESPONSES",
    "ERROR_RESPONSE",
]

_log = logging.getLogger("studio_permissions.fastapi")


def _fixed(code: str) -> tuple[int, str]:
    answer = http_answer(code, "", {})
    if answer is None:  # the core's table always has the guards' codes
        raise RuntimeError(f"the answer table has no `{code}`")
    return answer


_UNAUTHENTICATED = _fixed("unauthenticated")
_ACCESS_UNAVAILABLE = _fixed("access_unavailable")


class Unauthenticated(HTTPException):
    """`current_access` gave `None`: the request is not authenticated (401,
    `{"code": "unauthenticated", "message"}` under `install_error_handlers`)."""

    code = "unauthenticated"

    def __init__(self) -> None:
        status_code, body = _UNAUTHENTICATED
        super().__init__(status_code, detail=json.loads(body)["message"])


class AccessUnavailable(HTTPException):
    """`current_access` raised, or gave something other than an `AccessSet`
    of the guard's catalog (or `None`): a fault of the server, 500 with a
    fixed message (`{"code": "access_unavailable", "message"}` under
    `install_error_handlers`). The real error is `__cause__`, logged by the
    handler, never sent."""

    code = "access_unavailable"

    def __init__(self) -> None:
        status_code, body = _ACCESS_UNAVAILABLE
        super().__init__(status_code, detail=json.loads(body)["message"])


DENIED_RESPONSE: dict[int | str, dict[str, Any]] = {
    status.HTTP_403_FORBIDDEN: {
        "description": "Permission denied: the user's access does not allow this",
        "content": {
            "application/json": {
                "schema": {
                    "title": "PermissionDenied",
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string", "enum": ["permission_denied"]},
                        "message": {"type": "string"},
                        "id": {"type": "string", "description": "The area or sub-section refused"},
                        "action": {"type": "string", "enum": [a.value for a in Action]},
                        "level": {
                            "type": "string",
                            "enum": [level.value for level in Level],
                            "description": "The user's effective level there",
                        },
                        "required": {
                            "type": "string",
                            "enum": [level.value for level in Level],
                            "description": "The level the action needs",
                        },
                        "reason": {"type": "string", "description": "Why the level is what it is"},
                        "capability": {"type": "string", "description": "The capability refused"},
                        "cluster": {"type": "string", "enum": [c.value for c in Cluster]},
                        "role": {"type": "string"},
                    },
                }
            }
        },
    }
}
"""The OpenAPI description of a guard's 403 answer (guarded routes show it)."""


def _fixed_response(code: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "title": "".join(part.title() for part in code.split("_")),
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string", "enum": [code]},
                        "message": {"type": "string"},
                    },
                }
            }
        },
    }


GUARD_RESPONSES: dict[int | str, dict[str, Any]] = {
    status.HTTP_401_UNAUTHORIZED: _fixed_response(
        "unauthenticated", "No access for this request: the current-access dependency gave none"
    ),
    **DENIED_RESPONSE,
    status.HTTP_500_INTERNAL_SERVER_ERROR: _fixed_response(
        "access_unavailable",
        "The server could not establish the request's access (a fault of the server; the message is fixed)",
    ),
}
"""The OpenAPI description of every answer a guard gives besides the route's
own: 401, 403 and 500 (guarded routes show them)."""

ERROR_RESPONSE: dict[str, Any] = {
    "description": "An error of the package raised for a name or a document in the request "
    "(an unknown id in the path, say): its code, message and the code's fields",
    "content": {
        "application/json": {
            "schema": {
                "title": "PermissionsError",
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "description": "The core's error code"},
                    "message": {"type": "string"},
                    "path": {"type": ["string", "null"], "description": "The offending id or field"},
                    "suggestion": {"type": ["string", "null"], "description": "The nearest known name"},
                    "line": {"type": "integer"},
                    "column": {"type": "integer"},
                    "size": {"type": "integer"},
                    "limit": {"type": "integer"},
                },
            }
        }
    },
}
"""The OpenAPI description of a 400 answer of the package (guarded routes
with path parameters show it)."""

CurrentAccess = Callable[..., AccessSet | None] | Callable[..., Awaitable[AccessSet | None]]


class AccessGuard:
    """Route guards over the app's own dependency that returns the request's
    `AccessSet` (from a session, a token, a database: the app decides).

    `catalog` is the catalog routes name ids and capabilities of (the
    default one unless given); a set judged against another catalog is
    refused. The dependency returning `None` raises `Unauthenticated` (401);
    raising anything but an `HTTPException`, or returning anything but an
    `AccessSet`, raises `AccessUnavailable` (500, the real error as its
    cause). The route's handler runs on none of them. The dependency may be
    a function, a coroutine function or a generator, with its own
    parameters and dependencies, as any FastAPI dependency.
    """

    def __init__(self, current_access: CurrentAccess, *, catalog: Catalog | None = None) -> None:
        if not callable(current_access):
            raise TypeError(f"current_access must be a callable dependency, not {type(current_access).__name__}")
        self._current_access = current_access
        _LOOKUPS[id(current_access)] = current_access
        self._catalog = catalog if catalog is not None else Catalog.default()
        # One dependency per guard, so FastAPI runs it once per request
        # however many of the guard's checks a route stacks.
        self._load = _loader(current_access, self._judge)

    def _judge(self, access: object) -> AccessSet:
        # What the app's dependency gave is the one part a guard cannot check
        # when declared: anything but a set of the guard's catalog is a bug in
        # the app (a 500), never a pass.
        if access is None:
            raise Unauthenticated()
        if not isinstance(access, AccessSet):
            cause = TypeError(f"the current-access dependency returned {type(access).__name__}, not an AccessSet")
            raise AccessUnavailable() from cause
        if access.catalog != self._catalog:
            cause = TypeError("the current-access dependency returned an AccessSet of another catalog than the guard's")
            raise AccessUnavailable() from cause
        return access

    @property
    def catalog(self) -> Catalog:
        """The catalog the guard checks route declarations against."""
        return self._catalog

    def requires(self, id: str, action: Action | ActionName) -> Callable[..., AccessSet]:
        """A dependency that lets the request through when the user may do
        `action` on `id`, and returns the user's `AccessSet`.

        Raises `UnknownAreaError` or `UnknownActionError` (with the
        nearest name) now, when the route is declared.
        """
        self._catalog.node(id)
        checked = Action(action)

        def require_access(access: Annotated[AccessSet, Depends(self._load)]) -> AccessSet:
            access.require(id, checked)
            return access

        return _mark(require_access, f"requires_{checked.value}_{id.replace('.', '_')}")

    def requires_capability(
        self, name: str, cluster: Cluster | ClusterName = Cluster.STANDARD
    ) -> Callable[..., AccessSet]:
        """A dependency that lets the request through when the user holds the
        capability `name` on `cluster`, and returns the user's `AccessSet`.

        Raises `UnknownCapabilityError` or `UnknownClusterError` (with
        the nearest name) now, when the route is declared.
        """
        self._catalog.capability(name)
        checked = Cluster(cluster)

        def require_capability(access: Annotated[AccessSet, Depends(self._load)]) -> AccessSet:
            access.require_capability(name, checked)
            return access

        return _mark(require_capability, f"requires_{name.replace('.', '_')}")


_GUARD_MARK = "__studio_permissions_guard__"
# The apps' lookups that guards were built on (by `id`, kept alive with
# their guards): a route that depends on one directly has the user's set.
_LOOKUPS: dict[int, object] = {}


def _mark(dependency: Callable[..., AccessSet], name: str) -> Callable[..., AccessSet]:
    # The name shows in tracebacks; the mark lets the OpenAPI hook find guarded routes.
    dependency.__name__ = name
    setattr(dependency, _GUARD_MARK, True)
    return dependency


def _signature(call: Callable[..., Any]) -> inspect.Signature:
    # The dependency's parameters with their annotations evaluated, so that
    # FastAPI resolves the loader's parameters exactly as it would the app's.
    try:
        return inspect.signature(call, eval_str=True)
    except NameError:
        return inspect.signature(call)


def _kind(call: Callable[..., Any]) -> str:
    # As FastAPI classifies a dependency: the callable, what it wraps, or
    # its `__call__` (a class instance); `inspect` sees through partials.
    candidates = [call, inspect.unwrap(call), getattr(call, "__call__", None)]  # noqa: B004
    checks = (
        (inspect.isasyncgenfunction, "async generator"),
        (inspect.isgeneratorfunction, "generator"),
        (inspect.iscoroutinefunction, "coroutine"),
    )
    for check, kind in checks:
        if any(c is not None and check(c) for c in candidates):
            return kind
    return "function"


def _loader(call: Callable[..., Any], judge: Callable[[object], AccessSet]) -> Callable[..., Any]:
    """A dependency with the parameters of `call` (FastAPI fills them as it
    would `call`'s) that runs it and judges what it gives: whatever `call`
    raises, except an `HTTPException`, becomes `AccessUnavailable`, its
    cause the real error."""
    kind = _kind(call)
    load: Callable[..., Any]
    if kind == "coroutine":

        async def load_async(*args: Any, **kwargs: Any) -> AccessSet:
            try:
                access = await call(*args, **kwargs)
            except HTTPException:
                raise
            except Exception as exc:
                raise AccessUnavailable() from exc
            return judge(access)

        load = load_async
    elif kind == "generator":

        def load_gen(*args: Any, **kwargs: Any) -> Iterator[AccessSet]:
            manager = contextlib.contextmanager(call)(*args, **kwargs)
            try:
                access = manager.__enter__()
            except HTTPException:
                raise
            except Exception as exc:
                raise AccessUnavailable() from exc
            try:
                checked = judge(access)
                yield checked
            except BaseException:
                if not manager.__exit__(*sys.exc_info()):
                    raise
            else:
                manager.__exit__(None, None, None)

        load = load_gen
    elif kind == "async generator":

        async def load_agen(*args: Any, **kwargs: Any) -> AsyncIterator[AccessSet]:
            manager = contextlib.asynccontextmanager(call)(*args, **kwargs)
            try:
                access = await manager.__aenter__()
            except HTTPException:
                raise
            except Exception as exc:
                raise AccessUnavailable() from exc
            try:
                checked = judge(access)
                yield checked
            except BaseException:
                if not await manager.__aexit__(*sys.exc_info()):
                    raise
            else:
                await manager.__aexit__(None, None, None)

        load = load_agen
    else:

        def load_sync(*args: Any, **kwargs: Any) -> AccessSet:
            try:
                access = call(*args, **kwargs)
            except HTTPException:
                raise
            except Exception as exc:
                raise AccessUnavailable() from exc
            return judge(access)

        load = load_sync
    load.__signature__ = _signature(call)  # type: ignore[attr-defined,union-attr]
    load.__name__ = f"current_access_of_{getattr(call, '__name__', type(call).__name__)}"
    return load


def _field(value: object) -> str | int | None:
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return value


def _answer(code: str, message: str, fields: dict[str, object]) -> Response | None:
    answer = http_answer(code, message, {name: _field(value) for name, value in fields.items()})
    if answer is None:
        return None
    status_code, body = answer
    return Response(content=body, status_code=status_code, media_type="application/json")


def _error_fields(exc: PermissionsError) -> dict[str, object]:
    names = ("path", "suggestion", "line", "column", "size", "limit")
    return {name: getattr(exc, name, None) for name in names}


def _denied_fields(denied: PermissionDenied) -> dict[str, object]:
    d = denied.explanation
    return {"id": d.id, "action": d.action, "level": d.level, "required": d.required, "reason": d.reason}


def _capability_fields(denied: CapabilityDenied) -> dict[str, object]:
    return {"capability": denied.capability, "cluster": denied.cluster, "role": denied.role}


def install_error_handlers(app: FastAPI) -> None:
    """Answers the package's errors with the core's answer table, the same
    bytes as the Node drop-ins: a refusal (`PermissionDenied`,
    `CapabilityDenied`) is 403 `{"code": "permission_denied", "message",
    ...}`; any other `PermissionsError` is 400 `{"code", "message", "path",
    ...}` with the fields its code has; a guard's `Unauthenticated` is 401
    and `AccessUnavailable` 500, each `{"code", "message"}` with a fixed
    message (the real error of `AccessUnavailable` goes to the
    `studio_permissions.fastapi` log). Routes guarded by an `AccessGuard`
    list the 401, 403 and 500 in the OpenAPI document, and those that take
    a path parameter and the user's set (from a guard or its lookup) the
    400 of a name the core refuses."""

    async def on_denied(request: Request, exc: Exception) -> Response:
        answer = None
        if isinstance(exc, PermissionDenied):
            answer = _answer(exc.code, str(exc), _denied_fields(exc))
        elif isinstance(exc, CapabilityDenied):
            answer = _answer(exc.code, str(exc), _capability_fields(exc))
        if answer is None:
            raise exc
        return answer

    async def on_error(request: Request, exc: Exception) -> Response:
        answer = _answer(exc.code, str(exc), _error_fields(exc)) if isinstance(exc, PermissionsError) else None
        if answer is None:
            raise exc
        return answer

    async def on_guard(request: Request, exc: Exception) -> Response:
        if isinstance(exc, AccessUnavailable):
            _log.error("the current-access dependency failed", exc_info=exc.__cause__ or exc)
            status_code, body = _ACCESS_UNAVAILABLE
        elif isinstance(exc, Unauthenticated):
            status_code, body = _UNAUTHENTICATED
        else:
            raise exc
        return Response(content=body, status_code=status_code, media_type="application/json")

    app.add_exception_handler(PermissionDenied, on_denied)
    app.add_exception_handler(CapabilityDenied, on_denied)
    app.add_exception_handler(PermissionsError, on_error)
    app.add_exception_handler(Unauthenticated, on_guard)
    app.add_exception_handler(AccessUnavailable, on_guard)
    _document_denials(app)


def _document_denials(app: FastAPI) -> None:
    # FastAPI builds the OpenAPI document from each route's `responses`; a
    # guard is a dependency, so the routes that use one get the 401, 403 and
    # 500 added when the document is first built (routes declared later
    # count too); a status the route declares itself stays its own.
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            for route in app.routes:
                declared = getattr(route, "responses", {})
                answers: dict[int | str, dict[str, Any]] = {}
                if _depends_on(route, lambda call: getattr(call, _GUARD_MARK, False)):
                    answers.update(GUARD_RESPONSES)
                # A name taken from the path reaches the core in a handler
                # that has the user's set: from a guard, or from its lookup.
                if getattr(route, "param_convertors", None) and _depends_on(
                    route, lambda call: getattr(call, _GUARD_MARK, False) or id(call) in _LOOKUPS
                ):
                    answers[status.HTTP_400_BAD_REQUEST] = ERROR_RESPONSE
                if answers:
                    taken = {str(code) for code in declared}
                    added = {code: r for code, r in sorted(answers.items()) if str(code) not in taken}
                    route.responses = {**added, **route.responses}  # type: ignore[attr-defined]
        return build()

    app.openapi = openapi  # type: ignore[method-assign]


def _depends_on(route: object, found: Callable[[object], bool]) -> bool:
    dependant = getattr(route, "dependant", None)
    stack = [dependant] if dependant is not None else []
    while stack:
        current = stack.pop()
        if found(getattr(current, "call", None)):
            return True
        stack.extend(getattr(current, "dependencies", []))
    return False
