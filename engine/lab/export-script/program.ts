import type { RunSpec } from '../../api/run-spec';
import { resolveOptimizerOptions } from '../../nn/optimizer-options';
import { ENGINE_VERSION } from '../../version';
import { exportWords, type ExportLanguage, type ExportWords } from './export-words';
import { dataCode, exportEncoding, trainingRows, type ExportEncoding } from './program-data';
import { activationsCode, initialWeightsCode, inputWidth, networkCode } from './program-model';
import { randomCode } from './program-random';
import { pyNumber, pyString } from './python-literal';

/** One part of the program: a heading and explanation (comments in the script, a Markdown cell in the notebook) and its code. */
export interface ProgramSection {
  heading: string;
  explanation: string[];
  code: string;
}

/** What both formats are made of: the sections, in order, and the settings of the run. */
export interface Program {
  words: ExportWords;
  sections: ProgramSection[];
  usesMnist: boolean;
}

/**
 * The Python program that reproduces `spec` with PyTorch, as sections (setup, generator, data,
 * network, loss, minibatches, training loop). Throws an Error naming the field when the spec's
 * output layer does not fit its data or its batch is larger than the training set.
 */
export function buildProgram(spec: RunSpec, lang: ExportLanguage): Program {
  const words = exportWords(lang);
  const encoding = exportEncoding(spec);
  const rows = trainingRows(spec);
  if (spec.training.batchSize > rows) throw new Error(`training.batchSize: ${spec.training.batchSize} is larger than the ${rows} training samples`);
  const data = dataCode(spec, words);
  const sections: ProgramSection[] = [
    { heading: words.setup, explanation: [], code: setupCode(spec, words) },
    { heading: words.rngTitle, explanation: [...words.rng], code: randomCode(words) },
    { heading: words.dataTitle, explanation: [data.explanation], code: `${data.code}\n\n${targetsCode(encoding, words)}` },
    { heading: words.modelTitle, explanation: [...words.model], code: modelCode(spec, words) },
    { heading: words.lossTitle, explanation: [words.loss, ...(spec.regularization.l1 > 0 && spec.regularization.l1Method === 'proximal' ? [words.l1Proximal] : [])], code: lossCode(spec, encoding, words) },
    { heading: words.batchesTitle, explanation: [spec.training.sampling === 'replacement' ? words.batchesReplacement : words.batchesEpoch], code: batchesCode(spec, rows) },
    { heading: words.trainTitle, explanation: [words.train], code: trainingCode(spec, words) },
  ];
  return { words, sections, usesMnist: spec.dataset.name === 'mnist' };
}

function setupCode(spec: RunSpec, words: ExportWords): string {
  return `import argparse
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

RUN_NAME = ${pyString(spec.name ?? '')}
ENGINE_VERSION = ${pyString(ENGINE_VERSION)}  # NN Lab
SEED = ${spec.seed}
DTYPE = torch.${spec.dtype}  # ${words.dtypeNote}
torch.set_default_dtype(DTYPE)`;
}

function targetsCode(encoding: ExportEncoding, words: ExportWords): string {
  const body =
    encoding.kind === 'onehot'
      ? `    # ${words.doc.oneHot}\n    return torch.tensor(np.eye(${encoding.numClasses})[y], dtype=DTYPE)`
      : encoding.kind === 'label'
        ? `    # ${words.doc.oneUnit}\n    return torch.tensor(y.reshape(-1, 1), dtype=DTYPE)`
        : '    return torch.tensor(y, dtype=DTYPE)';
  return `def targets_of(y):
    """${words.targets}"""
${body}


def class_of(y):
    return ${encoding.kind === 'values' ? 'None' : 'torch.tensor(y)'}`;
}

