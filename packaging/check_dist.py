#!/usr/bin/env python3
"""Checks the release artifacts in a dist/ folder before anything installs them.

    python packaging/check_dist.py DIST            # checksums, then contents and versions
    python packaging/check_dist.py --checksums DIST

Checksums: every file SHA256SUMS lists must exist and match, and every artifact
must be listed; a failure names the file. Contents: one wheel per platform
``make dist`` builds (linux x86_64 and aarch64), each holding the stubs,
``py.typed`` and the license, and the same files as the other; the sdist holds
the core crate and the license; the npm tarballs hold no tests, Rust sources,
Cargo files or benchmarks, the main one no binary, the platform packages
(linux-x64-gnu and linux-arm64-gnu) the same files but for the binary's name.
Binaries: each native library is an ELF file for its platform's machine
(x86-64 or AArch64) that needs no glibc newer than 2.17 (read from its
version-needs section). Versions: Cargo's workspace version is every wheel's,
the sdist's and every npm package's, and the main npm package lists every
platform package of bindings-node/npm/ as an optional dependency at that
version. Prints each artifact's size and each binary's newest glibc version.
Exits 1 on the first kind of failure found.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
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


# What `make dist` builds on this machine: the wheel's platform tag and the
# npm platform, each with the ELF machine its binary must be for. The release
# workflows build the other platforms.
ELF_MACHINES = {"x86_64": 62, "aarch64": 183}  # EM_X86_64, EM_AARCH64
WHEEL_PLATFORMS = {"manylinux2014_x86_64": "x86_64", "manylinux2014_aarch64": "aarch64"}
NPM_PLATFORMS = {"linux-x64-gnu": "x86_64", "linux-arm64-gnu": "aarch64"}
# manylinux2014: the binaries may need nothing newer than glibc 2.17.
GLIBC_FLOOR = (2, 17)
SHT_GNU_VERNEED = 0x6FFFFFFE


class DistError(Exception):
    pass


def elf_needs(data: bytes, what: str) -> tuple[str, list[tuple[int, ...]]]:
    """The machine of a 64-bit little-endian ELF file and the GLIBC_x.y versions it needs.

    The versions come from the version-needs section (what the dynamic loader
    checks before running a single instruction), found through the section
    headers; every offset is checked against the file's length.
    """
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise DistError(f"{what}: not a 64-bit little-endian ELF file")
    machine_code = struct.unpack_from("<H", data, 18)[0]
    machine = next((name for name, code in ELF_MACHINES.items() if code == machine_code), f"machine {machine_code}")
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    if shentsize != 64 or shoff + shnum * shentsize > len(data):
        raise DistError(f"{what}: section headers out of bounds")
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    versions: list[tuple[int, ...]] = []
    for _name, kind, _flags, _addr, offset, size, link, count, _align, _entsize in sections:
        if kind != SHT_GNU_VERNEED:
            continue
        if link >= shnum or offset + size > len(data):
            raise DistError(f"{what}: version-needs section out of bounds")
        strings_offset = sections[link][4]

        def name_at(at: int) -> str:
            end = data.index(b"\0", strings_offset + at)
            return data[strings_offset + at : end].decode("ascii", "replace")

        entry = offset
        for _ in range(count):
            _version, aux_count, _file, aux, following = struct.unpack_from("<HHIII", data, entry)
            at = entry + aux
            for _ in range(aux_count):
                _hash, _flags16, _other, name, aux_next = struct.unpack_from("<IHHII", data, at)
                found = re.fullmatch(r"GLIBC_(\d+(?:\.\d+)*)", name_at(name))
                if found:
                    versions.append(tuple(int(part) for part in found.group(1).split(".")))
                at += aux_next
            entry += following
    return machine, versions


def check_binary(data: bytes, what: str, machine: str) -> str:
    """Raises unless the binary is for MACHINE and needs glibc 2.17 at most; returns its newest GLIBC version."""
    found, versions = elf_needs(data, what)
    if found != machine:
        raise DistError(f"{what}: built for {found}, expected {machine}")
    if not versions:
        raise DistError(f"{what}: needs no GLIBC symbol version at all (not linked against glibc?)")
    newest = ".".join(str(part) for part in max(versions))
    if max(versions) > GLIBC_FLOOR:
        raise DistError(f"{what}: needs GLIBC_{newest}, newer than 2.17")
    return f"GLIBC_{newest}"


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


def check_wheel(wheel: Path, version: str, tag: str) -> tuple[set[str], str]:
    """Checks one platform's wheel; returns its file names and its binary's newest glibc."""
    if "-cp311-abi3-" not in wheel.name or tag not in wheel.name:
        raise DistError(f"{wheel.name}: expected an abi3 wheel for CPython 3.11+ tagged {tag}")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"studio_permissions-{version}.dist-info"
        metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode("utf-8"))
        tags = Parser().parsestr(archive.read(f"{info}/WHEEL").decode("utf-8")).get_all("Tag") or []
        binary = "studio_permissions/_native.abi3.so"
        if binary not in names:
            raise DistError(f"{wheel.name}: no abi3 extension module")
        newest = check_binary(archive.read(binary), f"{wheel.name}: {binary}", WHEEL_PLATFORMS[tag])
    if metadata["Version"] != version or f"-{version}-" not in wheel.name:
        raise DistError(f"{wheel.name}: version {metadata['Version']}, Cargo says {version}")
    if not any(t.endswith(f"-{tag}") and t.startswith("cp311-abi3-") for t in tags):
        raise DistError(f"{wheel.name}: its WHEEL file's tags {tags} do not include cp311-abi3-{tag}")
    wanted = [
        "studio_permissions/__init__.pyi",
        "studio_permissions/_native.pyi",
        "studio_permissions/py.typed",
        f"{info}/licenses/LICENSE",
    ]
    missing = [name for name in wanted if name not in names]
    if missing:
        raise DistError(f"{wheel.name}: missing {', '.join(missing)}")
    return names, newest


def check_wheels(dist: Path, version: str) -> dict[str, str]:
    """One wheel per platform of WHEEL_PLATFORMS, each with the same files; returns each wheel's newest glibc."""
    wheels = sorted(dist.glob("*.whl"))
    by_tag = {tag: [w for w in wheels if tag in w.name] for tag in WHEEL_PLATFORMS}
    others = [w.name for w in wheels if not any(tag in w.name for tag in WHEEL_PLATFORMS)]
    if others or any(len(found) != 1 for found in by_tag.values()):
        raise DistError(
            f"expected one wheel each for {', '.join(WHEEL_PLATFORMS)}, found {[w.name for w in wheels]}"
            " (make dist DIST_ARM64=0 leaves the arm64 ones out)"
        )
    floors: dict[str, str] = {}
    first: tuple[str, set[str]] | None = None
    for tag, (wheel,) in by_tag.items():
        names, floors[wheel.name] = check_wheel(wheel, version, tag)
        if first is None:
            first = (wheel.name, names)
        elif names != first[1]:
            raise DistError(f"{wheel.name} and {first[0]} hold different files: {sorted(names ^ first[1])}")
    return floors


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


