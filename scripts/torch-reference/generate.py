"""Reference runs computed with PyTorch, for the engine's agreement tests.

Each case is a RunSpec (inline data, explicit initial weights, float64, batches in data order)
and what PyTorch computes for it: the loss before every update and the parameters after the
last one. test/engine/train/torch-agreement.test.ts runs the same specs through the engine.

Run with Debian's PyTorch (apt-get install python3-torch):
    /usr/bin/python3 scripts/torch-reference/generate.py > test/fixtures/torch-reference.json
"""
import json
import math
import random

import torch

torch.set_default_dtype(torch.float64)
rng = random.Random(20261127)


def values(rows, cols, scale=1.0):
    return [[round(rng.uniform(-scale, scale), 6) for _ in range(cols)] for _ in range(rows)]


def make_data(n, d, classes):
    x = values(n, d, 2.0)
    y = [i % classes for i in range(n)]
    return x, y


ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, 0.01),
    "elu": torch.nn.functional.elu,
    "linear": lambda z: z,
}


def run_case(name, layers, loss, optimizer, l1=0.0, l2=0.0, steps=6, batch=4, n=8, d=3, targets=None):
    classes = layers[-1]["units"] if loss == "softmax_cross_entropy" else 2
    x, y = make_data(n, d, classes)
    if targets is not None:
        y = targets(n)
    spec_layers = []
    params = []
    width = d
    for layer in layers:
        w = values(width, layer["units"], 1.0 / math.sqrt(width) * 1.5)
        b = [round(rng.uniform(-0.2, 0.2), 6) for _ in range(layer["units"])]
        entry = {"units": layer["units"], "activation": layer["activation"],
                 "init": {"name": "values", "weights": w, "bias": b},
                 "batchNorm": layer.get("batchNorm", False)}
        spec_layers.append(entry)
        tw = torch.tensor(w, requires_grad=True)
        tb = torch.tensor(b, requires_grad=True)
        block = {"w": tw, "b": tb, "act": layer["activation"]}
        params += [tw, tb]
        if entry["batchNorm"]:
            bn = torch.nn.BatchNorm1d(layer["units"])
            block["bn"] = bn
            params += [bn.weight, bn.bias]
        params_block = block
        spec_layers[-1]["_block"] = params_block
        width = layer["units"]
    blocks = [l.pop("_block") for l in spec_layers]

    opt_name = optimizer["name"]
    kwargs = {k: v for k, v in optimizer.items() if k != "name"}
    lr = kwargs.get("lr")
    if opt_name == "sgd":
        opt = torch.optim.SGD(params, lr=lr)
    elif opt_name in ("momentum", "nesterov"):
        opt = torch.optim.SGD(params, lr=lr, momentum=kwargs.get("momentum", 0.9), nesterov=opt_name == "nesterov")
    elif opt_name == "adagrad":
        opt = torch.optim.Adagrad(params, lr=lr, eps=kwargs.get("eps", 1e-10))
    elif opt_name == "rmsprop":
        opt = torch.optim.RMSprop(params, lr=lr, alpha=kwargs.get("rho", 0.99), eps=kwargs.get("eps", 1e-8), momentum=kwargs.get("momentum", 0))
    elif opt_name == "adam":
        opt = torch.optim.Adam(params, lr=lr, betas=(kwargs.get("beta1", 0.9), kwargs.get("beta2", 0.999)), eps=kwargs.get("eps", 1e-8))
    else:
        raise ValueError(opt_name)

    tx = torch.tensor(x)

    def forward(inputs, training):
        h = inputs
        for blk in blocks:
            z = h @ blk["w"] + blk["b"]
            if "bn" in blk:
                blk["bn"].train(training)
                z = blk["bn"](z)
            h = z if blk["act"] == "softmax" else ACTIVATIONS[blk["act"]](z)
            blk["z"] = z
        return h

    def data_loss(out, rows):
        z = blocks[-1]["z"]
        if loss == "softmax_cross_entropy":
            return torch.nn.functional.cross_entropy(z, torch.tensor([y[i] for i in rows]))
        if loss == "binary_cross_entropy":
            t = torch.tensor([[float(y[i])] for i in rows])
            return torch.nn.functional.binary_cross_entropy_with_logits(z, t, reduction="sum") / len(rows)
        t = torch.tensor([y[i] if isinstance(y[i], list) else [float(y[i])] for i in rows])
        return 0.5 * ((out - t) ** 2).sum(dim=1).mean()

    losses = []
    per_epoch = math.ceil(n / batch)
    for step in range(steps):
        start = (step % per_epoch) * batch
        rows = list(range(start, min(start + batch, n)))
        opt.zero_grad()
        out = forward(tx[rows], True)
        loss_value = data_loss(out, rows)
        penalty = sum(l1 * blk["w"].abs().sum() + 0.5 * l2 * (blk["w"] ** 2).sum() for blk in blocks)
        total = loss_value + penalty
        losses.append(total.item())
        total.backward()
        opt.step()

    final = []
    for blk in blocks:
        entry = {"weights": blk["w"].detach().tolist(), "bias": blk["b"].detach().tolist()}
        if "bn" in blk:
            bn = blk["bn"]
            entry.update(gamma=bn.weight.detach().tolist(), beta=bn.bias.detach().tolist(),
                         runningMean=bn.running_mean.tolist(), runningVar=bn.running_var.tolist())
        final.append(entry)
    with torch.no_grad():
        eval_out = forward(tx, False)
        if loss == "softmax_cross_entropy":
            eval_out = torch.softmax(blocks[-1]["z"], dim=1)
    spec = {
        "version": 1, "name": name, "seed": 1, "dtype": "float64",
        "dataset": {"name": "inline", "x": x, "y": y},
        "layers": spec_layers, "loss": loss, "optimizer": optimizer,
        "regularization": {"l1": l1, "l2": l2, "l1Method": "subgradient"},
        "training": {"batchSize": batch, "iterations": steps, "shuffle": False},
    }
    return {"name": name, "spec": spec, "losses": losses, "final": final, "evalOutputs": eval_out.tolist()}


