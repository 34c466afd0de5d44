"""fit-hash in plain PyTorch: a multiresolution hash grid (16 levels x 2 features, 2^19 entries a level, resolutions
16 .. 2048, the paper's spatial hash, bilinear interpolation) -> 2 ReLU layers of 64 -> 3 sigmoid, MSE, Adam
(lr 1e-2, betas 0.9/0.99, eps 1e-15), 65,536 pixels a step. Not run in CI: python3 bench/peers/fit_hash_torch.py"""
import math

import torch

from fit_common import image, time_steps

torch.manual_seed(1)
xy, t = (torch.from_numpy(a) for a in image())
LEVELS, F, LOG2T, BASE, FINEST = 16, 2, 19, 16, 2048
growth = math.exp((math.log(FINEST) - math.log(BASE)) / (LEVELS - 1))
res = [int(math.floor(BASE * growth ** l + 1e-9)) for l in range(LEVELS)]
sizes = [min((r + 1) ** 2, 2 ** LOG2T) for r in res]
tables = torch.nn.ParameterList([torch.nn.Parameter((torch.rand(s, F) * 2 - 1) * 1e-4) for s in sizes])
mlp = torch.nn.Sequential(torch.nn.Linear(LEVELS * F, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.ReLU(),
                          torch.nn.Linear(64, 3), torch.nn.Sigmoid())
opt = torch.optim.Adam(list(tables) + list(mlp.parameters()), lr=1e-2, betas=(0.9, 0.99), eps=1e-15)


def index(level, i, j):
    if (res[level] + 1) ** 2 <= 2 ** LOG2T:
        return i + j * (res[level] + 1)
    return (i ^ (j * 2654435761)) % (2 ** LOG2T)


def encode(points):
    feats = []
    for l in range(LEVELS):
        pos = ((points + 1) * res[l] / 2).clamp(0, res[l])
        cell = pos.floor().long().clamp(max=res[l] - 1)
        frac = pos - cell
        i, j = cell[:, 0], cell[:, 1]
        fx, fy = frac[:, :1], frac[:, 1:]
        tab = tables[l]
        feats.append((1 - fx) * (1 - fy) * tab[index(l, i, j)] + fx * (1 - fy) * tab[index(l, i + 1, j)]
                     + (1 - fx) * fy * tab[index(l, i, j + 1)] + fx * fy * tab[index(l, i + 1, j + 1)])
    return torch.cat(feats, dim=1)


def step():
    opt.zero_grad()
    loss = ((mlp(encode(xy)) - t) ** 2).mean()
    loss.backward()
    opt.step()
    return loss.item()


macs = LEVELS * F * 64 + 64 * 64 + 64 * 3
time_steps("fit-hash", step, (3 * 2 * macs + LEVELS * (12 + 8 * F)) * xy.shape[0])
