#!/usr/bin/env bash
# The Node README's bundling recipe, run as written on the packages in dist/:
# a project installs the two tarballs (the main package and this platform's)
# and esbuild, runs the README's commands, then runs the
# bundle from a folder with nothing but it and the addon. Then it runs itself
# on three altered copies of the README, which must fail, each with its reason:
# no recipe, the published layout not kept external, the addon not copied.
#
#   packaging/test-node-bundle.sh [README]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
readme="$(realpath "${1:-$root/bindings-node/README.md}")"
work="$(mktemp -d "${TMPDIR:-/tmp}/studio-permissions-bundle.XXXXXX")"
# Where the bundle runs alone: outside $work, whose node_modules Node would
# otherwise find by walking up.
alone="$(mktemp -d "${TMPDIR:-/tmp}/studio-permissions-bundle-alone.XXXXXX")"
trap 'rm -rf "$work" "$alone"' EXIT

# The README's block, found by the docs tests' one reader of fenced blocks.
recipe="$(python3 "$root/tests/docs/fenced_blocks.py" --run-by packaging/test-node-bundle.sh "$readme")" ||
  { echo "test-node-bundle: no recipe found in $readme" >&2; exit 1; }

cd "$work"
npm init -y >/dev/null
# The tarballs, not a registry: the loader and the addon as published; esbuild
# linked from the package's dev dependencies (nothing is downloaded).
npm install --offline --no-audit --no-fund --loglevel=error \
  "$root"/dist/studio-permissions-[0-9]*.tgz "$root"/dist/studio-permissions-linux-x64-gnu-[0-9]*.tgz \
  "$root/bindings-node/node_modules/esbuild"
cat > app.mjs <<'JS'
import { AccessSet } from 'studio-permissions';
const set = AccessSet.preset('knowledge_editor');
console.log(set.can('knowledge.faqs', 'edit'), set.level('account'));
JS
out="$(bash -euo pipefail -c "$recipe")" || { echo "test-node-bundle: the recipe failed" >&2; exit 1; }
test "$out" = "true none" || { echo "test-node-bundle: the recipe printed: $out" >&2; exit 1; }

# The bundle owes nothing to node_modules: run it from a folder of its own.
cp dist/* "$alone/"
out="$(cd "$alone" && node app.js)" || { echo "test-node-bundle: alone, the bundle failed" >&2; exit 1; }
test "$out" = "true none" || { echo "test-node-bundle: alone, the bundle printed: $out" >&2; exit 1; }
ls "$alone" | grep -qv '\.node$\|^app\.js$' && { echo "test-node-bundle: more than the bundle and the addon" >&2; exit 1; }
echo "test-node-bundle: the README's recipe bundles and runs ($(wc -c < dist/app.js) bytes of JavaScript, the addon beside it)"

# Altered READMEs (only when run on the real one): each must be refused.
[ $# -eq 0 ] || exit 0
refused() { # NAME EXPECTED-MESSAGE SED-SCRIPT
  sed "$3" "$root/bindings-node/README.md" > "$work/$1.md"
  cmp -s "$work/$1.md" "$root/bindings-node/README.md" && { echo "test-node-bundle: '$3' changed nothing" >&2; exit 1; }
  if "$root/packaging/test-node-bundle.sh" "$work/$1.md" > "$work/$1.out" 2>&1; then
    cat "$work/$1.out" >&2; echo "test-node-bundle: the README $1 passed" >&2; exit 1
  fi
  grep -qF "$2" "$work/$1.out" || { cat "$work/$1.out" >&2; echo "test-node-bundle: the README $1 failed, but not with: $2" >&2; exit 1; }
  echo "test-node-bundle: refused, the README $1: $2"
}
refused "without the marker" "no recipe found" 's/snippet: run by packaging\/test-node-bundle.sh/snippet: not run/'
refused "bundling the platform package" "the recipe failed" "s/ '--external:studio-permissions-\*'//"
refused "without copying the addon" "alone, the bundle failed" '/^cp node_modules\/studio-permissions-/d'
