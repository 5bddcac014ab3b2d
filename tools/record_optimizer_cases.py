#!/usr/bin/python3
"""Records Keras 3's optimizers and learning-rate schedules for tests/fixtures/optimizers/.

Pins: Keras 3.15.1 (tag v3.15.1) on the torch backend, Debian's python3-torch 1.13.1, run by
/usr/bin/python3 with the keras runtime shim (torch113_compat).

Usage: /usr/bin/python3 tools/record_optimizer_cases.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR OUT.json

Each optimizer case: two float32 variables (a [3, 2] kernel, a [2] bias) with fixed values, four
steps of fixed gradients through apply_gradients, the variables and every optimizer variable
(names and values, Keras's order) after each step, and the config. Each fit case: a Dense(4,
tanh) -> Dense(1, sigmoid) model with fixed weights, binary_crossentropy, 2 epochs of 4 batches
of 8 unshuffled samples; the History and the final weights. Schedules: values at fixed steps.
"""
import json, os, sys

runtime, source, out = sys.argv[1:4]
os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: F401  (before keras)
import keras
import numpy as np
from keras import optimizers
from keras.optimizers import schedules

def f32(a): return np.asarray(a, dtype=np.float32)
def lst(a): return np.asarray(a, dtype=np.float64).tolist()

W0 = f32([[0.5, -1.25], [2.0, 0.0], [-0.3, 1e-3]])
B0 = f32([0.1, -0.2])
def grads(step):
    i = np.arange(6, dtype=np.float64)
    g = np.sin(1.7 * i + 0.9 * step) * np.where(i == 2, 3.0, 1.0)
    gb = np.cos(0.7 * np.arange(2) + 1.3 * step)
    return f32(g.reshape(3, 2)), f32(gb)

def ed(): return schedules.ExponentialDecay(0.05, decay_steps=2, decay_rate=0.5)
OPTIMIZERS = {
    "adagrad": lambda: optimizers.Adagrad(learning_rate=0.1),
    "adagrad_wd_clipnorm": lambda: optimizers.Adagrad(learning_rate=0.1, initial_accumulator_value=0.5, epsilon=1e-3, weight_decay=0.1, clipnorm=1.0),
    "adadelta": lambda: optimizers.Adadelta(learning_rate=1.0),
    "adadelta_rho": lambda: optimizers.Adadelta(learning_rate=0.5, rho=0.8, epsilon=1e-4, clipvalue=0.5),
    "adamax": lambda: optimizers.Adamax(learning_rate=0.05),
    "adamax_betas": lambda: optimizers.Adamax(learning_rate=0.05, beta_1=0.8, beta_2=0.9, epsilon=1e-3, global_clipnorm=1.5),
    "nadam": lambda: optimizers.Nadam(learning_rate=0.05),
    "nadam_betas": lambda: optimizers.Nadam(learning_rate=0.05, beta_1=0.8, beta_2=0.95, epsilon=1e-4, weight_decay=0.05),
    "lion": lambda: optimizers.Lion(learning_rate=0.01),
    "lion_betas": lambda: optimizers.Lion(learning_rate=0.01, beta_1=0.5, beta_2=0.9, weight_decay=0.5),
    "ftrl": lambda: optimizers.Ftrl(learning_rate=0.1),
    "ftrl_regularized": lambda: optimizers.Ftrl(learning_rate=0.1, learning_rate_power=-0.7, initial_accumulator_value=0.3, l1_regularization_strength=0.01, l2_regularization_strength=0.02, l2_shrinkage_regularization_strength=0.03, beta=0.1),
    "adam_schedule": lambda: optimizers.Adam(learning_rate=ed()),
    "sgd_schedule": lambda: optimizers.SGD(learning_rate=schedules.PiecewiseConstantDecay([1, 2], [0.1, 0.05, 0.01]), momentum=0.9),
    "rmsprop_schedule": lambda: optimizers.RMSprop(learning_rate=schedules.CosineDecay(0.01, 3, alpha=0.1, warmup_target=0.02, warmup_steps=1)),
}

