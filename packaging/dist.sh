#!/usr/bin/env bash
# make dist: writes every release artifact this machine can build into dist/:
#   - the sdist, and the abi3 wheels for CPython 3.11+ tagged
#     manylinux2014_x86_64 and manylinux2014_aarch64 (maturin, linked by zig
#     against glibc 2.17);
#   - the npm main package and its linux-x64-gnu and linux-arm64-gnu platform
#     packages (the addons linked by cargo-zigbuild against glibc 2.17);
#   - SHA256SUMS over all of them.
# The builds are two halves, each its own script: packaging/dist-x64.sh and
# packaging/dist-arm64.sh (Debian's rustc-web, extracted by
# packaging/arm64-tools.sh into ARM64_CACHE: rustup here has only the x86_64
# target; the arm64 wheel is built from the sdist). The arm64 half runs in the
# background: started at the beginning of make test by packaging/dist-lane.sh,
# which names its folder in DIST_LANE, or here, beside the x64 half. The other
# platforms of the release matrix are built by the release workflows
# (.github/workflows/release-python.yml, release-node.yml).
#
#   packaging/dist.sh TOOLS_VENV ARM64_CACHE
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$(cd "$1" && pwd)"
arm64="$(mkdir -p "$2" && cd "$2" && pwd)"
cd "$root"
dist="$root/dist"
stage="$root/build/npm"
addon="$root/target-dist/node/x86_64-unknown-linux-gnu/release/libstudio_permissions_node.so"
addon_arm64="$root/target-dist/node-arm64/aarch64-unknown-linux-gnu/release/libstudio_permissions_node.so"
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

# The builds write the sdist and the wheels into $out; dist/ gets them at the
# end. The background builds (the lane) run in a process group of their own,
# which the EXIT trap stops if this script fails first (make test's lane is
# stopped by packaging/dist-lane.sh).
lane=""
stop_lane() { [ -z "$lane" ] || kill -- -"$lane" 2>/dev/null || true; }
if [ -n "${DIST_LANE:-}" ] && [ "${DIST_ARM64:-1}" != 0 ]; then
  out="$DIST_LANE"
  [ -s "$out/pid" ] || { echo "dist: DIST_LANE=$out holds no arm64 builds" >&2; exit 1; }
  echo "== dist: the arm64 builds started with make test (log: $out/log)"
else
  out="$root/build/dist-builds"
  rm -rf "$out" && mkdir -p "$out"
  echo "== dist: sdist"
  maturin sdist -m bindings-python/Cargo.toml -o "$out"
  # DIST_ARM64=0 (make dist DIST_ARM64=0) leaves the arm64 half out, for a
  # machine without Debian 12's packages; make test-dist then fails, naming
  # what is missing.
  if [ "${DIST_ARM64:-1}" = 0 ]; then
    echo "== dist: DIST_ARM64=0: no arm64 builds"
  else
    # Beside the x64 half: on two cores, one build's stretches on a single
    # core (a crate everything waits for, the LTO link) and the arm64 setup's
    # downloads leave room that the other fills.
    set -m
    packaging/dist-arm64.sh "$venv" "$arm64" "$out" > "$out/log" 2>&1 < /dev/null &
    lane=$!
    set +m
    echo "$lane" > "$out/pid"
    trap stop_lane EXIT
    trap 'exit 130' INT TERM
    echo "== dist: the arm64 builds run alongside (log: $out/log)"
  fi
fi
packaging/dist-x64.sh "$venv" "$out"
took "the x64 builds"

packages=("linux-x64-gnu=$addon")
if [ -s "$out/pid" ]; then
  echo "== dist: waiting for the arm64 builds"
  # Bounded: they write their status just before they end, or they were
  # stopped and have none.
  pid="$(cat "$out/pid")"
  waited=0
  while [ ! -s "$out/status" ] && kill -0 "$pid" 2>/dev/null; do
    sleep 1
    waited=$((waited + 1))
    [ "$waited" -lt 3600 ] || { echo "dist: the arm64 builds took over an hour; stopping them" >&2; break; }
  done
  echo "--- the arm64 builds ($out/log)"
  cat "$out/log"
  status="$(cat "$out/status" 2>/dev/null || echo "none: they were stopped")"
  [ "$status" = 0 ] || { echo "dist: the arm64 builds failed (exit $status)" >&2; exit 1; }
  took "waiting for them"
  packages+=("linux-arm64-gnu=$addon_arm64")
fi
cp "$out"/studio_permissions-*.tar.gz "$out"/studio_permissions-*.whl "$dist/"
echo "== dist: the builds took $((SECONDS - start)) s"

echo "== dist: npm packages"
rm -rf "$stage"
node packaging/stage-npm.mjs "$stage" "${packages[@]}"
for package in studio-permissions "${packages[@]%%=*}"; do
  (cd "$stage/$package" && npm pack --silent --ignore-scripts --pack-destination "$dist" >/dev/null)
done

(cd "$dist" && sha256sum -- * > SHA256SUMS)
echo "== dist: $(ls "$dist" | tr '\n' ' ')"
