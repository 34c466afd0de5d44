"""Export a PyTorch network to nnpaint's model format (nnpaint.model/1).

    python3 examples/torch_export.py            # writes torch-model.json from a small random CPPN
    ./nnpaint render --model torch-model.json -o torch.png

`export` takes an nn.Sequential of Linear layers, each optionally followed by one of the activations below.
"""
import json
import sys

import torch
from torch import nn

ACTIVATIONS = {
    nn.Tanh: "tanh", nn.Sigmoid: "sigmoid", nn.ReLU: "relu", nn.LeakyReLU: "leaky-relu", nn.ELU: "elu",
    nn.Softplus: "softplus", nn.Hardtanh: "hard-tanh", nn.SiLU: "silu", nn.Identity: "identity",
}


def export(model: nn.Sequential, inputs, path, color=None):
    layers, modules, i = [], list(model), 0
    while i < len(modules):
        linear = modules[i]
        if not isinstance(linear, nn.Linear):
            raise ValueError(f"module {i} is {type(linear).__name__}, expected Linear")
        activation = "identity"
        if i + 1 < len(modules) and type(modules[i + 1]) in ACTIVATIONS:
            activation = ACTIVATIONS[type(modules[i + 1])]
            i += 1
        layer = {"activation": activation, "weights": linear.weight.detach().tolist()}
        if linear.bias is not None:
            layer["bias"] = linear.bias.detach().tolist()
        layers.append(layer)
        i += 1
    doc = {"format": "nnpaint.model/1", "inputs": list(inputs), "layers": layers}
    if color:
        doc["color"] = color
    with open(path, "w") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    torch.manual_seed(0)
    width = 32
    net = nn.Sequential(nn.Linear(3, width), nn.Tanh(),
                        *[m for _ in range(6) for m in (nn.Linear(width, width), nn.Tanh())],
                        nn.Linear(width, 3), nn.Sigmoid())
    for m in net:
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, 0, 1)  # PyTorch's default init paints grey goo
            nn.init.normal_(m.bias, 0, 1)
    export(net, ["x", "y", "r"], sys.argv[1] if len(sys.argv) > 1 else "torch-model.json", color="rgb")
