#!/usr/bin/env bash
# Runs `nnpaint bench fit-ff fit-siren fit-hash` and the same fits in PyTorch (bench/peers/fit_*_torch.py), one
# after the other in one go, and prints seconds a step side by side with nnpaint's speed-up and the issue's goal.
# Needs python3 with numpy and torch (not used by CI).
#
#   bench/peers/fit_compare.sh [RUNS]     # RUNS timed runs of 3 steps each, for both (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"${NNPAINT:-./nnpaint}" bench fit-ff fit-siren fit-hash --runs "$runs" 2>/dev/null | tee -a "$log"
for peer in ff siren hash; do
  python3 "bench/peers/fit_${peer}_torch.py" "$runs" | tee -a "$log"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$log" <<'PY'
import re, sys
step = {}
for line in open(sys.argv[1]):
    m = re.match(r"bench (\S+) best_s=(\S+) .*path=(\S+)", line)
    if m:
        # both run 3 steps a timed run
        step[(m[1], "torch" if m[3] == "torch" else "nnpaint")] = float(m[2]) / 3
goals = {"fit-ff": 3, "fit-siren": 3, "fit-hash": 10}
print("\nseconds a step (best run), and nnpaint's speed-up over PyTorch")
print(f"{'workload':10} {'nnpaint':>9} {'torch':>9} {'speed-up':>9} {'goal':>6}")
for name, goal in goals.items():
    ours, theirs = step.get((name, "nnpaint")), step.get((name, "torch"))
    ratio = f"{theirs / ours:8.2f}x" if ours and theirs else "        -"
    print(f"{name:10} {ours or 0:9.4f} {theirs or 0:9.4f} {ratio} {goal:5}x")
PY
