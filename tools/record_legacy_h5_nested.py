#!/usr/bin/python3
"""Records legacy HDF5 files of nested models for tests/fixtures/legacy_h5 with real Keras 3.15.1 (tag v3.15.1)
on its torch backend (Debian's python3-torch 1.13.1 with the project's torch113_compat shim, h5py from Debian).

nested.h5 / nested.npz: a Functional model holding a Sequential (Dense, BatchNormalization) and a Functional
(Dense, residual add) as layers, trained two epochs on seeded random data with Adam, then written with
model.save (Keras 3's legacy whole-model layout: a nested model's weights under the nested model's group, named
by variable path). The npz holds probe (float32) and Keras's predict(probe). The script reloads the .h5 with
Keras and checks that it predicts the npz.

Usage: /usr/bin/python3 tools/record_legacy_h5_nested.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR OUT_DIR
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
runtime, source, out_dir = sys.argv[1:4]
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: E402,F401  (before keras)
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
assert keras.__version__ == "3.15.1", keras.__version__
os.makedirs(out_dir, exist_ok=True)


def nested_model():
    block = keras.Sequential([
        keras.layers.Input((3,)),
        keras.layers.Dense(4, activation="relu", name="dense"),
        keras.layers.BatchNormalization(moving_mean_initializer="uniform", gamma_initializer="uniform", name="batch_normalization"),
    ], name="block")
    inner_inputs = keras.Input((4,), name="inner_input")
    inner_x = keras.layers.Dense(4, activation="tanh", name="inner_dense")(inner_inputs)
    inner = keras.Model(inner_inputs, keras.layers.add([inner_x, inner_inputs], name="inner_add"), name="inner")
    inputs = keras.Input((3,), name="input_layer")
    x = inner(block(inputs))
    outputs = keras.layers.Dense(5, activation="softmax", name="head")(x)
    return keras.Model(inputs, outputs, name="outer")


keras.utils.set_random_seed(1304)
model = nested_model()
x = np.random.random((8, 3)).astype("float32")
y = np.random.randint(0, 5, size=(8,))
model.compile(optimizer=keras.optimizers.Adam(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=2, epochs=2, verbose=0)
probe = np.random.random((2, 3)).astype("float32")
expected = model.predict(probe, verbose=0)
path = os.path.join(out_dir, "nested.h5")
model.save(path)
np.savez(os.path.join(out_dir, "nested.npz"), probe=probe, predict=expected)
loaded = keras.models.load_model(path)
diff = float(np.max(np.abs(loaded.predict(probe, verbose=0) - expected)))
assert diff <= 1e-6 and loaded.compiled, diff
print(f"Keras 3.15.1 reloads nested.h5: max |diff| {diff:.2e}; written to {out_dir}")
