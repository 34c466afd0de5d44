#!/usr/bin/env bash
# The "60-second default fit": `nnpaint fit IMAGE` with its defaults on each shared test image, end to end (the
# JVM's start, reading the image, training, writing every file), timed by /usr/bin/time, with the final PSNR over
# all pixels from the summary line. The issue's goal: at least 30 dB within 60 seconds for a 512 x 512 photograph.
#
#   bench/fit-default.sh [IMAGES...]     # default: every PNG of the shared test images
set -euo pipefail
cd "$(dirname "$0")/.."
nnpaint=${NNPAINT:-./nnpaint}
data=${NNPAINT_IMAGES:-}
for d in ../shared/data/images ../../shared/data/images; do
  [[ -z $data && -d $d ]] && data=$d
done
images=("$@")
if (( ${#images[@]} == 0 )); then
  images=("$data"/*.png)
fi
"$nnpaint" --version >/dev/null 2>&1 # builds the jar first if the sources changed, outside the timing
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %-9s %10s %10s %10s  %s\n' image size wall_s train_s psnr_db goal
for image in "${images[@]}"; do
  name=$(basename "$image")
  /usr/bin/time -f '%e' -o "$work/time" "$nnpaint" fit "$image" --out "$work/${name%.*}" 2>"$work/err" || true
  line=$(grep '^fitted' "$work/err" || true)
  if [[ -z $line ]]; then
    printf '%-16s failed: %s\n' "$name" "$(tail -1 "$work/err")"
    continue
  fi
  wall=$(tail -1 "$work/time")
  size=$(sed -E 's/^fitted ([0-9]+x[0-9]+) .*/\1/' <<<"$line")
  train=$(sed -E 's/.* steps in ([0-9.]+)s.*/\1/' <<<"$line")
  psnr=$(sed -E 's/.*PSNR ([0-9.]+) dB.*/\1/' <<<"$line")
  goal=$(python3 -c "print('met' if $psnr >= 30 and $wall <= 60 else 'missed')")
  printf '%-16s %-9s %10s %10s %10s  %s\n' "$name" "$size" "$wall" "$train" "$psnr" "$goal"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
