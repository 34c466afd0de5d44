"""The train-moons workload written the way the plain-NumPy article ("Let's code a Neural Network in plain
NumPy") writes it: the architecture as a list of layers, parameters in a dict, forward propagation keeping a
memory of A and Z, the cost and accuracy of every epoch, backward propagation from dA = -(Y/Y_hat - (1-Y)/(1-Y_hat))
through sigmoid_backward and relu_backward, and the update. Float64, as the article's np.random.randn gives.
The experiment is the article's: 2-25-50-50-25-1 relu network with a sigmoid output, weights and biases
randn * 0.1, full-batch gradient descent with learning rate 0.01 for 10000 epochs on the 900 rows of
moons_train.csv. Prints one line in the format of `nnpaint bench`.

    python3 bench/peers/train_moons_numpy.py [--data data/moons_train.csv] [--epochs 10000] [--repeats 3]
"""
import argparse
import csv
import time

import numpy as np

NN_ARCHITECTURE = [
    {"input_dim": 2, "output_dim": 25, "activation": "relu"},
    {"input_dim": 25, "output_dim": 50, "activation": "relu"},
    {"input_dim": 50, "output_dim": 50, "activation": "relu"},
    {"input_dim": 50, "output_dim": 25, "activation": "relu"},
    {"input_dim": 25, "output_dim": 1, "activation": "sigmoid"},
]


def init_layers(nn_architecture, seed=99):
    np.random.seed(seed)
    params_values = {}
    for idx, layer in enumerate(nn_architecture):
        layer_idx = idx + 1
        params_values["W" + str(layer_idx)] = np.random.randn(layer["output_dim"], layer["input_dim"]) * 0.1
        params_values["b" + str(layer_idx)] = np.random.randn(layer["output_dim"], 1) * 0.1
    return params_values


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def relu(Z):
    return np.maximum(0, Z)


def sigmoid_backward(dA, Z):
    sig = sigmoid(Z)
    return dA * sig * (1 - sig)


def relu_backward(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def single_layer_forward_propagation(A_prev, W_curr, b_curr, activation="relu"):
    Z_curr = np.dot(W_curr, A_prev) + b_curr
    activation_func = relu if activation == "relu" else sigmoid
    return activation_func(Z_curr), Z_curr


def full_forward_propagation(X, params_values, nn_architecture):
    memory = {}
    A_curr = X
    for idx, layer in enumerate(nn_architecture):
        layer_idx = idx + 1
        A_prev = A_curr
        A_curr, Z_curr = single_layer_forward_propagation(
            A_prev, params_values["W" + str(layer_idx)], params_values["b" + str(layer_idx)], layer["activation"])
        memory["A" + str(idx)] = A_prev
        memory["Z" + str(layer_idx)] = Z_curr
    return A_curr, memory


def get_cost_value(Y_hat, Y):
    m = Y_hat.shape[1]
    cost = -1 / m * (np.dot(Y, np.log(Y_hat).T) + np.dot(1 - Y, np.log(1 - Y_hat).T))
    return np.squeeze(cost)


def convert_prob_into_class(probs):
    probs_ = np.copy(probs)
    probs_[probs_ > 0.5] = 1
    probs_[probs_ <= 0.5] = 0
    return probs_


def get_accuracy_value(Y_hat, Y):
    Y_hat_ = convert_prob_into_class(Y_hat)
    return (Y_hat_ == Y).all(axis=0).mean()


def single_layer_backward_propagation(dA_curr, W_curr, b_curr, Z_curr, A_prev, activation="relu"):
    m = A_prev.shape[1]
    backward_activation_func = relu_backward if activation == "relu" else sigmoid_backward
    dZ_curr = backward_activation_func(dA_curr, Z_curr)
    dW_curr = np.dot(dZ_curr, A_prev.T) / m
    db_curr = np.sum(dZ_curr, axis=1, keepdims=True) / m
    dA_prev = np.dot(W_curr.T, dZ_curr)
    return dA_prev, dW_curr, db_curr


def full_backward_propagation(Y_hat, Y, memory, params_values, nn_architecture):
    grads_values = {}
    Y = Y.reshape(Y_hat.shape)
    dA_prev = -(np.divide(Y, Y_hat) - np.divide(1 - Y, 1 - Y_hat))
    for layer_idx_prev, layer in reversed(list(enumerate(nn_architecture))):
        layer_idx_curr = layer_idx_prev + 1
        dA_curr = dA_prev
        dA_prev, dW_curr, db_curr = single_layer_backward_propagation(
            dA_curr, params_values["W" + str(layer_idx_curr)], params_values["b" + str(layer_idx_curr)],
            memory["Z" + str(layer_idx_curr)], memory["A" + str(layer_idx_prev)], layer["activation"])
        grads_values["dW" + str(layer_idx_curr)] = dW_curr
        grads_values["db" + str(layer_idx_curr)] = db_curr
    return grads_values


def update(params_values, grads_values, nn_architecture, learning_rate):
    for layer_idx, layer in enumerate(nn_architecture, 1):
        params_values["W" + str(layer_idx)] -= learning_rate * grads_values["dW" + str(layer_idx)]
        params_values["b" + str(layer_idx)] -= learning_rate * grads_values["db" + str(layer_idx)]
    return params_values


def train(X, Y, nn_architecture, epochs, learning_rate, seed):
    params_values = init_layers(nn_architecture, seed)
    cost_history = []
    accuracy_history = []
    for _ in range(epochs):
        Y_hat, cache = full_forward_propagation(X, params_values, nn_architecture)
        cost_history.append(get_cost_value(Y_hat, Y))
        accuracy_history.append(get_accuracy_value(Y_hat, Y))
        grads_values = full_backward_propagation(Y_hat, Y, cache, params_values, nn_architecture)
        params_values = update(params_values, grads_values, nn_architecture, learning_rate)
    return params_values, cost_history, accuracy_history


def load(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    X = np.array([[float(r["x1"]), float(r["x2"])] for r in rows]).T  # features x samples, as the article
    Y = np.array([[float(r["label"]) for r in rows]])
    return X, Y


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/moons_train.csv")
    parser.add_argument("--test", default="data/moons_test.csv")
    parser.add_argument("--epochs", type=int, default=10000)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    X, Y = load(args.data)
    train(X, Y, NN_ARCHITECTURE, 200, args.lr, 2)  # warm-up
    best = float("inf")
    for r in range(args.repeats):
        start = time.perf_counter()
        params, costs, _ = train(X, Y, NN_ARCHITECTURE, args.epochs, args.lr, 2)
        best = min(best, time.perf_counter() - start)
    Xt, Yt = load(args.test)
    accuracy = get_accuracy_value(full_forward_propagation(Xt, params, NN_ARCHITECTURE)[0], Yt)
    flops = 3 * 2 * 5075 * X.shape[1] * args.epochs  # forward and two backward products per layer
    print(f"bench train-moons best_s={best:.3f} epochs_s={args.epochs / best:.0f} "
          f"gflop_s={flops / best / 1e9:.1f} path=numpy final_loss={float(costs[-1]):.4f} "
          f"test_accuracy={accuracy:.3f}")


if __name__ == "__main__":
    main()
