#!/usr/bin/env bash
# make dist: writes every release artifact this machine can build into dist/:
#   - the sdist, and the abi3 wheels for CPython 3.11+ tagged
#     manylinux2014_x86_64 and manylinux2014_aarch64 (maturin, linked by zig
#     against glibc 2.17);
#   - the npm main package and its linux-x64-gnu and linux-arm64-gnu platform
#     packages (the addons linked by cargo-zigbuild against glibc 2.17);
#   - SHA256SUMS over all of them.
# The arm64 builds (packaging/dist-arm64.sh, alongside the x64 ones) use
# Debian's rustc-web, extracted by packaging/arm64-tools.sh into ARM64_CACHE
# (rustup here has only the x86_64 target); the arm64 wheel is built from the
# sdist. The other platforms of the release matrix are built by the release
# workflows (.github/workflows/release-python.yml, release-node.yml).
#
#   packaging/dist.sh TOOLS_VENV ARM64_CACHE
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$(cd "$1" && pwd)"
arm64="$(mkdir -p "$2" && cd "$2" && pwd)"
cd "$root"
dist="$root/dist"
stage="$root/build/npm"
# Each build its own target dir: maturin's and cargo-zigbuild's linker
# settings differ, and sharing one would rebuild everything each time.
wheel_target="$root/target-dist/wheel"
node_target="$root/target-dist/node"
addon="$node_target/x86_64-unknown-linux-gnu/release/libstudio_permissions_node.so"
addon_arm64="$root/target-dist/node-arm64/aarch64-unknown-linux-gnu/release/libstudio_permissions_node.so"
arm64_log="$root/build/dist-arm64.log"
# maturin and cargo-zigbuild find zig (python-zig, `python -m ziglang`) here.
export PATH="$venv/bin:$PATH"
# Each step's time, for the table of where CI's minutes go (docs/development.md).
start=$SECONDS
step_start=$SECONDS
took() {
  echo "== dist: $1 took $((SECONDS - step_start)) s"
  step_start=$SECONDS
}

rm -rf "$dist"
mkdir -p "$dist" "$(dirname "$arm64_log")"

echo "== dist: sdist"
maturin sdist -m bindings-python/Cargo.toml -o "$dist"

# The arm64 builds (packaging/dist-arm64.sh: its setup, then the wheel from
# the sdist and the addon) run beside the x64 ones. On two cores, one build's
# stretches on a single core (a crate everything waits for, the LTO link) and
# the arm64 setup's downloads leave room that the other fills. Its output goes
# to a log, printed when it ends; it runs in a process group of its own, which
# the EXIT trap stops if the x64 builds fail first.
arm64_lane=""
stop_arm64() { [ -z "$arm64_lane" ] || kill -- -"$arm64_lane" 2>/dev/null || true; }
# DIST_ARM64=0 (make dist DIST_ARM64=0) leaves them out, for a machine
# without Debian 12's packages; make test-dist then fails, naming what is missing.
if [ "${DIST_ARM64:-1}" != 0 ]; then
  setsid packaging/dist-arm64.sh "$venv" "$arm64" "$dist" > "$arm64_log" 2>&1 &
  arm64_lane=$!
  trap stop_arm64 EXIT
  trap 'exit 130' INT TERM
  echo "== dist: the arm64 builds run alongside (log: $arm64_log)"
else
  echo "== dist: DIST_ARM64=0: no arm64 builds"
fi

echo "== dist: wheel (manylinux2014, abi3)"
CARGO_TARGET_DIR="$wheel_target" nice maturin build --release --zig --compatibility manylinux2014 \
  -m bindings-python/Cargo.toml -o "$dist"
took "the x64 wheel"

echo "== dist: Node addon for linux-x64-gnu (glibc 2.17)"
CARGO_TARGET_DIR="$node_target" nice cargo zigbuild --release -p studio-permissions-node \
  --target x86_64-unknown-linux-gnu.2.17
took "the x64 addon"

packages=("linux-x64-gnu=$addon")
if [ -n "$arm64_lane" ]; then
  echo "== dist: waiting for the arm64 builds"
  arm64_status=0
  wait "$arm64_lane" || arm64_status=$?
  trap - EXIT
  echo "--- the arm64 builds (packaging/dist-arm64.sh)"
  cat "$arm64_log"
  [ "$arm64_status" -eq 0 ] || { echo "dist: the arm64 builds failed (exit $arm64_status)" >&2; exit 1; }
  took "waiting for the arm64 builds"
  packages+=("linux-arm64-gnu=$addon_arm64")
fi
echo "== dist: the builds took $((SECONDS - start)) s"

echo "== dist: npm packages"
rm -rf "$stage"
node packaging/stage-npm.mjs "$stage" "${packages[@]}"
for package in studio-permissions "${packages[@]%%=*}"; do
  (cd "$stage/$package" && npm pack --silent --ignore-scripts --pack-destination "$dist" >/dev/null)
done

(cd "$dist" && sha256sum -- * > SHA256SUMS)
echo "== dist: $(ls "$dist" | tr '\n' ' ')"
