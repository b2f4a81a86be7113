"""A small FastAPI service whose endpoints are guarded by `require`.

Each endpoint declares the node and action it needs; the dependency refuses
with 403 and the core's reason, and an unknown user gets 401. Run it with

    uvicorn --factory fastapi_app:demo_app --app-dir examples/python

and try `curl -H 'X-User: reviewer' localhost:8000/knowledge/faqs`.
"""

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, status

from studio_permissions import AccessSet, Action, PermissionDenied

Guard = Callable[..., AccessSet]


def create_app(users: Mapping[str, AccessSet]) -> FastAPI:
    """The app, with `users` mapping the `X-User` header to an access set."""
    app = FastAPI(title="studio-permissions example")

    def current_user(x_user: Annotated[str | None, Header()] = None) -> AccessSet:
        if x_user is None or x_user not in users:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="unknown user")
        return users[x_user]

    def requires(node: str, action: Action) -> Guard:
        """A dependency that lets the request through only if `require` does."""

        def guard(user: Annotated[AccessSet, Depends(current_user)]) -> AccessSet:
            try:
                user.require(node, action)
            except PermissionDenied as denied:
                decision = denied.decision
                raise HTTPException(
                    status.HTTP_403_FORBIDDEN,
                    detail={
                        "error": denied.code,
                        "message": str(denied),
                        "reason": decision.reason.value if decision is not None else None,
                    },
                ) from denied
            return user

        return guard

    @app.get("/knowledge/faqs")
    def list_faqs(user: Annotated[AccessSet, Depends(requires("knowledge.faqs", Action.VIEW))]) -> dict[str, Any]:
        return {"faqs": ["How do I reset a number?"], "role": user.role.value}

    @app.post("/knowledge/faqs", status_code=status.HTTP_201_CREATED)
    def create_faq(_: Annotated[AccessSet, Depends(requires("knowledge.faqs", Action.CREATE))]) -> dict[str, str]:
        return {"created": "faq"}

    @app.delete("/deployments/environments/{name}")
    def delete_environment(
        name: str, _: Annotated[AccessSet, Depends(requires("deployments.environments", Action.DELETE))]
    ) -> dict[str, str]:
        return {"deleted": name}

    @app.get("/me/navigation")
    def navigation(user: Annotated[AccessSet, Depends(current_user)]) -> list[str]:
        return [node.id for node in user.visible()]

    return app


def demo_app() -> FastAPI:
    """The app with three demo users (for `uvicorn --factory`)."""
    return create_app(
        {
            "admin": AccessSet.admin(),
            "editor": AccessSet.preset("knowledge_editor"),
            "reviewer": AccessSet.preset("read_only_reviewer"),
        }
    )
