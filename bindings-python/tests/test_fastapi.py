"""`studio_permissions.fastapi` and the example app over real HTTP: uvicorn on
127.0.0.1, an ephemeral port, in a thread; every wait is bounded."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import httpx
import pytest
import uvicorn
from conftest import ROOT
from fastapi import Depends, FastAPI, Header
from fastapi_app import create_app

import studio_permissions as sp
from studio_permissions import AccessSet
from studio_permissions.fastapi import AccessGuard, install_error_handlers

USERS = {
    "admin": AccessSet.admin(),
    "editor": AccessSet.preset("knowledge_editor"),
    "reviewer": AccessSet.preset("read_only_reviewer"),
}


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Runs `app` under uvicorn on 127.0.0.1 until the block ends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    # Bounded wait for the server to accept connections (no timing asserted).
    for _ in range(1000):
        if server.started:
            break
        thread.join(0.01)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve(create_app(USERS)) as url:
        yield url


def call(base_url: str, method: str, path: str, user: str | None, body: Any = None) -> httpx.Response:
    headers = {"X-User": user} if user is not None else {}
    with httpx.Client(base_url=base_url, timeout=10) as client:
        return client.request(method, path, headers=headers, json=body)


def test_allowed_requests_pass(base_url: str) -> None:
    r = call(base_url, "GET", "/knowledge/faqs", "reviewer")
    assert r.status_code == 200 and r.json()["role"] == "member"
    assert call(base_url, "POST", "/knowledge/faqs", "editor").status_code == 201
    r = call(base_url, "DELETE", "/deployments/environments/prod", "admin")
    assert r.status_code == 200 and r.json() == {"deleted": "prod"}


def test_refusals_are_403_with_the_decision(base_url: str) -> None:
    r = call(base_url, "POST", "/knowledge/faqs", "reviewer")
    assert r.status_code == 403
    assert r.json() == {
        "code": "permission_denied",
        "message": "permission denied: `create` on `knowledge.faqs` needs `edit`, the level is `read` (inherited)",
        "id": "knowledge.faqs",
        "action": "create",
        "level": "read",
        "required": "edit",
        "reason": "inherited",
    }
    r = call(base_url, "DELETE", "/deployments/environments/prod", "editor")
    assert r.status_code == 403 and r.json()["reason"] == "parent_none" and r.json()["level"] == "none"


def test_a_refused_capability_is_403_naming_it(base_url: str) -> None:
    body = {"email": "bo@example.invalid", "access": {"role": "member"}}
    r = call(base_url, "PUT", "/members/bo", "editor", body)
    assert r.status_code == 403
    assert r.json() == {
        "code": "permission_denied",
        "message": "permission denied: the capability `users.manage` is not held by the role `member` "
        "on the cluster `standard`",
        "capability": "users.manage",
        "cluster": "standard",
        "role": "member",
    }


def test_an_access_document_in_a_body_round_trips(base_url: str) -> None:
    doc = {"role": "member", "permissions": {"knowledge.faqs": "read", "knowledge": "edit"}}
    r = call(base_url, "PUT", "/members/cy", "admin", {"email": "cy@example.invalid", "access": doc})
    assert r.status_code == 200
    # The answer carries the canonical document: catalog order.
    assert r.json() == {"email": "cy@example.invalid", "access": AccessSet.from_dict(doc).to_dict()}
    assert list(r.json()["access"]["permissions"]) == ["knowledge", "knowledge.faqs"]
    assert call(base_url, "GET", "/members/cy/can/knowledge.faqs/view", "admin").json() is True
    assert call(base_url, "GET", "/members/cy/can/knowledge.faqs/edit", "admin").json() is False


@pytest.mark.parametrize(
    ("access", "code", "path"),
    [
        ({"role": "member", "permissions": {"knowlege": "edit"}}, "unknown_area", "knowlege"),
        (
            {"role": "member", "permissions": {"knowledge": "read", "knowledge.faqs": "edit"}},
            "subsection_exceeds_parent",
            "knowledge.faqs",
        ),
        ({"role": "root"}, "unknown_role", "role"),
        ('{"role": "member", "role": "admin"}', "duplicate_key", "role"),
        ([1, 2], "invalid_document", None),
    ],
)
def test_a_malformed_body_is_422_with_the_cores_code(base_url: str, access: Any, code: str, path: str | None) -> None:
    r = call(base_url, "PUT", "/members/dee", "admin", {"email": "dee@example.invalid", "access": access})
    assert r.status_code == 422
    (error,) = r.json()["detail"]
    assert error["type"] == code and error["loc"] == ["body", "access"]
    assert error["ctx"]["code"] == code and error["ctx"]["path"] == path


def test_a_bad_name_at_request_time_is_400_with_code_and_path(base_url: str) -> None:
    call(base_url, "PUT", "/members/eve", "admin", {"email": "e", "access": {"role": "admin"}})
    r = call(base_url, "GET", "/members/eve/can/knowlege.faqs/view", "admin")
    assert r.status_code == 400
    # The core's bytes: code, message, then the code's fields in order.
    assert r.text == (
        '{"code":"unknown_area","message":"unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?",'
        '"path":"knowlege.faqs","suggestion":"knowledge.faqs"}'
    )
    # The action is typed `Action` in the path: FastAPI refuses another name
    # (422), and the OpenAPI document lists the four.
    r = call(base_url, "GET", "/members/eve/can/knowledge.faqs/destroy", "admin")
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["path", "action"]


def test_unknown_users_are_401(base_url: str) -> None:
    assert call(base_url, "GET", "/knowledge/faqs", None).status_code == 401
    assert call(base_url, "GET", "/knowledge/faqs", "mallory").status_code == 401


def test_navigation_lists_visible_nodes(base_url: str) -> None:
    r = call(base_url, "GET", "/me/navigation", "editor")
    assert r.status_code == 200
    assert r.json() == [n.id for n in USERS["editor"].visible()]


def test_an_explanation_is_a_response_model(base_url: str) -> None:
    r = call(base_url, "GET", "/me/explain/deployments.environments/delete", "editor")
    assert r.status_code == 200
    explanation = USERS["editor"].explain("deployments.environments", "delete")
    assert r.json()["allowed"] is False and r.json()["reason"] == explanation.reason.value
    assert r.json()["chain"] == [
        {"id": link.id, "stored": link.stored, "level": link.level} for link in explanation.chain
    ]
    assert r.json()["message"] == explanation.message


def test_guarded_routes_show_the_403_in_openapi(base_url: str) -> None:
    spec = call(base_url, "GET", "/openapi.json", None).json()
    paths = spec["paths"]
    assert "403" in paths["/knowledge/faqs"]["get"]["responses"]
    assert "403" in paths["/knowledge/faqs"]["post"]["responses"]
    assert "403" in paths["/members/{email}"]["put"]["responses"]
    assert "403" not in paths["/me/navigation"]["get"]["responses"]
    denied = paths["/knowledge/faqs"]["post"]["responses"]["403"]["content"]["application/json"]["schema"]
    assert denied["properties"]["code"]["enum"] == ["permission_denied"]
    # The guard's other answers: no access (401) and a lookup that failed (500).
    for code, status in (("unauthenticated", "401"), ("access_unavailable", "500")):
        answer = paths["/knowledge/faqs"]["post"]["responses"][status]["content"]["application/json"]["schema"]
        assert answer["properties"]["code"]["enum"] == [code], status
    # A route on the app's own lookup shows what the app declares: its 401.
    navigation = paths["/me/navigation"]["get"]["responses"]
    assert "500" not in navigation
    assert navigation["401"]["content"]["application/json"]["schema"]["properties"]["code"]["enum"] == [
        "unauthenticated"
    ]
    # A guarded route that takes a name from its path documents the package's 400.
    assert "400" in paths["/members/{email}/can/{id}/{action}"]["get"]["responses"]
    assert "400" not in paths["/knowledge/faqs"]["get"]["responses"]
    # The Member model's access field is the core's schema, and the docs read as product docs.
    member = spec["components"]["schemas"]["Member"]["properties"]["access"]
    assert member["properties"]["permissions"]["propertyNames"]["enum"][0] == "analytics"
    assert "bool(explanation)" in spec["components"]["schemas"]["Explanation"]["description"]
    text = str(spec)
    assert "SPEC" not in text and "§" not in text and ":class:" not in text and "``" not in text


def test_typos_in_a_route_declaration_fail_when_declared() -> None:
    guard = AccessGuard(lambda: AccessSet.admin())
    with pytest.raises(sp.UnknownAreaError, match=re.escape("did you mean `knowledge.faqs`?")):
        guard.requires("knowledge.faq", "view")
    with pytest.raises(sp.UnknownActionError):
        guard.requires("knowledge.faqs", "destroy")  # type: ignore[arg-type]
    # Left to right: the id's error wins when both are wrong.
    with pytest.raises(sp.UnknownAreaError):
        guard.requires("knowlege", "destroy")  # type: ignore[arg-type]
    with pytest.raises(sp.UnknownCapabilityError, match=re.escape("did you mean `users.manage`?")):
        guard.requires_capability("users.manag")
    with pytest.raises(sp.UnknownClusterError):
        guard.requires_capability("users.manage", "moon")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        AccessGuard("not a dependency")  # type: ignore[arg-type]


def test_a_guard_over_another_catalog_checks_its_ids(small_catalog: sp.Catalog) -> None:
    guard = AccessGuard(lambda: AccessSet.admin(catalog=small_catalog), catalog=small_catalog)
    assert guard.catalog == small_catalog
    guard.requires("a.x.deep", "edit")
    with pytest.raises(sp.UnknownAreaError):
        guard.requires("knowledge", "view")


def test_an_async_dependency_and_a_wrong_return_are_handled() -> None:
    async def current_access() -> AccessSet:
        return AccessSet.preset("read_only_reviewer")

    app = FastAPI()
    install_error_handlers(app)
    guard = AccessGuard(current_access)
    wrong = AccessGuard(lambda: {"role": "admin"})  # a bug in the app: not an AccessSet

    @app.get("/ok", dependencies=[Depends(guard.requires("knowledge", "view"))])
    def ok() -> str:
        return "ok"

    @app.get("/no", dependencies=[Depends(guard.requires("knowledge", "edit"))])
    def no() -> str:
        return "no"

    @app.get("/wrong", dependencies=[Depends(wrong.requires("knowledge", "view"))])
    def never() -> str:
        return "never"

    with serve(app) as url, httpx.Client(base_url=url, timeout=10) as client:
        assert client.get("/ok").json() == "ok"
        assert client.get("/no").status_code == 403
        # Never a pass: the server fails the request.
        assert client.get("/wrong").status_code == 500


def test_the_readme_snippet_runs_as_a_service() -> None:
    text = (ROOT / "bindings-python" / "README.md").read_text(encoding="utf-8")
    first = re.findall(r"```python\n(.*?)```", text, flags=re.S)[0]
    assert len(first.strip().splitlines()) < 20
    namespace: dict[str, Any] = {}
    exec(compile(first, "README.md", "exec", dont_inherit=True), namespace)
    with serve(namespace["app"]) as url, httpx.Client(base_url=url, timeout=10) as client:
        doc = {"role": "member", "permissions": {"knowledge.faqs": "read", "knowledge": "edit"}}
        r = client.put("/members/bo", json={"email": "bo@example.invalid", "access": doc})
        assert r.status_code == 200 and r.json()["access"] == AccessSet.from_dict(doc).to_dict()
        doc["permissions"] = {"knowlege": "edit"}
        r = client.put("/members/bo", json={"email": "bo@example.invalid", "access": doc})
        assert r.status_code == 422 and r.json()["detail"][0]["type"] == "unknown_area"
        spec = client.get("/openapi.json").json()
        assert "403" in spec["paths"]["/members/{email}"]["put"]["responses"]


OTHER_CATALOG = (
    '{"areas":[{"id":"knowledge","name":"Knowledge","children":[{"id":"faqs","name":"FAQs"}]}],'
    '"capabilities":{"users.manage":{"roles":["admin","member"]}}}'
)


def test_a_set_of_another_catalog_is_a_server_fault_never_an_answer() -> None:
    other = sp.Catalog.from_json(OTHER_CATALOG)
    member = AccessSet.from_json('{"role":"member","permissions":{"knowledge":"edit"}}', catalog=other)
    assert member.capability("users.manage")  # its own catalog lets it
    ran: list[str] = []
    app = FastAPI()
    install_error_handlers(app)
    default_guard = AccessGuard(lambda: member)
    own_guard = AccessGuard(lambda: member, catalog=other)

    @app.get("/users", dependencies=[Depends(default_guard.requires_capability("users.manage"))])
    def users() -> str:
        ran.append("users")
        return "users"

    @app.get("/faqs", dependencies=[Depends(default_guard.requires("knowledge.faqs", "edit"))])
    def faqs() -> str:
        ran.append("faqs")
        return "faqs"

    @app.get("/own", dependencies=[Depends(own_guard.requires_capability("users.manage"))])
    def own() -> str:
        return "own"

    unavailable = {"code": "access_unavailable", "message": "the access of this request could not be established"}
    with serve(app) as url, httpx.Client(base_url=url, timeout=10) as client:
        for path in ("/users", "/faqs"):
            r = client.get(path)
            assert (r.status_code, r.json()) == (500, unavailable), path
        assert ran == []
        # The guard declared with that catalog answers from the set.
        assert client.get("/own").json() == "own"


def test_an_http_exception_of_the_app_keeps_its_answer_and_a_generator_is_closed() -> None:
    from fastapi import HTTPException

    closed: list[str] = []

    def by_token(authorization: Annotated[str | None, Header()] = None) -> Iterator[AccessSet | None]:
        if authorization == "expired":
            raise HTTPException(401, detail="token expired", headers={"WWW-Authenticate": "Bearer"})
        if authorization == "broken":
            raise LookupError("the session store says: sekret-session-value")
        try:
            yield AccessSet.admin() if authorization == "admin" else None
        finally:
            closed.append(str(authorization))

    app = FastAPI()
    install_error_handlers(app)
    guard = AccessGuard(by_token)

    @app.get("/faqs", dependencies=[Depends(guard.requires("knowledge.faqs", "view"))])
    def faqs() -> str:
        return "faqs"

    with serve(app) as url, httpx.Client(base_url=url, timeout=10) as client:
        assert client.get("/faqs", headers={"Authorization": "admin"}).json() == "faqs"
        r = client.get("/faqs", headers={"Authorization": "expired"})
        assert (r.status_code, r.json(), r.headers["www-authenticate"]) == (401, {"detail": "token expired"}, "Bearer")
        r = client.get("/faqs", headers={"Authorization": "broken"})
        assert r.status_code == 500 and "sekret" not in r.text and r.json()["code"] == "access_unavailable"
        r = client.get("/faqs")
        assert r.status_code == 401 and r.json()["code"] == "unauthenticated"
    # The dependency's own clean-up ran for the requests it yielded for.
    assert sorted(closed) == ["None", "admin"]


def test_without_the_handlers_the_guard_still_answers_its_statuses() -> None:
    app = FastAPI()
    guard = AccessGuard(lambda: None)
    broken = AccessGuard(lambda: 1 / 0)

    @app.get("/none", dependencies=[Depends(guard.requires("knowledge", "view"))])
    def none() -> str:
        return "ran"

    @app.get("/broken", dependencies=[Depends(broken.requires("knowledge", "view"))])
    def failing() -> str:
        return "ran"

    with serve(app) as url, httpx.Client(base_url=url, timeout=10) as client:
        assert client.get("/none").status_code == 401
        r = client.get("/broken")
        assert r.status_code == 500 and "ran" not in r.text and "division" not in r.text


def test_the_module_without_fastapi_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import sys

    # `None` in `sys.modules` makes `import fastapi` fail as if it were absent.
    monkeypatch.setitem(sys.modules, "fastapi", None)
    monkeypatch.delitem(sys.modules, "studio_permissions.fastapi", raising=False)
    with pytest.raises(ImportError) as info:
        importlib.import_module("studio_permissions.fastapi")
    assert "pip install 'studio-permissions[fastapi]'" in str(info.value)
    assert info.value.name == "fastapi"
