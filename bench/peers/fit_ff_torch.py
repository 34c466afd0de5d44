"""fit-ff in PyTorch: 256 Gaussian Fourier features (sigma 10) -> 4 ReLU layers of 256 -> 3 sigmoid, MSE, Adam
lr 1e-3, 65,536 pixels a step. Not run in CI: python3 bench/peers/fit_ff_torch.py"""
import math

import torch

from fit_common import image, time_steps

torch.manual_seed(1)
xy, t = (torch.from_numpy(a) for a in image())
B = torch.randn(256, 2) * 10
net = torch.nn.Sequential(torch.nn.Linear(512, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256), torch.nn.ReLU(),
                          torch.nn.Linear(256, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256), torch.nn.ReLU(),
                          torch.nn.Linear(256, 3), torch.nn.Sigmoid())
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
features = None


def step():
    opt.zero_grad()
    z = 2 * math.pi * xy @ B.T
    out = net(torch.cat([torch.sin(z), torch.cos(z)], dim=1))
    loss = ((out - t) ** 2).mean()
    loss.backward()
    opt.step()
    return loss.item()


# forward 2 flops a multiply-add (the encoding's 2 x 512 included), backward twice the trainable layers' forward
macs = 512 * 256 + 3 * 256 * 256 + 256 * 3
flops = (3 * 2 * macs + 2 * 2 * 512) * xy.shape[0]
time_steps("fit-ff", step, flops)
