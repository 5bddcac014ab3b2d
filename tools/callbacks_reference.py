#!/usr/bin/python3
"""Records what Keras 3's ReduceLROnPlateau, ModelCheckpoint and CSVLogger do, for
tests/fixtures/callbacks/callbacks.json.

The unmodified keras/src/callbacks/{callback,monitor_callback,reduce_lr_on_plateau,
model_checkpoint,csv_logger}.py of the keras mirror are exec'd; only their imports are stubbed:
keras_export (identity), backend.backend() ("numpy"), backend.convert_to_numpy (np.asarray),
backend.is_tensor (False), utils.default, io_utils.print_msg (recorded), file_utils (real os
calls), ops.less/greater (numpy on float32, as the torch backend compares Python floats),
compile_utils (empty). The model is a fake compiled with
metrics accuracy (direction up) and mae (down), whose optimizer keeps its learning rate in float32
and whose save_weights records the path. Each case's events are replayed by the C# tests.

Usage: /usr/bin/python3 tools/callbacks_reference.py KERAS_GIT_DIR [REF] > tests/fixtures/callbacks/callbacks.json
  (KERAS_GIT_DIR: a git directory of keras-team/keras; REF: the commit read, default v3.15.1)
"""
import io, json, math, os, shutil, subprocess, sys, tempfile, types, warnings
import numpy as np

KERAS = sys.argv[1]
REF = sys.argv[2] if len(sys.argv) > 2 else "v3.15.1"
commit = subprocess.check_output(["git", "--git-dir", KERAS, "rev-parse", REF + "^{commit}"], text=True).strip()
def source(path):
    return subprocess.check_output(["git", "--git-dir", KERAS, "show", REF + ":" + path], text=True)

messages = []
def module(name, **attrs):
    m = types.ModuleType(name); m.__dict__.update(attrs); sys.modules[name] = m; return m
def default(method):
    method._is_default = True
    return method
for pkg in ["keras", "keras.src", "keras.src.callbacks", "keras.src.trainers"]: module(pkg)
backend = module("keras.src.backend", backend=lambda: "numpy", convert_to_numpy=np.asarray, is_tensor=lambda x: False)
utils = module("keras.src.utils", default=default)
module("keras.src.api_export", keras_export=lambda *a, **k: (lambda f: f))
io_utils = module("keras.src.utils.io_utils", print_msg=lambda m, line_break=True: messages.append(str(m)))
file_utils = module("keras.src.utils.file_utils", path_to_string=str, exists=os.path.exists, makedirs=os.makedirs, File=open)
utils.io_utils = io_utils; utils.file_utils = file_utils
ops = module("keras.src.ops", less=lambda a, b: np.less(np.float32(a), np.float32(b)),
             greater=lambda a, b: np.greater(np.float32(a), np.float32(b)))
class CompileMetrics: pass
class MetricsList: pass
compile_utils = module("keras.src.trainers.compile_utils", CompileMetrics=CompileMetrics, MetricsList=MetricsList)
sys.modules["keras.src"].backend = backend; sys.modules["keras.src"].utils = utils; sys.modules["keras.src"].ops = ops
sys.modules["keras.src.trainers"].compile_utils = compile_utils

def load(name):
    m = module(f"keras.src.callbacks.{name}")
    exec(compile(source(f"keras/src/callbacks/{name}.py"), f"{name}.py", "exec"), m.__dict__)
    setattr(sys.modules["keras.src.callbacks"], name, m)
    return m
callback = load("callback"); monitor_callback = load("monitor_callback")
reduce_lr = load("reduce_lr_on_plateau"); model_checkpoint = load("model_checkpoint"); csv_logger = load("csv_logger")

class Optimizer:
    def __init__(self, lr): self._lr = np.float32(lr)
    @property
    def learning_rate(self): return self._lr
    @learning_rate.setter
    def learning_rate(self, v): self._lr = np.float32(v)

class Model:
    def __init__(self, lr):
        self.optimizer = Optimizer(lr); self.stop_training = False; self.saved = []
        # As a model compiled with metrics=["accuracy", "mae"]: Keras reads their _direction in "auto" mode.
        compiled = CompileMetrics()
        compiled.metrics = [types.SimpleNamespace(name="accuracy", _direction="up"), types.SimpleNamespace(name="mae", _direction="down")]
        self.metrics = [types.SimpleNamespace(name="loss"), compiled]
    def save_weights(self, path, overwrite=True): self.saved.append(path)

def enc(x):
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if not math.isfinite(x): return "NaN" if x != x else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, dict): return {k: enc(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)): return [enc(v) for v in x]
    return x

