#!/usr/bin/env bash
# Times a 16384 x 16384 poster of the default recipe (cppn-8x16) three ways, one after the other in each round:
#   one   - nnpaint poster, one process, every core
#   local - nnpaint-spark.sh poster --master local[N], Spark embedded in one JVM
#   cluster - the job jar sent with SparkSubmit to a standalone Master and two one-core Workers on 127.0.0.1
#             (started here from the Spark jars of the build, as bench/spark/cluster.sh does), executors awaited
# For the Spark runs the job's _nnpaint_summary.json gives the wait for executors, the job's own time and the
# executors' JIT warm-up (first task of each executor against the steady rate of the later ones).
# Usage: bench/spark/poster-16384.sh [runs] [size]   (the best of the runs is what counts; each records uptime)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-2}"
size="${2:-16384}"
out="$(mktemp -d)"
build="$here/nnpaint-spark/target"
"$here/nnpaint-spark.sh" --help >/dev/null # builds the jars when they are missing or stale
source "$here/bench/spark/cluster.sh"
trap 'cluster_stop; rm -rf "$out"' EXIT
cluster_start "$out/cluster" 2

summary() { # file field
  grep -o "\"$2\" : [0-9.eE+-]*" "$1" | head -1 | awk '{print $3}'
}

for ((i = 1; i <= runs; i++)); do
  echo "round $i, uptime:$(uptime | sed 's/.*load/ load/')"
  start=$(date +%s.%N)
  "$here/nnpaint" poster --size "$size" -o "$out/one" 2>&1 | grep wrote
  echo "  one process: $(echo "$(date +%s.%N) - $start" | bc) s wall clock"

  echo "  uptime:$(uptime | sed 's/.*load/ load/')"
  start=$(date +%s.%N)
  "$here/nnpaint-spark.sh" poster --master "local[$(nproc)]" --size "$size" -o "$out/local" 2>&1 | grep wrote
  echo "  local mode: $(echo "$(date +%s.%N) - $start" | bc) s wall clock, job $(summary "$out/local/_nnpaint_summary.json" seconds) s, warm-up $(summary "$out/local/_nnpaint_summary.json" warmUpSeconds) s"

  echo "  uptime:$(uptime | sed 's/.*load/ load/')"
  start=$(date +%s.%N)
  cluster_submit poster --size "$size" -o "$out/cluster-poster" 2>&1 | grep wrote
  s="$out/cluster-poster/_nnpaint_summary.json"
  echo "  cluster: $(echo "$(date +%s.%N) - $start" | bc) s wall clock, job $(summary "$s" seconds) s (of which waiting for executors $(summary "$s" executorWaitSeconds) s), warm-up $(summary "$s" warmUpSeconds) s over $(summary "$s" executors) executors, steady $(summary "$s" steadyMpixelPerSecondPerTask) Mpixel/s a task"

  diff -rq -x '_nnpaint_*' "$out/one" "$out/local" >/dev/null && diff -rq -x '_nnpaint_*' "$out/one" "$out/cluster-poster" \
    >/dev/null && echo "  identical files"
  rm -rf "$out/one" "$out/local" "$out/cluster-poster"
done
