#!/usr/bin/env bash
# make test: runs COMMAND (the steps of make test) with the linux-arm64 half of
# make dist's builds (packaging/dist-arm64.sh) started at the beginning,
# beside it, at the lowest priority. Most of make test leaves a core idle
# (linking, the Python and Node tests run on one), and the arm64 builds fill
# it instead of being waited for at the end; make dist then builds the x64
# half itself and takes the sdist and the arm64 wheel from LANE_DIR
# (DIST_LANE). The lane is stopped when COMMAND ends, whatever its outcome.
# DIST_ARM64=0: COMMAND alone.
#
#   packaging/dist-lane.sh TOOLS_VENV ARM64_CACHE LANE_DIR -- COMMAND...
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$(cd "$1" && pwd)"
arm64="$2"
lane="$3"
shift 3
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: packaging/dist-lane.sh TOOLS_VENV ARM64_CACHE LANE_DIR -- COMMAND..." >&2; exit 2; }

if [ "${DIST_ARM64:-1}" = 0 ]; then
  exec "$@"
fi

rm -rf "$lane"
mkdir -p "$lane"
lane="$(cd "$lane" && pwd)"
# The sdist the arm64 wheel is built from is the one make dist ships: it is
# made here, once, and make dist copies it.
"$venv/bin/maturin" sdist -m "$root/bindings-python/Cargo.toml" -o "$lane" > "$lane/sdist.log" 2>&1 ||
  { cat "$lane/sdist.log" >&2; echo "dist-lane: maturin sdist failed" >&2; exit 1; }

# make dist waits for the builds' `status` file and prints their log. A
# process group of its own (job control, `set -m`), but not a session of its
# own: with setsid, Linux's autogroups would give the lane's session an equal
# share of the cores whatever its niceness, and it would slow the tests
# instead of filling the idle core (measured: cargo test's build took 155 s
# instead of 80 s).
set -m
nice -n 19 "$root/packaging/dist-arm64.sh" "$venv" "$arm64" "$lane" > "$lane/log" 2>&1 < /dev/null &
pid=$!
set +m
echo "$pid" > "$lane/pid"
echo "dist-lane: make dist's arm64 builds run beside make test at low priority (log: $lane/log)"

stop_lane() { kill -- -"$pid" 2>/dev/null || true; }
trap stop_lane EXIT
trap 'exit 130' INT TERM
DIST_LANE="$lane" "$@"
