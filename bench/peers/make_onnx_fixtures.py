"""Makes the PyTorch test fixtures of nnpaint-ops: small CPPNs exported to nnpaint's model JSON (with
examples/torch_export.py) and to ONNX (both of torch.onnx's exporters), with the RGB bytes PyTorch paints.

    python3 bench/peers/make_onnx_fixtures.py [OUT_DIR]

OUT_DIR defaults to nnpaint-ops/src/test/resources/torch. Needs torch, onnx and (for the dynamo exporter)
onnxscript; never run in CI: the files it writes are committed, and the Java tests compare nnpaint's pixels
with the bytes in NAME.expected.json (every pixel within 1 level).
"""
import json
import os
import sys

import numpy as np
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "examples"))
from torch_export import export  # noqa: E402

SIZE = 24  # pixels a side: small files, still every activation regime (inputs reach about +-6)


class Sin(nn.Module):
    def forward(self, x):
        return torch.sin(x)


class Cos(nn.Module):
    def forward(self, x):
        return torch.cos(x)


def cppn(activation, width=8, hidden=2, seed=0):
    """x, y, r -> hidden layers with `activation` -> sigmoid RGB, weights N(0, 1.5) so the activations' tails show."""
    torch.manual_seed(seed)
    modules = [nn.Linear(3, width), activation()]
    for _ in range(hidden - 1):
        modules += [nn.Linear(width, width), activation()]
    modules += [nn.Linear(width, 3), nn.Sigmoid()]
    net = nn.Sequential(*modules)
    for m in net:
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, 0, 1.5)
            nn.init.normal_(m.bias, 0, 1)
    return net.eval()


def mixed(seed=1):
    """One layer of each parameterless operator nnpaint reads."""
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 8), Sin(),
                        nn.Linear(8, 8), Cos(), nn.Linear(8, 8), nn.Identity(), nn.Linear(8, 3), nn.Sigmoid())
    for m in net:
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, 0, 1.2)
            nn.init.normal_(m.bias, 0, 1)
    return net.eval()


def pixels():
    """x, y, r of every pixel as nnpaint computes them (extent 1, centre 0): doubles rounded to float32."""
    u = 2 * (np.arange(SIZE, dtype=np.float64) + 0.5) / SIZE - 1
    v = 1 - 2 * (np.arange(SIZE, dtype=np.float64) + 0.5) / SIZE
    x, y = np.meshgrid(u, v)
    x, y = x.ravel(), y.ravel()
    return np.stack([x, y, np.sqrt(x * x + y * y)], axis=1).astype(np.float32)


def rgb_bytes(net):
    with torch.no_grad():
        out = net(torch.from_numpy(pixels())).numpy().astype(np.float32)
    # nnpaint's rounding: (int) (v * 255 + 0.5) in float, clamped to [0, 255]
    return np.clip(np.floor(out * np.float32(255) + np.float32(0.5)), 0, 255).astype(int).ravel().tolist()


def export_onnx(net, path, dynamo, rank=2, opset=None):
    example = torch.zeros((1, 5, 3) if rank == 3 else (5, 3))
    kwargs = dict(input_names=["xyr"], output_names=["rgb"], dynamo=dynamo)
    if opset:
        kwargs["opset_version"] = opset
    if dynamo:
        kwargs["external_data"] = False  # the weights inside the .onnx file, as nnpaint reads them
    else:
        axes = {0: "n"} if rank == 2 else {1: "n"}
        kwargs["dynamic_axes"] = {"xyr": axes, "rgb": axes}
    torch.onnx.export(net, (example,), path, **kwargs)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "nnpaint-ops/src/test/resources/torch")
    os.makedirs(out, exist_ok=True)
    nets = {
        "leaky-relu-0.3": cppn(lambda: nn.LeakyReLU(0.3)),
        "elu-2": cppn(lambda: nn.ELU(alpha=2.0)),
        "hardtanh-0.5": cppn(lambda: nn.Hardtanh(-0.5, 0.5)),
        "softplus-3": cppn(lambda: nn.Softplus(beta=3)),
        "mixed": mixed(),
    }
    report = {}
    for name, net in nets.items():
        with open(os.path.join(out, name + ".expected.json"), "w") as f:
            json.dump({"width": SIZE, "height": SIZE, "extent": 1.0, "inputs": ["x", "y", "r"],
                       "rgb": rgb_bytes(net)}, f, separators=(",", ":"))
        if name != "mixed":  # Sin and Cos are not torch.nn modules, so the JSON exporter has no name for them
            export(net, ["x", "y", "r"], os.path.join(out, name + ".json"), color="rgb")
        export_onnx(net, os.path.join(out, name + ".torchscript.onnx"), dynamo=False)
        try:
            export_onnx(net, os.path.join(out, name + ".dynamo.onnx"), dynamo=True)
            report[name] = "torchscript, dynamo"
        except Exception as e:  # the dynamo exporter needs onnxscript
            report[name] = f"torchscript only (dynamo: {type(e).__name__}: {e})"
    # nn.Linear on a rank-3 input exports as MatMul + Add rather than Gemm
    export_onnx(nets["leaky-relu-0.3"], os.path.join(out, "leaky-relu-0.3.matmul.onnx"), dynamo=False, rank=3)
    # opset 10: Clip with min and max as attributes rather than inputs
    export_onnx(nets["hardtanh-0.5"], os.path.join(out, "hardtanh-0.5.opset10.onnx"), dynamo=False, opset=10)
    for name, how in report.items():
        print(f"{name}: {how}")


if __name__ == "__main__":
    main()