def step_case(make):
    opt = make()
    w = keras.Variable(W0, name="kernel"); b = keras.Variable(B0, name="bias")
    steps = []
    for s in range(4):
        g, gb = grads(s)
        opt.apply_gradients([(keras.ops.convert_to_tensor(g), w), (keras.ops.convert_to_tensor(gb), b)])
        steps.append({
            "gradients": [lst(g), lst(gb)],
            "kernel": lst(keras.ops.convert_to_numpy(w)), "bias": lst(keras.ops.convert_to_numpy(b)),
            "variables": [lst(keras.ops.convert_to_numpy(v)) for v in opt.variables],
            "learning_rate": float(keras.ops.convert_to_numpy(opt.learning_rate)),
        })
    return {
        "class_name": type(opt).__name__,
        "start": [lst(W0), lst(B0)],
        "config": opt.get_config(),
        "variable_names": [v.name for v in opt.variables],
        "variable_paths": [v.path for v in opt.variables],
        "steps": steps,
    }

X = f32(np.sin(np.arange(96).reshape(32, 3) * 0.37))
Y = f32((np.cos(np.arange(32) * 0.9) > 0).astype(np.float32).reshape(32, 1))
K1 = f32(np.cos(np.arange(12).reshape(3, 4) * 0.5) * 0.6); B1 = f32([0.05, -0.05, 0.1, 0.0])
K2 = f32(np.sin(np.arange(4).reshape(4, 1) + 1.0) * 0.8); B2 = f32([0.02])

def fit_case(make):
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="tanh"), keras.layers.Dense(1, activation="sigmoid")])
    model.set_weights([K1, B1, K2, B2])
    model.compile(optimizer=make(), loss="binary_crossentropy", metrics=["accuracy"])
    h = model.fit(X, Y, batch_size=8, epochs=2, shuffle=False, verbose=0)
    return {"history": {k: [float(x) for x in v] for k, v in h.history.items()},
            "weights": [lst(w) for w in model.get_weights()],
            "optimizer_variable_count": len(model.optimizer.variables),
            "x": lst(X), "y": lst(Y), "start_weights": [lst(w) for w in (K1, B1, K2, B2)]}

SCHEDULES = {
    "exponential": schedules.ExponentialDecay(0.1, decay_steps=7, decay_rate=0.8),
    "exponential_staircase": schedules.ExponentialDecay(0.1, decay_steps=7, decay_rate=0.8, staircase=True),
    "inverse_time": schedules.InverseTimeDecay(0.001, decay_steps=10, decay_rate=1.0),
    "inverse_time_staircase": schedules.InverseTimeDecay(0.001, decay_steps=10, decay_rate=0.5, staircase=True),
    "piecewise": schedules.PiecewiseConstantDecay([5, 10, 20], [0.1, 0.05, 0.01, 0.001]),
    "polynomial": schedules.PolynomialDecay(0.1, decay_steps=20, end_learning_rate=0.01, power=2.0),
    "polynomial_cycle": schedules.PolynomialDecay(0.1, decay_steps=15, end_learning_rate=0.01, power=0.5, cycle=True),
    "cosine": schedules.CosineDecay(0.1, decay_steps=30, alpha=0.05),
    "cosine_warmup": schedules.CosineDecay(0.0, decay_steps=20, warmup_target=0.1, warmup_steps=10),
    "cosine_restarts": schedules.CosineDecayRestarts(0.1, first_decay_steps=7, t_mul=2.0, m_mul=0.8, alpha=0.1),
    "cosine_restarts_tmul1": schedules.CosineDecayRestarts(0.1, first_decay_steps=6, t_mul=1.0, m_mul=0.9),
}
STEPS = [0, 1, 2, 3, 5, 7, 9, 10, 11, 14, 15, 19, 20, 21, 29, 30, 31, 45, 60, 100]

result = {
    "keras_version": keras.__version__,
    "optimizers": {k: dict(step_case(m), fit=fit_case(m)) for k, m in OPTIMIZERS.items()},
    "schedules": {k: {"class_name": type(s).__name__, "config": s.get_config(),
                      "steps": STEPS, "values": [float(keras.ops.convert_to_numpy(s(st))) for st in STEPS]}
                  for k, s in SCHEDULES.items()},
    "serialized_adam_schedule": optimizers.serialize(optimizers.Adam(learning_rate=ed())),
    "serialized_modules": {n: optimizers.serialize(optimizers.get(n))["module"] for n in
                           ["adagrad", "adadelta", "adamax", "nadam", "lion", "ftrl"]},
}
with open(out, "w") as f:
    json.dump(result, f, indent=1)
