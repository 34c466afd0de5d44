#!/usr/bin/env bash
# Runs `nnpaint bench` and the same CPPN networks in NumPy and PyTorch, one after the other in one go, and prints
# each workload's lines side by side with nnpaint's speed-up. Needs python3 with numpy and torch (not used by CI).
#
#   bench/compare.sh [ROUNDS]      # ROUNDS rounds (default 3); the table keeps each one's best
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
models=$(mktemp -d)
trap 'rm -rf "$models"' EXIT
names=$(python3 -c 'import sys; sys.path.insert(0, "bench/peers"); from cppn_common import WORKLOADS; print(" ".join(WORKLOADS))')
for name in $names; do
  args=$(python3 -c "import sys; sys.path.insert(0, 'bench/peers'); from cppn_common import recipe_args; print(' '.join(recipe_args('$name')))")
  # shellcheck disable=SC2086
  ./nnpaint render --quiet $args --save-model "$models/$name.json" -o "$models/$name.png" 2>/dev/null
done
log="$models/lines.txt"
for ((i = 1; i <= rounds; i++)); do
  ./nnpaint bench $names 2>/dev/null | tee -a "$log"
  python3 bench/peers/cppn_numpy.py "$models" | tee -a "$log"
  python3 bench/peers/cppn_torch.py "$models" | tee -a "$log"
done
python3 - "$log" <<'PY'
import re, sys
best = {}
for line in open(sys.argv[1]):
    m = re.match(r"bench (\S+) best_s=(\S+) .*path=(\S+)", line)
    if m:
        key = (m[1], "nnpaint" if m[3] in ("vector", "scalar") else m[3])
        best[key] = min(best.get(key, float("inf")), float(m[2]))
print("\nbest of all rounds (seconds), and nnpaint's speed-up")
print(f"{'workload':14} {'nnpaint':>9} {'numpy':>9} {'torch':>9} {'vs numpy':>9} {'vs torch':>9}")
for name in dict.fromkeys(k[0] for k in best):
    ours, np_, th = (best.get((name, p)) for p in ("nnpaint", "numpy", "torch"))
    ratio = lambda peer: f"{peer / ours:8.2f}x" if peer and ours else "        -"
    print(f"{name:14} {ours or 0:9.4f} {np_ or 0:9.4f} {th or 0:9.4f} {ratio(np_)} {ratio(th)}")
PY
