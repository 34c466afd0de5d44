"""Shared parts of the image-fitting peers: the 256 x 256 synthetic image of nnpaint's fit workloads and the timing
loop. Each peer runs the same steps as `nnpaint bench fit-*` (65,536 pixels, the whole image a step, Adam)."""
import math
import statistics
import sys
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


def time_steps(name, step, flops_per_step):
    """Times runs of STEPS steps after a warm-up and prints a line in `nnpaint bench`'s format. The number of timed
    runs is the script's first argument (default 5, as `nnpaint bench --runs`)."""
    import torch  # the peers that time are PyTorch's; the NumPy evaluator shares the image only
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    step()  # warm-up
    seconds = []
    loss = float("nan")
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(STEPS):
            loss = step()
        seconds.append(time.perf_counter() - start)
    seconds.sort()
    best = seconds[0]
    median = statistics.median(seconds)
    print(f"bench {name} best_s={best:.4f} s_step={best / STEPS:.3f} gflop_s={flops_per_step * STEPS / best / 1e9:.1f} "
          f"loss={loss:.5f} threads={torch.get_num_threads()} path=torch median_s={median:.4f} runs={runs}",
          flush=True)
