#!/usr/bin/env bash
# Makes one of each kind of file nnpaint writes and opens every one in Pillow (with its default limits),
# ImageMagick (identify; an SVG is converted to PNG and checked for its curves) and ffprobe, then prints a
# Markdown table with a row per file. A reader that fails on a file nnpaint wrote is a bug: the script exits 1.
#
#   bench/open-outputs.sh [FOLDER]     # FOLDER (default: a new temporary folder) receives the files
#
# Needs python3 with Pillow, ImageMagick (with rsvg-convert for SVG) and ffprobe. Takes a minute or two.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/nnpaint-outputs.XXXXXX")}"
mkdir -p "$out"
cd "$out"
nnpaint() { "$here/nnpaint" "$@" >/dev/null; }
step() { echo "open-outputs: $*" >&2; }

step "render"
mkdir -p render model grid sweep-list animate plot stats export
nnpaint render --size 256 -o render/render.png
nnpaint render --size 256 --depth 16 -o render/render-16.png
nnpaint render --size 256 -o render/render.tif
nnpaint render --size 256 --depth 16 -o render/render-16.tif
nnpaint render --antialias auto --print 2x2cm@300 -o render/print-300dpi.png

step "models"
nnpaint render --size 16 --layers 4 --neurons 8 --save-model model/small.json -o model/small-recipe.png
nnpaint render --model model/small.json --size 256 -o model/embedded.png
nnpaint render --model model/small.json --size 16 --save-model model/small.onnx -o model/small-onnx.png
# a little over a million weights and biases: more than the 4 MB an image embeds, so it goes to a sidecar
nnpaint render --size 16 --hidden 1024,1024 --save-model model/big.json -o model/big-recipe.png
nnpaint render --model model/big.json --size 128 -o model/sidecar.png
nnpaint render --from model/sidecar.png --size 64 -o model/sidecar-again.png

step "grid, sweep"
nnpaint grid --rows seed=1..2 --cols 'color=rgb,palette:#0b0b3b,#ff8800,#ffffff' --size 96 -o grid/grid.png
printf 'name,seed,color,size\nfirst,1,rgb,128\nstops,2,"palette:#0b0b3b,#ff8800",128\n' > sweep-list/list.csv
nnpaint sweep sweep-list/list.csv -o sweep

step "animate"
nnpaint animate --vary gain=0.5..2 --frames 12 --size 96 -o animate/animate.gif
nnpaint animate --vary gain=0.5..2 --frames 12 --size 96 -o animate/animate.mp4
nnpaint animate --vary gain=0.5..2 --frames 4 --size 96 -o animate/frames/

step "poster"
nnpaint poster --size 1024 -o poster
nnpaint poster --size 512 --depth 16 -o poster-16

step "plot, stats"
nnpaint plot 1d -o plot/1d.png
nnpaint plot 1d -o plot/1d.svg
nnpaint plot heightmap -o plot/heightmap.png
nnpaint plot channels -o plot/channels.png
nnpaint stats --plot stats/stats.png

step "train, fit"
nnpaint train --epochs 50 --out train
nnpaint fit "$here/docs/images/render-hsv.png" --steps 20 --out fit

step "figures, export"
nnpaint figures --only chopra-8x128,neylon-scurves,neylon-weight-scale-animation -o figures
nnpaint export --shadertoy export/shadertoy.glsl --html export/export.html

step "opening every file"
python3 - "$out" <<'PY'
import json, os, subprocess, sys, xml.dom.minidom
from html.parser import HTMLParser

from PIL import Image

root = sys.argv[1]
RASTER = ('.png', '.gif', '.tif', '.tiff', '.mp4')
TEXT = ('.json', '.dzi', '.html', '.csv', '.svg', '.glsl', '.onnx', '.npmodel')


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout.strip(), p.stderr.strip()


def pillow(path):
    try:
        with Image.open(path) as im:
            frames = getattr(im, 'n_frames', 1)
            for i in range(frames):
                im.seek(i)
                im.load()
            return True, f"{im.size[0]}x{im.size[1]} {im.mode}" + (f" {frames} frames" if frames > 1 else "")
    except Exception as e:  # the row says what went wrong
        return False, type(e).__name__ + ": " + str(e)[:60]


