#!/usr/bin/python3
"""Records Keras 3's losses and metrics added in issue 9, and the percentage, logarithmic and
root-mean-squared errors and R2Score added after it, for tests/fixtures/losses_metrics/.

Pins: Keras 3.15.1 (tag v3.15.1) on the torch backend, Debian's python3-torch 1.13.1, run by
/usr/bin/python3 with the keras runtime shim (torch113_compat).

Usage: /usr/bin/python3 tools/record_loss_metric_cases.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR OUT.json

Each loss case: the loss object's value on fixed inputs with its default reduction, with
sample weights, with reduction="none", and its config. Each metric case: two update_state
batches (the second weighted), result() after each, and the config. Also how keras.losses.get
and keras.metrics.get resolve the string identifiers.
"""
import json, os, sys

runtime, source, out = sys.argv[1:4]
os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: F401  (before keras)
import keras
import numpy as np
import torch
from keras.src.backend.torch import numpy as torch_numpy

# torch 1.13 cannot take dim=None in torch.all (torch >= 2.0, which Keras 3.15 targets, can):
# reduce over every axis as torch 2 does. Hinge's label conversion calls it.
_keras_all = torch_numpy.all
def _all(x, axis=None, keepdims=False):
    if axis is None and not keepdims:
        return torch.all(torch_numpy.convert_to_tensor(x))
    return _keras_all(x, axis=axis, keepdims=keepdims)
torch_numpy.all = _all
# Nor a tuple of one dim in torch.any (SparseTopKCategoricalAccuracy's from_sorted_ids path).
_keras_any = torch_numpy.any
def _any(x, axis=None, keepdims=False):
    if isinstance(axis, (tuple, list)) and len(axis) == 1:
        axis = axis[0]
    if isinstance(axis, int):
        return torch.any(torch_numpy.convert_to_tensor(x), dim=axis, keepdim=keepdims)
    return _keras_any(x, axis=axis, keepdims=keepdims)
torch_numpy.any = _any

def f32(a): return np.asarray(a, dtype=np.float32)
def lst(a): return np.asarray(keras.ops.convert_to_numpy(a), dtype=np.float64).tolist()

rng = np.random.RandomState(3)
P = f32(rng.uniform(0.01, 0.99, (6, 4)))              # probabilities
P_SOFT = f32(P / P.sum(-1, keepdims=True))
LOGITS = f32(rng.normal(0, 2, (6, 4)))
Y01 = f32(rng.randint(0, 2, (6, 4)))
YPM = f32(Y01 * 2 - 1)
ONEHOT = f32(np.eye(4)[[0, 3, 1, 2, 2, 0]])
REG_T = f32(rng.normal(0, 1.5, (6, 4)))
REG_P = f32(REG_T + rng.normal(0, 1.2, (6, 4)))
COUNTS = f32(rng.poisson(2.0, (6, 4)))
W = f32([1.0, 0.5, 2.0, 0.0, 1.5, 1.0])
# Scores whose top class is right for four rows of six: F1, IoU and top-k are then not all 0.
P_GOOD = f32(np.where(np.array([1, 1, 0, 1, 0, 1])[:, None] == 1, 0.6 * ONEHOT + 0.4 * P, P))
L = keras.losses
LOSSES = {
    "hinge_binary": (L.Hinge(), Y01, LOGITS),
    "hinge_pm1": (L.Hinge(), YPM, LOGITS),
    "squared_hinge": (L.SquaredHinge(), Y01, LOGITS),
    "categorical_hinge": (L.CategoricalHinge(), ONEHOT, LOGITS),
    "huber": (L.Huber(), REG_T, REG_P),
    "huber_delta": (L.Huber(delta=0.4, name="h"), REG_T, REG_P),
    "log_cosh": (L.LogCosh(), REG_T, REG_P),
    "kl_divergence": (L.KLDivergence(), ONEHOT * 0.9 + 0.025, P_SOFT),
    "poisson": (L.Poisson(), COUNTS, f32(np.abs(REG_P) + 0.1)),
    "cosine_similarity": (L.CosineSimilarity(), REG_T, REG_P),
    "cosine_similarity_axis0": (L.CosineSimilarity(axis=0, reduction="sum"), REG_T, REG_P),
    "binary_crossentropy_axis": (L.BinaryCrossentropy(from_logits=True, label_smoothing=0.1, axis=0), Y01, LOGITS),
    "mape": (L.MeanAbsolutePercentageError(), REG_T, REG_P),
    # Zero labels divide by epsilon (1e-7): values near 1e8.
    "mape_zero_labels": (L.MeanAbsolutePercentageError(reduction="sum", name="m"), f32(np.where(np.abs(REG_T) < 0.6, 0, REG_T)), REG_P),
    "msle": (L.MeanSquaredLogarithmicError(), COUNTS, f32(np.abs(REG_P) + 0.1)),
    # Negative values are raised to epsilon before the logarithm.
    "msle_negative": (L.MeanSquaredLogarithmicError(), REG_T, REG_P),
}
def weighted(loss, t, p):
    # With axis=0 the loss has one value per column, which per-sample weights do not fit.
    try:
        return float(lst(loss(t, p, sample_weight=W)))
    except RuntimeError:
        return None

