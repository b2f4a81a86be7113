"""A small FastAPI service guarded by ``studio_permissions.fastapi``.

Each route declares the node and action (or the capability) it needs; a
refusal is 403 with the decision, a bad access document in a body is 422 with
the core's code, and an unknown user is 401. Run it with

    uvicorn --factory fastapi_app:demo_app --app-dir examples/python

and try ``curl -H 'X-User: reviewer' localhost:8000/knowledge/faqs``.
"""

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, status
from pydantic import BaseModel

from studio_permissions import AccessSet, Action, Explanation
from studio_permissions.fastapi import GUARD_RESPONSES, AccessGuard, Unauthenticated, install_error_handlers


class Member(BaseModel):
    """A user of the workspace and what they may see and change."""

    email: str
    access: AccessSet


def create_app(users: Mapping[str, AccessSet]) -> FastAPI:
    """The app, with ``users`` mapping the ``X-User`` header to an access set."""
    app = FastAPI(title="studio-permissions example")
    install_error_handlers(app)
    members: dict[str, Member] = {}

    def current_access(x_user: Annotated[str | None, Header()] = None) -> AccessSet:
        if x_user is None or x_user not in users:
            raise Unauthenticated()  # 401 with the guards' own body
        return users[x_user]

    guard = AccessGuard(current_access)
    # What this app's own code answers, for the OpenAPI document: guarded
    # routes get the guards' 401, 403 and 500 and the 400 of an id in the path.
    unknown_user: dict[int | str, dict[str, Any]] = {401: GUARD_RESPONSES[401]}
    no_member: dict[int | str, dict[str, Any]] = {404: {"description": "No member is stored under that email"}}

    @app.get("/knowledge/faqs")
    def list_faqs(access: Annotated[AccessSet, Depends(guard.requires("knowledge.faqs", "view"))]) -> dict[str, Any]:
        return {"faqs": ["How do I reset a number?"], "role": access.role.value}

    @app.post(
        "/knowledge/faqs",
        status_code=status.HTTP_201_CREATED,
        dependencies=[Depends(guard.requires("knowledge.faqs", "create"))],
    )
    def create_faq() -> dict[str, str]:
        return {"created": "faq"}

    @app.delete(
        "/deployments/environments/{name}",
        dependencies=[Depends(guard.requires("deployments.environments", "delete"))],
    )
    def delete_environment(name: str) -> dict[str, str]:
        return {"deleted": name}

    @app.put("/members/{email}", dependencies=[Depends(guard.requires_capability("users.manage"))])
    def save_member(email: str, member: Member) -> Member:
        members[email] = member
        return member

    @app.get("/members/{email}/can/{id}/{action}", responses={**unknown_user, **no_member})
    def member_can(email: str, id: str, action: Action, _: Annotated[AccessSet, Depends(current_access)]) -> bool:
        # An id from the URL: a typo is the core's 400, not a 500.
        if email not in members:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such member")
        return members[email].access.can(id, action)

    @app.get("/me/explain/{id}/{action}", responses=unknown_user)
    def explain(id: str, action: Action, access: Annotated[AccessSet, Depends(current_access)]) -> Explanation:
        """Why the signed-in user may or may not do `action` on `id`."""
        return access.explain(id, action)

    @app.get("/me/navigation", responses=unknown_user)
    def navigation(access: Annotated[AccessSet, Depends(current_access)]) -> list[str]:
        return [node.id for node in access.visible()]

    return app


def demo_app() -> FastAPI:
    """The app with three demo users (for ``uvicorn --factory``)."""
    return create_app(
        {
            "admin": AccessSet.admin(),
            "editor": AccessSet.preset("knowledge_editor"),
            "reviewer": AccessSet.preset("read_only_reviewer"),
        }
    )
