"""The train-moons workload the way the plain-NumPy article writes it: a list of layers, forward, backward,
binary cross-entropy, full-batch gradient descent. 2-25-50-50-25-1 relu network with a sigmoid output,
weights and biases N(0, 0.1^2), learning rate 0.01, 10000 epochs on the 900 rows of moons_train.csv.
Prints one line in the format of `nnpaint bench`.

    python3 bench/peers/train_moons_numpy.py [--data data/moons_train.csv] [--epochs 10000] [--repeats 3]
"""
import argparse
import csv
import time

import numpy as np

ARCHITECTURE = [
    {"input_dim": 2, "output_dim": 25, "activation": "relu"},
    {"input_dim": 25, "output_dim": 50, "activation": "relu"},
    {"input_dim": 50, "output_dim": 50, "activation": "relu"},
    {"input_dim": 50, "output_dim": 25, "activation": "relu"},
    {"input_dim": 25, "output_dim": 1, "activation": "sigmoid"},
]


def load(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r["x1"]), float(r["x2"])] for r in rows], dtype=np.float32).T  # features x samples
    y = np.array([[float(r["label"]) for r in rows]], dtype=np.float32)
    return x, y


def init(seed):
    rng = np.random.default_rng(seed)
    return [(rng.normal(0, 0.1, (l["output_dim"], l["input_dim"])).astype(np.float32),
             rng.normal(0, 0.1, (l["output_dim"], 1)).astype(np.float32)) for l in ARCHITECTURE]


def forward(params, x):
    memory, a = [], x
    for (w, b), layer in zip(params, ARCHITECTURE):
        z = w @ a + b
        memory.append((a, z))
        a = np.maximum(z, 0) if layer["activation"] == "relu" else 1 / (1 + np.exp(-z))
    return a, memory


def backward(params, memory, y_hat, y):
    m = y.shape[1]
    dz = y_hat - y  # sigmoid + binary cross-entropy
    grads = []
    for i in reversed(range(len(params))):
        a_prev, z = memory[i]
        w, _ = params[i]
        if ARCHITECTURE[i]["activation"] == "relu":
            dz = dz * (z > 0)
        grads.append((dz @ a_prev.T / m, dz.sum(axis=1, keepdims=True) / m))
        dz = w.T @ dz
    return grads[::-1]


def train(x, y, epochs, lr, seed):
    params = init(seed)
    for _ in range(epochs):
        y_hat, memory = forward(params, x)
        grads = backward(params, memory, y_hat, y)
        params = [(w - lr * dw, b - lr * db) for (w, b), (dw, db) in zip(params, grads)]
    y_hat, _ = forward(params, x)
    eps = 1e-7
    loss = -np.mean(y * np.log(y_hat + eps) + (1 - y) * np.log(1 - y_hat + eps))
    return params, float(loss)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/moons_train.csv")
    parser.add_argument("--test", default="data/moons_test.csv")
    parser.add_argument("--epochs", type=int, default=10000)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    x, y = load(args.data)
    train(x, y, 200, args.lr, 0)  # warm-up
    best = float("inf")
    for r in range(args.repeats):
        start = time.perf_counter()
        params, loss = train(x, y, args.epochs, args.lr, r)
        best = min(best, time.perf_counter() - start)
    xt, yt = load(args.test)
    accuracy = float(((forward(params, xt)[0] > 0.5) == yt).mean())
    flops = 3 * 2 * 5075 * x.shape[1] * args.epochs
    print(f"bench train-moons best_s={best:.3f} epochs_s={args.epochs / best:.0f} "
          f"gflop_s={flops / best / 1e9:.1f} threads=2 path=numpy final_loss={loss:.4f} test_accuracy={accuracy:.3f}")


if __name__ == "__main__":
    main()
