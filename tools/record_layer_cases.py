#!/usr/bin/python3
"""Records what Keras's single-input layers compute, for tests/fixtures/layers/.

Pinned versions: Keras 3.15.1 (tag v3.15.1, source tree given as an argument) on the torch backend,
run by Debian 12's python3-torch 1.13.1 through the keras-runtime compatibility shim (its folder is
the second argument); numpy from Debian.

For every case of CASES: the layer is built with the case's keyword arguments (Keras's own names,
which the C# constructors share), its weights set from a seeded numpy stream, then called on a
seeded input in inference mode and in training mode. Written per case:
  cases.json  name, class, kwargs, input shape, get_config() after building, compute_output_shape
              on the input shape with a None batch, count_params, the weights' names and shapes;
              and ERRORS: the ValueError text of bad constructor arguments.
  <name>.npz  x, w0..wN (the weights set), y_infer, y_train, and after the training call the
              layer's weights again (a0..aN: BatchNormalization's moving statistics move).
Also fit_cnn/ (a Sequential CNN: Conv2D, BatchNormalization, SeparableConv2D,
GlobalAveragePooling2D, Dense) and fit_residual_cnn/ (a Functional CNN with a residual add around
a SeparableConv2D/BatchNormalization block, MaxPooling2D "same"), each with seeded weights, trained
3 epochs with Adam, no shuffling: history, weights after each epoch, predictions, evaluate, and
Keras's summary() text before and after fit.

Usage: /usr/bin/python3 tools/record_layer_cases.py KERAS_SRC KERAS_RUNTIME OUT_DIR
  e.g. tools/record_layer_cases.py ~/keras-3.15.1 ../shared/keras-runtime tests/fixtures/layers
"""
import json
import os
import sys

keras_src, runtime, out_dir = sys.argv[1:4]
os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [runtime, keras_src]
import torch113_compat  # noqa: F401  (before keras)
import keras
import numpy as np

L = keras.layers

