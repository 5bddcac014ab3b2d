#!/usr/bin/python3
"""Records legacy HDF5 files for tests/fixtures/legacy_h5 with real Keras 3.15.1 (tag v3.15.1) on its
torch backend (Debian's python3-torch 1.13.1 with the project's torch113_compat shim, h5py from Debian).

Models (those of keras/src/legacy/saving/legacy_h5_format_test.py), each trained two epochs on seeded
random data with Adam, then written:
  sequential.h5, functional.h5       model.save (legacy whole-model format, Keras 3 layout)
  *_weights.h5                       legacy_h5_format.save_weights_to_hdf5_group at the file's root:
                                     the layout of tf.keras 2's model.save_weights("w.h5")
  subclassed_weights.h5              the subclassed model (a top-level `bias` of its own)
  nested.h5                          model.save of a Functional model holding a Sequential (Dense,
                                     BatchNormalization) and a Functional (Dense, residual add) as layers:
                                     a nested model's weights lie under its group, named by variable path
                                     (and nested_keras2.h5, its tf.keras 2 layout: nested configs converted
                                     as the top level's, weights named by their layer "dense/kernel:0")
  graph.h5                           model.save of a two-input, two-output Functional model with a shared
                                     Dense (two nodes), a frozen nested Sequential, compiled with per-output
                                     loss, loss_weights and metrics dictionaries; graph.npz holds probe_0,
                                     probe_1, predict_0, predict_1; graph_resaved.h5 is Keras's
                                     load_model("graph.h5").save(...)
  *_keras2.h5                        the same model in tf.keras 2.x's layout, converted (see to_keras2)
  *.npz                              probe (float32) and Keras's predict(probe)

to_keras2 states exactly what it changes from the Keras 3 file (tf.keras cannot run here):
  model_config: no `module`/`registered_name` on nested objects; dtype policies -> "float32";
    InputLayer batch_shape -> batch_input_shape (without sparse/ragged/optional: Keras 2 wrote
    sparse and ragged, kept); the first layer after it also gets batch_input_shape (tf.keras 2
    recorded the input_shape argument); Sequential without build_input_shape (a graph network in
    tf.keras 2); initializer configs without input_axes/output_axes; Dense without
    quantization_config and with activity_regularizer; BatchNormalization axis as a one-item list,
    without synchronized/renorm keys; L2 factors rounded to float32 (tf.keras 2 kept them so);
    Functional: inbound nodes as [[layer, node_index, tensor_index, kwargs], ...], None kwargs
    dropped; output_layers as a list of lists.
  training_config: tf.keras 2.2's: loss, metrics ["accuracy"], weighted_metrics, loss_weights,
    sample_weight_mode, and OptimizerV2 Adam's config (name "Adam", decay 0.0).
  attributes: fixed-length byte strings (as h5py 2 wrote bytes), keras_version "2.9.0", backend
    "tensorflow"; weight names "layer/kernel:0"; no top_level_model_weights group;
    optimizer_weights as OptimizerV2 wrote them: Adam/iter:0 (int64), then every m, then every v
    ("Adam/dense/kernel/m:0"), so 1 + 2n variables where Keras 3 has 2 + 2n: Keras 3 warns
    and starts the optimizer afresh, and so must KerasPort.
The script then loads every written .h5 with Keras 3 itself and checks that it predicts the npz.

Usage: /usr/bin/python3 tools/record_legacy_h5.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR OUT_DIR
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
runtime, source, out_dir = sys.argv[1:4]
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: E402,F401  (before keras)
import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from keras.src.legacy.saving import legacy_h5_format  # noqa: E402

torch.set_num_threads(1)
assert keras.__version__ == "3.15.1", keras.__version__
os.makedirs(out_dir, exist_ok=True)


def sequential_model():
    return keras.Sequential([
        keras.layers.Input((3,), batch_size=2),
        keras.layers.Dense(4, activation="relu", kernel_regularizer=keras.regularizers.L2(0.01)),
        keras.layers.BatchNormalization(moving_mean_initializer="uniform", gamma_initializer="uniform"),
        keras.layers.Dense(5, activation="softmax"),
    ], name="sequential")


def functional_model():
    inputs = keras.Input((3,), batch_size=2, name="input_layer")
    x = keras.layers.Dense(4, activation="relu", name="dense")(inputs)
    residual = x
    x = keras.layers.BatchNormalization(moving_mean_initializer="uniform", gamma_initializer="uniform", name="batch_normalization")(x)
    x = keras.layers.Dense(4, activation="relu", name="dense_1")(x)
    x = keras.layers.add([x, residual], name="add")
    outputs = keras.layers.Dense(5, activation="softmax", name="dense_2")(x)
    return keras.Model(inputs, outputs, name="functional")


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
    outputs = keras.layers.Dense(5, activation="softmax", name="head")(inner(block(inputs)))
    return keras.Model(inputs, outputs, name="outer")


def graph_model():
    frozen = keras.Sequential([keras.layers.Input((3,)), keras.layers.Dense(4, name="f_dense"), keras.layers.BatchNormalization(name="f_bn")], name="frozen")
    frozen.trainable = False
    a, b = keras.Input((3,), name="a"), keras.Input((3,), name="b")
    shared = keras.layers.Dense(3, activation="relu", name="shared")
    x = keras.layers.concatenate([frozen(shared(a)), shared(b)], name="joined")
    cls = keras.layers.Dense(2, activation="softmax", name="cls")(x)
    reg = keras.layers.Dense(1, name="reg")(x)
    return keras.Model([a, b], [cls, reg], name="graph")


class MyModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense_1 = keras.layers.Dense(3, activation="relu")
        self.dense_2 = keras.layers.Dense(1, activation="sigmoid")
        self.bias = self.add_weight(name="bias", shape=[1], trainable=True, initializer="zeros")

    def call(self, x):
        return self.dense_2(self.dense_1(x)) + keras.ops.cast(self.bias, "float32")


def train(model, loss, classes, seed):
    keras.utils.set_random_seed(seed)
    x = np.random.random((8, 3)).astype("float32")
    y = np.random.randint(0, classes, size=(8,)) if classes > 1 else np.random.random((8, 1)).astype("float32")
    model.compile(optimizer=keras.optimizers.Adam(), loss=loss, metrics=["accuracy"] if classes > 1 else None)
    model.fit(x, y, batch_size=2, epochs=2, verbose=0)
    probe = np.random.random((2, 3)).astype("float32")
    return probe, model.predict(probe, verbose=0)


def write_weights_file(model, path):
    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)


def strip_objects(value):
    """Keras 3's nested objects as tf.keras 2 wrote them: {class_name, config}, float32 dtypes as strings."""
    if isinstance(value, dict):
        if value.get("class_name") == "DTypePolicy":
            return "float32"
        if "class_name" in value and "config" in value:
            config = {k: strip_objects(v) for k, v in value["config"].items() if k not in ("input_axes", "output_axes")}
            if value["class_name"] == "L2":
                config["l2"] = float(np.float32(config["l2"]))
            return {"class_name": value["class_name"], "config": config}
        return {k: strip_objects(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strip_objects(v) for v in value]
    return value


def keras2_layer(layer, first_shape):
    class_name, config = layer["class_name"], dict(layer["config"])
    if class_name in ("Sequential", "Functional"):
        config = to_keras2(layer)["config"]
    elif class_name == "InputLayer":
        config = {"batch_input_shape": config["batch_shape"], "dtype": "float32", "sparse": False, "ragged": False, "name": config["name"]}
    else:
        config = strip_objects(config)
        if first_shape is not None:
            config = {"batch_input_shape": first_shape, **config}
        if class_name == "Dense":
            config.pop("quantization_config", None)
            config.setdefault("activity_regularizer", None)
        if class_name == "BatchNormalization":
            config["axis"] = [config["axis"]]
            for key in ("synchronized", "renorm", "renorm_clipping", "renorm_momentum"):
                config.pop(key, None)
    result = {"class_name": class_name, "config": config}
    if "inbound_nodes" in layer:
        result["name"] = layer["name"]
        nodes = []
        for node in layer["inbound_nodes"]:
            args = node["args"][0]
            tensors = args if isinstance(args, list) else [args]
            kwargs = {k: v for k, v in node["kwargs"].items() if v is not None}
            nodes.append([[*t["config"]["keras_history"], kwargs] for t in tensors])
        result["inbound_nodes"] = nodes
    return result


def to_keras2(model_config):
    config = model_config["config"]
    layers = config["layers"]
    shape = layers[0]["config"]["batch_shape"] if layers and layers[0]["class_name"] == "InputLayer" else None
    converted = []
    for i, layer in enumerate(layers):
        converted.append(keras2_layer(layer, shape if i == 1 and model_config["class_name"] == "Sequential" else None))
    result = {"name": config["name"], "layers": converted}
    if model_config["class_name"] == "Functional":
        result["input_layers"] = config["input_layers"] if isinstance(config["input_layers"][0], list) else [config["input_layers"]]
        result["output_layers"] = config["output_layers"] if isinstance(config["output_layers"][0], list) else [config["output_layers"]]
    return {"class_name": model_config["class_name"], "config": result}


def write_keras2(model, keras3_path, path, loss):
    with h5py.File(keras3_path, "r") as k3:
        model_config = json.loads(k3.attrs["model_config"])
    training_config = {
        "loss": loss, "metrics": ["accuracy"], "weighted_metrics": None, "loss_weights": None, "sample_weight_mode": None,
        "optimizer_config": {"class_name": "Adam", "config": {"name": "Adam", "learning_rate": 0.001, "decay": 0.0,
                                                              "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": False}},
    }
    with h5py.File(path, "w") as f:
        # np.bytes_: fixed-length strings, as h5py 2 wrote tf.keras 2's bytes.
        f.attrs["keras_version"] = np.bytes_(b"2.9.0")
        f.attrs["backend"] = np.bytes_(b"tensorflow")
        f.attrs["model_config"] = np.bytes_(json.dumps(to_keras2(model_config)).encode("utf8"))
        f.attrs["training_config"] = np.bytes_(json.dumps(training_config).encode("utf8"))
        group = f.create_group("model_weights")
        group.attrs["layer_names"] = np.array([l.name.encode("utf8") for l in model.layers], dtype="S")
        group.attrs["backend"] = np.bytes_(b"tensorflow")
        group.attrs["keras_version"] = np.bytes_(b"2.9.0")
        names = {}
        for layer in model.layers:
            layer_group = group.create_group(layer.name)
            weights = layer.trainable_weights + layer.non_trainable_weights
            # A nested model's layers named their variables in tf.keras 2 ("dense/kernel:0"), not the model.
            weight_names = [f"{w.path.split('/')[-2]}/{w.name}:0" for w in weights]
            for w, n in zip(weights, weight_names):
                names[id(w)] = n
            layer_group.attrs["weight_names"] = np.array([n.encode("utf8") for n in weight_names], dtype="S")
            for n, w in zip(weight_names, weights):
                layer_group.create_dataset(n, data=keras.ops.convert_to_numpy(w))
        optimizer = model.optimizer
        trainable = model.trainable_variables
        opt = f.create_group("optimizer_weights")
        opt_names = ["Adam/iter:0"] + [f"Adam/{names[id(v)][:-2]}/m:0" for v in trainable] + [f"Adam/{names[id(v)][:-2]}/v:0" for v in trainable]
        values = [np.array(int(optimizer.iterations.numpy()), dtype="int64")]
        values += [keras.ops.convert_to_numpy(optimizer._momentums[i]) for i in range(len(trainable))]
        values += [keras.ops.convert_to_numpy(optimizer._velocities[i]) for i in range(len(trainable))]
        opt.attrs["weight_names"] = np.array([n.encode("utf8") for n in opt_names], dtype="S")
        for n, v in zip(opt_names, values):
            opt.create_dataset(n, data=v)


def check(path, probe, expected, compiled=True):
    loaded = keras.models.load_model(path)
    got = loaded.predict(probe, verbose=0)
    diff = float(np.max(np.abs(got - expected)))
    assert diff <= 1e-6, (path, diff)
    assert loaded.compiled == compiled, path
    print(f"Keras 3.15.1 reloads {os.path.basename(path)}: max |diff| {diff:.2e}")


for name, build, seed in [("sequential", sequential_model, 1301), ("functional", functional_model, 1302)]:
    model = build()
    probe, expected = train(model, "sparse_categorical_crossentropy", 5, seed)
    path = os.path.join(out_dir, f"{name}.h5")
    model.save(path)
    write_weights_file(model, os.path.join(out_dir, f"{name}_weights.h5"))
    write_keras2(model, path, os.path.join(out_dir, f"{name}_keras2.h5"), "sparse_categorical_crossentropy")
    np.savez(os.path.join(out_dir, f"{name}.npz"), probe=probe, predict=expected)
    check(path, probe, expected)
    check(os.path.join(out_dir, f"{name}_keras2.h5"), probe, expected)

nested = nested_model()
probe, expected = train(nested, "sparse_categorical_crossentropy", 5, 1304)
nested.save(os.path.join(out_dir, "nested.h5"))
np.savez(os.path.join(out_dir, "nested.npz"), probe=probe, predict=expected)
write_keras2(nested, os.path.join(out_dir, "nested.h5"), os.path.join(out_dir, "nested_keras2.h5"), "sparse_categorical_crossentropy")
check(os.path.join(out_dir, "nested.h5"), probe, expected)
check(os.path.join(out_dir, "nested_keras2.h5"), probe, expected)

keras.utils.set_random_seed(1305)
graph = graph_model()
# "mean_squared_error", not "mse": Keras 3.15.1's legacy loader cannot deserialize the alias "mse".
graph.compile(optimizer=keras.optimizers.Adam(), loss={"cls": "sparse_categorical_crossentropy", "reg": "mean_squared_error"},
              loss_weights={"cls": 1.0, "reg": 0.5}, metrics={"cls": ["accuracy"], "reg": ["mae"]})
x = [np.random.random((8, 3)).astype("float32") for _ in range(2)]
graph.fit(x, {"cls": np.random.randint(0, 2, (8,)), "reg": np.random.random((8, 1)).astype("float32")}, batch_size=2, epochs=2, verbose=0)
probe = [np.random.random((2, 3)).astype("float32") for _ in range(2)]
expected = graph.predict(probe, verbose=0)
graph.save(os.path.join(out_dir, "graph.h5"))
np.savez(os.path.join(out_dir, "graph.npz"), probe_0=probe[0], probe_1=probe[1], predict_0=expected[0], predict_1=expected[1])
loaded = keras.models.load_model(os.path.join(out_dir, "graph.h5"))
assert all(np.array_equal(r, e) for r, e in zip(loaded.predict(probe, verbose=0), expected))
# The legacy loader turns the metric "mae" into a MeanAbsoluteError object: saving again writes its config.
loaded.save(os.path.join(out_dir, "graph_resaved.h5"))
print("Keras 3.15.1 reloads graph.h5 to the same predictions and saves it again as graph_resaved.h5")

keras.utils.set_random_seed(1303)
subclassed = MyModel(name="my_model")
subclassed(np.random.random((2, 3)).astype("float32"))
probe, expected = train(subclassed, "mean_squared_error", 1, 1303)
# The trained bias is non-zero: loading it is what the top_level_model_weights group is for.
subclassed.bias.assign(np.array([0.25], dtype="float32"))
expected = subclassed.predict(probe, verbose=0)
write_weights_file(subclassed, os.path.join(out_dir, "subclassed_weights.h5"))
np.savez(os.path.join(out_dir, "subclassed.npz"), probe=probe, predict=expected)
print("written to", out_dir)