def check_npm(dist: Path, version: str) -> dict[str, str]:
    """The main package and one platform package per NPM_PLATFORMS entry; returns each binary's newest glibc."""
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
    floors: dict[str, str] = {}
    layouts: dict[str, list[str]] = {}
    for platform, machine in NPM_PLATFORMS.items():
        name = f"studio-permissions-{platform}-{version}.tgz"
        if platform not in platforms:
            raise DistError(f"{platform}: no folder in bindings-node/npm/")
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
        with tarfile.open(dist / name) as archive:
            member = archive.extractfile(f"package/{binary}")
            if member is None:
                raise DistError(f"{name}: {binary} is not a file")
            floors[name] = check_binary(member.read(), f"{name}: {binary}", machine)
        layouts[name] = [f.replace(platform, "<platform>") for f in files]
    if len({tuple(files) for files in layouts.values()}) != 1:
        raise DistError(f"the npm platform packages hold different files: {layouts}")
    extra = sorted(
        p.name
        for p in dist.glob(f"studio-permissions-*-{version}.tgz")
        if p.name.removeprefix("studio-permissions-").removesuffix(f"-{version}.tgz") not in NPM_PLATFORMS
    )
    if extra:
        raise DistError(f"unexpected npm packages in dist/: {', '.join(extra)}")
    return floors


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
        floors = check_wheels(dist, version)
        check_sdist(one(dist, "*.tar.gz"), version)
        floors |= check_npm(dist, version)
    except (DistError, OSError, KeyError, ValueError, struct.error, zipfile.BadZipFile, tarfile.TarError) as err:
        print(f"check-dist: FAILED: {err}", file=sys.stderr)
        return 1
    for path in artifacts:
        print(f"  {path.stat().st_size / 1024:9.1f} KiB  {path.name}")
    for name, newest in floors.items():
        print(f"  newest glibc symbol version {newest} (<= 2.17): {name}")
    print(
        f"versions: Cargo, {len(list(dist.glob('*.whl')))} wheels, sdist and"
        f" {len(list(dist.glob('*.tgz')))} npm packages are all {version}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