function modelCode(spec: RunSpec, words: ExportWords): string {
  const inputSize = inputWidth(spec);
  return `${activationsCode(spec)}


class NNLabDropout(torch.nn.Module):
    """${words.dropout}"""

    def __init__(self, rate, random):
        super().__init__()
        self.rate = rate
        self.random = random

    def forward(self, x):
        if not self.training:
            return x
        keep_scale = 1 / (1 - self.rate)
        mask = [0.0 if self.random.uniform() < self.rate else keep_scale for _ in range(x.numel())]
        return x * torch.tensor(mask, dtype=x.dtype).reshape(x.shape)


class Block(torch.nn.Module):
    """${words.block}: dense → batch norm → activation → dropout"""

    def __init__(self, n_in, units, activation, batch_norm, dropout, index):
        super().__init__()
        self.dense = torch.nn.Linear(n_in, units)
        self.batch_norm = torch.nn.BatchNorm1d(units, eps=1e-5, momentum=0.1) if batch_norm else None
        self.activation = ACTIVATIONS[activation]
        self.dropout = NNLabDropout(dropout, random_stream(SEED, f"dropout:{index}")) if dropout > 0 else None

    def preactivation(self, x):
        z = self.dense(x)
        return self.batch_norm(z) if self.batch_norm is not None else z

    def forward(self, x):
        a = self.activation(self.preactivation(x))
        return self.dropout(a) if self.dropout is not None else a


class Network(torch.nn.Module):
    def __init__(self, blocks):
        super().__init__()
        self.blocks = torch.nn.ModuleList(blocks)

    def forward(self, x):
        """${words.outputZ}"""
        for block in self.blocks[:-1]:
            x = block(x)
        return self.blocks[-1].preactivation(x)

    def output(self, z):
        return self.blocks[-1].activation(z)


# ${words.initTitle}
def normal_weights(random, n_in, n_out, std):
    return np.array([random.normal() * std for _ in range(n_in * n_out)]).reshape(n_in, n_out)


def uniform_weights(random, n_in, n_out, limit):
    return np.array([(2 * random.uniform() - 1) * limit for _ in range(n_in * n_out)]).reshape(n_in, n_out)


def zeros(n):
    return np.zeros(n)


${initialWeightsCode(spec, inputSize, words)}


${networkCode(spec, inputSize, words)}`;
}

function lossBody(loss: RunSpec['loss'], { doc }: ExportWords): string {
  switch (loss) {
    case 'softmax_cross_entropy':
      return `    """${doc.softmaxCrossEntropy}"""\n    return -(targets * torch.log_softmax(z, dim=1)).sum() / z.shape[0]`;
    case 'binary_cross_entropy':
      return `    """${doc.binaryCrossEntropy}"""\n    return F.binary_cross_entropy_with_logits(z, targets, reduction="sum") / z.shape[0]`;
    case 'mse':
      return `    """${doc.mse}"""\n    return 0.5 * ((network.output(z) - targets) ** 2).sum() / z.shape[0]`;
  }
}

