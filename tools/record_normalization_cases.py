#!/usr/bin/python3
"""Records Keras 3's Normalization layer for tests/fixtures/normalization/.

Pins: Keras 3.15.1 (tag v3.15.1) on the torch backend, Debian's python3-torch 1.13.1 and numpy, run by
/usr/bin/python3 with the keras runtime shim (torch113_compat).

Usage: /usr/bin/python3 tools/record_normalization_cases.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR OUT_DIR

cases.json: per case, the constructor's arguments, the data adapted (an array, or a list of batches),
the input called, Keras's output, the layer's weights after adapt, and get_config(). Also
model.keras: Sequential([Input((4,)), Normalization adapted, Dense(1) with fixed weights]) saved by
Keras, with model_probe.json (its input and Keras's predictions).
"""
import json, os, sys

runtime, source, out = sys.argv[1:4]
os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: F401  (before keras)
import keras
import numpy as np

# adapt() asks isinstance(data, tf.data.Dataset) before it takes an iterable of batches, and
# tensorflow is not installed here: a stand-in Dataset class that nothing is an instance of.
import types
from keras.src.layers.preprocessing import normalization as _normalization
_normalization.tf = types.SimpleNamespace(data=types.SimpleNamespace(Dataset=type("Dataset", (), {})))

def lst(a): return np.asarray(keras.ops.convert_to_numpy(a), dtype=np.float64).tolist()

rng = np.random.RandomState(11)
X2 = (rng.standard_normal((32, 4)) * [1.0, 3.0, 0.5, 10.0] + [0.0, 5.0, -2.0, 100.0]).astype("float32")
X4 = rng.uniform(0, 2, (8, 4, 3, 5)).astype("float32")
X3 = rng.standard_normal((6, 5, 3)).astype("float32") * 2 + 1

def case(kwargs, adapt, x, batches=None):
    layer = keras.layers.Normalization(**kwargs)
    if batches is not None:
        layer.adapt([adapt[i:i + batches] for i in range(0, len(adapt), batches)])
    elif adapt is not None:
        layer.adapt(adapt)
    y = layer(x)
    return {"kwargs": {k: (lst(v) if isinstance(v, np.ndarray) else v) for k, v in kwargs.items()},
            "adapt": lst(adapt) if adapt is not None else None, "batches": batches,
            "x": lst(x), "y": lst(y),
            "weights": [lst(w) for w in layer.get_weights()],
            "config": layer.get_config()}

CASES = {
    "adapt_last_axis": case({}, X2, X2[:5]),
    "adapt_axis_none": case({"axis": None}, X2, X2[:5]),
    "adapt_two_axes": case({"axis": (1, 2)}, X4, X4[:2]),
    "adapt_middle_axis_3d": case({"axis": 1}, X3, X3[:2]),
    "adapt_batches": case({}, X2, X2[:5], batches=10),
    "adapt_batches_two_axes": case({"axis": [1, 2]}, X4, X4[:2], batches=3),
    "adapt_invert": case({"invert": True}, X2, X2[:5]),
    "given_mean_variance": case({"mean": np.array([0.5, 0.2, -0.1], "float32"), "variance": np.array([0.1, 0.2, 0.3], "float32")}, None, X2[:4, :3]),
    "given_invert": case({"mean": np.array([0.5, 0.2, -0.1], "float32"), "variance": np.array([0.1, 0.2, 0.3], "float32"), "invert": True}, None, X2[:4, :3]),
    "given_scalars": case({"mean": 3.0, "variance": 2.0}, None, X2[:3]),
    "given_partial_keep_axis": case({"axis": (1, 2), "mean": np.arange(1, 6, dtype="float32"), "variance": np.arange(1, 6, dtype="float32") * 0.5}, None, rng.standard_normal((2, 7, 5, 3)).astype("float32")),
}
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "cases.json"), "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": CASES}, f, indent=1)

normalizer = keras.layers.Normalization(axis=-1, name="normalizer")
normalizer.adapt(X2)
model = keras.Sequential([keras.Input((4,)), normalizer, keras.layers.Dense(1, name="dense")], name="regression")
model.get_layer("dense").set_weights([np.array([[0.5], [-0.25], [1.0], [0.125]], "float32"), np.array([0.3], "float32")])
model.save(os.path.join(out, "model.keras"))
probe = X2[:6]
with open(os.path.join(out, "model_probe.json"), "w") as f:
    json.dump({"x": lst(probe), "predict": lst(model.predict(probe, verbose=0))}, f, indent=1)
