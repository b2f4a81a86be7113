#!/usr/bin/env bash
# make test-dist: proves that dist/ installs where no compiler is, on linux
# x64 and, under qemu, on linux arm64.
#
#   packaging/test-dist.sh TOOLS_VENV ARM64_CACHE BUILD_DEPS VECTOR_FILES...
#
# ARM64_CACHE is packaging/arm64-tools.sh's folder (qemu's arm64 userland and
# Node); BUILD_DEPS a folder holding the sdist's build requirement (maturin),
# served beside dist/ as PyPI would serve it.
#
# 1. checksums (a corrupted or truncated artifact fails, named), contents,
#    one version everywhere, sizes; the binaries are for their machine and
#    need no glibc newer than 2.17 (an x64 binary in the arm64 package fails);
# 2. pypiserver on 127.0.0.1 serving dist/; a fresh venv whose PATH has no
#    cargo or rustc runs `pip install studio-permissions`, then the Python
#    conformance runner over the vectors;
# 3. the sdist installed with no Rust on PATH stops with a short message that
#    says what is needed (make dist built the arm64 wheel from the sdist alone,
#    which step 5 tests);
# 4. verdaccio on 127.0.0.1; the platform packages and the main package
#    published to it; a fresh project with no cargo on PATH runs
#    `npm i studio-permissions` and the Node conformance runner; a project
#    installed with --omit=optional gets the loader's error naming the platform;
# 5. the same pip and npm installs from the same registries inside an arm64
#    userland under qemu (arm64 Python and Node, no Rust on PATH), the vectors
#    in both, and every run's views compared byte for byte with x64 Python's.
# Every server is started here, waited for with a bound, and stopped by the
# EXIT trap on success and on failure; a server that does not come up fails
# the run with its log. Every install and run under qemu has a time limit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$1"
arm64="$(cd "$2" && pwd)"
build_deps="$(cd "$3" && pwd)"
shift 3
vectors=()
for v in "$@"; do vectors+=("$(cd "$(dirname "$v")" && pwd)/$(basename "$v")"); done
cd "$root"
dist="$root/dist"
python="$venv/bin/python"
work="$(mktemp -d "${TMPDIR:-/tmp}/studio-permissions-test-dist.XXXXXX")"
# Every conformance run writes the view of each case's final set here.
views="$work/views"
mkdir -p "$views"
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

# Each step shows the seconds since the start (docs/development.md's table).
step() { echo "== test-dist [$SECONDS s]: $*"; }
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

