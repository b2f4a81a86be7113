#!/usr/bin/env bash
# make test-dist: proves that dist/ installs where no compiler is.
#
#   packaging/test-dist.sh TOOLS_VENV VECTOR_FILES...
#
# 1. checksums (a corrupted or truncated artifact fails, named), contents,
#    one version everywhere, sizes; the binaries need no glibc newer than 2.17;
# 2. pypiserver on 127.0.0.1 serving dist/; a fresh venv whose PATH has no
#    cargo or rustc runs `pip install studio-permissions`, then the Python
#    conformance runner over the vectors;
# 3. the sdist built into a wheel in another fresh venv (cargo allowed), then
#    the same vectors;
# 4. verdaccio on 127.0.0.1; the platform package and the main package
#    published to it; a fresh project with no cargo on PATH runs
#    `npm i studio-permissions` and the Node conformance runner; a project
#    installed with --omit=optional gets the loader's error naming the platform.
# Every server is started here, waited for with a bound, and stopped by the
# EXIT trap on success and on failure; a server that does not come up fails
# the run with its log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$1"
shift
vectors=()
for v in "$@"; do vectors+=("$(cd "$(dirname "$v")" && pwd)/$(basename "$v")"); done
cd "$root"
dist="$root/dist"
python="$venv/bin/python"
work="$(mktemp -d "${TMPDIR:-/tmp}/studio-permissions-test-dist.XXXXXX")"
server_pids=()

