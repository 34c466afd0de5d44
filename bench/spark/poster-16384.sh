#!/usr/bin/env bash
# Times a 16384 x 16384 poster of the default recipe (cppn-8x16) single-process and through Spark local[2].
# Usage: bench/spark/poster-16384.sh [runs] (best of the runs is what counts; the folder is removed each time).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-2}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for ((i = 1; i <= runs; i++)); do
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$here/nnpaint" poster --size 16384 -o "$out/one" 2>&1 | grep wrote
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$here/nnpaint-spark.sh" poster --master 'local[2]' --size 16384 -o "$out/spark" 2>&1 | grep wrote
  diff -rq "$out/one" "$out/spark" >/dev/null && echo "identical files"
  rm -rf "$out/one" "$out/spark"
done