# The newest GLIBC_x.y symbol version FILE needs, as objdump reads it: a second
# opinion, from another tool, on what check_dist.py reads itself.
glibc_floor() {
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
step "checksums, contents, versions, machines, glibc"
"$python" packaging/check_dist.py "$dist"

step "a truncated artifact fails the checksums, named"
mkdir -p "$work/corrupt"
cp "$dist"/* "$work/corrupt/"
wheel_name="$(cd "$dist" && ls ./*manylinux2014_x86_64*.whl)"
wheel_name="${wheel_name#./}"
truncate -s 1000 "$work/corrupt/$wheel_name"
if "$python" packaging/check_dist.py --checksums "$work/corrupt" > "$work/corrupt.out" 2>&1; then
  fail "check_dist.py accepted a truncated $wheel_name"
fi
grep -q "$wheel_name: checksum mismatch" "$work/corrupt.out" || { cat "$work/corrupt.out" >&2; fail "the failure does not name $wheel_name"; }
echo "refused, naming $wheel_name"

step "the x64 addon in the arm64 package fails the checks, named"
# The arm64 platform package rebuilt around the x64 binary, with checksums
# that match: only the binary's machine is wrong.
mkdir -p "$work/swapped" "$work/swap"
cp "$dist"/* "$work/swapped/"
arm64_tgz="$(cd "$dist" && ls studio-permissions-linux-arm64-gnu-*.tgz)"
tar xzf "$dist/$arm64_tgz" -C "$work/swap"
tar xzf "$dist"/studio-permissions-linux-x64-gnu-*.tgz -C "$work/swap" --wildcards --to-stdout 'package/*.node' \
  > "$work/swap/package/studio-permissions.linux-arm64-gnu.node"
tar czf "$work/swapped/$arm64_tgz" -C "$work/swap" package
(cd "$work/swapped" && sha256sum -- $(ls | grep -v SHA256SUMS) > SHA256SUMS)
if "$python" packaging/check_dist.py "$work/swapped" > "$work/swapped.out" 2>&1; then
  fail "check_dist.py accepted an x86-64 binary in $arm64_tgz"
fi
grep -q "$arm64_tgz: studio-permissions.linux-arm64-gnu.node: built for x86_64, expected aarch64" "$work/swapped.out" ||
  { cat "$work/swapped.out" >&2; fail "the failure does not name the package and the machine"; }
echo "refused: $(tail -1 "$work/swapped.out")"

step "a binary that needs a newer glibc fails the checks"
# This machine's libstdc++ is linked against its own glibc (2.36).
"$python" - <<'PY'
import sys
sys.path.insert(0, "packaging")
from check_dist import DistError, check_binary
data = open("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "rb").read()
try:
    check_binary(data, "libstdc++.so.6", "x86_64")
except DistError as err:
    assert "newer than 2.17" in str(err), err
    print(f"refused: {err}")
else:
    raise SystemExit("check_binary accepted a library that needs the machine's glibc")
PY

step "glibc floor of the binaries, as objdump reads it"
for wheel in "$dist"/*.whl; do
  mkdir -p "$work/unpacked/$(basename "$wheel")"
  "$python" -m zipfile -e "$wheel" "$work/unpacked/$(basename "$wheel")"
  check_glibc "$work/unpacked/$(basename "$wheel")/studio_permissions/_native.abi3.so" "$(basename "$wheel")"
done
for platform in linux-x64-gnu linux-arm64-gnu; do
  mkdir -p "$work/unpacked/$platform"
  tar xzf "$dist"/studio-permissions-$platform-*.tgz -C "$work/unpacked/$platform"
  check_glibc "$(ls "$work"/unpacked/$platform/package/*.node)" "npm $platform addon"
done

step "no cargo or rustc on the install PATH"
if "${bare[@]}" sh -c 'command -v cargo || command -v rustc'; then
  fail "the bare PATH still finds a Rust toolchain"
fi

# --- 2. pip install from a local PyPI, no Rust --------------------------------
step "pypiserver on 127.0.0.1"
pypi_port="$(free_port)"
# dist/, and the sdist's build requirement (maturin) as PyPI would serve it.
"$venv/bin/pypi-server" run -i 127.0.0.1 -p "$pypi_port" --disable-fallback "$dist" "$build_deps" \
  > "$work/pypiserver.log" 2>&1 &
server_pids+=($!)
wait_for_server pypiserver "$!" "http://127.0.0.1:$pypi_port/simple/" "$work/pypiserver.log"

step "pip install studio-permissions in a venv with no Rust"
"${bare[@]}" /usr/bin/python3 -m venv "$work/py-wheel"
"${bare[@]}" "$work/py-wheel/bin/pip" install --disable-pip-version-check --no-cache-dir \
  --index-url "http://127.0.0.1:$pypi_port/simple/" studio-permissions
# The package imported is the one pip just installed, from the manylinux wheel.
"${bare[@]}" "$work/py-wheel/bin/python" packaging/check_installed.py "$work/py-wheel" manylinux2014_x86_64
"${bare[@]}" "$work/py-wheel/bin/python" tests/conformance/run.py --views "$views/x64-python.jsonl" "${vectors[@]}"

# --- 3. the sdist without Rust: a short message -------------------------------
# (That the sdist builds on its own is proven by the arm64 wheel: make dist
# builds it with pip from the sdist alone, and step 5 runs the vectors on it.)
step "the sdist installed with no Rust on PATH stops with a short message"
# What a user gets where no wheel fits (--no-binary here, on a machine that has
# one): pip installs maturin from the index, then the package's build backend
# finds no cargo and says what is needed, instead of maturin downloading a
# Rust toolchain.
"${bare[@]}" /usr/bin/python3 -m venv "$work/py-norust"
if "${bare[@]}" timeout 300 "$work/py-norust/bin/pip" install --disable-pip-version-check --no-cache-dir \
  --index-url "http://127.0.0.1:$pypi_port/simple/" --no-binary studio-permissions studio-permissions \
  > "$work/norust.out" 2>&1; then
  fail "the sdist installed with no Rust on PATH"
fi
cat "$work/norust.out"
for wanted in 'needs a Rust toolchain 1.85 or later' 'no `cargo` was found on PATH' 'or use a prebuilt wheel'; do
  grep -qF "$wanted" "$work/norust.out" || fail "the message lacks: $wanted"
done
for unwanted in 'Traceback' 'puccinialin' 'Rust not found, installing' 'rustup-init'; do
  if grep -qF "$unwanted" "$work/norust.out"; then fail "the output shows: $unwanted"; fi
done
# pip frames what the backend printed as "[N lines of output]": ours is three.
said="$(grep -o '\[[0-9]* lines of output\]' "$work/norust.out" | grep -o '[0-9]*' | head -1)"
[ -n "$said" ] && [ "$said" -le 5 ] || fail "the build backend printed ${said:-no} lines, expected at most 5"
lines="$(wc -l < "$work/norust.out")"
[ "$lines" -le 30 ] || fail "pip's whole output has $lines lines, more than 30"
echo "stopped: the build backend printed $said lines (pip's whole output: $lines), naming Rust 1.85+ and the prebuilt wheels"

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

step "publish the platform packages, then the main package"
for tarball in "$dist"/studio-permissions-linux-x64-gnu-*.tgz "$dist"/studio-permissions-linux-arm64-gnu-*.tgz \
  "$dist"/studio-permissions-[0-9]*.tgz; do
  "${npm_bare[@]}" npm publish "$tarball"
done

step "npm i studio-permissions in a fresh project with no Rust"
app="$work/node-app"
mkdir -p "$app"
printf '{ "name": "test-dist-app", "version": "1.0.0", "private": true }\n' > "$app/package.json"
(cd "$app" && "${npm_bare[@]}" npm i studio-permissions)
[ -f "$app/node_modules/studio-permissions-linux-x64-gnu/package.json" ] || fail "npm did not install the linux-x64-gnu package"
[ ! -e "$app/node_modules/studio-permissions-linux-arm64-gnu" ] || fail "npm installed the linux-arm64-gnu package on x64"
if ls "$app"/node_modules/studio-permissions/native/*.node >/dev/null 2>&1; then
  fail "the main package carries a binary"
fi
cp tests/conformance/run.mjs "$app/run.mjs"
(cd "$app" && "${bare[@]}" STUDIO_PERMISSIONS_MODULE=studio-permissions node run.mjs \
  --views "$views/x64-node.jsonl" --answers "$views/x64-node-answers.jsonl" "${vectors[@]}")
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

# --- 5. linux-arm64: the same installs inside an arm64 userland under qemu ---
# qemu-aarch64-static runs arm64 programs on this x86_64 machine; QEMU_LD_PREFIX
# is the arm64 userland (C library, Python 3.11) extracted by arm64-tools.sh,
# where qemu finds the arm64 loader and libraries. No binfmt registration is
# needed: `node` and `npm` on the arm64 PATH are wrappers that start the arm64
# Node under qemu, and Python is started under qemu directly. The PATH has no
# Rust, as for x64; a home of its own, so nothing comes from the x64 caches.
arm64_start=$SECONDS
userland="$arm64/userland"
arm64_bin="$work/arm64-bin"
npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
mkdir -p "$arm64_bin" "$work/home-arm64"
printf '#!/bin/sh\n# Node 20 for arm64, under qemu.\nexec qemu-aarch64-static %q "$@"\n' "$arm64/node/bin/node" > "$arm64_bin/node"
printf '#!/bin/sh\n# npm (JavaScript) run by the arm64 Node.\nexec node %q "$@"\n' "$npm_cli" > "$arm64_bin/npm"
chmod +x "$arm64_bin/node" "$arm64_bin/npm"
arm64_env=(env -i PATH="$arm64_bin:/usr/local/bin:/usr/bin:/bin" HOME="$work/home-arm64" LANG=C.UTF-8 TMPDIR="$work"
  QEMU_LD_PREFIX="$userland")
# Each install or run gets at most this long (qemu translates every instruction).
limit=(timeout 600)
arm64_python=("${arm64_env[@]}" "${limit[@]}" qemu-aarch64-static)

step "arm64: the userland runs arm64 Python and Node, and finds no Rust"
if "${arm64_env[@]}" sh -c 'command -v cargo || command -v rustc'; then
  fail "the arm64 PATH still finds a Rust toolchain"
fi
"${arm64_python[@]}" "$userland/usr/bin/python3.11" -c 'import platform, sys; assert platform.machine() == "aarch64", platform.machine(); print("Python", sys.version.split()[0], platform.machine())'
"${arm64_env[@]}" "${limit[@]}" node -e 'if (process.arch !== "arm64") throw new Error(process.arch); console.log("Node", process.version, process.arch, "glibc", process.report.getReport().header.glibcVersionRuntime)'

step "arm64: pip install studio-permissions (the wheel make dist built from the sdist) in a venv with no Rust"
# The venv without pip (Debian's arm64 Python has no ensurepip); pip itself
# runs from Debian's pip wheel, installing into the venv it runs in.
"${arm64_python[@]}" "$userland/usr/bin/python3.11" -m venv --without-pip "$work/py-arm64"
pip_wheel="$(ls "$userland"/usr/share/python-wheels/pip-*.whl)"
"${arm64_python[@]}" "$work/py-arm64/bin/python" "$pip_wheel/pip" install --disable-pip-version-check \
  --no-cache-dir --index-url "http://127.0.0.1:$pypi_port/simple/" studio-permissions
"${arm64_python[@]}" "$work/py-arm64/bin/python" packaging/check_installed.py "$work/py-arm64" manylinux2014_aarch64
"${arm64_python[@]}" "$work/py-arm64/bin/python" tests/conformance/run.py --views "$views/arm64-python.jsonl" \
  "${vectors[@]}" | tee "$work/arm64-python.out"

step "arm64: npm i studio-permissions in a fresh project with no Rust"
npm_arm64=("${arm64_env[@]}" npm_config_userconfig="$npmrc" npm_config_audit=false npm_config_fund=false
  npm_config_update_notifier=false "${limit[@]}")
app_arm64="$work/node-app-arm64"
mkdir -p "$app_arm64"
printf '{ "name": "test-dist-app-arm64", "version": "1.0.0", "private": true }\n' > "$app_arm64/package.json"
(cd "$app_arm64" && "${npm_arm64[@]}" npm i studio-permissions)
[ -f "$app_arm64/node_modules/studio-permissions-linux-arm64-gnu/package.json" ] ||
  fail "npm did not install the linux-arm64-gnu package on arm64"
[ ! -e "$app_arm64/node_modules/studio-permissions-linux-x64-gnu" ] || fail "npm installed the linux-x64-gnu package on arm64"
cp tests/conformance/run.mjs "$app_arm64/run.mjs"
(cd "$app_arm64" && "${arm64_env[@]}" "${limit[@]}" node -e "const p = require('studio-permissions'); console.log('loaded studio-permissions', p.version, 'on', process.arch, 'from', require.resolve('studio-permissions-linux-arm64-gnu'))")
(cd "$app_arm64" && "${arm64_env[@]}" STUDIO_PERMISSIONS_MODULE=studio-permissions "${limit[@]}" node run.mjs \
  --views "$views/arm64-node.jsonl" --answers "$views/arm64-node-answers.jsonl" "${vectors[@]}") |
  tee "$work/arm64-node.out"

step "arm64 and x64: the same answers, byte-identical views"
cases="$(wc -l < "$views/x64-python.jsonl")"
[ "$cases" -ge 150 ] || fail "x64 Python wrote $cases views, expected one per case"
for run in x64-node arm64-python arm64-node; do
  cmp "$views/x64-python.jsonl" "$views/$run.jsonl" || fail "the views of $run differ from x64 Python's"
done
cmp "$views/x64-node-answers.jsonl" "$views/arm64-node-answers.jsonl" || fail "Node's answers differ between x64 and arm64"
echo "arm64 Python: $(tail -1 "$work/arm64-python.out"); arm64 Node: $(tail -1 "$work/arm64-node.out")"
echo "$cases views byte-identical in x64 Python, x64 Node, arm64 Python (the wheel built from the sdist) and arm64 Node; Node's answers identical"
echo "the arm64 installs and runs under qemu took $((SECONDS - arm64_start)) s"

step "passed"