# name, class, kwargs, input shape (batch first), input kind
CASES = [
    ("conv2d_valid", "Conv2D", dict(filters=4, kernel_size=3), (2, 7, 6, 3)),
    ("conv2d_same_even_kernel_stride2", "Conv2D", dict(filters=4, kernel_size=(4, 2), strides=2, padding="same"), (2, 7, 6, 3)),
    ("conv2d_same_even_kernel", "Conv2D", dict(filters=3, kernel_size=2, padding="same", activation="tanh"), (2, 5, 5, 2)),
    ("conv2d_dilated_channels_first", "Conv2D", dict(filters=4, kernel_size=3, dilation_rate=2, padding="same", data_format="channels_first", activation="relu"), (2, 3, 9, 8)),
    ("conv2d_groups", "Conv2D", dict(filters=6, kernel_size=3, groups=3, use_bias=False, padding="same", strides=(2, 1)), (2, 6, 6, 6)),
    ("conv1d_valid_stride2", "Conv1D", dict(filters=4, kernel_size=3, strides=2), (2, 9, 3)),
    ("conv1d_causal_dilated", "Conv1D", dict(filters=3, kernel_size=3, padding="causal", dilation_rate=2), (2, 8, 2)),
    ("conv1d_same_channels_first_groups", "Conv1D", dict(filters=2, kernel_size=4, padding="same", data_format="channels_first", groups=2), (2, 4, 7)),
    ("depthwise_same_stride2", "DepthwiseConv2D", dict(kernel_size=3, depth_multiplier=2, padding="same", strides=2), (2, 7, 6, 3)),
    ("depthwise_dilated_channels_first", "DepthwiseConv2D", dict(kernel_size=2, data_format="channels_first", dilation_rate=2), (2, 2, 6, 6)),
    ("separable_same", "SeparableConv2D", dict(filters=5, kernel_size=3, padding="same", depth_multiplier=2, activation="relu"), (2, 6, 6, 3)),
    ("separable_valid_stride2", "SeparableConv2D", dict(filters=4, kernel_size=(3, 2), strides=2), (2, 7, 7, 2)),
    ("conv2d_transpose_valid", "Conv2DTranspose", dict(filters=3, kernel_size=3, strides=2), (2, 4, 5, 2)),
    ("conv2d_transpose_same", "Conv2DTranspose", dict(filters=3, kernel_size=3, strides=2, padding="same"), (2, 4, 5, 2)),
    ("conv2d_transpose_same_output_padding", "Conv2DTranspose", dict(filters=2, kernel_size=4, strides=3, padding="same", output_padding=1), (2, 3, 3, 2)),
    ("conv2d_transpose_valid_output_padding_channels_first", "Conv2DTranspose", dict(filters=2, kernel_size=2, strides=2, output_padding=1, data_format="channels_first"), (2, 3, 4, 3)),
    ("conv2d_transpose_dilated_same", "Conv2DTranspose", dict(filters=2, kernel_size=3, dilation_rate=2, padding="same"), (2, 4, 4, 2)),
    ("max_pooling2d_same_uneven", "MaxPooling2D", dict(pool_size=3, strides=2, padding="same"), (2, 6, 7, 2)),
    ("max_pooling2d_channels_first", "MaxPooling2D", dict(pool_size=(2, 3), data_format="channels_first"), (2, 2, 6, 7)),
    ("average_pooling2d_same_even", "AveragePooling2D", dict(pool_size=3, strides=1, padding="same"), (2, 5, 5, 2)),
    ("average_pooling2d_same_uneven", "AveragePooling2D", dict(pool_size=2, strides=2, padding="same"), (2, 5, 5, 2)),
    ("average_pooling2d_valid", "AveragePooling2D", dict(pool_size=(2, 3), strides=(1, 2)), (2, 5, 7, 2)),
    ("max_pooling1d_same", "MaxPooling1D", dict(pool_size=3, strides=2, padding="same"), (2, 8, 3)),
    ("average_pooling1d_same", "AveragePooling1D", dict(pool_size=3, strides=1, padding="same"), (2, 6, 2)),
    ("average_pooling1d_channels_first", "AveragePooling1D", dict(pool_size=2, data_format="channels_first"), (2, 3, 6)),
    ("global_average_pooling2d", "GlobalAveragePooling2D", dict(), (2, 4, 5, 3)),
    ("global_average_pooling2d_keepdims_channels_first", "GlobalAveragePooling2D", dict(keepdims=True, data_format="channels_first"), (2, 3, 4, 5)),
    ("global_max_pooling2d", "GlobalMaxPooling2D", dict(), (2, 4, 5, 3)),
    ("global_max_pooling2d_keepdims", "GlobalMaxPooling2D", dict(keepdims=True), (2, 4, 5, 3)),
    ("global_average_pooling1d", "GlobalAveragePooling1D", dict(), (2, 6, 3)),
    ("global_average_pooling1d_keepdims_channels_first", "GlobalAveragePooling1D", dict(keepdims=True, data_format="channels_first"), (2, 3, 6)),
    ("global_max_pooling1d", "GlobalMaxPooling1D", dict(), (2, 6, 3)),
    ("zero_padding2d_default", "ZeroPadding2D", dict(), (2, 3, 4, 2)),
    ("zero_padding2d_int", "ZeroPadding2D", dict(padding=2), (2, 3, 4, 2)),
    ("zero_padding2d_pairs_channels_first", "ZeroPadding2D", dict(padding=((1, 2), (3, 0)), data_format="channels_first"), (2, 2, 3, 4)),
    ("cropping2d_pairs", "Cropping2D", dict(cropping=((1, 2), (0, 1))), (2, 5, 4, 2)),
    ("cropping2d_int_channels_first", "Cropping2D", dict(cropping=1, data_format="channels_first"), (2, 2, 4, 5)),
    ("up_sampling2d_nearest", "UpSampling2D", dict(size=(2, 3)), (2, 3, 2, 2)),
    ("up_sampling2d_bilinear", "UpSampling2D", dict(size=2, interpolation="bilinear"), (2, 3, 4, 2)),
    ("up_sampling2d_bilinear_channels_first", "UpSampling2D", dict(size=(3, 2), interpolation="bilinear", data_format="channels_first"), (2, 2, 3, 3)),
    ("up_sampling2d_bicubic", "UpSampling2D", dict(size=(2, 3), interpolation="bicubic"), (2, 3, 3, 2)),
    ("permute_2d", "Permute", dict(dims=(2, 1)), (2, 3, 4)),
    ("permute_3d", "Permute", dict(dims=(3, 1, 2)), (2, 2, 3, 4)),
    ("repeat_vector", "RepeatVector", dict(n=3), (2, 4)),
    ("softmax_default", "Softmax", dict(), (2, 3, 5)),
    ("softmax_axis1", "Softmax", dict(axis=1), (2, 3, 5)),
    ("softmax_two_axes", "Softmax", dict(axis=(1, 2)), (2, 3, 5)),
    ("relu_default", "ReLU", dict(), (3, 7)),
    ("relu_max6", "ReLU", dict(max_value=6.0), (3, 7)),
    ("relu_all_arguments", "ReLU", dict(max_value=1.5, negative_slope=0.1, threshold=0.5), (3, 7)),
    ("relu_negative_slope", "ReLU", dict(negative_slope=0.2), (3, 7)),
    ("relu_threshold", "ReLU", dict(threshold=0.3), (3, 7)),
    ("leaky_relu_default", "LeakyReLU", dict(), (3, 7)),
    ("leaky_relu_slope", "LeakyReLU", dict(negative_slope=0.1), (3, 7)),
    ("elu_default", "ELU", dict(), (3, 7)),
    ("elu_alpha", "ELU", dict(alpha=0.5), (3, 7)),
    ("prelu", "PReLU", dict(), (2, 3, 4)),
    ("prelu_shared_axes", "PReLU", dict(shared_axes=[1, 2]), (2, 3, 4, 5)),
    ("batch_normalization", "BatchNormalization", dict(), (8, 5)),
    ("batch_normalization_4d", "BatchNormalization", dict(momentum=0.9, epsilon=1e-2), (4, 3, 3, 2)),
    ("batch_normalization_axis1", "BatchNormalization", dict(axis=1), (4, 3, 4, 4)),
    ("batch_normalization_no_center_no_scale", "BatchNormalization", dict(center=False, scale=False), (6, 4)),
    ("batch_normalization_renorm", "BatchNormalization", dict(renorm=True, renorm_clipping={"rmax": 1.2, "rmin": 0.8, "dmax": 0.3}, renorm_momentum=0.9, momentum=0.8), (6, 4)),
    ("batch_normalization_renorm_no_clipping", "BatchNormalization", dict(renorm=True, scale=False), (5, 3)),
    ("batch_normalization_frozen", "BatchNormalization", dict(trainable=False), (6, 4)),
    ("layer_normalization", "LayerNormalization", dict(), (3, 4, 5)),
    ("layer_normalization_two_axes", "LayerNormalization", dict(axis=[1, 2]), (3, 4, 5)),
    ("layer_normalization_split_axes", "LayerNormalization", dict(axis=[1, 3], epsilon=0.01), (2, 3, 4, 5)),
    ("layer_normalization_no_center_no_scale", "LayerNormalization", dict(center=False, scale=False), (3, 6)),
    ("embedding", "Embedding", dict(input_dim=10, output_dim=4), (3, 5)),
    ("embedding_mask_zero", "Embedding", dict(input_dim=7, output_dim=3, mask_zero=True), (2, 3, 2)),
    ("spatial_dropout3d", "SpatialDropout3D", dict(rate=0.0), (2, 3, 2, 2, 4)),
    ("spatial_dropout3d_channels_first", "SpatialDropout3D", dict(rate=0.5, data_format="channels_first", seed=3), (2, 3, 2, 2, 4)),
    ("zero_padding1d_default", "ZeroPadding1D", dict(), (2, 3, 2)),
    ("zero_padding1d_pair_channels_first", "ZeroPadding1D", dict(padding=(1, 2), data_format="channels_first"), (2, 2, 3)),
    ("cropping1d_default", "Cropping1D", dict(), (2, 5, 3)),
    ("cropping1d_start_only", "Cropping1D", dict(cropping=(2, 0)), (2, 5, 3)),
    ("up_sampling1d_default", "UpSampling1D", dict(), (2, 3, 2)),
    ("up_sampling1d_size3", "UpSampling1D", dict(size=3), (2, 2, 3)),
]

