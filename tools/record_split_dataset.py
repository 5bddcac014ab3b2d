#!/usr/bin/python3
"""Records keras.utils.split_dataset's splits and errors for tests/fixtures/split_dataset/cases.json with real
Keras 3.15.1 (tag v3.15.1) on its torch backend (Debian's python3-torch 1.13.1, the project's torch113_compat shim).

Arrays go through Keras's own split_dataset (torch path: random_split). The dataset cases run Keras's own
_split_dataset_tf, which needs TensorFlow only to wrap the result: tensorflow is not installed here, so a stand-in
is given (a list-backed `DatasetV2` whose module name makes Keras's is_tf_dataset true, with unbatch, and a `tf`
whose data.Dataset.from_tensor_slices/batch/prefetch record the arrays); every step that decides which sample goes
where (unbatching, Python's random.seed/shuffle, the size rules, slicing) is Keras's code.

Each array case's data is np.arange(n) (as float32; a tuple case adds y = 10 * arange), so a split's values are
the sample indices. Usage: /usr/bin/python3 tools/record_split_dataset.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR OUT_JSON
"""
import json
import os
import random
import sys
import types

os.environ.setdefault("KERAS_BACKEND", "torch")
runtime, source, out_path = sys.argv[1:4]
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: E402,F401  (before keras)
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.utils import dataset_utils, module_utils  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

# The stand-in tf.data: a dataset module whose name Keras recognises, and a tf that records what Keras builds.
stand_in = types.ModuleType("tensorflow.python.data.ops.dataset_ops")
sys.modules[stand_in.__name__] = stand_in


class DatasetV2:
    def __init__(self, samples, batch_size=None):
        self.samples = samples
        if batch_size is not None:
            self._batch_size = batch_size

    def unbatch(self):
        return DatasetV2([row for batch in self.samples for row in zip(*batch)] if isinstance(self.samples[0], tuple)
                         else [row for batch in self.samples for row in batch])

    def __iter__(self):
        return iter(self.samples)


DatasetV2.__module__ = stand_in.__name__
stand_in.DatasetV2 = DatasetV2


class Recorded:
    def __init__(self, arrays, batch_size=None):
        self.arrays, self.batch_size = arrays, batch_size

    def batch(self, size):
        return Recorded(self.arrays, size)

    def prefetch(self, _):
        return self

    @staticmethod
    def from_tensor_slices(arrays):
        return Recorded(arrays)


module_utils.tensorflow = types.SimpleNamespace(data=types.SimpleNamespace(Dataset=Recorded, AUTOTUNE=-1))


def values(split):
    """A split's sample values: a torch Subset (array path) or a Recorded (dataset path)."""
    if isinstance(split, Recorded):
        arrays = split.arrays if isinstance(split.arrays, tuple) else (split.arrays,)
        return [np.asarray(a).tolist() for a in arrays], split.batch_size
    rows = [split[i] for i in range(len(split))]
    return [[float(r[k]) for r in rows] for k in range(len(rows[0]))], None


def run(case):
    n, kind = case["n"], case["kind"]
    x = np.arange(n, dtype="float32")
    if kind == "array":
        data = x
    elif kind == "tuple":
        data = (x, 10 * x)
    elif kind == "dataset":
        data = DatasetV2(list(x))
    elif kind == "tuple_dataset":
        data = DatasetV2(list(zip(x, 10 * x)))
    else:  # batched_dataset
        b = case["batch"]
        data = DatasetV2([x[i:i + b] for i in range(0, n, b)], batch_size=b)
    if "set_random_seed" in case:
        keras.utils.set_random_seed(case["set_random_seed"])
    try:
        left, right = keras.utils.split_dataset(data, left_size=case.get("left_size"), right_size=case.get("right_size"),
                                                shuffle=case.get("shuffle", False), seed=case.get("seed"))
    except (ValueError, TypeError) as e:
        return {"error": type(e).__name__, "message": str(e)}
    (left_values, left_batch), (right_values, right_batch) = values(left), values(right)
    return {"left": left_values, "right": right_values, "batch_size": left_batch}


CASES = [
    {"name": "array_left_fraction_unshuffled", "kind": "array", "n": 10, "left_size": 0.8, "set_random_seed": 5},
    {"name": "array_right_count_shuffled", "kind": "array", "n": 12, "right_size": 3, "shuffle": True, "seed": 42},
    {"name": "array_both_counts_shuffled", "kind": "array", "n": 9, "left_size": 4, "right_size": 5, "shuffle": True, "seed": 7},
    {"name": "array_half_rounds_to_even", "kind": "array", "n": 10, "left_size": 0.25, "shuffle": True, "seed": 3},
    {"name": "array_large_shuffled", "kind": "array", "n": 100, "left_size": 0.3, "shuffle": True, "seed": 1},
    {"name": "tuple_shuffled", "kind": "tuple", "n": 8, "left_size": 0.5, "shuffle": True, "seed": 11},
    {"name": "dataset_unshuffled", "kind": "dataset", "n": 10, "left_size": 0.6},
    {"name": "dataset_partial_shuffled", "kind": "dataset", "n": 10, "left_size": 0.3, "right_size": 0.2, "shuffle": True, "seed": 42},
    {"name": "dataset_right_count_shuffled", "kind": "dataset", "n": 15, "right_size": 4, "shuffle": True, "seed": 2024},
    {"name": "tuple_dataset_shuffled", "kind": "tuple_dataset", "n": 6, "left_size": 2, "shuffle": True, "seed": 9},
    {"name": "batched_dataset_rebatched", "kind": "batched_dataset", "n": 10, "batch": 3, "left_size": 0.7, "shuffle": True, "seed": 5},
    {"name": "error_no_sizes", "kind": "array", "n": 10},
    {"name": "error_both_zero", "kind": "array", "n": 10, "left_size": 0, "right_size": 0},
    {"name": "error_left_fraction_above_one", "kind": "array", "n": 10, "left_size": 1.5},
    {"name": "error_left_count_too_large", "kind": "array", "n": 10, "left_size": 10},
    {"name": "error_right_negative", "kind": "dataset", "n": 10, "right_size": -2},
    {"name": "error_fractions_above_one", "kind": "dataset", "n": 10, "left_size": 0.6, "right_size": 0.5},
    {"name": "error_counts_above_length", "kind": "dataset", "n": 10, "left_size": 6, "right_size": 5},
    {"name": "error_empty_side", "kind": "dataset", "n": 3, "left_size": 0.1},
    {"name": "error_array_sizes_leave_samples_out", "kind": "array", "n": 10, "left_size": 0.3, "right_size": 0.3},
]

cases = []
for case in CASES:
    cases.append({**case, **run(case)})
os.makedirs(os.path.dirname(out_path) or ".", exist_ok=True)
with open(out_path, "w") as f:
    json.dump({"producer": {"keras": keras.__version__, "backend": "torch"}, "cases": cases}, f, indent=1)
print(f"{len(cases)} cases written to {out_path}")