function lossCode(spec: RunSpec, encoding: ExportEncoding, words: ExportWords): string {
  const { l1, l2, l1Method } = spec.regularization;
  const o = resolveOptimizerOptions(spec.optimizer);
  const optimizer = {
    sgd: `torch.optim.SGD(network.parameters(), lr=${pyNumber(o.lr)})`,
    momentum: `torch.optim.SGD(network.parameters(), lr=${pyNumber(o.lr)}, momentum=${pyNumber(o.momentum)})`,
    nesterov: `torch.optim.SGD(network.parameters(), lr=${pyNumber(o.lr)}, momentum=${pyNumber(o.momentum)}, nesterov=True)`,
    adagrad: `torch.optim.Adagrad(network.parameters(), lr=${pyNumber(o.lr)}, eps=${pyNumber(o.eps)})`,
    rmsprop: `torch.optim.RMSprop(network.parameters(), lr=${pyNumber(o.lr)}, alpha=${pyNumber(o.rho)}, eps=${pyNumber(o.eps)}, momentum=${pyNumber(o.momentum)})`,
    adam: `torch.optim.Adam(network.parameters(), lr=${pyNumber(o.lr)}, betas=(${pyNumber(o.beta1)}, ${pyNumber(o.beta2)}), eps=${pyNumber(o.eps)})`,
  }[o.name];
  const accuracy =
    encoding.kind === 'values'
      ? '    return None'
      : encoding.kind === 'label'
        ? '    predicted = (network.output(z)[:, 0] >= 0.5).long()\n    return (predicted == classes).double().mean().item()'
        : '    predicted = network.output(z).argmax(dim=1)\n    return (predicted == classes).double().mean().item()';
  return `LEARNING_RATE = ${pyNumber(o.lr)}
L1 = ${pyNumber(l1)}
L2 = ${pyNumber(l2)}
L1_METHOD = "${l1Method}"


def data_loss(network, z, targets):
${lossBody(spec.loss, words)}


def accuracy(network, z, classes):
${accuracy}


def make_optimizer(network):
    return ${optimizer}


def dense_weights(network):
    return [block.dense.weight for block in network.blocks]


def penalty(network):
    """L1·Σ|W| + (L2/2)·Σ W² (${words.lossTitle}; added up in float64, as NN Lab does)"""
    if L1 == 0 and L2 == 0:
        return 0.0
    weights = [w.detach().double() for w in dense_weights(network)]
    return L1 * sum(w.abs().sum().item() for w in weights) + 0.5 * L2 * sum((w * w).sum().item() for w in weights)


def add_penalty_gradients(network):
    """${words.penaltyGrad}: L2·W, and L1·sign(W) when L1 is a gradient term ("subgradient")"""
    l1 = L1 if L1_METHOD == "subgradient" else 0.0
    if l1 == 0 and L2 == 0:
        return
    with torch.no_grad():
        for w in dense_weights(network):
            w.grad.add_(L2 * w + l1 * torch.sign(w))


def l1_proximal_step(network):
    """${words.l1Proximal}"""
    threshold = LEARNING_RATE * L1
    if L1_METHOD != "proximal" or threshold == 0:
        return
    with torch.no_grad():
        for w in dense_weights(network):
            w.copy_(torch.sign(w) * torch.clamp(w.abs() - threshold, min=0))`;
}

function batchesCode(spec: RunSpec, rows: number): string {
  const { batchSize, sampling, shuffle } = spec.training;
  const full = Math.ceil(rows / batchSize);
  const skipsSingle = sampling === 'epoch' && spec.layers.some((l) => l.batchNorm) && rows % batchSize === 1 && full > 1;
  const stepsPerEpoch = skipsSingle ? full - 1 : full;
  const totalSteps = spec.training.iterations ?? spec.training.epochs! * stepsPerEpoch;
  const next =
    sampling === 'replacement'
      ? `    def next(self):
        return [self.random.below(TRAIN_ROWS) for _ in range(BATCH_SIZE)]`
      : `    def next(self):
        if self.position == 0 and SHUFFLE:
            self.random.shuffle(self.order)
        start = self.position * BATCH_SIZE
        rows = self.order[start:start + BATCH_SIZE]
        self.position = (self.position + 1) % STEPS_PER_EPOCH
        return rows`;
  return `TRAIN_ROWS = ${rows}
BATCH_SIZE = ${batchSize}
SHUFFLE = ${shuffle ? 'True' : 'False'}
STEPS_PER_EPOCH = ${stepsPerEpoch}${skipsSingle ? '  # the last batch of a single sample is skipped: batch normalization needs two' : ''}
TOTAL_STEPS = ${totalSteps}


class BatchSampler:
    def __init__(self):
        self.random = random_stream(SEED, "batches")
        self.order = list(range(TRAIN_ROWS))
        self.position = 0

${next}`;
}

