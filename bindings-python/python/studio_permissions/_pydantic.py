"""How pydantic validates, serialises and describes an `AccessSet` field.

`AccessSet.__get_pydantic_core_schema__` imports this module, so pydantic
is imported only by an application that uses it. A field accepts an
`AccessSet`, a `dict` or JSON text (`str` or `bytes`), judged strictly
against the default catalog; a refused document is a `ValidationError`
whose error `type` is the core's code (`unknown_area`, ...) with the
core's message and `ctx` holding `code` and `path`. A dump gives the
`AccessSet` itself in python mode and the canonical document in JSON mode.
"""

from __future__ import annotations

from typing import Any

try:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import PydanticCustomError, core_schema
except ImportError as _missing:
    if (_missing.name or "").partition(".")[0] not in {"pydantic", "pydantic_core"}:
        raise
    raise ModuleNotFoundError(
        f"an AccessSet field needs pydantic 2 ({_missing.name} is not installed): "
        "pip install 'studio-permissions[pydantic]'",
        name=_missing.name,
    ) from _missing

from ._errors import PermissionsError
from ._native import AccessSet, Catalog

__all__ = ["access_set_core_schema", "access_set_json_schema", "validation_error"]


def validation_error(error: PermissionsError) -> PydanticCustomError:
    """The pydantic error for a core error: its code as the error type, its
    message as the text, and `code` and `path` in `ctx`."""
    # The message goes in `ctx` and the template only names it, so braces in
    # a user's id are never read as placeholders. pydantic fills the
    # placeholders in `ctx` order: `message` last, so nothing is filled in it.
    ctx = {"code": error.code, "path": error.path, "message": str(error)}
    return PydanticCustomError(error.code, "{message}", ctx)


def _validate(value: Any) -> AccessSet:
    try:
        if isinstance(value, AccessSet):
            if value.catalog != Catalog.default():
                # Another catalog's set would pass unchecked against this one.
                return AccessSet.from_json(value.to_json())
            return value
        if isinstance(value, (str, bytes)):
            return AccessSet.from_json(value)
        if isinstance(value, bytearray):
            return AccessSet.from_json(bytes(value))
        return AccessSet.from_dict(value)
    except PermissionsError as error:
        raise validation_error(error) from error


def _serialize(value: AccessSet, info: core_schema.SerializationInfo) -> Any:
    if info.mode_is_json():
        return value.to_dict()
    return value


def access_set_core_schema(cls: type[AccessSet], source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
    """The core schema of an `AccessSet` field (called by pydantic)."""
    return core_schema.no_info_plain_validator_function(
        _validate,
        serialization=core_schema.plain_serializer_function_ser_schema(_serialize, info_arg=True),
    )


def access_set_json_schema(schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
    """The core's JSON Schema of the document, without `$schema` (pydantic
    writes it inside a larger schema, where only the root names a dialect)."""
    described = Catalog.default().json_schema()
    described.pop("$schema", None)
    return described
