"""What the CPPN peers share: the workloads of `nnpaint bench`, model loading and the timing loop.

Each workload's network is read from the model file that nnpaint writes for the same recipe
(`nnpaint render --save-model`), so the peers evaluate exactly the network nnpaint does.
"""
import json
import time

# name -> (hidden layers, units, width, height): the same table as nnpaint's Workloads.java
WORKLOADS = {
    "cppn-8x16": (8, 16, 1024, 1024),
    "cppn-27x30": (27, 30, 1024, 1024),
    "cppn-14x400": (14, 400, 512, 512),
}


def recipe_args(name):
    """The `nnpaint render` options of a workload's network (inputs x, y; N(0,1); pixels over [-0.5, 0.5]^2)."""
    layers, neurons, width, height = WORKLOADS[name]
    return ["--inputs", "x,y", "--layers", str(layers), "--neurons", str(neurons), "--activation", "tanh",
            "--output-activation", "sigmoid", "--weights", "normal:1", "--biases", "normal:1", "--seed", "1",
            "--extent", "0.5", "--size", f"{width}x{height}", "--color", "rgb"]


def load_model(path):
    """The layers of an nnpaint.model/1 file as (weights [out][in], bias [out], activation) lists."""
    with open(path) as f:
        model = json.load(f)
    return [(layer["weights"], layer.get("bias"), layer["activation"]) for layer in model["layers"]]


def pixel_grid(width, height, extent=0.5):
    """x and y of every pixel, row-major, with nnpaint's coordinate convention (row 0 at the top, y up)."""
    import numpy as np
    u = (2 * (np.arange(width, dtype=np.float64) + 0.5) / width - 1) * extent
    v = (1 - 2 * (np.arange(height, dtype=np.float64) + 0.5) / height) * height / width * extent
    x, y = np.meshgrid(u, v)
    return np.stack([x.ravel(), y.ravel()], axis=1).astype(np.float32)


def flops_per_pixel(layers):
    return sum(2 * len(w) * len(w[0]) for w, _, _ in layers)


def time_best(run, warmup=2, runs=5):
    for _ in range(warmup):
        run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[0], times[len(times) // 2]


def report(name, best, median, pixels, flops, threads, path, runs):
    print(f"bench {name} best_s={best:.4f} mpx_s={pixels / best / 1e6:.2f} gflop_s={flops / best / 1e9:.1f} "
          f"threads={threads} path={path} median_s={median:.4f} runs={runs}", flush=True)
