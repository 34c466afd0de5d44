"""The train-moons workload in PyTorch (CPU): 2-25-50-50-25-1 relu network with a sigmoid output,
weights and biases N(0, 0.1^2), full-batch gradient descent with learning rate 0.01 for 10000 epochs on
the 900 training rows of moons_train.csv. Prints one line in the format of `nnpaint bench`.

    python3 bench/peers/train_moons_torch.py [--data data/moons_train.csv] [--epochs 10000] [--repeats 3]
                                             [--threads N]

On a small network each operation is short, and PyTorch's intra-op threads can spend more time waiting for each
other than working (badly so when other processes share the cores): try --threads 1 as well as the default.
"""
import argparse
import csv
import time

import torch


def load(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    x = torch.tensor([[float(r["x1"]), float(r["x2"])] for r in rows], dtype=torch.float32)
    y = torch.tensor([[float(r["label"])] for r in rows], dtype=torch.float32)
    return x, y


def network(seed):
    torch.manual_seed(seed)
    sizes = [2, 25, 50, 50, 25, 1]
    layers = []
    for i in range(len(sizes) - 1):
        linear = torch.nn.Linear(sizes[i], sizes[i + 1])
        torch.nn.init.normal_(linear.weight, std=0.1)
        torch.nn.init.normal_(linear.bias, std=0.1)
        layers.append(linear)
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def train(x, y, epochs, lr, seed):
    model = network(seed)
    loss_fn = torch.nn.BCEWithLogitsLoss()  # sigmoid output, computed stably from the logit
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    return model, loss.item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/moons_train.csv")
    parser.add_argument("--test", default="data/moons_test.csv")
    parser.add_argument("--epochs", type=int, default=10000)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads (default: PyTorch's choice)")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    x, y = load(args.data)
    train(x, y, 200, args.lr, 0)  # warm-up
    best = float("inf")
    for r in range(args.repeats):
        start = time.perf_counter()
        model, loss = train(x, y, args.epochs, args.lr, r)
        best = min(best, time.perf_counter() - start)
    xt, yt = load(args.test)
    with torch.no_grad():
        accuracy = ((model(xt) > 0).float() == yt).float().mean().item()
    flops = 3 * 2 * 5075 * x.shape[0] * args.epochs  # forward + two backward products per layer
    print(f"bench train-moons best_s={best:.3f} epochs_s={args.epochs / best:.0f} "
          f"gflop_s={flops / best / 1e9:.1f} threads={torch.get_num_threads()} path=torch "
          f"final_loss={loss:.4f} test_accuracy={accuracy:.3f}")


if __name__ == "__main__":
    main()