def magick(path):
    if path.endswith('.svg'):
        png = path[:-4] + '.svg-magick.png'
        code, _, err = run(['convert', path, png])
        if code != 0:
            return False, err.splitlines()[0][:70] if err else 'convert failed'
        with Image.open(png) as im:
            rgb = im.convert('RGB')
            coloured = sum(rgb.convert('HSV').getchannel('S').histogram()[96:])
        os.remove(png)
        # the curves are the only saturated colour of a plot: none means they vanished (as clip paths once made them)
        return coloured > 1000, f"{rgb.size[0]}x{rgb.size[1]} PNG, {coloured} curve pixels"
    code, outp, err = run(['identify', '-format', '%wx%h %z-bit %m\n', path])
    if code != 0:
        return False, (err.splitlines() or ['identify failed'])[0][:70]
    lines = outp.splitlines()
    return True, lines[0] + (f" {len(lines)} frames" if len(lines) > 1 else "")


def ffprobe(path):
    code, outp, err = run(['ffprobe', '-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries',
                           'stream=codec_name,width,height,nb_read_frames', '-of', 'csv=p=0', path])
    if code != 0 or not outp:
        return False, (err.splitlines() or ['no video stream'])[0][:70]
    codec, w, h, frames = outp.splitlines()[0].split(',')[:4]
    return True, f"{codec} {w}x{h} {frames} frame" + ("" if frames == "1" else "s")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ('src', 'href') and v and not v.startswith(('http', '#', 'data:', 'javascript:')):
                self.links.append(v)


def parsed(path):
    """Text files: parsed by their own reader, links from HTML checked."""
    try:
        if path.endswith(('.json',)):
            json.load(open(path))
            return True, 'JSON'
        if path.endswith(('.dzi', '.svg')):
            xml.dom.minidom.parse(path)
            return True, 'XML'
        if path.endswith('.html'):
            p = Links()
            p.feed(open(path).read())
            missing = [l for l in p.links if not os.path.exists(os.path.join(os.path.dirname(path), l))]
            return not missing, f"HTML, {len(p.links)} links" + (f", missing {missing[:2]}" if missing else "")
        if path.endswith('.npmodel'):
            import zlib
            data = open(path, 'rb').read()
            body = zlib.decompress(data[5:])
            return data[:4] == b'npmd', f"npmd/{data[4]}, {len(body):,} bytes inflated"
        if path.endswith('.onnx'):
            try:
                import onnx
            except ImportError:
                return True, ''
            onnx.checker.check_model(onnx.load(path))
            return True, 'ONNX checked'
        if path.endswith('.csv'):
            rows = open(path).read().splitlines()
            return len(rows) > 1, f"CSV, {len(rows) - 1} rows"
        return True, ''
    except Exception as e:
        return False, type(e).__name__ + ": " + str(e)[:60]


def kind(rel):
    return rel.split('/')[0]


files = []
for d, _, names in os.walk(root):
    for n in sorted(names):
        rel = os.path.relpath(os.path.join(d, n), root)
        parts = rel.split('/')
        if '_files' in rel and rel.endswith('.png'):
            # a poster's tiles: the one-pixel level and the first tile of the full level stand for the rest
            levels = os.listdir(os.path.dirname(d))
            top = str(max(int(x) for x in levels if x.isdigit()))
            if parts[-1] != '0_0.png' or parts[-2] not in ('0', top):
                continue
        if '/frames/' in '/' + rel and rel.endswith('.png') and n != sorted(names)[0]:
            continue  # the frames of a folder: the first stands for the rest
        files.append(rel)
files.sort()

failed = 0
print('| kind | file | bytes | Pillow | ImageMagick | ffprobe |')
print('|---|---|---|---|---|---|')
for rel in files:
    path = os.path.join(root, rel)
    size = f"{os.path.getsize(path):,}"
    ext = os.path.splitext(rel)[1].lower()
    cells = []
    if ext == '.mp4':
        cells.append('n/a (Pillow reads no video)')
        for check in (magick, ffprobe):
            ok, what = check(path)
            failed += not ok
            cells.append(('ok ' if ok else '**FAILED** ') + what)
    elif ext in RASTER:
        for check in (pillow, magick, ffprobe):
            ok, what = check(path)
            failed += not ok
            cells.append(('ok ' if ok else '**FAILED** ') + what)
    elif ext == '.svg':
        ok, what = parsed(path)
        failed += not ok
        mok, mwhat = magick(path)
        failed += not mok
        cells = ['n/a (vector; ' + what + ' ok)' if ok else '**FAILED** ' + what,
                 ('ok ' if mok else '**FAILED** ') + mwhat, 'n/a']
    else:
        ok, what = parsed(path)
        failed += not ok
        cells = [('ok ' if ok else '**FAILED** ') + what if what else 'n/a', 'n/a', 'n/a']
    print(f"| {kind(rel)} | `{rel}` | {size} | " + ' | '.join(cells) + ' |')
print()
print(f"{len(files)} files, {failed} failures")
sys.exit(1 if failed else 0)
PY
