#!/usr/bin/env bash
# Makes docs/fit.md's images (docs/images/fit-*) from the shared test photographs and one of nnpaint's own paintings.
# The photographs are made smaller first (ImageMagick) so that the whole set takes minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
nnpaint=${NNPAINT:-./nnpaint}
out=docs/images
data=${NNPAINT_IMAGES:-}
for d in ../shared/data/images ../../shared/data/images; do
  [[ -z $data && -d $d ]] && data=$d
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
convert "$data/camera.png" -filter Lanczos -resize 128x128 "$work/camera-128.png"
convert "$data/astronaut.png" -filter Lanczos -resize 192x192 "$work/astronaut-192.png"

# the sigma grid: the same 256 Gaussian draws at four scales, trained on the even pixels, after 25 and 200 steps
"$nnpaint" grid --fit "$work/camera-128.png" --encoding gauss:256:1 --holdout even \
  --rows steps=25,200 --cols sigma=1,3,10,100 -o $out/fit-sigma.png

# spectral bias: the reconstruction as it learns, coarse first
"$nnpaint" fit "$work/astronaut-192.png" --out "$work/learning" --encoding gauss:256:4 --steps 150 \
  --animate $out/fit-learning.gif --fps 8

# an image of the user's choosing (here one nnpaint painted), fitted with the defaults, then painted at 2048
"$nnpaint" fit docs/images/render-twilight.png --out "$work/twilight"
cp "$work/twilight/compare.png" $out/fit-twilight-compare.png
"$nnpaint" render --model "$work/twilight/model.json" --size 2048 -o "$work/twilight-2048.png"
# a 384-pixel crop of the 2048-pixel painting next to the same part of the original, enlarged alike
convert "$work/twilight-2048.png" -crop 384x384+592+912 +repage "$work/crop-fit.png"
convert docs/images/render-twilight.png -crop 72x72+111+171 +repage -filter point -resize 384x384 \
  "$work/crop-original.png"
convert "$work/crop-original.png" "$work/crop-fit.png" -bordercolor white -border 4 +append \
  $out/fit-twilight-2048-crop.png
