"""Shared parts of the image-fitting peers: the 256 x 256 synthetic image of nnpaint's fit workloads and the timing
loop. Each peer runs the same steps as `nnpaint bench fit-*` (65,536 pixels, the whole image a step, Adam)."""
import math
import time

import numpy as np

SIZE = 256
STEPS = 3


def image():
    """Coordinates (x, y in the view convention) and targets, as float32 arrays of 65,536 rows."""
    j, i = np.meshgrid(np.arange(SIZE), np.arange(SIZE), indexing="ij")
    t = np.stack([
        0.5 + 0.4 * np.sin(i * 0.05 + np.cos(j * 0.13)),
        0.5 + 0.4 * np.sin(j * 0.31) * np.cos(i * 0.07),
        ((i // 16 + j // 16) % 2) * 0.8 + 0.1,
    ], axis=-1).reshape(-1, 3).astype(np.float32)
    x = (2 * (i + 0.5) / SIZE - 1).reshape(-1)
    y = (1 - 2 * (j + 0.5) / SIZE).reshape(-1)
    return np.stack([x, y], axis=-1).astype(np.float32), t


def time_steps(name, step, flops_per_step, repeats=3):
    step()  # warm-up
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(STEPS):
            loss = step()
        best = min(best, (time.perf_counter() - start) / STEPS)
    print(f"bench {name} best_s={best * STEPS:.3f} s_step={best:.3f} gflop_s={flops_per_step / best / 1e9:.1f} "
          f"loss={loss:.5f} path=torch")
