#!/usr/bin/env bash
# make parity: CHUNKS x 10,000 seeded differential cases through the Rust,
# Python and Node runners. Stops at the first chunk where a runner disagrees
# with the core's answers, and shows its failing cases.
set -euo pipefail
chunks=${1:-100}
python=${2:-.venv/bin/python}
mkdir -p build
total=0
for seed in $(seq 1 "$chunks"); do
  file=build/parity-$seed.json
  cargo run -q --release -p studio-permissions-examples --bin differential -- "$seed" 10000 "$file" >/dev/null
  for runner in "cargo run -q --release -p studio-permissions-examples --bin conformance --" \
                "$python tests/conformance/run.py" \
                "node tests/conformance/run.mjs"; do
    if ! $runner "$file" > build/parity.log; then
      grep '^FAIL' build/parity.log | head -n 20
      echo "seed $seed: $runner disagrees (case file kept: $file)"
      exit 1
    fi
  done
  rm -f "$file"
  total=$((total + 10000))
  echo "seed $seed: 10000 cases agree in Rust, Python and Node ($total so far)"
done
echo "$total passed, 0 failed"
