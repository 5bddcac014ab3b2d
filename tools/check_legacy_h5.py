#!/usr/bin/python3
"""Loads the legacy .h5 files KerasPort wrote with real Keras 3.15.1 (tag v3.15.1, torch backend: Debian's
python3-torch 1.13.1 with the project's torch113_compat shim) and compares Keras's predictions with
KerasPort's.

For every NAME.h5 in FOLDER with a NAME.npz beside it (probe: the input, or probe_0, probe_1, ... for a model
of several inputs; predict: KerasPort's predictions, or predict_0, predict_1, ... for several outputs),
keras.models.load_model(NAME.h5) must succeed, predict(probe) must match within 1e-5, and a file with a
training_config must come back compiled. Keras 3.15.1 builds the loaded optimizer on model._trainable_variables
(empty for Sequential and Functional models), so it restores only `iteration` and `learning_rate`, which must
equal the file's; the whole saved state is then checked the way tf.keras 2 restored it: a fresh optimizer of the
same config, built on model.trainable_variables, takes the file's optimizer_weights with set_weights (same count,
same shapes, in order). Prints one line per file and exits non-zero on any failure.

The C# tests LegacyH5FormatTests.Written_files_for_the_keras_check_reload_with_the_same_predictions (Sequential)
and LegacyH5FunctionalTests.Written_functional_files_for_the_keras_check_reload_with_the_same_predictions
(Functional and nested) write such a folder (legacy_h5_written beside the test assembly).

Usage: /usr/bin/python3 tools/check_legacy_h5.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR FOLDER
"""
import glob
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
runtime, source, folder = sys.argv[1:4]
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: E402,F401  (before keras)
import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__


def several(arrays, key):
    """arrays[key], or the list arrays[key_0], arrays[key_1], ... of a model with several inputs or outputs."""
    if key in arrays.files:
        return arrays[key]
    return [arrays[k] for k in sorted((k for k in arrays.files if k.startswith(key + "_")), key=lambda k: int(k[len(key) + 1:]))]


failures = 0
paths = sorted(glob.glob(os.path.join(folder, "*.h5")))
if not paths:
    sys.exit(f"no .h5 files in {folder}")
for path in paths:
    name = os.path.basename(path)[:-3]
    arrays = np.load(os.path.join(folder, name + ".npz"))
    try:
        model = keras.models.load_model(path)
        probe = several(arrays, "probe")
        expected = several(arrays, "predict")
        got = model.predict(probe, verbose=0)
        got = got if isinstance(expected, list) else [got]
        expected = expected if isinstance(expected, list) else [expected]
        assert len(got) == len(expected), f"{len(got)} outputs, the npz has {len(expected)}"
        diff = max(float(np.max(np.abs(g - e))) for g, e in zip(got, expected))
        with h5py.File(path, "r") as f:
            has_training = "training_config" in f.attrs
            saved = [np.asarray(f["optimizer_weights"][n]) for n in f["optimizer_weights"].attrs["weight_names"]] if "optimizer_weights" in f else []
        state = ""
        if has_training:
            assert model.compiled, "not compiled"
            restored = [keras.ops.convert_to_numpy(v) for v in model.optimizer.variables]
            assert all(np.array_equal(a, b) for a, b in zip(restored, saved)), "iteration/learning_rate differ"
            fresh = type(model.optimizer).from_config(model.optimizer.get_config())
            fresh.build(model.trainable_variables)
            assert len(fresh.variables) == len(saved), f"Keras's optimizer has {len(fresh.variables)} variables, the file {len(saved)}"
            fresh.set_weights(saved)
            assert all(np.array_equal(keras.ops.convert_to_numpy(a), b) for a, b in zip(fresh.variables, saved)), "state differs"
            state = f", compiled, {type(model.optimizer).__name__} iteration {int(saved[0])}; all {len(saved)} saved variables fit Keras's optimizer"
        ok = diff <= 1e-5
        print(f"{'ok  ' if ok else 'FAIL'} {name}.h5: Keras predicts KerasPort's within {diff:.2e}{state}")
        failures += not ok
    except Exception as e:  # report every file
        print(f"FAIL {name}.h5: {type(e).__name__}: {e}")
        failures += 1
sys.exit(1 if failures else 0)
