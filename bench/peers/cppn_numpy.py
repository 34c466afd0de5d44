"""The CPPN workloads of `nnpaint bench` in NumPy, written as a NumPy user would: one matrix product per layer.

    python3 bench/peers/cppn_numpy.py MODEL_DIR [WORKLOAD...]

MODEL_DIR holds NAME.json for each workload (bench/compare.sh writes them with `nnpaint render --save-model`).
"""
import os
import sys

import numpy as np

from cppn_common import WORKLOADS, flops_per_pixel, load_model, pixel_grid, report, time_best

RUNS = 5


def build(layers):
    return [(np.asarray(w, dtype=np.float32).T.copy(), np.asarray(b, dtype=np.float32), act) for w, b, act in layers]


def forward(net, xy):
    h = xy
    for w_t, b, act in net:
        h = h @ w_t
        h += b
        if act == "tanh":
            np.tanh(h, out=h)
        elif act == "sigmoid":
            h = 1 / (1 + np.exp(-h))
    return (h * 255 + 0.5).astype(np.uint8)  # the RGB byte buffer


def main():
    model_dir, names = sys.argv[1], sys.argv[2:] or list(WORKLOADS)
    for name in names:
        layers = load_model(os.path.join(model_dir, name + ".json"))
        _, _, width, height = WORKLOADS[name]
        net, xy = build(layers), pixel_grid(width, height)
        best, median = time_best(lambda: forward(net, xy), runs=RUNS)
        threads = os.environ.get("OPENBLAS_NUM_THREADS", str(os.cpu_count()))
        report(name, best, median, width * height, flops_per_pixel(layers) * width * height, threads, "numpy", RUNS)


if __name__ == "__main__":
    main()
