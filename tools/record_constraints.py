"""Records Keras 3's weight constraints on its torch backend for the C# constraint tests.

Usage: /usr/bin/python3 tools/record_constraints.py KERAS_RUNTIME KERAS_SRC OUT.json
(KERAS_RUNTIME holds torch113_compat; KERAS_SRC is an unpacked Keras 3.15.1, tag v3.15.1.)
Pins: Keras 3.15.1 on Debian 12's python3 (3.11.2) with python3-torch 1.13.1 and numpy 1.24.2.
Each case is a constraint (its class, constructor arguments and config), an input and Keras's
output, in float32; "fit" is a small Sequential trained with constraints on its weights, from
recorded initial weights, with the weights and history Keras ends with.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import torch113_compat  # noqa: E402,F401  (before keras)
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)


def arr(a):
    a = np.asarray(keras.ops.convert_to_numpy(a), dtype="float64")
    return {"shape": list(a.shape), "values": a.ravel().tolist()}


rng = np.random.RandomState(3537)
matrix = (rng.random_sample((5, 4)) * 10.0 - 5.0).astype("float32")
matrix[:, 2] = 0.0  # a zero column: the norm is 0 there
kernel = (rng.random_sample((2, 3, 4)) * 2.0 - 1.0).astype("float32")

cases = []
for name, cls, kwargs, x in [
    ("max_norm_default", "MaxNorm", {}, matrix),
    ("max_norm_2_axis1", "MaxNorm", {"max_value": 2.0, "axis": 1}, matrix),
    ("max_norm_axes01", "MaxNorm", {"max_value": 1.5, "axis": [0, 1]}, kernel),
    ("unit_norm_default", "UnitNorm", {}, matrix),
    ("unit_norm_axis_last", "UnitNorm", {"axis": -1}, kernel),
    ("min_max_norm_default", "MinMaxNorm", {}, matrix),
    ("min_max_norm_rate", "MinMaxNorm", {"min_value": 0.5, "max_value": 2.0, "rate": 0.7, "axis": 1}, matrix),
    ("non_neg", "NonNeg", {}, matrix),
    ("base_constraint", "Constraint", {}, matrix),
]:
    c = getattr(keras.constraints, cls)(**kwargs)
    cases.append({"name": name, "class_name": cls, "kwargs": kwargs, "config": c.get_config(),
                  "x": arr(x), "expected": arr(c(torch.tensor(x)))})

identifiers = {}
for identifier in ["max_norm", "MaxNorm", "non_neg", "unit_norm", "min_max_norm", "constraint"]:
    identifiers[identifier] = type(keras.constraints.get(identifier)).__name__
try:
    keras.constraints.get("typo")
except ValueError as e:
    typo_error = str(e)

dense = keras.layers.Dense(2, kernel_constraint=keras.constraints.MaxNorm(3.0, axis=0), bias_constraint="non_neg")
layer_config = {k: dense.get_config()[k] for k in ("kernel_constraint", "bias_constraint")}

# A fit: constraints apply after each optimizer step.
keras.utils.set_random_seed(1)
x = rng.random_sample((8, 3)).astype("float32")
y = rng.random_sample((8, 1)).astype("float32")
model = keras.Sequential([
    keras.Input((3,)),
    keras.layers.Dense(4, kernel_constraint=keras.constraints.MaxNorm(0.6), bias_constraint="non_neg"),
    keras.layers.Dense(1, kernel_constraint="unit_norm"),
])
initial = [w.copy() for w in model.get_weights()]
model.compile(optimizer=keras.optimizers.SGD(0.5), loss="mse")
history = model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0).history
fit = {"x": arr(x), "y": arr(y), "initial_weights": [arr(w) for w in initial],
       "weights": [arr(w) for w in model.get_weights()], "history": history,
       "layers": [{"kernel_constraint": {"class_name": "MaxNorm", "kwargs": {"max_value": 0.6}}, "bias_constraint": "non_neg", "units": 4},
                  {"kernel_constraint": "unit_norm", "units": 1}],
       "sgd_learning_rate": 0.5, "batch_size": 4, "epochs": 2}

with open(sys.argv[3], "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases, "identifiers": identifiers,
               "typo_error": typo_error, "layer_config": layer_config, "fit": fit}, f, indent=1)