# Constructor arguments Keras refuses: class, kwargs.
ERRORS = [
    ("Conv2D", dict(filters=0, kernel_size=3)),
    ("Conv2D", dict(filters=5, kernel_size=3, groups=2)),
    ("Conv2D", dict(filters=4, kernel_size=3, groups=0)),
    ("Conv2D", dict(filters=4, kernel_size=3, strides=2, dilation_rate=2)),
    ("Conv1D", dict(filters=4, kernel_size=3, padding="full")),
    ("Conv2D", dict(filters=4, kernel_size=3, padding="causal")),
    ("DepthwiseConv2D", dict(kernel_size=3, depth_multiplier=0)),
    ("SeparableConv2D", dict(filters=0, kernel_size=3)),
    ("SeparableConv2D", dict(filters=2, kernel_size=3, depth_multiplier=-1)),
    ("Conv2DTranspose", dict(filters=2, kernel_size=3, strides=2, output_padding=2)),
    ("Conv2DTranspose", dict(filters=0, kernel_size=3)),
    ("ReLU", dict(max_value=-1.0)),
    ("ReLU", dict(negative_slope=-1.0)),
    ("ReLU", dict(threshold=-1.0)),
    ("LeakyReLU", dict(negative_slope=-1.0)),
    ("Permute", dict(dims=(1, 3))),
    ("RepeatVector", dict(n=0)),
    ("Embedding", dict(input_dim=0, output_dim=2)),
    ("Embedding", dict(input_dim=3, output_dim=-1)),
    ("BatchNormalization", dict(synchronized=True)),
    ("Cropping2D", dict(cropping=-1)),
    ("ZeroPadding1D", dict(padding=(1,))),
    ("ZeroPadding1D", dict(padding=(1, 2, 3))),
    ("ZeroPadding1D", dict(padding=-1)),
    ("Cropping1D", dict(cropping=(1, 2, 3))),
    ("Cropping1D", dict(cropping=(1, -2))),
    ("UpSampling1D", dict(size=0)),
]


