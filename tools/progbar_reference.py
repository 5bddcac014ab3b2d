#!/usr/bin/python3
"""Records what Keras 3's ProgbarLogger prints, for tests/fixtures/progbar/progbar_logger.json.

Runs the unmodified keras/src/callbacks/progbar_logger.py and keras/src/utils/progbar.py from the
keras mirror; only their imports are stubbed (keras_export, Callback base, io_utils.print_msg
writing to a buffer) and the clock is a value the scenario sets. Each scenario is a list of
events that the C# test replays in the same order.

Usage: /usr/bin/python3 tools/progbar_reference.py KERAS_GIT_DIR [REF] > tests/fixtures/progbar/progbar_logger.json
  (KERAS_GIT_DIR: a git directory of keras-team/keras; REF: the commit read, default v3.15.1)
"""
import io, json, math, subprocess, sys, types

KERAS = sys.argv[1]
REF = sys.argv[2] if len(sys.argv) > 2 else "v3.15.1"

def source(path):
    return subprocess.check_output(["git", "--git-dir", KERAS, "show", REF + ":" + path], text=True)

commit = subprocess.check_output(["git", "--git-dir", KERAS, "rev-parse", REF + "^{commit}"], text=True).strip()
out = io.StringIO()
clock = {"t": 0.0}

def print_msg(message, line_break=True):
    out.write(f"{message}\n" if line_break else message)

def module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m

class Callback:
    def __init__(self):
        self.params = None
        self.model = None

    def on_train_end(self, logs=None):  # the real base class's no-op
        pass

module("keras"); module("keras.src"); module("keras.src.utils"); module("keras.src.callbacks")
module("keras.src.api_export", keras_export=lambda *a, **k: (lambda f: f))
module("keras.src.utils.io_utils", print_msg=print_msg)
module("keras.src.callbacks.callback", Callback=Callback)
sys.modules["keras.src.utils"].io_utils = sys.modules["keras.src.utils.io_utils"]
fake_time = types.SimpleNamespace(time=lambda: clock["t"])

progbar = module("keras.src.utils.progbar")
exec(compile(source("keras/src/utils/progbar.py"), "progbar.py", "exec"), progbar.__dict__)
progbar.time = fake_time   # the clock, nothing else
logger = module("keras.src.callbacks.progbar_logger")
exec(compile(source("keras/src/callbacks/progbar_logger.py"), "progbar_logger.py", "exec"), logger.__dict__)
assert progbar.Progbar(1)._dynamic_display  # "posix" in sys.modules: Keras redraws in place on Linux

def fit(verbose, epochs, steps, step_seconds, logs_of, val=True, steps_seen=None):
    ev = [["set_params", {"verbose": verbose, "epochs": epochs, "steps": steps}], ["time", 0.0], ["new"], ["on_train_begin"]]
    t = 0.0
    for epoch in range(epochs):
        ev.append(["on_epoch_begin", epoch])
        n = steps if steps is not None else steps_seen
        for b in range(n):
            t += step_seconds(epoch, b)
            ev += [["time", round(t, 6)], ["on_train_batch_end", b, logs_of(epoch, b)]]
        logs = dict(logs_of(epoch, n - 1))
        if val:
            ev += [["on_test_begin"], ["on_test_batch_end", 0, {"loss": 9.0}], ["on_test_end", {"loss": 9.0}]]
            logs.update({"val_" + k: v * 1.1 for k, v in logs.items()})
        t += 0.5
        ev += [["time", round(t, 6)], ["on_epoch_end", epoch, logs]]
    ev.append(["on_train_end"])
    return ev

def logs(epoch, b):
    return {"loss": 0.6931 / (1 + epoch + 0.1 * b), "accuracy": 0.5 + 0.01 * b + 0.1 * epoch}

