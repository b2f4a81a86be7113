"""The FastAPI example over real HTTP: uvicorn on 127.0.0.1, an ephemeral
port, in a thread; every wait is bounded."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi_app import create_app

from studio_permissions import AccessSet

USERS = {
    "admin": AccessSet.admin(),
    "editor": AccessSet.preset("knowledge_editor"),
    "reviewer": AccessSet.preset("read_only_reviewer"),
}


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(USERS), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = threading.Event()
    # Bounded wait for the server to accept connections (no timing asserted).
    for _ in range(500):
        if server.started:
            started.set()
            break
        thread.join(0.01)
    assert started.is_set(), "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def get(base_url: str, method: str, path: str, user: str | None) -> httpx.Response:
    headers = {"X-User": user} if user is not None else {}
    with httpx.Client(base_url=base_url, timeout=10) as client:
        return client.request(method, path, headers=headers)


def test_allowed_requests_pass(base_url: str) -> None:
    r = get(base_url, "GET", "/knowledge/faqs", "reviewer")
    assert r.status_code == 200 and r.json()["role"] == "member"
    assert get(base_url, "POST", "/knowledge/faqs", "editor").status_code == 201
    r = get(base_url, "DELETE", "/deployments/environments/prod", "admin")
    assert r.status_code == 200 and r.json() == {"deleted": "prod"}


def test_refusals_are_403_with_the_reason(base_url: str) -> None:
    r = get(base_url, "POST", "/knowledge/faqs", "reviewer")
    assert r.status_code == 403
    assert r.json()["detail"] == {
        "error": "permission_denied",
        "message": "permission denied: `create` on `knowledge.faqs` needs `edit`, the level is `read` (inherited)",
        "reason": "inherited",
    }
    r = get(base_url, "DELETE", "/deployments/environments/prod", "editor")
    assert r.status_code == 403 and r.json()["detail"]["reason"] == "parent_none"


def test_unknown_users_are_401(base_url: str) -> None:
    assert get(base_url, "GET", "/knowledge/faqs", None).status_code == 401
    assert get(base_url, "GET", "/knowledge/faqs", "mallory").status_code == 401


def test_navigation_lists_visible_nodes(base_url: str) -> None:
    r = get(base_url, "GET", "/me/navigation", "editor")
    assert r.status_code == 200
    assert r.json() == [n.id for n in USERS["editor"].visible()]