cleanup() {
  local status=$?
  for pid in "${server_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${server_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then echo "test-dist: FAILED" >&2; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "== test-dist: $*"; }
fail() {
  echo "test-dist: $*" >&2
  exit 1
}

# A machine with nothing but the system's tools: no ~/.cargo/bin, no
# RUSTUP/CARGO variables, a home of its own (so no pip or npm cache either).
mkdir -p "$work/home"
bare=(env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 TMPDIR="$work")

free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_server NAME PID URL LOG: up to 60 s for URL to answer, checking
# the server is still alive; on failure print its log and stop the run.
wait_for_server() {
  local name="$1" pid="$2" url="$3" log="$4"
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "--- $name log ($log)" >&2
      cat "$log" >&2 || true
      fail "$name exited before answering on $url"
    fi
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "--- $name log ($log)" >&2
  cat "$log" >&2 || true
  fail "$name did not answer on $url within 60 s"
}

glibc_floor() { # the newest GLIBC_x.y symbol version FILE needs
  objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1
}

check_glibc() {
  local file="$1" what="$2" newest
  newest="$(glibc_floor "$file")"
  [ -n "$newest" ] || fail "$what: objdump found no GLIBC symbol versions in $file"
  if [ "$(printf '%s\n2.17\n' "$newest" | sort -V | tail -1)" != "2.17" ]; then
    fail "$what needs glibc $newest, newer than 2.17"
  fi
  echo "$what: newest glibc symbol version GLIBC_$newest (<= 2.17)"
}

# --- 1. the artifacts themselves -------------------------------------------
step "checksums, contents, versions"
"$python" packaging/check_dist.py "$dist"

step "a truncated artifact fails the checksums, named"
mkdir -p "$work/corrupt"
cp "$dist"/* "$work/corrupt/"
wheel_name="$(cd "$dist" && ls ./*.whl | head -1)"
wheel_name="${wheel_name#./}"
truncate -s 1000 "$work/corrupt/$wheel_name"
if "$python" packaging/check_dist.py --checksums "$work/corrupt" > "$work/corrupt.out" 2>&1; then
  fail "check_dist.py accepted a truncated $wheel_name"
fi
grep -q "$wheel_name: checksum mismatch" "$work/corrupt.out" || { cat "$work/corrupt.out" >&2; fail "the failure does not name $wheel_name"; }
echo "refused, naming $wheel_name"

step "glibc floor of the binaries"
mkdir -p "$work/unpacked/wheel" "$work/unpacked/npm"
"$python" -m zipfile -e "$dist/$wheel_name" "$work/unpacked/wheel"
check_glibc "$work/unpacked/wheel/studio_permissions/_native.abi3.so" "wheel extension module"
tar xzf "$dist"/studio-permissions-linux-x64-gnu-*.tgz -C "$work/unpacked/npm"
check_glibc "$(ls "$work"/unpacked/npm/package/*.node)" "npm linux-x64-gnu addon"

step "no cargo or rustc on the install PATH"
if "${bare[@]}" sh -c 'command -v cargo || command -v rustc'; then
  fail "the bare PATH still finds a Rust toolchain"
fi

# --- 2. pip install from a local PyPI, no Rust --------------------------------
step "pypiserver on 127.0.0.1"
pypi_port="$(free_port)"
"$venv/bin/pypi-server" run -i 127.0.0.1 -p "$pypi_port" --disable-fallback "$dist" > "$work/pypiserver.log" 2>&1 &
server_pids+=($!)
wait_for_server pypiserver "$!" "http://127.0.0.1:$pypi_port/simple/" "$work/pypiserver.log"

step "pip install studio-permissions in a venv with no Rust"
"${bare[@]}" /usr/bin/python3 -m venv "$work/py-wheel"
"${bare[@]}" "$work/py-wheel/bin/pip" install --disable-pip-version-check --no-cache-dir \
  --index-url "http://127.0.0.1:$pypi_port/simple/" studio-permissions
# The package imported is the one pip just installed, from the manylinux wheel.
"${bare[@]}" "$work/py-wheel/bin/python" - "$work/py-wheel" <<'PY'
import importlib.metadata, pathlib, sys
import studio_permissions
where = pathlib.Path(studio_permissions.__file__).resolve()
assert where.is_relative_to(pathlib.Path(sys.argv[1]).resolve()), where
tags = importlib.metadata.distribution("studio-permissions").read_text("WHEEL") or ""
assert "manylinux2014_x86_64" in tags and "abi3" in tags, tags
print(f"imported {studio_permissions.__name__} {studio_permissions.__version__} from {where.parent}")
PY
"${bare[@]}" "$work/py-wheel/bin/python" tests/conformance/run.py "${vectors[@]}"

# --- 3. the sdist builds on its own -----------------------------------------
step "the sdist built into a wheel by pip, installed in a fresh venv"
# pip builds the wheel from the sdist alone (unpacked by pip in a temporary
# folder) without isolation, so the tools venv's pinned maturin is the one used
# and nothing is downloaded again; the third-party crates are cached in
# target-dist/sdist between runs. This step proves the sdist is complete and
# builds; the shipped wheel is the one above, so this build skips LTO (the
# slowest part of a release link, and no part of what the sdist must contain).
# The sdist's files carry a fixed old date, which cargo would take for
# unchanged sources beside a previous run's build: our crates' fingerprints
# go first, so they are always compiled from this sdist. (Never share another
# build's target folder here: its fingerprints would pass for the sdist's.)
rm -rf "$root"/target-dist/sdist/release/.fingerprint/studio-permissions-*
PATH="$venv/bin:$PATH" CARGO_TARGET_DIR="$root/target-dist/sdist" \
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  nice "$venv/bin/pip" wheel --disable-pip-version-check --no-cache-dir \
  --no-build-isolation --no-deps --no-index -w "$work/sdist-wheel" "$dist"/studio_permissions-*.tar.gz
/usr/bin/python3 -m venv "$work/py-sdist"
"$work/py-sdist/bin/pip" install --quiet --disable-pip-version-check --no-index "$work"/sdist-wheel/studio_permissions-*.whl
(cd "$work" && "$work/py-sdist/bin/python" -c 'import studio_permissions, sys; print("built from the sdist:", studio_permissions.__file__)')
"$work/py-sdist/bin/python" tests/conformance/run.py "${vectors[@]}"

# --- 4. npm i from a local registry, no Rust ---------------------------------
registry_tools="$root/packaging/registry"
mkdir -p "$work/verdaccio"
cp "$registry_tools/config.yaml" "$work/verdaccio/config.yaml"

step "a registry that cannot start fails the run at once, with its log"
# verdaccio on the port pypiserver holds: it exits, and the wait says so
# (in a subshell, so that its failure does not end this run).
node "$registry_tools/node_modules/verdaccio/bin/verdaccio" --config "$work/verdaccio/config.yaml" \
  --listen "127.0.0.1:$pypi_port" > "$work/clash.log" 2>&1 &
clash_pid=$!
server_pids+=("$clash_pid")
if (wait_for_server "verdaccio (clash)" "$clash_pid" "http://127.0.0.1:$pypi_port/-/ping" "$work/clash.log") > "$work/clash.out" 2>&1; then
  fail "a verdaccio that could not bind its port was taken as started"
fi
for wanted in 'verdaccio (clash) exited before answering' 'EADDRINUSE'; do
  grep -qF "$wanted" "$work/clash.out" || { cat "$work/clash.out" >&2; fail "the failed start does not report: $wanted"; }
done
echo "refused with the server's log (EADDRINUSE)"

step "verdaccio on 127.0.0.1"
npm_port="$(free_port)"
registry="http://127.0.0.1:$npm_port/"
node "$registry_tools/node_modules/verdaccio/bin/verdaccio" --config "$work/verdaccio/config.yaml" \
  --listen "127.0.0.1:$npm_port" > "$work/verdaccio.log" 2>&1 &
server_pids+=($!)
wait_for_server verdaccio "$!" "${registry}-/ping" "$work/verdaccio.log"

# A user of this registry only: its token lets npm publish.
token="$(curl -fsS --max-time 20 -X PUT -H 'content-type: application/json' \
  -d '{"name":"test-dist","password":"test-dist-password"}' \
  "${registry}-/user/org.couchdb.user:test-dist" | "$python" -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
npmrc="$work/npmrc"
printf 'registry=%s\n//127.0.0.1:%s/:_authToken=%s\n' "$registry" "$npm_port" "$token" > "$npmrc"
npm_bare=("${bare[@]}" npm_config_userconfig="$npmrc" npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false)

step "publish the platform package, then the main package"
for tarball in "$dist"/studio-permissions-linux-x64-gnu-*.tgz "$dist"/studio-permissions-[0-9]*.tgz; do
  "${npm_bare[@]}" npm publish "$tarball"
done

step "npm i studio-permissions in a fresh project with no Rust"
app="$work/node-app"
mkdir -p "$app"
printf '{ "name": "test-dist-app", "version": "1.0.0", "private": true }\n' > "$app/package.json"
(cd "$app" && "${npm_bare[@]}" npm i studio-permissions)
[ -f "$app/node_modules/studio-permissions-linux-x64-gnu/package.json" ] || fail "npm did not install the linux-x64-gnu package"
if ls "$app"/node_modules/studio-permissions/native/*.node >/dev/null 2>&1; then
  fail "the main package carries a binary"
fi
cp tests/conformance/run.mjs "$app/run.mjs"
(cd "$app" && "${bare[@]}" STUDIO_PERMISSIONS_MODULE=studio-permissions node run.mjs "${vectors[@]}")
(cd "$app" && "${bare[@]}" node -e "const p = require('studio-permissions'); console.log('loaded studio-permissions', p.version, 'from', require.resolve('studio-permissions-linux-x64-gnu'))")

step "without the platform package the loader names the platform and the way out"
omit="$work/node-omit"
mkdir -p "$omit"
printf '{ "name": "test-dist-omit", "version": "1.0.0", "private": true }\n' > "$omit/package.json"
(cd "$omit" && "${npm_bare[@]}" npm i --omit=optional studio-permissions)
if (cd "$omit" && "${bare[@]}" node -e "require('studio-permissions')") > "$work/omit.out" 2>&1; then
  fail "studio-permissions loaded without its platform package"
fi
for wanted in 'could not load its native binary for linux-x64-gnu' 'studio-permissions-linux-x64-gnu' \
  'Prebuilt binaries exist for: linux-x64-gnu, linux-x64-musl' 'npm run build'; do
  grep -qF "$wanted" "$work/omit.out" || { cat "$work/omit.out" >&2; fail "the load error lacks: $wanted"; }
done
echo "the load error names linux-x64-gnu, the supported platforms and the source build"

step "passed"
