"""Evaluates a fitted model.json (nnpaint.model/1 or /2) on an image's pixel grid with NumPy alone and prints its
PSNR over all pixels: an independent check of `nnpaint fit`'s reported number. Every encoding a model file can carry:
none (SIREN's models included: a plain sine network), pe, gauss (its frequencies redrawn here from the documented
keyed generator, so nothing of nnpaint's code is shared) and hash (its tables are in the file).

    python3 bench/peers/fit_eval_numpy.py DIR/model.json IMAGE.png      (needs numpy and pillow)
"""
import base64
import json
import math
import sys

import numpy as np
from PIL import Image

ACT = {"identity": lambda z: z, "relu": lambda z: np.maximum(z, 0), "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
       "sin": np.sin, "tanh": np.tanh}


MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
ENCODING_STREAM = 7


def mix(z):
    """SplitMix64's finaliser, on unsigned 64-bit integers."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def keyed_normal(seed, stream, a, b, c):
    """nnpaint's keyed standard normal: SplitMix64 over (seed, stream, a, b, c), then Box-Muller on its halves."""
    h = mix((seed + GOLDEN) & MASK)
    for key in (stream, a, b, c):
        h = mix((h + GOLDEN * (key + 1)) & MASK)
    u1 = ((h >> 32) + 1) * 2.0 ** -32
    u2 = (h & 0xFFFFFFFF) * 2.0 ** -32
    return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


def gauss_frequencies(enc, inputs):
    """2 pi sigma B, B[i][j] the keyed normal of (encoding stream, 0, i, j)."""
    return np.array([[2 * math.pi * enc["sigma"] * keyed_normal(enc["seed"], ENCODING_STREAM, 0, i, j)
                      for j in range(inputs)] for i in range(enc["features"])])


def grid_encode(enc, pts):
    levels, feats, log2t = enc["levels"], enc["features"], enc["log2_table"]
    growth = math.exp((math.log(enc["finest"]) - math.log(enc["base"])) / (levels - 1)) if levels > 1 else 1
    out = []
    for l in range(levels):
        res = int(math.floor(enc["base"] * growth ** l + 1e-9))
        table = np.frombuffer(base64.b64decode(enc["tables"][l]), dtype="<f4").reshape(-1, feats).astype(np.float64)
        pos = np.clip((pts + 1) * res / 2, 0, res)
        cell = np.minimum(np.floor(pos).astype(np.int64), res - 1)
        frac = pos - cell
        dense = (res + 1) ** 2 <= 2 ** log2t

        def idx(i, j):
            return i + j * (res + 1) if dense else ((i ^ (j * 2654435761)) & 0xFFFFFFFF) % (2 ** log2t)
        i, j, fx, fy = cell[:, 0], cell[:, 1], frac[:, :1], frac[:, 1:]
        out.append((1 - fx) * (1 - fy) * table[idx(i, j)] + fx * (1 - fy) * table[idx(i + 1, j)]
                   + (1 - fx) * fy * table[idx(i, j + 1)] + fx * fy * table[idx(i + 1, j + 1)])
    return np.concatenate(out, axis=1)


def main(model_path, image_path):
    model = json.load(open(model_path))
    img = Image.open(image_path)
    grey = model.get("color") == "gray"
    target = np.asarray(img.convert("L" if grey else "RGB"), dtype=np.float64) / 255
    h, w = target.shape[:2]
    target = target.reshape(h * w, -1)
    j, i = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    pts = np.stack([(2 * (i + 0.5) / w - 1).ravel(), ((1 - 2 * (j + 0.5) / h) * h / w).ravel()], axis=1)
    pts = pts.astype(np.float32).astype(np.float64)  # the coordinates nnpaint feeds, as float32
    enc = model.get("encoding")
    a = pts
    if enc and enc["type"] == "hash":
        a = grid_encode(enc, pts)
    elif enc and enc["type"] in ("pe", "gauss"):
        if enc["type"] == "pe":
            rows = [[math.pi * 2 ** k if ax == c else 0 for c in range(2)] for ax in range(2) for k in range(enc["levels"])]
            B = np.array(rows)
        else:
            B = gauss_frequencies(enc, 2)
        # the frequencies as the frozen layer stores them (float32); cos z = sin(z + pi/2), likewise in float32
        B = B.astype(np.float32).astype(np.float64)
        z = a @ B.T
        a = np.concatenate([np.sin(z), np.sin(z + float(np.float32(math.pi / 2)))], axis=1)
    for layer in model["layers"]:
        W = np.array(layer["weights"], dtype=np.float64)
        b = np.array(layer.get("bias") or np.zeros(W.shape[0]), dtype=np.float64)
        a = ACT[layer["activation"]](a @ W.T + b)
    mse = np.mean((np.clip(a, 0, 1) - target) ** 2)
    print(f"{model_path}: {w}x{h}, PSNR {-10 * math.log10(mse):.2f} dB over all pixels")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
