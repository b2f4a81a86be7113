#!/usr/bin/env bash
# make dist: writes every release artifact this machine can build into dist/:
#   - the abi3 wheel for CPython 3.11+ tagged manylinux2014_x86_64 (maturin,
#     linked by zig against glibc 2.17) and the sdist;
#   - the npm main package and its linux-x64-gnu platform package (the addon
#     linked by cargo-zigbuild against glibc 2.17);
#   - SHA256SUMS over all of them.
# The other platforms of the release matrix are built by the release workflow
# (.github/workflows/release.yml): this machine has only the x86_64 Linux target.
#
#   packaging/dist.sh TOOLS_VENV
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$1"
cd "$root"
dist="$root/dist"
stage="$root/build/npm"
# Each build its own target dir: maturin's and cargo-zigbuild's linker
# settings differ, and sharing one would rebuild everything each time.
wheel_target="$root/target-dist/wheel"
node_target="$root/target-dist/node"
# maturin and cargo-zigbuild find zig (python-zig, `python -m ziglang`) here.
export PATH="$venv/bin:$PATH"

rm -rf "$dist"
mkdir -p "$dist"

echo "== dist: wheel (manylinux2014, abi3)"
CARGO_TARGET_DIR="$wheel_target" nice maturin build --release --zig --compatibility manylinux2014 \
  -m bindings-python/Cargo.toml -o "$dist"

echo "== dist: sdist"
maturin sdist -m bindings-python/Cargo.toml -o "$dist"

echo "== dist: Node addon for linux-x64-gnu (glibc 2.17)"
CARGO_TARGET_DIR="$node_target" nice cargo zigbuild --release -p studio-permissions-node \
  --target x86_64-unknown-linux-gnu.2.17
addon="$node_target/x86_64-unknown-linux-gnu/release/libstudio_permissions_node.so"

echo "== dist: npm packages"
rm -rf "$stage"
node packaging/stage-npm.mjs "$stage" "linux-x64-gnu=$addon"
for package in "$stage"/studio-permissions "$stage"/linux-x64-gnu; do
  (cd "$package" && npm pack --silent --ignore-scripts --pack-destination "$dist" >/dev/null)
done

(cd "$dist" && sha256sum -- * > SHA256SUMS)
echo "== dist: $(ls "$dist" | tr '\n' ' ')"
