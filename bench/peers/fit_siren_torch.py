"""fit-siren in PyTorch: 2 -> 4 sine layers of 256 (omega0 30, SIREN's init) -> 3 linear, MSE, Adam lr 1e-4, 65,536
pixels a step. Not run in CI: python3 bench/peers/fit_siren_torch.py"""
import math

import torch

from fit_common import image, time_steps

torch.manual_seed(1)
xy, t = (torch.from_numpy(a) for a in image())
OMEGA = 30.0


class Sine(torch.nn.Module):
    def __init__(self, n_in, n_out, first):
        super().__init__()
        self.linear = torch.nn.Linear(n_in, n_out)
        bound = 1 / n_in if first else math.sqrt(6 / n_in) / OMEGA
        torch.nn.init.uniform_(self.linear.weight, -bound, bound)

    def forward(self, x):
        return torch.sin(OMEGA * self.linear(x))


net = torch.nn.Sequential(Sine(2, 256, True), Sine(256, 256, False), Sine(256, 256, False), Sine(256, 256, False),
                          torch.nn.Linear(256, 3))
opt = torch.optim.Adam(net.parameters(), lr=1e-4)


def step():
    opt.zero_grad()
    loss = ((net(xy) - (2 * t - 1)) ** 2).mean()
    loss.backward()
    opt.step()
    return loss.item()


macs = 2 * 256 + 3 * 256 * 256 + 256 * 3
time_steps("fit-siren", step, 3 * 2 * macs * xy.shape[0])