def run_reduce_lr(params, lr, history):
    messages.clear()
    model = Model(lr)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        cb = reduce_lr.ReduceLROnPlateau(**params); cb.set_model(model); cb.on_train_begin()
        trace = []
        for epoch, logs in enumerate(history):
            logs = dict(logs)
            cb.on_epoch_begin(epoch); cb.on_epoch_end(epoch, logs)
            trace.append({"epoch": epoch, "learning_rate": float(model.optimizer.learning_rate), "wait": cb.wait,
                          "cooldown_counter": cb.cooldown_counter, "best": cb.best, "logs_after": logs})
    return {"trace": trace, "messages": list(messages), "warnings": [str(x.message) for x in w]}

def run_checkpoint(params, epochs, directory):
    """epochs: list of {"batches": [logs...], "logs": {...}}."""
    messages.clear()
    model = Model(0.01)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            cb = model_checkpoint.ModelCheckpoint(**params)
        except Exception as e:
            return {"constructor_error": {"type": type(e).__name__, "message": str(e).replace(directory, "DIR")}}
        cb.set_model(model); cb.on_train_begin()
        saved_per_event, error = [], None
        try:
            for epoch, ep in enumerate(epochs):
                cb.on_epoch_begin(epoch)
                for b, logs in enumerate(ep.get("batches", [])):
                    cb.on_train_batch_end(b, dict(logs)); saved_per_event.append(list(model.saved))
                cb.on_epoch_end(epoch, dict(ep["logs"])); saved_per_event.append(list(model.saved))
        except KeyError as e:
            error = {"type": "KeyError", "message": e.args[0].replace(directory, "DIR")}
    rel = lambda p: os.path.relpath(p, directory)
    return {"saved": [rel(p) for p in model.saved], "best": cb.best, "error": error,
            "messages": [m.replace(directory, "DIR") for m in messages], "warnings": [str(x.message) for x in w]}

def run_csv(params, fits, directory):
    path = os.path.join(directory, "log.csv")
    for history in fits:
        cb = csv_logger.CSVLogger(path, **params); cb.on_train_begin()
        for epoch, logs in enumerate(history): cb.on_epoch_end(epoch, dict(logs))
        cb.on_train_end()
    with open(path, "rb") as f: return {"file_text": f.read().decode("utf-8")}

plateau = [{"loss": 1.0 - 0.01 * i, "val_loss": v} for i, v in enumerate(
    [1.0, 0.9, 0.85, 0.86, 0.85, 0.87, 0.849, 0.8499, 0.84, 0.9, 0.91, 0.92, 0.93, 0.5, 0.6, 0.7, 0.8])]
acc = [{"loss": 0.5, "val_accuracy": v} for v in [0.5, 0.6, 0.6, 0.6001, 0.65, 0.64, 0.63, 0.66, 0.66, 0.66]]
cases = []
def add(kind, name, **kw): cases.append({"kind": kind, "name": name, **kw})

for name, params, lr, hist in [
    ("reduce_plateau_cooldown_min_lr", {"factor": 0.5, "patience": 2, "cooldown": 1, "min_lr": 0.02, "verbose": 1}, 0.1, plateau),
    ("reduce_defaults_long_plateau", {}, 0.001, [{"val_loss": 1.0}] * 25),
    ("reduce_max_accuracy_min_delta", {"monitor": "val_accuracy", "factor": 0.2, "patience": 1, "min_delta": 0.005, "verbose": 1}, 0.01, acc),
    ("reduce_auto_accuracy_is_max", {"monitor": "val_accuracy", "factor": 0.5, "patience": 1, "min_delta": 0}, 0.01, acc),
    ("reduce_min_mode_negative_delta", {"mode": "min", "min_delta": -0.05, "patience": 0, "factor": 0.5, "verbose": 1}, 1.0, plateau),
    ("reduce_missing_monitor", {"monitor": "val_loss", "patience": 0}, 0.1, [{"loss": 1.0}, {"loss": 0.9}]),
    ("reduce_zero_factor_and_min_lr_floor", {"factor": 0.0, "patience": 0, "min_lr": 0.001, "verbose": 1}, 0.01, [{"val_loss": 1.0}] * 4),
    ("reduce_nan_first", {"patience": 1, "factor": 0.5, "verbose": 1}, 0.1, [{"val_loss": float("nan")}, {"val_loss": 0.5}, {"val_loss": 0.4}, {"val_loss": 0.3}]),
]:
    add("ReduceLROnPlateau", name, params=params, learning_rate=lr, history=hist, expected=run_reduce_lr(params, lr, hist))
