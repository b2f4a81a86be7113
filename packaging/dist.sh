#!/usr/bin/env bash
# make dist: writes every release artifact this machine can build into dist/:
#   - the abi3 wheels for CPython 3.11+ tagged manylinux2014_x86_64 and
#     manylinux2014_aarch64 (maturin, linked by zig against glibc 2.17) and
#     the sdist;
#   - the npm main package and its linux-x64-gnu and linux-arm64-gnu platform
#     packages (the addons linked by cargo-zigbuild against glibc 2.17);
#   - SHA256SUMS over all of them.
# The arm64 builds use Debian's rustc-web, extracted by packaging/arm64-tools.sh
# into ARM64_CACHE/rustweb (rustup here has only the x86_64 target). The other
# platforms of the release matrix are built by the release workflows
# (.github/workflows/release-python.yml, release-node.yml).
#
#   packaging/dist.sh TOOLS_VENV ARM64_CACHE
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$1"
arm64="$(cd "$2" && pwd)"
cd "$root"
dist="$root/dist"
stage="$root/build/npm"
# Each build its own target dir: maturin's and cargo-zigbuild's linker
# settings differ, and sharing one would rebuild everything each time.
wheel_target="$root/target-dist/wheel"
node_target="$root/target-dist/node"
wheel_arm64_target="$root/target-dist/wheel-arm64"
node_arm64_target="$root/target-dist/node-arm64"
# maturin and cargo-zigbuild find zig (python-zig, `python -m ziglang`) here.
export PATH="$venv/bin:$PATH"
# Each step's time, for the table of where CI's minutes go (docs/development.md).
step_start=$SECONDS
took() {
  echo "== dist: $1 took $((SECONDS - step_start)) s"
  step_start=$SECONDS
}

rm -rf "$dist"
mkdir -p "$dist"

echo "== dist: wheel (manylinux2014, abi3)"
CARGO_TARGET_DIR="$wheel_target" nice maturin build --release --zig --compatibility manylinux2014 \
  -m bindings-python/Cargo.toml -o "$dist"
took "the x64 wheel"

echo "== dist: sdist"
maturin sdist -m bindings-python/Cargo.toml -o "$dist"

echo "== dist: Node addon for linux-x64-gnu (glibc 2.17)"
CARGO_TARGET_DIR="$node_target" nice cargo zigbuild --release -p studio-permissions-node \
  --target x86_64-unknown-linux-gnu.2.17
addon="$node_target/x86_64-unknown-linux-gnu/release/libstudio_permissions_node.so"
took "the sdist and the x64 addon"

# Debian's rustc-web cross-compiles for arm64: its directory first on PATH
# (before the rustup proxies of ~/.cargo/bin), and named to maturin and
# cargo-zigbuild, which run `cargo` and `rustc`. Its sysroot is /usr, where
# both standard libraries are installed. Set for these commands only: the x64
# builds keep rustup's toolchain.
arm64_rust() {
  PATH="$arm64/rustweb/usr/bin:$PATH" RUSTC="$arm64/rustweb/usr/bin/rustc" CARGO="$arm64/rustweb/usr/bin/cargo" "$@"
}

echo "== dist: wheel for linux-arm64 (manylinux2014, abi3; $(arm64_rust rustc --version))"
CARGO_TARGET_DIR="$wheel_arm64_target" arm64_rust nice maturin build --release --target aarch64-unknown-linux-gnu \
  --zig --compatibility manylinux2014 -m bindings-python/Cargo.toml -o "$dist"
took "the arm64 wheel"

echo "== dist: Node addon for linux-arm64-gnu (glibc 2.17)"
CARGO_TARGET_DIR="$node_arm64_target" arm64_rust nice cargo zigbuild --release -p studio-permissions-node \
  --target aarch64-unknown-linux-gnu.2.17
addon_arm64="$node_arm64_target/aarch64-unknown-linux-gnu/release/libstudio_permissions_node.so"
took "the arm64 addon"

echo "== dist: npm packages"
rm -rf "$stage"
node packaging/stage-npm.mjs "$stage" "linux-x64-gnu=$addon" "linux-arm64-gnu=$addon_arm64"
for package in "$stage"/studio-permissions "$stage"/linux-x64-gnu "$stage"/linux-arm64-gnu; do
  (cd "$package" && npm pack --silent --ignore-scripts --pack-destination "$dist" >/dev/null)
done

(cd "$dist" && sha256sum -- * > SHA256SUMS)
echo "== dist: $(ls "$dist" | tr '\n' ' ')"