def seeded(seed, shape, positive=False):
    values = np.random.RandomState(seed).standard_normal(shape).astype("float32")
    return np.abs(values) + 0.5 if positive else values * 0.5


def record_case(index, name, class_name, kwargs, shape):
    layer = getattr(L, class_name)(name=name, **kwargs)
    if class_name == "Embedding":
        x = np.random.RandomState(1000 + index).randint(0, kwargs["input_dim"], size=shape).astype("int64")
    else:
        x = seeded(1000 + index, shape)
    layer.build(shape)
    weights = []
    for i, w in enumerate(layer.weights):
        weights.append(seeded(2000 + 10 * index + i, tuple(w.shape), positive="variance" in w.path))
    if weights:
        layer.set_weights(weights)
    arrays = {"x": x}
    for i, w in enumerate(weights):
        arrays[f"w{i}"] = w
    arrays["y_infer"] = keras.ops.convert_to_numpy(layer(x, training=False))
    if not class_name.startswith("SpatialDropout") or kwargs.get("rate", 0) == 0:
        arrays["y_train"] = keras.ops.convert_to_numpy(layer(x, training=True))
    for i, w in enumerate(layer.get_weights()):
        arrays[f"a{i}"] = w
    np.savez(os.path.join(out_dir, name + ".npz"), **arrays)
    output_shape = layer.compute_output_shape((None,) + tuple(shape[1:]))
    return {
        "name": name,
        "class_name": class_name,
        "kwargs": kwargs,
        "input_shape": list(shape),
        "config": layer.get_config(),
        "output_shape": list(output_shape),
        "count_params": layer.count_params(),
        "weights": [{"name": w.name, "shape": list(w.shape), "trainable": w.trainable} for w in layer.weights],
        "y_train_recorded": "y_train" in arrays,
    }