scenarios = {
    "fit_verbose1": fit(1, 2, 4, lambda e, b: 0.12, logs),
    "fit_verbose_auto": fit("auto", 2, 3, lambda e, b: 0.25, logs),
    "fit_verbose2": fit(2, 3, 4, lambda e, b: 0.012, logs),
    "fit_verbose0": fit(0, 2, 3, lambda e, b: 0.1, logs),
    "fit_one_epoch_no_header": fit(1, 1, 5, lambda e, b: 0.3, logs, val=False),
    "fit_throttled_updates": fit(1, 1, 30, lambda e, b: 0.004, logs, val=False),
    "fit_unknown_steps": fit(1, 2, None, lambda e, b: 0.2, logs, steps_seen=3),
    "fit_slow_eta_minutes_and_hours": fit(1, 1, 120, lambda e, b: 40.0 if b else 1.0, logs, val=False),
    "fit_small_negative_nan_inf": fit(1, 1, 2, lambda e, b: 1.5, lambda e, b: {
        "loss": 1.234e-05, "delta": -0.5, "tiny_negative": -2e-4, "zero": 0.0, "nan": float("nan"),
        "inf": float("inf"), "big": 12345.678901, "half": 0.00125}, val=False),
    "fit_verbose2_small_negative_nan": fit(2, 1, 2, lambda e, b: 2.0, lambda e, b: {
        "loss": 1.234e-05, "delta": -0.5, "nan": float("nan"), "big": 12345.678901}, val=False),
    "fit_shrinking_line": fit(1, 1, 3, lambda e, b: 0.5, lambda e, b: {"loss": 0.5} if b else {"loss": 0.5, "a_very_long_metric_name": 0.25}, val=False),
    "fit_microseconds_and_seconds": fit(1, 2, 2, lambda e, b: 0.0000004 if e == 0 else 3.5, logs, val=False),
    "fit_not_dynamic": [["new", {"dynamic_display": False}] if e[0] == "new" else e for e in fit(1, 2, 3, lambda e, b: 0.1, logs)],
    "evaluate": [["set_params", {"verbose": 1, "epochs": 1, "steps": 3}], ["time", 0.0], ["new"], ["on_test_begin"],
                 ["time", 0.1], ["on_test_batch_end", 0, {"loss": 0.5}], ["time", 0.2], ["on_test_batch_end", 1, {"loss": 0.45}],
                 ["time", 0.3], ["on_test_batch_end", 2, {"loss": 0.4}], ["time", 0.31], ["on_test_end", {"loss": 0.4, "accuracy": 0.75}]],
    "predict": [["set_params", {"verbose": 1, "epochs": 1, "steps": 2}], ["time", 0.0], ["new"], ["on_predict_begin"],
                ["time", 0.1], ["on_predict_batch_end", 0, {"outputs": 1.0}], ["time", 0.2], ["on_predict_batch_end", 1, {"outputs": 1.0}],
                ["on_predict_end"]],
}

def run(events):
    out.seek(0); out.truncate()
    cb = None
    params = None
    for e in events:
        kind = e[0]
        if kind == "time": clock["t"] = e[1]
        elif kind == "set_params": params = e[1]
        elif kind == "new":
            # ["new", {"dynamic_display": false}]: Keras's choice on Windows with stdout redirected.
            dynamic = (e[1] if len(e) > 1 else {}).get("dynamic_display", True)
            class Bar(progbar.Progbar):
                def __init__(self, *a, **k):
                    super().__init__(*a, **k)
                    self._dynamic_display = dynamic
            logger.Progbar = Bar
            cb = logger.ProgbarLogger(); cb.set_params(params)
        else:
            getattr(cb, kind)(*e[1:])
    return out.getvalue()

def encode(x):
    if isinstance(x, float) and not math.isfinite(x):
        return "NaN" if x != x else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, dict): return {k: encode(v) for k, v in x.items()}
    if isinstance(x, list): return [encode(v) for v in x]
    return x

cases = [{"name": n, "events": encode(ev), "output": run(ev)} for n, ev in scenarios.items()]
json.dump({"source": {"repo": "keras-team/keras (git mirror)", "commit": commit,
                      "files": ["keras/src/callbacks/progbar_logger.py", "keras/src/utils/progbar.py"]},
           "how": __doc__.strip(), "float_encoding": "NaN / Infinity / -Infinity as strings",
           "cases": cases}, sys.stdout, indent=1, ensure_ascii=False)
print()
