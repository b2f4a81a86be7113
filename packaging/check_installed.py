"""Checks that the studio_permissions a venv imports is the wheel pip just
installed into it, for the platform tag expected (make test-dist runs it on
x64, and on arm64 under qemu).

    python check_installed.py VENV PLATFORM_TAG
"""

import importlib.metadata
import pathlib
import platform
import sys

import studio_permissions


def main(venv: str, tag: str) -> None:
    where = pathlib.Path(studio_permissions.__file__).resolve()
    if not where.is_relative_to(pathlib.Path(venv).resolve()):
        sys.exit(f"check_installed: studio_permissions imported from {where}, outside {venv}")
    wheel = importlib.metadata.distribution("studio-permissions").read_text("WHEEL") or ""
    if tag not in wheel or "abi3" not in wheel:
        sys.exit(f"check_installed: the installed wheel is not an abi3 {tag} wheel:\n{wheel}")
    print(
        f"imported {studio_permissions.__name__} {studio_permissions.__version__}"
        f" on {platform.machine()} from {where.parent}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python check_installed.py VENV PLATFORM_TAG")
    main(sys.argv[1], sys.argv[2])
