"""The CPPN workloads of `nnpaint bench` in PyTorch (CPU): an nn.Sequential of Linear and Tanh, inference mode.

    python3 bench/peers/cppn_torch.py MODEL_DIR [WORKLOAD...]
"""
import os
import sys

import torch
from torch import nn

from cppn_common import WORKLOADS, flops_per_pixel, load_model, pixel_grid, report, time_best

RUNS = 5
ACTIVATIONS = {"tanh": nn.Tanh, "sigmoid": nn.Sigmoid}


def build(layers):
    modules = []
    for w, b, act in layers:
        linear = nn.Linear(len(w[0]), len(w))
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(w, dtype=torch.float32))
            linear.bias.copy_(torch.tensor(b, dtype=torch.float32))
        modules += [linear, ACTIVATIONS[act]()]
    return nn.Sequential(*modules).eval()


def main():
    torch.set_num_threads(os.cpu_count())
    model_dir, names = sys.argv[1], sys.argv[2:] or list(WORKLOADS)
    for name in names:
        layers = load_model(os.path.join(model_dir, name + ".json"))
        _, _, width, height = WORKLOADS[name]
        net, xy = build(layers), torch.from_numpy(pixel_grid(width, height))

        def run():
            with torch.inference_mode():
                return (net(xy) * 255 + 0.5).to(torch.uint8)  # the RGB byte buffer

        best, median = time_best(run, runs=RUNS)
        report(name, best, median, width * height, flops_per_pixel(layers) * width * height,
               torch.get_num_threads(), "torch", RUNS)


if __name__ == "__main__":
    main()
