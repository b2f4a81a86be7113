#!/usr/bin/env bash
# The Node README's bundling recipe, run as written on the packages in dist/:
# a project installs the two tarballs (the main package and this platform's)
# and esbuild, runs the README's commands, then runs the
# bundle from a folder with nothing but it and the addon.
#
#   packaging/test-node-bundle.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/studio-permissions-bundle.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The README's block: the lines between its marker's fence and the next fence.
recipe="$(awk '/snippet: run by packaging\/test-node-bundle.sh/ {on=1; next}
  on && /^```sh/ {inside=1; next} inside && /^```/ {exit} inside {print}' "$root/bindings-node/README.md")"
test -n "$recipe" || { echo "test-node-bundle: no recipe found in bindings-node/README.md" >&2; exit 1; }

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
out="$(bash -euo pipefail -c "$recipe")"
test "$out" = "true none" || { echo "test-node-bundle: the recipe printed: $out" >&2; exit 1; }

# The bundle owes nothing to node_modules: run it from a folder of its own.
mkdir -p "$work/elsewhere"
cp dist/* "$work/elsewhere/"
out="$(cd "$work/elsewhere" && node app.js)"
test "$out" = "true none" || { echo "test-node-bundle: alone, the bundle printed: $out" >&2; exit 1; }
ls "$work/elsewhere" | grep -qv '\.node$\|^app\.js$' && { echo "test-node-bundle: more than the bundle and the addon" >&2; exit 1; }
echo "test-node-bundle: the README's recipe bundles and runs ($(wc -c < dist/app.js) bytes of JavaScript, the addon beside it)"
