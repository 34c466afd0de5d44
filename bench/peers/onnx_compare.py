"""Runs an ONNX model in onnxruntime and compares its colours with the PNG nnpaint painted from the same file.

    ./nnpaint render --model m.onnx --size 256 -o m.png
    python3 bench/peers/onnx_compare.py m.onnx m.png

Reads the view (size, extent, centre, rotation) from the PNG's nnpaint metadata, feeds every pixel's x, y, r
(the model's inputs, in order) to onnxruntime, rounds as nnpaint does and prints how many channel values differ
and by how much. Needs numpy, pillow and onnxruntime; never run in CI.
"""
import json
import math
import sys

import numpy as np
import onnxruntime
from PIL import Image


def main():
    model_path, png_path = sys.argv[1], sys.argv[2]
    image = Image.open(png_path)
    meta = json.loads(image.text["nnpaint"])
    view = meta.get("view") or meta["recipe"]
    width, height = image.size
    extent = view.get("extent", 1.0)
    cx, cy = view.get("center", [0.0, 0.0])
    angle = math.radians(view.get("rotate", 0.0))
    u = 2 * (np.arange(width, dtype=np.float64) + 0.5) / width - 1
    v = (1 - 2 * (np.arange(height, dtype=np.float64) + 0.5) / height) * height / width
    uu, vv = np.meshgrid(u, v)
    x = cx + extent * (uu * math.cos(angle) - vv * math.sin(angle))
    y = cy + extent * (uu * math.sin(angle) + vv * math.cos(angle))
    features = {"x": x, "y": y, "r": np.sqrt(x * x + y * y), "bias": np.ones_like(x)}
    session = onnxruntime.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    names = session.get_modelmeta().custom_metadata_map.get("nnpaint.inputs", "x,y,r").split(",")
    feed = np.stack([features[n].ravel() for n in names], axis=1).astype(np.float32)
    color = session.get_modelmeta().custom_metadata_map.get("nnpaint.color", view.get("color", "rgb"))
    if color not in ("rgb", "gray"):
        sys.exit(f"{model_path}: colour mode {color}: this script compares rgb and gray pictures only")
    info = session.get_inputs()[0]
    batch = info.shape[-2] if isinstance(info.shape[-2], int) else len(feed)  # the dynamo exporter fixes it
    parts = []
    for start in range(0, len(feed), batch):
        chunk = feed[start:start + batch]
        padded = np.zeros((batch, feed.shape[1]), np.float32)
        padded[:len(chunk)] = chunk
        run = padded[None] if len(info.shape) == 3 else padded  # a rank-3 export takes (1, N, features)
        parts.append(session.run(None, {info.name: run})[0].reshape(batch, -1)[:len(chunk)])
    out = np.concatenate(parts).astype(np.float32)
    expected = np.clip(np.floor(out * np.float32(255) + np.float32(0.5)), 0, 255).astype(int)
    mode = "RGB" if expected.shape[1] == 3 else "L"
    painted = np.asarray(image.convert(mode)).reshape(width * height, -1).astype(int)
    diff = np.abs(painted - expected)
    print(f"{model_path}: {width}x{height}, {diff.size} channel values; max difference {diff.max()}, "
          f"{(diff > 0).sum()} differ by 1 or more, {(diff > 1).sum()} by more than 1")
    sys.exit(0 if diff.max() <= 1 else 1)


if __name__ == "__main__":
    main()
