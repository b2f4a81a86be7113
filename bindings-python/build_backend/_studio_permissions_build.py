"""The package's build backend: maturin's, behind a check that Rust is there.

pip builds the sdist only where no prebuilt wheel fits the machine. With no
``cargo`` on ``PATH``, maturin would download a Rust toolchain into a cache
and, where that fails, end in a long traceback. This backend stops first,
with a few lines that say what is needed: a Rust toolchain 1.85 or later, or
a platform with a prebuilt wheel. Every hook is maturin's once Rust is found.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

import maturin

RUST_MINIMUM = (1, 85)
WHEEL_PLATFORMS = "Linux x64 and arm64 with glibc 2.17+ or musl, macOS x64 and arm64, Windows x64; CPython 3.11+"


def _rust_problem() -> str | None:
    """What is wrong with the Rust toolchain on PATH, or None when cargo 1.85+ is there."""
    cargo = shutil.which("cargo")
    if cargo is None:
        return "no `cargo` was found on PATH"
    try:
        output = subprocess.run([cargo, "--version"], capture_output=True, text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError) as err:
        return f"`{cargo} --version` failed ({err})"
    found = re.match(r"cargo (\d+)\.(\d+)", output)
    if found is None:
        return f"`{cargo} --version` printed no version"
    version = (int(found.group(1)), int(found.group(2)))
    if version < RUST_MINIMUM:
        return f"the `cargo` on PATH ({cargo}) is {version[0]}.{version[1]}"
    return None


def _require_rust() -> None:
    problem = _rust_problem()
    if problem is None:
        return
    sys.stderr.write(
        f"studio-permissions: building from source needs a Rust toolchain 1.85 or later; {problem}.\n"
        "Install Rust 1.85+ (your system's packages, or rustup) so that `cargo` is on PATH and run pip again,\n"
        f"or use a prebuilt wheel ({WHEEL_PLATFORMS}).\n"
    )
    sys.stderr.flush()
    # SystemExit, not an exception: pip shows these lines and no traceback.
    raise SystemExit(1)


def get_requires_for_build_wheel(config_settings: Mapping[str, Any] | None = None) -> list[str]:
    _require_rust()
    return maturin.get_requires_for_build_wheel(config_settings)


def get_requires_for_build_sdist(config_settings: Mapping[str, Any] | None = None) -> list[str]:
    _require_rust()
    return maturin.get_requires_for_build_sdist(config_settings)


def prepare_metadata_for_build_wheel(metadata_directory: str, config_settings: Mapping[str, Any] | None = None) -> str:
    _require_rust()
    return maturin.prepare_metadata_for_build_wheel(metadata_directory, config_settings)


def build_wheel(
    wheel_directory: str, config_settings: Mapping[str, Any] | None = None, metadata_directory: str | None = None
) -> str:
    _require_rust()
    return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory: str, config_settings: Mapping[str, Any] | None = None) -> str:
    _require_rust()
    return maturin.build_sdist(sdist_directory, config_settings)


# Editable installs (`pip install -e`) check the same, then are maturin's.
def get_requires_for_build_editable(config_settings: Mapping[str, Any] | None = None) -> list[str]:
    _require_rust()
    return maturin.get_requires_for_build_editable(config_settings)


def prepare_metadata_for_build_editable(
    metadata_directory: str, config_settings: Mapping[str, Any] | None = None
) -> str:
    _require_rust()
    return maturin.prepare_metadata_for_build_editable(metadata_directory, config_settings)


def build_editable(
    wheel_directory: str, config_settings: Mapping[str, Any] | None = None, metadata_directory: str | None = None
) -> str:
    _require_rust()
    return maturin.build_editable(wheel_directory, config_settings, metadata_directory)
