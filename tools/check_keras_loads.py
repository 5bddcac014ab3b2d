#!/usr/bin/python3
"""Checks that real Keras loads the .keras files KerasPort writes and predicts what KerasPort predicted.

Pinned versions: Keras 3.15.1 (tag v3.15.1, source tree given as an argument) on the torch backend,
run by Debian 12's python3-torch 1.13.1 through the keras-runtime compatibility shim (its folder is
the second argument).

MODEL_DIR holds NAME.keras files with NAME.npz beside each (written by the test
KerasPortWrittenModelsTests when the environment variable KERASPORT_SAVED_MODELS_DIR names the
folder): probe_0, probe_1, ... (the inputs), predict_0, ... (KerasPort's predictions, one per
output), w_0, ... (KerasPort's weights, in Keras's order), o_0, ... (its optimizer's variables:
iteration, learning rate, slots) and iterations (the optimizer's step count). For each file:
keras.models.load_model (compiled), then the weights and the optimizer's variables must equal
KerasPort's exactly, and model.predict on the probes must
be within 1e-5 of KerasPort's predictions. Prints one line per model and, with --json OUT, writes the
results; exits 1 if any model fails.

Usage:
  KERASPORT_SAVED_MODELS_DIR=/tmp/kp-models dotnet test tests/KerasPort.Tests -c Release \\
      --filter FullyQualifiedName~KerasPortWrittenModelsTests
  /usr/bin/python3 tools/check_keras_loads.py KERAS_SRC KERAS_RUNTIME /tmp/kp-models [--json OUT]
"""
import glob
import json
import os
import sys

keras_src, runtime, model_dir = sys.argv[1:4]
json_out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [runtime, keras_src]
import torch113_compat  # noqa: F401  (before keras)
import keras
import numpy as np

TOLERANCE = 1e-5


def check(path):
    name = os.path.splitext(os.path.basename(path))[0]
    arrays = np.load(os.path.join(model_dir, name + ".npz"))
    keras.backend.clear_session()
    model = keras.models.load_model(path)
    probes = [arrays[f"probe_{i}"] for i in range(len([k for k in arrays.files if k.startswith("probe_")]))]
    expected = [arrays[f"predict_{i}"] for i in range(len([k for k in arrays.files if k.startswith("predict_")]))]
    weights = [arrays[f"w_{i}"] for i in range(len([k for k in arrays.files if k.startswith("w_")]))]
    result = dict(name=name, class_name=model.__class__.__name__, compiled=bool(model.compiled))
    ours = model.get_weights()
    result["weights_equal"] = len(ours) == len(weights) and all(
        a.shape == b.shape and np.array_equal(a, b) for a, b in zip(ours, weights))
    slots = [arrays[f"o_{i}"] for i in range(len([k for k in arrays.files if k.startswith("o_")]))]
    theirs = [np.asarray(v.numpy()) for v in model.optimizer.variables]
    result["optimizer_variables_equal"] = len(theirs) == len(slots) and all(
        a.shape == b.shape and np.array_equal(a.astype(np.float64), b.astype(np.float64)) for a, b in zip(theirs, slots))
    result["optimizer_iterations"] = int(model.optimizer.iterations.numpy()) if model.optimizer is not None else None
    result["iterations_equal"] = result["optimizer_iterations"] == int(arrays["iterations"])
    predicted = model.predict(probes if len(probes) > 1 else probes[0], verbose=0)
    predicted = predicted if isinstance(predicted, (list, tuple)) else [predicted]
    result["max_abs_diff"] = max(float(np.max(np.abs(np.asarray(p) - e))) for p, e in zip(predicted, expected))
    result["ok"] = (len(predicted) == len(expected) and result["max_abs_diff"] <= TOLERANCE
                    and result["weights_equal"] and result["iterations_equal"] and result["optimizer_variables_equal"])
    return result


def main():
    results = []
    for path in sorted(glob.glob(os.path.join(model_dir, "*.keras"))):
        try:
            results.append(check(path))
        except Exception as e:  # noqa: BLE001  (reported per model)
            results.append(dict(name=os.path.basename(path), ok=False, error=f"{type(e).__name__}: {e}"))
    for r in results:
        print(json.dumps(r))
    if json_out:
        with open(json_out, "w") as f:
            json.dump(dict(keras_version=keras.__version__, tolerance=TOLERANCE, results=results), f, indent=1)
            f.write("\n")
    print(f"{sum(r['ok'] for r in results)}/{len(results)} models load in Keras {keras.__version__} as KerasPort wrote them")
    sys.exit(0 if results and all(r["ok"] for r in results) else 1)


main()