for name, params in [("reduce_factor_one", {"factor": 1.0}), ("reduce_factor_two", {"factor": 2.0})]:
    try:
        reduce_lr.ReduceLROnPlateau(**params); err = None
    except ValueError as e:
        err = str(e)
    add("ReduceLROnPlateau", name, params=params, learning_rate=0.1, history=[], expected={"constructor_error": {"type": "ValueError", "message": err}})

vals = [0.9, 0.7, 0.75, 0.6, 0.6, 0.65]
def epochs_of(values, key="val_loss", batches=0):
    return [{"batches": [{"loss": 1.0 / (1 + e + b)} for b in range(batches)], "logs": {"loss": 1.0 / (1 + e), key: v}}
            for e, v in enumerate(values)]
with tempfile.TemporaryDirectory() as d:
    D = lambda rel: os.path.join(d, rel)
    for name, params, eps in [
        ("checkpoint_best_only_verbose", {"filepath": "ckpt/w.{epoch:02d}-{val_loss:.2f}.weights.h5", "save_best_only": True, "save_weights_only": True, "verbose": 1}, epochs_of(vals)),
        ("checkpoint_every_epoch", {"filepath": "w-{epoch}-{loss:.4e}.weights.h5", "save_weights_only": True, "verbose": 1}, epochs_of(vals[:3])),
        ("checkpoint_save_freq_batches", {"filepath": "b/e{epoch:02d}-b{batch:03d}.weights.h5", "save_weights_only": True, "save_freq": 3}, epochs_of(vals[:3], batches=4)),
        ("checkpoint_threshold_max", {"filepath": "best.weights.h5", "monitor": "val_accuracy", "mode": "max", "save_best_only": True, "save_weights_only": True, "initial_value_threshold": 0.62, "verbose": 1}, epochs_of([0.5, 0.61, 0.63, 0.62, 0.7], key="val_accuracy")),
        ("checkpoint_auto_accuracy", {"filepath": "acc.weights.h5", "monitor": "accuracy", "save_best_only": True, "save_weights_only": True}, epochs_of([0.5, 0.4, 0.6], key="accuracy")),
        ("checkpoint_missing_monitor", {"filepath": "m.weights.h5", "monitor": "val_auc", "mode": "max", "save_best_only": True, "save_weights_only": True}, epochs_of(vals[:2])),
        ("checkpoint_missing_format_key", {"filepath": "w.{epoch:02d}-{val_acc:.2f}.weights.h5", "save_weights_only": True}, epochs_of(vals[:2])),
        ("checkpoint_weights_only_needs_extension", {"filepath": "w.h5", "save_weights_only": True}, []),
        ("checkpoint_model_needs_extension", {"filepath": "w.txt"}, []),
        ("checkpoint_bad_save_freq", {"filepath": "w.weights.h5", "save_weights_only": True, "save_freq": "batch"}, []),
    ]:
        p = dict(params); p["filepath"] = D(p["filepath"])
        add("ModelCheckpoint", name, params=params, epochs=eps, expected=run_checkpoint(p, eps, d))

with tempfile.TemporaryDirectory() as d:
    h_val = [{"loss": 0.6931471805599453, "accuracy": 0.5, "val_loss": 0.7, "val_accuracy": 0.25},
             {"loss": 0.1 + 0.2, "accuracy": 0.75, "val_loss": 0.5, "val_accuracy": 1 / 3}]
    h_noval = [{"loss": 1e-05, "mae": 12345678912345.0}, {"loss": float("nan"), "mae": float("inf")}]
    h_missing = [{"b": 1.0, "a": 2.0, "val_a": 3.0}, {"a": 4.0}]
    for name, params, fits in [
        ("csv_with_val_keys", {}, [h_val]),
        ("csv_without_val_keys_adds_them", {}, [h_noval]),
        ("csv_missing_keys_are_NA", {}, [h_missing]),
        ("csv_semicolon_and_quoting", {"separator": ";"}, [[{"x;y": 1.0, "q\"uote": 2.0, "val_z": 0.5}]]),
        ("csv_append_twice", {"append": True}, [h_val, h_val]),
        ("csv_overwrite_twice", {}, [h_val, h_noval]),
    ]:
        path = os.path.join(d, "log.csv")
        if os.path.exists(path): os.remove(path)
        add("CSVLogger", name, params=params, fits=fits, expected=run_csv(params, fits, d))

json.dump({"source": {"repo": "keras-team/keras (git mirror)", "commit": commit, "numpy": np.__version__},
           "how": __doc__.strip(), "float_encoding": "NaN / Infinity as strings", "cases": enc(cases)},
          sys.stdout, indent=1, ensure_ascii=False)
print()