function trainingCode(spec: RunSpec, words: ExportWords): string {
  const { evalEvery, targetLoss, earlyStopping } = spec.training;
  return `EVAL_EVERY = ${evalEvery ?? 'STEPS_PER_EPOCH'}
DIAGNOSTICS_EVERY = ${spec.diagnostics.every}
TARGET_LOSS = ${targetLoss === undefined ? 'None' : pyNumber(targetLoss)}
EARLY_STOPPING = ${earlyStopping === undefined ? 'None' : `{"patience": ${earlyStopping.patience}, "min_delta": ${pyNumber(earlyStopping.minDelta)}}`}


def evaluate(network, x, targets, classes):
    """${words.evaluate}"""
    network.eval()
    with torch.no_grad():
        z = network(x)
        metrics = {"loss": data_loss(network, z, targets).item()}
        if classes is not None:
            metrics["accuracy"] = accuracy(network, z, classes)
    network.train()
    return metrics


def gradient_norms(network):
    """${words.gradNorm}"""
    return [{"layer": i, "gradNorm": block.dense.weight.grad.double().norm().item()} for i, block in enumerate(network.blocks)]


def train(data, emit):
    """${words.doc.train}"""
    x_train, y_train, x_test, y_test = data
    train_split = (torch.tensor(x_train, dtype=DTYPE), targets_of(y_train), class_of(y_train))
    test_split = None if x_test is None else (torch.tensor(x_test, dtype=DTYPE), targets_of(y_test), class_of(y_test))
    network = build_network()
    network.train()
    optimizer = make_optimizer(network)
    sampler = BatchSampler()
    emit({"type": "start", "runName": RUN_NAME, "stepsPerEpoch": STEPS_PER_EPOCH, "totalSteps": TOTAL_STEPS})
    state = {"last": None, "best": math.inf, "waited": 0}

    def evaluate_now(step):
        event = {"type": "eval", "step": step, "epoch": step // STEPS_PER_EPOCH, "train": evaluate(network, *train_split)}
        if test_split is not None:
            event["test"] = evaluate(network, *test_split)
        losses = [event["train"]["loss"]] + ([event["test"]["loss"]] if test_split is not None else [])
        if not all(math.isfinite(loss) for loss in losses):
            emit({"type": "end", "status": "diverged", "steps": step, "final": None, "message": f"step {step}: ${words.diverged}"})
            return False
        state["last"] = event
        emit(event)
        return True

    def end(status, steps, message=None):
        last = state["last"]
        final = {key: last[key] for key in ("train", "test") if key in last}
        emit({"type": "end", "status": status, "steps": steps, "final": final, "message": message})

    def stop_rule_met(step):
        last = state["last"]
        if TARGET_LOSS is not None and last["train"]["loss"] <= TARGET_LOSS:
            end("completed", step, f"reached the target loss {TARGET_LOSS} at step {step}")
            return True
        if EARLY_STOPPING is not None and "test" in last:
            if last["test"]["loss"] < state["best"] - EARLY_STOPPING["min_delta"]:
                state["best"], state["waited"] = last["test"]["loss"], 0
            else:
                state["waited"] += 1
                if state["waited"] >= EARLY_STOPPING["patience"]:
                    end("completed", step, f"early stopping at step {step}")
                    return True
        return False

    if not evaluate_now(0):
        return
    for step in range(TOTAL_STEPS):
        rows = sampler.next()
        x, targets = train_split[0][rows], train_split[1][rows]
        z = network(x)
        loss = data_loss(network, z, targets)
        reported = loss.item() + penalty(network)
        if not math.isfinite(reported):
            emit({"type": "end", "status": "diverged", "steps": step, "final": None, "message": f"step {step}: ${words.diverged}"})
            return
        emit({"type": "step", "step": step, "epoch": step // STEPS_PER_EPOCH, "loss": reported, "dataLoss": loss.item()})
        optimizer.zero_grad()
        loss.backward()
        if step % DIAGNOSTICS_EVERY == 0 or step == TOTAL_STEPS - 1:
            emit({"type": "diagnostics", "step": step, "epoch": step // STEPS_PER_EPOCH, "layers": gradient_norms(network)})
        add_penalty_gradients(network)
        optimizer.step()
        l1_proximal_step(network)
        done = step + 1
        if done >= TOTAL_STEPS or done % EVAL_EVERY == 0:
            if not evaluate_now(done) or stop_rule_met(done):
                return
    end("completed", TOTAL_STEPS)`;
}