def loss_case(loss, t, p):
    cls = type(loss)
    none = cls.from_config({**loss.get_config(), "reduction": "none"}) if not isinstance(loss, L.CosineSimilarity) and not isinstance(loss, L.Huber) else None
    return {"class_name": cls.__name__, "config": loss.get_config(), "y_true": lst(t), "y_pred": lst(p), "sample_weight": lst(W),
            "value": float(lst(loss(t, p))), "weighted": weighted(loss, t, p),
            "none": lst(none(t, p)) if none is not None else None}

M = keras.metrics
METRICS = {
    "hinge": (lambda: M.Hinge(), Y01, LOGITS),
    "squared_hinge": (lambda: M.SquaredHinge(), YPM, LOGITS),
    "categorical_hinge": (lambda: M.CategoricalHinge(), ONEHOT, LOGITS),
    "kl_divergence": (lambda: M.KLDivergence(), ONEHOT * 0.9 + 0.025, P_SOFT),
    "poisson": (lambda: M.Poisson(), COUNTS, f32(np.abs(REG_P) + 0.1)),
    "logcosh": (lambda: M.LogCoshError(), REG_T, REG_P),
    "cosine_similarity": (lambda: M.CosineSimilarity(), REG_T, REG_P),
    "binary_crossentropy": (lambda: M.BinaryCrossentropy(from_logits=True, label_smoothing=0.2), Y01, LOGITS),
    "top_k": (lambda: M.TopKCategoricalAccuracy(k=2), ONEHOT, P),
    "top_k_ties": (lambda: M.TopKCategoricalAccuracy(k=1), ONEHOT, f32(np.round(P_GOOD, 1))),
    "sparse_top_k": (lambda: M.SparseTopKCategoricalAccuracy(k=2), f32([0, 3, 1, 2, 2, 0]), P),
    "sparse_top_k_column": (lambda: M.SparseTopKCategoricalAccuracy(k=3), f32([[0], [3], [1], [2], [2], [0]]), P),
    "sparse_top_k_sorted_ids": (lambda: M.SparseTopKCategoricalAccuracy(k=2, from_sorted_ids=True), f32([0, 3, 1, 2, 2, 0]), f32(np.argsort(-P, axis=-1))),
    "f1_macro": (lambda: M.F1Score(average="macro"), ONEHOT, P_GOOD),
    "f1_micro_threshold": (lambda: M.F1Score(average="micro", threshold=0.5), Y01, P),
    "f1_weighted": (lambda: M.F1Score(average="weighted"), Y01, P_GOOD),
    "f1_none": (lambda: M.F1Score(), ONEHOT, P_GOOD),
    "fbeta_macro": (lambda: M.FBetaScore(average="macro", beta=2.0, threshold=0.4), Y01, P),
    "fbeta_none": (lambda: M.FBetaScore(beta=0.5), Y01, P_GOOD),
    "mean_iou": (lambda: M.MeanIoU(num_classes=4), f32([0, 3, 1, 2, 2, 0]), f32([0, 3, 2, 2, 1, 1])),
    "mean_iou_scores": (lambda: M.MeanIoU(num_classes=4, sparse_y_pred=False, name="miou", ignore_class=2), f32([0, 3, 1, 2, 2, 0]), P_GOOD),
    "mean_iou_one_hot": (lambda: M.MeanIoU(num_classes=4, sparse_y_true=False, sparse_y_pred=False), ONEHOT, P_GOOD),
    "mape": (lambda: M.MeanAbsolutePercentageError(), REG_T, REG_P),
    "msle": (lambda: M.MeanSquaredLogarithmicError(), COUNTS, f32(np.abs(REG_P) + 0.1)),
    "rmse": (lambda: M.RootMeanSquaredError(), REG_T, REG_P),
    "rmse_column": (lambda: M.RootMeanSquaredError(name="rmse"), REG_T[:, :1], REG_P[:, 0]),
    "r2_uniform": (lambda: M.R2Score(), REG_T, REG_P),
    "r2_variance_weighted_adjusted": (lambda: M.R2Score(class_aggregation="variance_weighted_average", num_regressors=2, name="r2"), REG_T, REG_P),
}
def metric_case(make, t, p):
    m = make()
    half = 3
    m.update_state(t[:half], p[:half])
    r1 = lst(m.result())
    m.update_state(t[half:], p[half:], sample_weight=W[half:] * 2)
    r2 = lst(m.result())
    cfg = m.get_config()
    return {"class_name": type(m).__name__, "config": cfg, "y_true": lst(t), "y_pred": lst(p), "sample_weight": lst(W),
            "results": [r1, r2]}

