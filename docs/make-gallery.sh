#!/usr/bin/env bash
# Paints the README's gallery of `nnpaint render` images into docs/images/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/images
r() { ./nnpaint render --quiet "$@"; }
r -o $out/render-default.png --size 512
r -o $out/render-mix.png --size 512 --seed 7 --activation mix:tanh,sin,gaussian --color hsv --layers 6 --neurons 24
r -o $out/render-magma.png --size 512 --seed 3 --color palette:magma --activation sin --weights scaled-normal:2.5 --zoom 0.5
r -o $out/render-relu.png --size 512 --seed 4 --activation relu --weights he-normal --biases normal:0.5 --extent 3
r -o $out/render-wide.png --size 768x432 --seed 12 --hidden 64,32,16,8 --activation tanh --inputs x,y,r,z --z 0.4,-1.1 --zoom 0.7
r -o $out/render-greygoo.png --size 512 --weights pytorch --biases pytorch --layers 8 --neurons 16
