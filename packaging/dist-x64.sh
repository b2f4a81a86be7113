#!/usr/bin/env bash
# The linux-x64 half of make dist (packaging/dist.sh runs it, while the
# arm64 half runs in the background):
#   - the abi3 wheel tagged manylinux2014_x86_64 into DIR (maturin);
#   - the Node addon for linux-x64-gnu, at
#     target-dist/node/x86_64-unknown-linux-gnu/release/libstudio_permissions_node.so
#     (cargo-zigbuild).
# Both are linked by zig against glibc 2.17. Each build has its own target
# folder: maturin's and cargo-zigbuild's linker settings differ, and sharing
# one would rebuild everything each time.
#
#   packaging/dist-x64.sh TOOLS_VENV DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$(cd "$1" && pwd)"
out="$2"
cd "$root"
# maturin and cargo-zigbuild find zig (python-zig, `python -m ziglang`) here.
export PATH="$venv/bin:$PATH"
step_start=$SECONDS
took() {
  echo "== dist (x64): $1 took $((SECONDS - step_start)) s"
  step_start=$SECONDS
}

echo "== dist (x64): wheel (manylinux2014, abi3)"
CARGO_TARGET_DIR="$root/target-dist/wheel" nice maturin build --release --zig --compatibility manylinux2014 \
  -m bindings-python/Cargo.toml -o "$out"
took "the x64 wheel"

echo "== dist (x64): Node addon for linux-x64-gnu (glibc 2.17)"
CARGO_TARGET_DIR="$root/target-dist/node" nice cargo zigbuild --release -p studio-permissions-node \
  --target x86_64-unknown-linux-gnu.2.17
took "the x64 addon"
