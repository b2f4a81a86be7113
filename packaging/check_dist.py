#!/usr/bin/env python3
"""Checks the release artifacts in a dist/ folder before anything installs them.

    python packaging/check_dist.py DIST            # checksums, then contents and versions
    python packaging/check_dist.py --checksums DIST

Checksums: every file SHA256SUMS lists must exist and match, and every artifact
must be listed; a failure names the file. Contents: the wheel holds the stubs,
``py.typed`` and the license; the sdist holds the core crate and the license;
the npm tarballs hold no tests, Rust sources, Cargo files or benchmarks, the
main one no binary. Versions: Cargo's workspace version is the wheel's, the
sdist's and every npm package's, and the main npm package lists every platform
package of bindings-node/npm/ as an optional dependency at that version.
Prints each artifact's size. Exits 1 on the first kind of failure found.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NPM_MUST_NOT_SHIP = re.compile(
    r"(^|/)(test|tests|src|benches|bench|scripts|npm|node_modules)/|(^|/)Cargo\.(toml|lock)$|\.rs$|(^|/)build\.rs$"
)


class DistError(Exception):
    pass


def cargo_version() -> str:
    manifest = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))
    return str(manifest["workspace"]["package"]["version"])


def verify_checksums(dist: Path) -> list[Path]:
    """The artifacts SHA256SUMS lists, each checked; raises naming the first bad file."""
    sums = dist / "SHA256SUMS"
    if not sums.is_file():
        raise DistError(f"{sums}: missing (run make dist)")
    listed: list[Path] = []
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), 1):
        match = re.fullmatch(r"([0-9a-f]{64}) [ *](\S+)", line)
        if match is None:
            raise DistError(f"{sums}:{number}: not a sha256sum line: {line!r}")
        path = dist / match.group(2)
        if not path.is_file():
            raise DistError(f"{path.name}: listed in SHA256SUMS but missing")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != match.group(1):
            raise DistError(
                f"{path.name}: checksum mismatch (corrupted or truncated): SHA256SUMS says {match.group(1)}, the file hashes to {digest}"
            )
        listed.append(path)
    unlisted = sorted(p.name for p in dist.iterdir() if p.is_file() and p.name != "SHA256SUMS" and p not in listed)
    if unlisted:
        raise DistError(f"not in SHA256SUMS: {', '.join(unlisted)}")
    return listed


def one(dist: Path, pattern: str) -> Path:
    found = sorted(dist.glob(pattern))
    if len(found) != 1:
        raise DistError(f"expected one {pattern} in {dist}, found {[p.name for p in found]}")
    return found[0]


def check_wheel(wheel: Path, version: str) -> None:
    if "-cp311-abi3-" not in wheel.name or "manylinux2014_x86_64" not in wheel.name:
        raise DistError(f"{wheel.name}: expected an abi3 wheel for CPython 3.11+ tagged manylinux2014_x86_64")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"studio_permissions-{version}.dist-info"
        metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode("utf-8"))
    if metadata["Version"] != version or f"-{version}-" not in wheel.name:
        raise DistError(f"{wheel.name}: version {metadata['Version']}, Cargo says {version}")
    wanted = [
        "studio_permissions/__init__.pyi",
        "studio_permissions/_native.pyi",
        "studio_permissions/py.typed",
        f"{info}/licenses/LICENSE",
    ]
    missing = [name for name in wanted if name not in names]
    if missing:
        raise DistError(f"{wheel.name}: missing {', '.join(missing)}")
    if not any(re.fullmatch(r"studio_permissions/_native\.abi3\.so", n) for n in names):
        raise DistError(f"{wheel.name}: no abi3 extension module")


def check_sdist(sdist: Path, version: str) -> None:
    if sdist.name != f"studio_permissions-{version}.tar.gz":
        raise DistError(f"{sdist.name}: expected studio_permissions-{version}.tar.gz")
    prefix = f"studio_permissions-{version}/"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
        member = archive.extractfile(prefix + "PKG-INFO")
        if member is None:
            raise DistError(f"{sdist.name}: no PKG-INFO")
        metadata = Parser().parsestr(member.read().decode("utf-8"))
    if metadata["Version"] != version:
        raise DistError(f"{sdist.name}: PKG-INFO version {metadata['Version']}, Cargo says {version}")
    wanted = [
        "core/Cargo.toml",
        "core/src/lib.rs",
        "core/catalog/default.json",
        "Cargo.lock",
        "LICENSE",
        "python/studio_permissions/py.typed",
    ]
    missing = [name for name in wanted if prefix + name not in names]
    if missing:
        raise DistError(f"{sdist.name}: missing {', '.join(missing)} (the sdist must build on its own)")


def npm_package(tarball: Path) -> tuple[dict[str, object], list[str]]:
    with tarfile.open(tarball) as archive:
        files = sorted(m.name.removeprefix("package/") for m in archive.getmembers() if m.isfile())
        member = archive.extractfile("package/package.json")
        if member is None:
            raise DistError(f"{tarball.name}: no package.json")
        manifest = json.load(io.TextIOWrapper(member, encoding="utf-8"))
    bad = [f for f in files if NPM_MUST_NOT_SHIP.search(f)]
    if bad:
        raise DistError(f"{tarball.name}: ships files users do not need: {', '.join(bad)}")
    if "LICENSE" not in files:
        raise DistError(f"{tarball.name}: no LICENSE")
    return manifest, files


def check_npm(dist: Path, version: str) -> None:
    platforms = sorted(p.name for p in (ROOT / "bindings-node" / "npm").iterdir() if p.is_dir())
    main, main_files = npm_package(one(dist, f"studio-permissions-{version}.tgz"))
    if main["version"] != version:
        raise DistError(f"studio-permissions-{version}.tgz: version {main['version']}, Cargo says {version}")
    if any(f.endswith(".node") for f in main_files):
        raise DistError("the main npm package ships a binary: the platform packages carry it")
    expected = {f"studio-permissions-{p}": version for p in platforms}
    if main.get("optionalDependencies") != expected:
        raise DistError(
            f"the main npm package's optionalDependencies are {main.get('optionalDependencies')}, expected {expected}"
        )
    built = [p for p in platforms if (dist / f"studio-permissions-{p}-{version}.tgz").exists()]
    if not built:
        raise DistError("no platform package in dist/")
    for platform in built:
        name = f"studio-permissions-{platform}-{version}.tgz"
        manifest, files = npm_package(dist / name)
        if manifest["version"] != version or manifest["name"] != f"studio-permissions-{platform}":
            raise DistError(
                f"{name}: {manifest['name']}@{manifest['version']}, expected studio-permissions-{platform}@{version}"
            )
        for field in ("os", "cpu") + (("libc",) if platform.startswith("linux-") else ()):
            if not manifest.get(field):
                raise DistError(f"{name}: no {field} field")
        binary = str(manifest["main"])
        if files != sorted(["LICENSE", "README.md", "package.json", binary]) or not binary.endswith(
            f".{platform}.node"
        ):
            raise DistError(f"{name}: expected package.json, README.md, LICENSE and the binary, found {files}")


def main(argv: list[str]) -> int:
    checksums_only = argv[:1] == ["--checksums"]
    args = argv[1:] if checksums_only else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    dist = Path(args[0])
    try:
        artifacts = verify_checksums(dist)
        print(f"checksums: {len(artifacts)} artifacts match SHA256SUMS")
        if checksums_only:
            return 0
        version = cargo_version()
        check_wheel(one(dist, "*.whl"), version)
        check_sdist(one(dist, "*.tar.gz"), version)
        check_npm(dist, version)
    except (DistError, OSError, KeyError, ValueError, zipfile.BadZipFile, tarfile.TarError) as err:
        print(f"check-dist: FAILED: {err}", file=sys.stderr)
        return 1
    for path in artifacts:
        print(f"  {path.stat().st_size / 1024:9.1f} KiB  {path.name}")
    print(f"versions: Cargo, wheel, sdist and {len(list(dist.glob('*.tgz')))} npm packages are all {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
