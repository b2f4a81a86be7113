"""`tests/http/cases.json` over real HTTP on 127.0.0.1 against FastAPI under
uvicorn, with `install_error_handlers`: every case gets its status and the
exact bytes of its body (the Node runner holds Express and Fastify to the
same file), and a route's handler runs only when the guard let it.

A FastAPI dependency is a plain function, a coroutine function or a
generator: the routes are served once per kind, each under its own prefix
with its own guard, and a case goes to the kind its behaviour needs."""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations,
# which name each route's own guard dependency, at run time.

import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Annotated, Any

import httpx
import pytest
from conftest import ROOT
from fastapi import APIRouter, Depends, FastAPI, Request
from test_fastapi import serve

from studio_permissions import AccessSet, Catalog
from studio_permissions.fastapi import AccessGuard, install_error_handlers

FILE = json.loads((ROOT / "tests" / "http" / "cases.json").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = FILE["cases"]
OTHER = Catalog.from_json(FILE["other_catalog"])
SECRET = "the user store is down: password hunter2"


class Forged:
    """An object posing as a set, whose checks let everything through."""

    catalog = Catalog.default()

    def require(self, *args: object) -> None:
        return None

    def require_capability(self, *args: object) -> None:
        return None


def wrong_value(name: str) -> object:
    values: dict[str, object] = {
        "string": "admin",
        "number": 1,
        "boolean": True,
        "object": {},
        "array": [],
        "document-object": json.loads(FILE["documents"]["ada"]),
        "function": lambda: AccessSet.from_json(FILE["documents"]["ada"]),
    }
    return values[name]


def failure(value: str) -> Exception:
    # Python raises exceptions only: each JavaScript value becomes one that names it.
    return RuntimeError(SECRET if value == "Error" else f"current_access failed with {value}")


def outcome(access: dict[str, Any]) -> object:
    """What the lookup gives for a case, or raises."""
    kind = access["kind"]
    if kind in ("set", "later", "thenable"):
        return AccessSet.from_json(FILE["documents"][access["document"]])
    if kind == "text":
        return AccessSet.from_json(access["value"])
    if kind in ("none", "undefined", "later-none", "thenable-none"):
        return None
    if kind in ("throw", "reject", "thenable-reject", "thenable-throw"):
        raise failure(access["value"])
    if kind in ("wrong", "thenable-wrong"):
        return wrong_value(access["value"])
    if kind == "forged":
        return Forged()
    if kind == "other-catalog":
        return AccessSet.from_json(FILE["other_document"], catalog=OTHER)
    raise AssertionError(f"no access kind {kind}")


SHAPES = {
    "later": "coroutine",
    "thenable": "coroutine",
    "later-none": "coroutine",
    "thenable-none": "coroutine",
    "reject": "coroutine",
    "thenable-reject": "coroutine",
    "thenable-wrong": "coroutine",
    "thenable-throw": "generator",
}


def the_case(request: Request) -> dict[str, Any]:
    return CASES[int(request.headers["x-case"])]


def sync_access(request: Request) -> Any:
    return outcome(the_case(request)["access"])


async def async_access(request: Request) -> Any:
    return outcome(the_case(request)["access"])


def generator_access(request: Request) -> Iterator[Any]:
    yield outcome(the_case(request)["access"])


async def async_generator_access(request: Request) -> AsyncIterator[Any]:
    yield outcome(the_case(request)["access"])


LOOKUPS: dict[str, Callable[..., Any]] = {
    "function": sync_access,
    "coroutine": async_access,
    "generator": generator_access,
    "async-generator": async_generator_access,
}

ran: dict[str, int] = {}


def count(request: Request) -> None:
    key = request.headers["x-case"]
    ran[key] = ran.get(key, 0) + 1


def routes(guard: AccessGuard) -> APIRouter:
    router = APIRouter()
    for route in FILE["routes"]:
        dependency = None
        if route["guard"] is not None:
            how, *args = route["guard"]
            dependency = guard.requires(*args) if how == "requires" else guard.requires_capability(*args)
        router.add_api_route(route["path"], endpoint(route["handler"], dependency), methods=route["methods"])
    return router


def endpoint(handler: str, dependency: Callable[..., AccessSet] | None) -> Callable[..., Any]:
    if handler == "level":
        assert dependency is not None

        def level(id: str, request: Request, access: Annotated[AccessSet, Depends(dependency)]) -> dict[str, str]:
            count(request)
            return {"level": access.level(id).value}

        return level
    if handler == "can":
        assert dependency is not None

        def can(id: str, action: str, request: Request, access: Annotated[AccessSet, Depends(dependency)]) -> Any:
            count(request)
            return {"allowed": access.can(id, action)}  # type: ignore[arg-type]

        return can
    if handler == "capability":
        assert dependency is not None

        def capability(
            name: str, cluster: str, request: Request, access: Annotated[AccessSet, Depends(dependency)]
        ) -> Any:
            count(request)
            return {"held": access.capability(name, cluster)}  # type: ignore[arg-type]

        return capability
    if handler == "preset":

        def preset(name: str, request: Request) -> Any:
            count(request)
            return AccessSet.preset(name).to_dict()  # type: ignore[arg-type]

        return preset
    if handler == "parse":

        async def parse(request: Request) -> dict[str, Any]:
            count(request)
            return AccessSet.from_json(await request.body()).to_dict()

        return parse

    def ok(request: Request) -> dict[str, bool]:
        count(request)
        return {"ok": True}

    if dependency is not None:
        guarded = ok

        def ok(request: Request, _: Annotated[AccessSet, Depends(dependency)]) -> dict[str, bool]:  # noqa: F811
            return guarded(request)

    return ok


def create_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    for shape, lookup in LOOKUPS.items():
        app.include_router(routes(AccessGuard(lookup)), prefix=f"/{shape}")
    return app


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve(create_app()) as url:
        yield url


def shapes_of(case: dict[str, Any]) -> list[str]:
    shape = SHAPES.get(case["access"]["kind"])
    if shape is not None:
        return [shape]
    if case["status"] == 400:
        return ["function"]  # the handler's own error: the lookup's kind does not matter
    # Plain returns and raises hold for every kind of dependency.
    return list(LOOKUPS)


def test_every_case_answers_its_status_and_bytes(base_url: str, caplog: pytest.LogCaptureFixture) -> None:
    checked = 0
    with httpx.Client(base_url=base_url, timeout=10) as client:
        for i, case in enumerate(CASES):
            for shape in shapes_of(case):
                ran.clear()
                headers = {"x-case": str(i)}
                if "request" in case:
                    headers["content-type"] = "application/json"
                r = client.request(
                    case["method"], f"/{shape}{case['path']}", headers=headers, content=case.get("request")
                )
                label = f"{i} {case['name']} ({shape}): {r.status_code} {r.text}"
                assert r.status_code == case["status"], label
                want = (
                    ""
                    if case["method"] == "HEAD"
                    else json.dumps(case["body"], separators=(",", ":"), ensure_ascii=False)
                )
                assert r.text == want, label
                # The guards answer 401, 403 and 500; a 400 is the handler's own error.
                assert ran.get(str(i), 0) == (1 if case["status"] < 300 or case["status"] == 400 else 0), label
                checked += 1
    assert checked > len(CASES)
    # The real error of a failed lookup reaches the log, never the client.
    assert SECRET in caplog.text
