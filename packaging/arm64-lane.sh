#!/usr/bin/env bash
# make test: runs COMMAND (the steps of make test) with the linux-arm64
# builds of make dist (packaging/dist-arm64.sh) started at the beginning,
# beside it, at the lowest priority. Most of make test leaves a core idle (the
# Python and Node tests run on one), and the arm64 builds fill it instead of
# being waited for at the end; make dist then builds only the x64 artifacts
# and takes the sdist and the arm64 ones from LANE_DIR (DIST_ARM64_LANE).
# The lane runs in a process group of its own, stopped when COMMAND ends,
# whatever its outcome. DIST_ARM64=0: COMMAND alone, without the lane.
#
#   packaging/arm64-lane.sh TOOLS_VENV ARM64_CACHE LANE_DIR -- COMMAND...
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$(cd "$1" && pwd)"
arm64="$2"
lane="$3"
shift 3
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: packaging/arm64-lane.sh TOOLS_VENV ARM64_CACHE LANE_DIR -- COMMAND..." >&2; exit 2; }

if [ "${DIST_ARM64:-1}" = 0 ]; then
  exec "$@"
fi

rm -rf "$lane"
mkdir -p "$lane"
lane="$(cd "$lane" && pwd)"
# The sdist the arm64 wheel is built from is the one make dist ships: it is
# made here, once, and make dist copies it.
"$venv/bin/maturin" sdist -m "$root/bindings-python/Cargo.toml" -o "$lane" > "$lane/sdist.log" 2>&1 ||
  { cat "$lane/sdist.log" >&2; echo "arm64-lane: maturin sdist failed" >&2; exit 1; }

# `status` is written when the builds end, with their exit code; make dist
# waits for it. The log is printed by make dist. A process group of its own
# (job control, `set -m`), but not a session of its own: with setsid, Linux's
# autogroups would give the lane's session an equal share of the cores
# whatever its niceness, and it would slow the tests instead of filling the
# idle core (measured: cargo test's build took 155 s instead of 80 s).
set -m
nice -n 19 bash -c '"$1" "$2" "$3" "$4"; echo $? > "$4/status"' _ \
  "$root/packaging/dist-arm64.sh" "$venv" "$arm64" "$lane" > "$lane/log" 2>&1 < /dev/null &
pid=$!
set +m
echo "$pid" > "$lane/pid"
echo "arm64-lane: the linux-arm64 builds run beside make test at low priority (log: $lane/log)"

stop_lane() { kill -- -"$pid" 2>/dev/null || true; }
trap stop_lane EXIT
trap 'exit 130' INT TERM
DIST_ARM64_LANE="$lane" "$@"
