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
# sdist. Under make test they were started at its beginning
# (packaging/arm64-lane.sh, which names its folder in DIST_ARM64_LANE): then
# the sdist and the arm64 wheel are taken from that folder. The other platforms of the release matrix are built by the release
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
mkdir -p "$dist"

# The arm64 builds (packaging/dist-arm64.sh: its setup, then the wheel from
# the sdist and the addon) run beside the x64 ones: started by make test at
# its beginning (DIST_ARM64_LANE), or here. On two cores, one build's
# stretches on a single core (a crate everything waits for, the LTO link) and
# the arm64 setup's downloads leave room that the other fills. Their output
# goes to a log, printed when they end; they run in a process group of their
# own, which the EXIT trap stops if the x64 builds fail first (make test's
# lane is stopped by packaging/arm64-lane.sh).
arm64_lane=""
lane_dir=""
stop_arm64() { [ -z "$arm64_lane" ] || kill -- -"$arm64_lane" 2>/dev/null || true; }
# DIST_ARM64=0 (make dist DIST_ARM64=0) leaves them out, for a machine
# without Debian 12's packages; make test-dist then fails, naming what is missing.
if [ "${DIST_ARM64:-1}" = 0 ]; then
  echo "== dist: sdist"
  maturin sdist -m bindings-python/Cargo.toml -o "$dist"
  echo "== dist: DIST_ARM64=0: no arm64 builds"
elif [ -n "${DIST_ARM64_LANE:-}" ]; then
  lane_dir="$DIST_ARM64_LANE"
  [ -s "$lane_dir/pid" ] || { echo "dist: DIST_ARM64_LANE=$lane_dir holds no arm64 lane" >&2; exit 1; }
  echo "== dist: sdist (made by make test at its start, the arm64 wheel's source)"
  cp "$lane_dir"/studio_permissions-*.tar.gz "$dist/"
  # From here they share the cores with the x64 builds as equals (lowering
  # a niceness needs privileges: without them they stay at the lowest).
  renice -n 10 -g "$(cat "$lane_dir/pid")" >/dev/null 2>&1 || true
  echo "== dist: the arm64 builds started with make test (log: $lane_dir/log)"
else
  lane_dir="$root/build/dist-arm64"
  rm -rf "$lane_dir" && mkdir -p "$lane_dir"
  echo "== dist: sdist"
  maturin sdist -m bindings-python/Cargo.toml -o "$dist"
  cp "$dist"/studio_permissions-*.tar.gz "$lane_dir/"
  setsid bash -c '"$1" "$2" "$3" "$4"; echo $? > "$4/status"' _ \
    "$root/packaging/dist-arm64.sh" "$venv" "$arm64" "$lane_dir" > "$lane_dir/log" 2>&1 < /dev/null &
  arm64_lane=$!
  echo "$arm64_lane" > "$lane_dir/pid"
  trap stop_arm64 EXIT
  trap 'exit 130' INT TERM
  echo "== dist: the arm64 builds run alongside (log: $lane_dir/log)"
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
if [ -n "$lane_dir" ]; then
  echo "== dist: waiting for the arm64 builds"
  # Bounded: the lane writes its status just before it ends, or it was
  # stopped and has none.
  lane_pid="$(cat "$lane_dir/pid")"
  waited=0
  while [ ! -s "$lane_dir/status" ] && kill -0 "$lane_pid" 2>/dev/null; do
    sleep 1
    waited=$((waited + 1))
    [ "$waited" -lt 3600 ] || { echo "dist: the arm64 builds took over an hour; stopping them" >&2; break; }
  done
  echo "--- the arm64 builds (packaging/dist-arm64.sh)"
  cat "$lane_dir/log"
  arm64_status="$(cat "$lane_dir/status" 2>/dev/null || echo "none: they were stopped")"
  [ "$arm64_status" = 0 ] || { echo "dist: the arm64 builds failed (exit $arm64_status)" >&2; exit 1; }
  cp "$lane_dir"/studio_permissions-*aarch64*.whl "$dist/"
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
