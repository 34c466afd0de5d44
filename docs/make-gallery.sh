#!/usr/bin/env bash
# Paints the README's gallery of `nnpaint render` images into docs/images/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/images
r() { ./nnpaint render --quiet "$@"; }
r -o $out/render-default.png --size 384
r -o $out/render-hsv.png --size 384 --seed 21 --color hsv --layers 10 --neurons 20 --weights normal:0.7 --extent 1.5
r -o $out/render-twilight.png --size 384 --seed 2 --color palette:twilight --extent 2
r -o $out/render-sin.png --size 384 --seed 9 --color palette:viridis --activation sin --layers 4 --weights normal:0.8
r -o $out/render-mix.png --size 384 --seed 5 --activation mix:tanh,sin,gaussian --weights normal:0.6 --extent 1.5
r -o $out/render-greygoo.png --size 384 --weights pytorch --biases pytorch
r -o $out/render-wallpaper.png --size 768x432 --seed 31 --inputs x,y,r,z --z-dim 2 --layers 9 --neurons 24 --weights normal:0.8
