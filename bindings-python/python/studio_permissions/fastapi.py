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
500 on the first request. A refusal answers 403 with the explanation; any other
error of the package answers 400 with its code, path and message.
"""

# No `from __future__ import annotations`: FastAPI reads the guards'
# annotations at run time, and they name the guard's own dependency.
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

try:
    from fastapi import Depends, FastAPI, Request, status
    from fastapi.responses import JSONResponse
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
from ._native import AccessSet, Catalog
from ._types import Action, ActionName, Cluster, ClusterName, Level

__all__ = ["AccessGuard", "install_error_handlers", "DENIED_RESPONSE"]

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

CurrentAccess = Callable[..., AccessSet] | Callable[..., Awaitable[AccessSet]]


class AccessGuard:
    """Route guards over the app's own dependency that returns the request's
    `AccessSet` (from a session, a token, a database: the app decides).

    `catalog` is the catalog routes name ids and capabilities of (the
    default one unless given).
    """

    def __init__(self, current_access: CurrentAccess, *, catalog: Catalog | None = None) -> None:
        if not callable(current_access):
            raise TypeError(f"current_access must be a callable dependency, not {type(current_access).__name__}")
        self._current_access = current_access
        self._catalog = catalog if catalog is not None else Catalog.default()

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

        def require_access(access: Annotated[AccessSet, Depends(self._current_access)]) -> AccessSet:
            _expect_access_set(access)
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

        def require_capability(access: Annotated[AccessSet, Depends(self._current_access)]) -> AccessSet:
            _expect_access_set(access)
            access.require_capability(name, checked)
            return access

        return _mark(require_capability, f"requires_{name.replace('.', '_')}")


_GUARD_MARK = "__studio_permissions_guard__"


def _mark(dependency: Callable[..., AccessSet], name: str) -> Callable[..., AccessSet]:
    # The name shows in tracebacks; the mark lets the OpenAPI hook find guarded routes.
    dependency.__name__ = name
    setattr(dependency, _GUARD_MARK, True)
    return dependency


def _expect_access_set(access: object) -> None:
    # The app's dependency is the one part a guard cannot check when declared:
    # returning anything else is a bug in the app (a 500), never a pass.
    if not isinstance(access, AccessSet):
        raise TypeError(f"the current-access dependency returned {type(access).__name__}, not an AccessSet")


def _denied_body(denied: PermissionDenied) -> dict[str, Any]:
    d = denied.explanation
    return {
        "code": denied.code,
        "message": str(denied),
        "id": d.id,
        "action": d.action.value,
        "level": d.level.value,
        "required": d.required.value,
        "reason": d.reason.value,
    }


def _capability_body(denied: CapabilityDenied) -> dict[str, Any]:
    return {
        "code": denied.code,
        "message": str(denied),
        "capability": denied.capability,
        "cluster": denied.cluster,
        "role": denied.role,
    }


def install_error_handlers(app: FastAPI) -> None:
    """Answers the package's errors as JSON: a refusal (`PermissionDenied`,
    `CapabilityDenied`) is 403 `{"code": "permission_denied", "message",
    ...}`; any other `PermissionsError` is 400 `{"code", "path",
    "message"}`. Routes guarded by an `AccessGuard` list the 403 in the
    OpenAPI document."""

    async def on_denied(request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, PermissionDenied):
            return JSONResponse(_denied_body(exc), status_code=status.HTTP_403_FORBIDDEN)
        if isinstance(exc, CapabilityDenied):
            return JSONResponse(_capability_body(exc), status_code=status.HTTP_403_FORBIDDEN)
        raise exc

    async def on_error(request: Request, exc: Exception) -> JSONResponse:
        if not isinstance(exc, PermissionsError):
            raise exc
        body = {"code": exc.code, "path": exc.path, "message": str(exc)}
        return JSONResponse(body, status_code=status.HTTP_400_BAD_REQUEST)

    app.add_exception_handler(PermissionDenied, on_denied)
    app.add_exception_handler(CapabilityDenied, on_denied)
    app.add_exception_handler(PermissionsError, on_error)
    _document_denials(app)


def _document_denials(app: FastAPI) -> None:
    # FastAPI builds the OpenAPI document from each route's `responses`; a
    # guard is a dependency, so the routes that use one get the 403 added
    # when the document is first built (routes declared later count too).
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            for route in app.routes:
                declared = getattr(route, "responses", {})
                if _is_guarded(route) and not {403, "403"} & set(declared):
                    route.responses = {**DENIED_RESPONSE, **route.responses}  # type: ignore[attr-defined]
        return build()

    app.openapi = openapi  # type: ignore[method-assign]


def _is_guarded(route: object) -> bool:
    dependant = getattr(route, "dependant", None)
    stack = [dependant] if dependant is not None else []
    while stack:
        current = stack.pop()
        if getattr(getattr(current, "call", None), _GUARD_MARK, False):
            return True
        stack.extend(getattr(current, "dependencies", []))
    return False
