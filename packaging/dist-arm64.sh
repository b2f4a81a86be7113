#!/usr/bin/env bash
# The linux-arm64 half of make dist (run in the background: by
# packaging/dist-lane.sh from the start of make test, or by packaging/dist.sh
# beside the x64 half):
# sets up the cross compiler (packaging/arm64-tools.sh), then
#   - the abi3 wheel tagged manylinux2014_aarch64, built by pip from the sdist
#     in DIR into DIR (make dist copies both into dist/);
#   - the Node addon for linux-arm64-gnu, at
#     target-dist/node-arm64/aarch64-unknown-linux-gnu/release/libstudio_permissions_node.so.
# Both are linked by zig against glibc 2.17, as the x64 ones are.
#
# It runs in the background: DIR/status gets its exit code when it ends,
# failing or not, and packaging/dist.sh waits for that file.
#
#   packaging/dist-arm64.sh TOOLS_VENV ARM64_CACHE DIR
set -euo pipefail
dist="$3"
trap 'echo $? > "$dist/status"' EXIT
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$(cd "$1" && pwd)"
arm64="$(mkdir -p "$2" && cd "$2" && pwd)"
cd "$root"
wheel_target="$root/target-dist/wheel-arm64"
node_target="$root/target-dist/node-arm64"
step_start=$SECONDS
took() {
  echo "== dist (arm64): $1 took $((SECONDS - step_start)) s"
  step_start=$SECONDS
}

packaging/arm64-tools.sh "$arm64"
took "setting up the arm64 tools"

# Debian's rustc-web cross-compiles for arm64: its directory first on PATH
# (before the rustup proxies of ~/.cargo/bin), and named to maturin and
# cargo-zigbuild, which run `cargo` and `rustc`. Its sysroot is /usr, where
# both standard libraries are installed. The tools venv gives maturin,
# cargo-zigbuild and zig.
export PATH="$arm64/rustweb/usr/bin:$venv/bin:$PATH"
export RUSTC="$arm64/rustweb/usr/bin/rustc" CARGO="$arm64/rustweb/usr/bin/cargo"

echo "== dist (arm64): wheel (manylinux2014, abi3), built by pip from the sdist; $(rustc --version)"
# pip builds it from the sdist alone (unpacked in a temporary folder), as a
# user's pip would: the shipped arm64 wheel proves the sdist complete, and
# test-dist runs the vectors against it under qemu, so no third build of the
# crates (an x64 wheel from the sdist) is needed. Without build isolation, the
# tools venv's pinned maturin builds it (release profile, as pyproject.toml
# says), told the target by MATURIN_PEP517_ARGS. The sdist's files carry a
# fixed old date, which cargo would take for unchanged sources beside a
# previous run's build: our crates' fingerprints go first.
rm -rf "$wheel_target"/aarch64-unknown-linux-gnu/release/.fingerprint/studio-permissions-*
CARGO_TARGET_DIR="$wheel_target" \
  MATURIN_PEP517_ARGS="--target aarch64-unknown-linux-gnu --zig --compatibility manylinux2014" \
  nice pip wheel --disable-pip-version-check --no-cache-dir --no-build-isolation --no-deps --no-index \
  -w "$dist" "$dist"/studio_permissions-*.tar.gz
took "the arm64 wheel"

echo "== dist (arm64): Node addon for linux-arm64-gnu (glibc 2.17)"
CARGO_TARGET_DIR="$node_target" nice cargo zigbuild --release -p studio-permissions-node \
  --target aarch64-unknown-linux-gnu.2.17
took "the arm64 addon"