SOFTMAX_NET = [{"units": 4, "activation": "tanh"}, {"units": 3, "activation": "softmax"}]
cases = [
    run_case("sgd", SOFTMAX_NET, "softmax_cross_entropy", {"name": "sgd", "lr": 0.5}),
    run_case("momentum", SOFTMAX_NET, "softmax_cross_entropy", {"name": "momentum", "lr": 0.1, "momentum": 0.9}),
    run_case("nesterov", SOFTMAX_NET, "softmax_cross_entropy", {"name": "nesterov", "lr": 0.1, "momentum": 0.8}),
    run_case("adagrad", SOFTMAX_NET, "softmax_cross_entropy", {"name": "adagrad", "lr": 0.1}),
    run_case("rmsprop", SOFTMAX_NET, "softmax_cross_entropy", {"name": "rmsprop", "lr": 0.01}),
    run_case("rmsprop with momentum", SOFTMAX_NET, "softmax_cross_entropy", {"name": "rmsprop", "lr": 0.01, "momentum": 0.5, "rho": 0.9}),
    run_case("adam", SOFTMAX_NET, "softmax_cross_entropy", {"name": "adam", "lr": 0.05}),
    run_case("adam with custom betas", SOFTMAX_NET, "softmax_cross_entropy", {"name": "adam", "lr": 0.02, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6}),
    run_case("L1 and L2 penalties", [{"units": 5, "activation": "relu"}, {"units": 3, "activation": "softmax"}],
             "softmax_cross_entropy", {"name": "sgd", "lr": 0.2}, l1=0.01, l2=0.05),
    run_case("batch norm", [{"units": 5, "activation": "relu", "batchNorm": True}, {"units": 4, "activation": "sigmoid", "batchNorm": True},
                            {"units": 3, "activation": "softmax"}], "softmax_cross_entropy", {"name": "momentum", "lr": 0.1}, steps=8),
    run_case("binary cross-entropy", [{"units": 4, "activation": "leaky_relu"}, {"units": 1, "activation": "sigmoid"}],
             "binary_cross_entropy", {"name": "adam", "lr": 0.05}),
    run_case("mse regression", [{"units": 6, "activation": "elu"}, {"units": 2, "activation": "linear"}], "mse",
             {"name": "sgd", "lr": 0.1}, targets=lambda n: values(n, 2)),
]
print(json.dumps({"generator": f"torch {torch.__version__}", "cases": cases}, indent=1))
