"""Export a PyTorch network to nnpaint's model format (nnpaint.model/1).

    python3 examples/torch_export.py            # writes torch-model.json from a small random CPPN
    ./nnpaint render --model torch-model.json -o torch.png

`export` takes an nn.Sequential of Linear layers, each optionally followed by one of the activations below.
Activation parameters travel with the name ("leaky-relu:0.3", "elu:2", "softplus:3", "hard-tanh:-0.5:0.5");
a module nnpaint cannot paint exactly is refused with a ValueError naming it, never exported as something else.
"""
import json
import sys

import torch
from torch import nn

# modules without parameters
PLAIN = {
    nn.Tanh: "tanh", nn.Sigmoid: "sigmoid", nn.ReLU: "relu", nn.SiLU: "silu", nn.Identity: "identity",
}

# PyTorch's default parameters: an activation that has them is written by its bare name
DEFAULT_LEAKY_SLOPE = 0.01


def _number(v):
    """The shortest text that reads back as the same float32 (parameters are floats in nnpaint too)."""
    f = float(torch.tensor(v, dtype=torch.float32))
    text = repr(f)
    for digits in range(1, 10):
        short = f"{f:.{digits}g}"
        if float(torch.tensor(float(short), dtype=torch.float32)) == f:
            text = short
            break
    return text[:-2] if text.endswith(".0") else text


def activation_name(module, index):
    """nnpaint's name for an activation module, parameters included; ValueError if it has none."""
    kind = type(module)
    if kind in PLAIN:
        return PLAIN[kind]
    if isinstance(module, nn.LeakyReLU):
        slope = module.negative_slope
        return "leaky-relu" if slope == DEFAULT_LEAKY_SLOPE else f"leaky-relu:{_number(slope)}"
    if isinstance(module, nn.ELU):
        return "elu" if module.alpha == 1.0 else f"elu:{_number(module.alpha)}"
    if isinstance(module, nn.Softplus):
        # PyTorch turns linear where beta x > threshold; nnpaint's softplus is exact there, which agrees to
        # float precision only while the threshold is large enough for the curve to have joined the line.
        if module.threshold < 15:
            raise ValueError(f"module {index} is Softplus(threshold={module.threshold}): nnpaint's softplus "
                             f"has no threshold below 15; use the default threshold of 20")
        return "softplus" if module.beta == 1.0 else f"softplus:{_number(module.beta)}"
    if isinstance(module, nn.Hardtanh):  # also ReLU6, a Hardtanh(0, 6)
        lo, hi = float(module.min_val), float(module.max_val)
        return "hard-tanh" if (lo, hi) == (-1.0, 1.0) else f"hard-tanh:{_number(lo)}:{_number(hi)}"
    raise ValueError(f"module {index} is {kind.__name__}, which nnpaint cannot paint; it paints Linear layers "
                     f"followed by Tanh, Sigmoid, ReLU, LeakyReLU, ELU, Softplus, Hardtanh, ReLU6, SiLU "
                     f"or Identity")


def export(model: nn.Sequential, inputs, path, color=None):
    layers, modules, i = [], list(model), 0
    while i < len(modules):
        linear = modules[i]
        if not isinstance(linear, nn.Linear):
            if i > 0:
                activation_name(linear, i)  # names an unknown module in its own words
                raise ValueError(f"module {i} is a second activation after module {i - 1}; nnpaint applies one "
                                 f"activation after each Linear")
            raise ValueError(f"module {i} is {type(linear).__name__}, expected Linear")
        activation = "identity"
        if i + 1 < len(modules) and not isinstance(modules[i + 1], nn.Linear):
            activation = activation_name(modules[i + 1], i + 1)
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