LOSS_IDS = ["hinge", "Hinge", "squared_hinge", "categorical_hinge", "huber", "Huber", "log_cosh", "LogCosh", "kl_divergence",
            "kld", "KLD", "KLDivergence", "poisson", "Poisson", "cosine_similarity", "CosineSimilarity",
            "mape", "MAPE", "mean_absolute_percentage_error", "MeanAbsolutePercentageError",
            "msle", "MSLE", "mean_squared_logarithmic_error", "MeanSquaredLogarithmicError"]
METRIC_IDS = ["hinge", "squared_hinge", "categorical_hinge", "kl_divergence", "poisson", "log_cosh_error", "LogCoshError",
              "cosine_similarity", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "f1_score", "F1Score",
              "f_beta_score", "FBetaScore", "TopKCategoricalAccuracy",
              "mape", "MAPE", "mean_absolute_percentage_error", "MeanAbsolutePercentageError",
              "msle", "MSLE", "mean_squared_logarithmic_error", "MeanSquaredLogarithmicError",
              "root_mean_squared_error", "RootMeanSquaredError", "r2_score", "R2Score"]
def loss_id(i):
    o = keras.losses.get(i)
    return {"kind": "class" if isinstance(o, keras.losses.Loss) else "function",
            "name": o.name if isinstance(o, keras.losses.Loss) else o.__name__}

def weighted_fit():
    """compile(metrics, weighted_metrics) on a fixed-weight Dense(1, sigmoid), fit with sample weights."""
    x = f32(np.sin(np.arange(48).reshape(16, 3) * 0.41))
    y = f32((np.cos(np.arange(16) * 1.3) > 0).reshape(16, 1))
    sw = f32(np.linspace(0.2, 2.0, 16))
    kernel, bias = f32([[0.3], [-0.6], [0.9]]), f32([0.1])
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.set_weights([kernel, bias])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="binary_crossentropy", metrics=["accuracy", "mae"],
                  weighted_metrics=["accuracy", "mse"], run_eagerly=True, jit_compile=False)
    h = model.fit(x, y, sample_weight=sw, batch_size=4, epochs=2, shuffle=False, verbose=0)
    return {"x": lst(x), "y": lst(y), "sample_weight": lst(sw), "weights": [lst(kernel), lst(bias)],
            "history": {k: [float(v) for v in vs] for k, vs in h.history.items()},
            "compile_config": {k: v for k, v in model.get_compile_config().items() if k in ("weighted_metrics", "run_eagerly", "jit_compile", "steps_per_execution")}}

def regression_fit():
    """A linear Dense(1) fit on positive targets with loss "msle" and metrics "mape", "MSLE" and
    RootMeanSquaredError(), evaluated after: the logs' keys and values, epoch by epoch."""
    x = f32(np.cos(np.arange(40).reshape(10, 4) * 0.37) + 1.5)
    y = f32((x @ f32([[0.5], [1.0], [-0.25], [0.75]])) + 0.2)
    kernel, bias = f32([[0.2], [0.4], [0.1], [0.3]]), f32([0.05])
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    model.set_weights([kernel, bias])
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="msle",
                  metrics=["mape", "MSLE", keras.metrics.RootMeanSquaredError()], run_eagerly=True, jit_compile=False)
    h = model.fit(x, y, batch_size=4, epochs=3, shuffle=False, verbose=0)
    evaluated = model.evaluate(x, y, batch_size=4, verbose=0, return_dict=True)
    return {"x": lst(x), "y": lst(y), "weights": [lst(kernel), lst(bias)],
            "history": {k: [float(v) for v in vs] for k, vs in h.history.items()},
            "evaluate": {k: float(v) for k, v in evaluated.items()}}

result = {
    "weighted_fit": weighted_fit(),
    "regression_fit": regression_fit(),
    "keras_version": keras.__version__,
    "losses": {k: loss_case(*v) for k, v in LOSSES.items()},
    "metrics": {k: metric_case(*v) for k, v in METRICS.items()},
    "loss_ids": {i: loss_id(i) for i in LOSS_IDS},
    "metric_ids": {i: {"class_name": type(keras.metrics.get(i)).__name__, "name": keras.metrics.get(i).name} for i in METRIC_IDS},
}
with open(out, "w") as f:
    json.dump(result, f, indent=1)
