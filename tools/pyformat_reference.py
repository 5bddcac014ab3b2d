#!/usr/bin/python3
"""Records Python's own formatting of numbers, for tests/fixtures/pyformat.json.

Keras prints logs with f"{v:.4f}" / f"{v:.4e}" and names checkpoints with str.format
("{epoch:02d}-{val_loss:.2f}"); the C# port (Utils/PythonFormat.Spec.cs) must give the same text.
Values include exact binary ties (0.125, 2.5), values near ties, subnormals, large and tiny numbers.

Usage: /usr/bin/python3 tools/pyformat_reference.py > tests/fixtures/pyformat.json
"""
import json, math, random, struct, sys

rng = random.Random(20261128)
values = [0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 0.03125, 0.00125, 1e-3, 0.0010000001, 9.99995, 0.99995,
          123456.789, 1e16, 1e15, 1e-4, 1e-5, 5e-324, 1.7976931348623157e308, 0.1, 0.2, 0.3, 1 / 3, 2 / 3,
          0.6931471805599453, 12345.678901, -2e-4, -0.5, 100.0, 1e22, 0.000123456, 1234567.0, 0.69315]
values += [rng.uniform(-2, 2) for _ in range(40)]
values += [10 ** rng.uniform(-12, 20) * rng.choice([-1, 1]) for _ in range(40)]
values += [struct.unpack("<f", struct.pack("<f", rng.uniform(0, 1)))[0] for _ in range(20)]  # float32 values
values += [round(rng.uniform(0, 10), 3) + 0.0005 for _ in range(20)]  # near 3-decimal ties
specs = [".4f", ".4e", ".0f", ".2f", ".5f", ".1e", ".0e", "", ".3g", "g", ".10g", ".3", "08.3f", "+.2f", " .1f",
         ">10.2f", "<10.2f", "^11.3f", ",.2f", "e", "f", ".2%", "G", "E", "_.1f", "*^12.2e", "012.4e"]
floats = [{"value": v, "spec": s, "text": format(v, s)} for v in values for s in specs]
ints = [{"value": n, "spec": s, "text": format(n, s)} for n in [0, 1, 7, 12, 99, 100, 12345, -3, 1234567]
        for s in ["", "d", "02d", "03d", "5d", "<5d", ",d", "+d", ".2f", "e", "x"] if s != "x"]
templates = [
    ("weights.{epoch:02d}-{val_loss:.2f}.weights.h5", {"epoch": 3, "val_loss": 0.123456}),
    ("ckpt_{epoch}_{loss}.weights.h5", {"epoch": 12, "loss": 0.1}),
    ("{{literal}}_{epoch:03d}_{accuracy:.4f}", {"epoch": 7, "accuracy": 0.87655}),
    ("model-{epoch:02d}-{batch:04d}-{loss:.3e}.keras", {"epoch": 1, "batch": 25, "loss": 0.000123456}),
    ("run/{val_accuracy:.1%}/e{epoch}", {"epoch": 2, "val_accuracy": 0.815}),
    ("{loss!r}-{epoch!s}", {"epoch": 2, "loss": 0.5}),
    ("{loss:>8.3f}|{epoch:<4d}|", {"epoch": 2, "loss": 1.5}),
    ("{loss}", {"loss": 1e-05}),
    ("{loss}", {"loss": float("nan")}),
]
formats = [{"template": t, "values": v, "text": t.format(**v)} for t, v in templates]
missing = {"template": "w.{epoch:02d}-{val_acc:.2f}.weights.h5", "values": {"epoch": 1, "loss": 0.5}}
try:
    missing["template"].format(**missing["values"])
except KeyError as e:
    missing["key_error"] = str(e)

def enc(x):
    if isinstance(x, float) and not math.isfinite(x):
        return "NaN" if x != x else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, dict): return {k: enc(v) for k, v in x.items()}
    return x

json.dump({"python": sys.version.split()[0], "how": __doc__.strip(),
           "float_value_encoding": "float values are the exact doubles as JSON numbers (repr); NaN as a string",
           "floats": floats, "ints": ints, "templates": [enc(f) for f in formats], "missing_key": missing},
          sys.stdout, indent=0)
print()