def record_error(class_name, kwargs):
    try:
        getattr(L, class_name)(**kwargs)
    except ValueError as e:
        return {"class_name": class_name, "kwargs": kwargs, "message": str(e)}
    raise AssertionError(f"{class_name}({kwargs}) was accepted")


def sequential_cnn():
    return keras.Sequential([
        keras.Input((8, 8, 3)),
        L.Conv2D(4, 3, padding="same", use_bias=False, name="conv"),  # no bias before BatchNormalization (below)
        L.BatchNormalization(name="bn"),
        L.SeparableConv2D(6, 3, activation="relu", name="sep"),
        L.GlobalAveragePooling2D(name="gap"),
        L.Dense(3, activation="softmax", name="dense"),
    ], name="cnn")


def functional_residual_cnn():
    # The convolutions before a BatchNormalization have no bias (as in Xception): the loss does not
    # depend on such a bias, its gradient is rounding noise, and Adam turns noise into full steps.
    inputs = keras.Input((8, 8, 3), name="image")
    x = L.Conv2D(6, 3, strides=2, padding="same", use_bias=False, name="stem")(inputs)
    x = L.BatchNormalization(name="bn")(x)
    block = L.Activation("relu", name="relu")(x)
    x = L.SeparableConv2D(6, 3, padding="same", use_bias=False, name="sep")(block)
    x = L.BatchNormalization(momentum=0.9, name="bn_1")(x)
    x = L.add([x, block], name="residual")
    x = L.MaxPooling2D(3, strides=2, padding="same", name="pool")(x)
    x = L.GlobalAveragePooling2D(name="gap")(x)
    outputs = L.Dense(3, activation="softmax", name="dense")(x)
    return keras.Model(inputs, outputs, name="residual_cnn")


def record_fit(folder, build):
    os.makedirs(folder, exist_ok=True)
    model = build()
    w0 = [seeded(3000 + i, tuple(w.shape), positive="variance" in w.path) for i, w in enumerate(model.weights)]
    model.set_weights(w0)
    before = []
    # 80 columns: rich draws no wider than the console, which is 80 columns when not a terminal.
    model.summary(line_length=80, print_fn=lambda line, line_break=True: before.append(line))
    rs = np.random.RandomState(7)
    x = rs.standard_normal((32, 8, 8, 3)).astype("float32")
    y = keras.utils.to_categorical(rs.randint(0, 3, size=32), 3).astype("float32")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="categorical_crossentropy", metrics=["accuracy"])
    per_epoch = []

    class Recorder(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            per_epoch.append([np.array(w) for w in self.model.get_weights()])

    history = model.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0, callbacks=[Recorder()])
    arrays = {"x": x, "y": y, "predict": model.predict(x, verbose=0)}
    for i, w in enumerate(w0):
        arrays[f"w0_{i}"] = w
    for e, weights in enumerate(per_epoch):
        for i, w in enumerate(weights):
            arrays[f"w_epoch{e}_{i}"] = w
    np.savez(os.path.join(folder, "data.npz"), **arrays)
    after = []
    model.summary(line_length=80, print_fn=lambda line, line_break=True: after.append(line))
    with open(os.path.join(folder, "history.json"), "w") as f:
        json.dump({
            "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
            "weights": [{"path": w.path, "shape": list(w.shape), "trainable": w.trainable} for w in model.weights],
            "evaluate": model.evaluate(x, y, batch_size=8, verbose=0, return_dict=True),
            "summary_before_fit": "\n".join(before),
            "summary_after_fit": "\n".join(after),
        }, f, indent=1)


os.makedirs(out_dir, exist_ok=True)
records = [record_case(i, *case) for i, case in enumerate(CASES)]
errors = [record_error(*e) for e in ERRORS]
with open(os.path.join(out_dir, "cases.json"), "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": records, "errors": errors}, f, indent=1)
record_fit(os.path.join(out_dir, "fit_cnn"), sequential_cnn)
record_fit(os.path.join(out_dir, "fit_residual_cnn"), functional_residual_cnn)
