#!/usr/bin/env bash
# The table of encodings in docs/fit.md: each encoding fitted to each image with the Fourier-features paper's
# protocol (train on the pixels of even row and column, test PSNR over all pixels), printed as a Markdown table
# with the steps and the seconds each fit took. The images are the shared test photographs, made smaller first
# (ImageMagick) so that the table takes minutes, not hours.
#
#   bench/fit-table.sh [STEPS] [SIZE] [IMAGES...]   # defaults: 200 steps, 256 pixels, camera and astronaut
set -euo pipefail
cd "$(dirname "$0")/.."
# NNPAINT names another command to run (a copy of the jar, say); ./nnpaint by default
steps=${1:-200}
size=${2:-256}
shift $(( $# > 2 ? 2 : $# ))
images=("$@")
# the shared images sit beside the repository (../shared); a worktree one level further down finds them too
data=${NNPAINT_IMAGES:-}
for d in ../shared/data/images ../../shared/data/images; do
  [[ -z $data && -d $d ]] && data=$d
done
if (( ${#images[@]} == 0 )); then
  images=("$data/camera.png" "$data/astronaut.png")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The paper's frequencies scaled to the image: its sigma 10 and 256 training pixels a side with x in [0, 1) are,
# in nnpaint's coordinates (x across (-1, 1)) and SIZE / 2 training pixels a side, sigma = SIZE * 10 / 1024; pe's
# highest frequency, 2^(L-1) cycles across the image, is the training grid's limit of SIZE / 4 (docs/fit.md has what
# that does at 512 pixels and 2000 steps).
sigma=$(python3 -c "print(f'{$size * 10 / 1024:g}')")
levels=$(python3 -c "import math; print(max(1, int(math.log2($size)) - 1))")
# name|fit options: the paper's networks (4 x 256 relu -> sigmoid; SIREN 4 x 256 sine; hash 2 x 64), each at its
# default rate, and the plain network also at the paper's 1e-2
encodings=(
  "none, lr 1e-2|--encoding none --lr 1e-2"
  "none|--encoding none"
  "pe:$levels|--encoding pe:$levels"
  "gauss:256:$sigma|--encoding gauss:256:$sigma"
  "SIREN|--encoding none --siren 30"
  "hash|--encoding hash"
)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf '| image | encoding | steps | test PSNR (dB) | train PSNR (dB) | seconds |\n|---|---|---|---|---|---|\n'
for image in "${images[@]}"; do
  name=$(basename "$image" .png)
  small="$work/$name-$size.png"
  # the larger side becomes SIZE (never enlarged)
  convert "$image" -filter Lanczos -resize "${size}x${size}>" "$small"
  dims=$(identify -format '%wx%h' "$small")
  for entry in "${encodings[@]}"; do
    label=${entry%%|*}
    # shellcheck disable=SC2086
    line=$("${NNPAINT:-./nnpaint}" fit "$small" --out "$work/$name-$RANDOM" ${entry#*|} --holdout even --steps "$steps" \
      2>&1 | grep '^fitted' || true)
    if [[ $line =~ train\ ([0-9.]+),\ test\ ([0-9.]+) ]]; then
      train=${BASH_REMATCH[1]}
      test=${BASH_REMATCH[2]}
      seconds=$(sed -E 's/.* steps in ([0-9.]+)s.*/\1/' <<<"$line")
      printf '| %s (%s) | %s | %s | %s | %s | %s |\n' "$name" "$dims" "$label" "$steps" "$test" "$train" "$seconds"
    else
      printf '| %s (%s) | %s | %s | failed | | |\n' "$name" "$dims" "$label" "$steps"
    fi
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
