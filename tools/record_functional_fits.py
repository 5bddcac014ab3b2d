"""Records small fit runs of Functional and nested models with real Keras, for KerasPort's tests.

Pinned: Keras 3.15.1 (tag v3.15.1) on the torch backend, Debian's python3-torch 1.13.1 with the
shims of keras-runtime (run with /usr/bin/python3). Usage:

    /usr/bin/python3 tools/record_functional_fits.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR OUT_DIR

Every case names every layer and the model, sets explicit initial weights (drawn here with
numpy from a fixed seed and saved), trains without shuffling and without Dropout, so that no
number depends on Keras's random streams. Per case OUT_DIR gets <case>.npz (x_i, y_i inputs and
targets, w_i initial weights, f_i final weights, p_i predictions after fit) and <case>.json
(history, evaluate, metric names, summary text at line_length 76; rich cuts wider
tables at its 80-column capture console, so wider summaries are not recorded).
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
runtime, source, out = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: E402,F401  (before keras)
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

os.makedirs(out, exist_ok=True)
rng = np.random.RandomState(1234)


def data(*shapes):
    return [rng.uniform(-1, 1, size=s).astype("float32") for s in shapes]


def init_weights(model):
    weights = [rng.uniform(-0.5, 0.5, size=w.shape).astype("float32") for w in model.get_weights()]
    model.set_weights(weights)
    return weights


def summary(model, line_length):
    lines = []
    model.summary(line_length=line_length, print_fn=lambda s, line_break=True: lines.append(s))
    return "\n".join(lines)


def record(name, model, x, y, compile_args, fit_args):
    weights = init_weights(model)
    model.compile(**compile_args)
    history = model.fit(x, y, shuffle=False, verbose=0, **fit_args)
    evaluation = model.evaluate(x, y, verbose=0, batch_size=fit_args.get("batch_size"))
    predictions = model.predict(x, verbose=0, batch_size=fit_args.get("batch_size"))
    xs = x if isinstance(x, list) else [x]
    ys = y if isinstance(y, list) else [y]
    ps = predictions if isinstance(predictions, list) else [predictions]
    arrays = {}
    arrays.update({f"x_{i}": v for i, v in enumerate(xs)})
    arrays.update({f"y_{i}": v for i, v in enumerate(ys)})
    arrays.update({f"w_{i}": v for i, v in enumerate(weights)})
    arrays.update({f"f_{i}": v for i, v in enumerate(model.get_weights())})
    arrays.update({f"p_{i}": np.asarray(v) for i, v in enumerate(ps)})
    np.savez(os.path.join(out, f"{name}.npz"), **arrays)
    record = {
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "evaluate": [float(v) for v in (evaluation if isinstance(evaluation, list) else [evaluation])],
        "metrics_names": list(model.metrics_names),
        "summary_76": summary(model, 76),
    }
    with open(os.path.join(out, f"{name}.json"), "w") as f:
        json.dump(record, f, indent=1)


# 1. A residual block: add([h, shortcut]).
inputs = keras.Input(shape=(6,), name="features")
h = layers.Dense(8, activation="relu", name="hidden")(inputs)
h = layers.Dense(6, name="project")(h)
x = layers.add([h, inputs], name="residual")
outputs = layers.Dense(1, name="head")(x)
model = keras.Model(inputs, outputs, name="residual_model")
x_, y_ = data((40, 6), (40, 1))
record("residual", model, x_, y_, dict(optimizer=keras.optimizers.Adam(0.01), loss="mse", metrics=["mae"]),
       dict(epochs=4, batch_size=16))

# 2. Two inputs joined by a Concatenate, a sigmoid head.
a = keras.Input(shape=(5,), name="left")
b = keras.Input(shape=(3,), name="right")
ha = layers.Dense(4, activation="tanh", name="left_dense")(a)
hb = layers.Dense(4, activation="relu", name="right_dense")(b)
merged = layers.Concatenate(name="joined")([ha, hb])
score = layers.Dense(1, activation="sigmoid", name="score")(merged)
model = keras.Model([a, b], score, name="two_inputs_model")
xa, xb = data((36, 5), (36, 3))
yb = (rng.uniform(size=(36, 1)) > 0.5).astype("float32")
record("two_inputs", model, [xa, xb], yb,
       dict(optimizer=keras.optimizers.SGD(0.1), loss="binary_crossentropy", metrics=["accuracy"]),
       dict(epochs=3, batch_size=10))

# 3. A Sequential used as a layer of a Functional model.
block = keras.Sequential([layers.Dense(8, activation="relu", name="block_dense_1"),
                          layers.Dense(4, name="block_dense_2")], name="block")
inputs = keras.Input(shape=(5,), name="seq_input")
x = block(inputs)
outputs = layers.Dense(1, name="seq_head")(x)
model = keras.Model(inputs, outputs, name="nested_sequential_model")
xs_, ys_ = data((30, 5), (30, 1))
record("nested_sequential", model, xs_, ys_, dict(optimizer=keras.optimizers.RMSprop(0.01), loss="mse"),
       dict(epochs=3, batch_size=8))

# 4. A Functional model used as a layer of a Sequential, softmax head, sparse labels.
inner_in = keras.Input(shape=(4,), name="inner_input")
inner_out = layers.Dense(6, activation="tanh", name="inner_dense")(inner_in)
inner = keras.Model(inner_in, inner_out, name="inner")
model = keras.Sequential([keras.Input(shape=(4,), name="outer_input"), inner,
                          layers.Dense(3, activation="softmax", name="classes")], name="model_as_layer")
xm = data((33, 4))[0]
ym = rng.randint(0, 3, size=(33,)).astype("float32")
record("model_as_layer", model, xm, ym,
       dict(optimizer=keras.optimizers.Adam(0.02), loss="sparse_categorical_crossentropy", metrics=["accuracy"]),
       dict(epochs=3, batch_size=12))

# 5. Two outputs: losses, weights and metrics by output name.
inputs = keras.Input(shape=(4,), name="shared_input")
trunk = layers.Dense(8, activation="relu", name="trunk")(inputs)
out_a = layers.Dense(1, name="a")(trunk)
out_b = layers.Dense(3, activation="softmax", name="b")(trunk)
model = keras.Model(inputs, [out_a, out_b], name="two_outputs_model")
xo = data((32, 4))[0]
ya = data((32, 1))[0]
yc = rng.randint(0, 3, size=(32,)).astype("float32")
record("two_outputs", model, xo, [ya, yc],
       dict(optimizer=keras.optimizers.Adam(0.01), loss={"a": "mse", "b": "sparse_categorical_crossentropy"},
            loss_weights={"a": 0.5, "b": 1.0}, metrics={"b": ["accuracy"]}),
       dict(epochs=3, batch_size=8))

# 6. A Sequential without an input shape, built by fit (constant initial weights, as none can be set before).
model = keras.Sequential([layers.Dense(4, activation="relu", kernel_initializer="ones", name="lazy_1"),
                          layers.Dense(1, kernel_initializer=keras.initializers.Constant(0.1), name="lazy_2")], name="lazy")
xl, yl = data((20, 3), (20, 1))
model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
history = model.fit(xl, yl, shuffle=False, verbose=0, epochs=2, batch_size=8)
history2 = model.fit(xl, yl, shuffle=False, verbose=0, epochs=2, batch_size=8)
np.savez(os.path.join(out, "lazy.npz"), x_0=xl, y_0=yl, **{f"f_{i}": w for i, w in enumerate(model.get_weights())})
with open(os.path.join(out, "lazy.json"), "w") as f:
    json.dump({"history": history.history, "history_second_fit": history2.history,
               "summary_76": summary(model, 76)}, f, indent=1)
print("recorded into", out)
