#!/usr/bin/python3
"""Records the config.json Keras writes for a small Functional model around each layer class
KerasPort has, for tests/fixtures/saving/layer_configs.json.

Pinned versions: Keras 3.15.1 (tag v3.15.1, source tree given as an argument) on the torch backend,
run by Debian 12's python3-torch 1.13.1 through the keras-runtime compatibility shim (its folder is
the second argument).

For every case of CASES: `keras.Input(shape)` (or several), the layer built with the case's keyword
arguments (Keras's names, which the C# constructors share) and called on them, wrapped in
`keras.Model(inputs, outputs, name=case)`, saved with `model.save` to a temporary `.keras` file;
the file's config.json is what is recorded. One more case, nested_models, is a Functional model
holding a Functional model (called twice, its own output among the outer outputs) and a Sequential. Non-default arguments are chosen so that every config
key the layer writes carries a value that differs from its default where KerasPort supports it
(BatchNormalization's renorm_clipping as a dict, regularizers, seeds, ...).
Written: {"keras_version", "cases": [{"name", "class_name", "input_shapes", "config"}],
"skipped": [{"name", "reason"}]} (the cases Keras itself cannot save as a Functional model).

Usage: /usr/bin/python3 tools/record_layer_configs.py KERAS_SRC KERAS_RUNTIME OUT_JSON
  e.g. tools/record_layer_configs.py ~/keras-3.15.1 ../shared/keras-runtime tests/fixtures/saving/layer_configs.json
"""
import json
import os
import sys
import tempfile
import zipfile

keras_src, runtime, out_file = sys.argv[1:4]
os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [runtime, keras_src]
import torch113_compat  # noqa: F401  (before keras)
import keras

L2 = dict(module="keras.regularizers", class_name="L2", config=dict(l2=0.01), registered_name=None)
IMG = (8, 8, 3)

# name, class, kwargs, input shapes (no batch axis; several for merge layers)
CASES = [
    ("dense", "Dense", dict(units=3, activation="relu", use_bias=False, kernel_regularizer="l2", kernel_initializer="he_normal"), [(4,)]),
    ("dense_regularized", "Dense", dict(units=2, bias_regularizer=keras.regularizers.L1(0.1), activity_regularizer=keras.regularizers.L2(0.2)), [(4,)]),
    ("embedding", "Embedding", dict(input_dim=10, output_dim=3, embeddings_initializer="uniform"), [(5,)]),
    ("activation", "Activation", dict(activation="tanh"), [(4,)]),
    ("elu", "ELU", dict(alpha=0.5), [(4,)]),
    ("leaky_relu", "LeakyReLU", dict(negative_slope=0.2), [(4,)]),
    ("prelu", "PReLU", dict(alpha_initializer="ones", shared_axes=[1]), [(3, 4)]),
    ("relu", "ReLU", dict(max_value=6.0, negative_slope=0.1, threshold=0.5), [(4,)]),
    ("softmax", "Softmax", dict(axis=-2), [(3, 4)]),
    ("conv1d", "Conv1D", dict(filters=2, kernel_size=3, strides=2, padding="causal", dilation_rate=1, activation="relu"), [(9, 3)]),
    ("conv2d", "Conv2D", dict(filters=4, kernel_size=(3, 2), strides=(2, 1), padding="same", groups=1, activity_regularizer="l1"), [IMG]),
    ("conv2d_transpose", "Conv2DTranspose", dict(filters=2, kernel_size=3, strides=2, padding="same", output_padding=1), [IMG]),
    ("depthwise_conv2d", "DepthwiseConv2D", dict(kernel_size=3, depth_multiplier=2, padding="same", depthwise_regularizer="l2"), [IMG]),
    ("separable_conv2d", "SeparableConv2D", dict(filters=4, kernel_size=3, depth_multiplier=2, padding="same", pointwise_regularizer="l2"), [IMG]),
    ("batch_normalization", "BatchNormalization", dict(axis=-1, momentum=0.9, epsilon=0.01, center=False, gamma_regularizer="l2"), [IMG]),
    ("batch_normalization_renorm", "BatchNormalization", dict(renorm=True, renorm_clipping=dict(rmax=2.0, rmin=0.5, dmax=1.0), renorm_momentum=0.9), [(4,)]),
    ("layer_normalization", "LayerNormalization", dict(axis=-1, epsilon=0.01, center=False, rms_scaling=False), [(3, 4)]),
    ("dropout", "Dropout", dict(rate=0.3, noise_shape=(None, 1), seed=5), [(4,)]),
    ("alpha_dropout", "AlphaDropout", dict(rate=0.2, seed=1), [(4,)]),
    ("gaussian_dropout", "GaussianDropout", dict(rate=0.2, seed=1), [(4,)]),
    ("gaussian_noise", "GaussianNoise", dict(stddev=0.3, seed=1), [(4,)]),
    ("spatial_dropout1d", "SpatialDropout1D", dict(rate=0.2, seed=1), [(5, 3)]),
    ("spatial_dropout2d", "SpatialDropout2D", dict(rate=0.2, seed=1), [IMG]),
    ("spatial_dropout3d", "SpatialDropout3D", dict(rate=0.2, seed=1), [(4, 4, 4, 2)]),
    ("activity_regularization", "ActivityRegularization", dict(l1=0.1, l2=0.2), [(4,)]),
    ("max_pooling1d", "MaxPooling1D", dict(pool_size=2, strides=1, padding="same"), [(6, 2)]),
    ("max_pooling2d", "MaxPooling2D", dict(pool_size=(2, 3), strides=2, padding="same"), [IMG]),
    ("average_pooling1d", "AveragePooling1D", dict(pool_size=3), [(6, 2)]),
    ("average_pooling2d", "AveragePooling2D", dict(pool_size=2, padding="same"), [IMG]),
    ("global_average_pooling1d", "GlobalAveragePooling1D", dict(keepdims=True), [(6, 2)]),
    ("global_average_pooling2d", "GlobalAveragePooling2D", dict(keepdims=True), [IMG]),
    ("global_max_pooling1d", "GlobalMaxPooling1D", dict(), [(6, 2)]),
    ("global_max_pooling2d", "GlobalMaxPooling2D", dict(data_format="channels_first"), [IMG]),
    ("flatten", "Flatten", dict(), [IMG]),
    ("reshape", "Reshape", dict(target_shape=(4, -1)), [(2, 6)]),
    ("permute", "Permute", dict(dims=(2, 1)), [(2, 6)]),
    ("repeat_vector", "RepeatVector", dict(n=3), [(4,)]),
    ("up_sampling2d", "UpSampling2D", dict(size=(2, 1), interpolation="bilinear"), [IMG]),
    ("zero_padding2d", "ZeroPadding2D", dict(padding=((1, 0), (2, 1))), [IMG]),
    ("cropping2d", "Cropping2D", dict(cropping=((1, 0), (2, 1))), [IMG]),
    ("add", "Add", dict(), [(4,), (4,)]),
    ("subtract", "Subtract", dict(), [(4,), (4,)]),
    ("multiply", "Multiply", dict(), [(4,), (4,)]),
    ("average", "Average", dict(), [(4,), (4,)]),
    ("maximum", "Maximum", dict(), [(4,), (4,)]),
    ("minimum", "Minimum", dict(), [(4,), (4,)]),
    ("concatenate", "Concatenate", dict(axis=1), [(4,), (3,)]),
    ("rescaling", "Rescaling", dict(scale=0.5, offset=1.0), [IMG]),
    ("resizing", "Resizing", dict(height=4, width=5, interpolation="nearest", crop_to_aspect_ratio=True), [IMG]),
    ("center_crop", "CenterCrop", dict(height=4, width=5), [IMG]),
    ("random_crop", "RandomCrop", dict(height=4, width=5, seed=3), [IMG]),
    ("random_flip", "RandomFlip", dict(mode="vertical", seed=3), [IMG]),
    ("random_rotation", "RandomRotation", dict(factor=(-0.2, 0.1), fill_mode="constant", fill_value=1.0, interpolation="nearest", seed=3), [IMG]),
    ("random_zoom", "RandomZoom", dict(height_factor=(-0.2, 0.1), width_factor=0.3, fill_mode="nearest", seed=3), [IMG]),
    ("random_translation", "RandomTranslation", dict(height_factor=0.1, width_factor=(-0.2, 0.1), fill_mode="wrap", seed=3), [IMG]),
    # Keras 3.15.1 cannot reload this one (x_factor=0.2 is written as [-0.2, 0.2], which its check refuses).
    ("random_shear", "RandomShear", dict(x_factor=0.2, y_factor=(0.1, 0.3), seed=3), [IMG]),
    ("random_shear_ranges", "RandomShear", dict(x_factor=(0.2, 0.4), y_factor=(0.1, 0.3), fill_mode="constant", seed=3), [IMG]),
    ("random_contrast", "RandomContrast", dict(factor=0.3, value_range=(0, 1), seed=3), [IMG]),
    ("random_brightness", "RandomBrightness", dict(factor=(-0.2, 0.3), value_range=(0, 1), seed=3), [IMG]),
    ("random_color_degeneration", "RandomColorDegeneration", dict(factor=0.4, value_range=(0, 1), seed=3), [IMG]),
    ("random_color_jitter", "RandomColorJitter", dict(value_range=(0, 1), brightness_factor=0.2, contrast_factor=0.3, saturation_factor=0.4, hue_factor=0.1, seed=3), [IMG]),
    ("random_gaussian_blur", "RandomGaussianBlur", dict(factor=0.5, kernel_size=3, sigma=0.8, value_range=(0, 1), seed=3), [IMG]),
    ("random_grayscale", "RandomGrayscale", dict(factor=0.3, seed=3), [IMG]),
    ("random_hue", "RandomHue", dict(factor=0.2, value_range=(0, 1), seed=3), [IMG]),
    ("random_invert", "RandomInvert", dict(factor=0.4, value_range=(0, 1), seed=3), [IMG]),
    ("random_posterization", "RandomPosterization", dict(factor=(2, 5), value_range=(0, 1), seed=3), [IMG]),
    ("random_saturation", "RandomSaturation", dict(factor=0.3, value_range=(0, 1), seed=3), [IMG]),
    ("random_sharpness", "RandomSharpness", dict(factor=0.3, value_range=(0, 1), seed=3), [IMG]),
    ("random_perspective", "RandomPerspective", dict(factor=0.7, scale=0.5, interpolation="nearest", fill_value=0.5, seed=3), [IMG]),
    ("random_elastic_transform", "RandomElasticTransform", dict(factor=0.8, scale=0.5, interpolation="nearest", fill_mode="constant", fill_value=0.5, value_range=(0, 1), seed=3), [IMG]),
    ("random_erasing", "RandomErasing", dict(factor=0.8, scale=(0.1, 0.2), fill_value=0.5, value_range=(0, 1), seed=3), [IMG]),
    ("solarization", "Solarization", dict(addition_factor=0.2, threshold_factor=(0.3, 0.6), value_range=(0, 1), seed=3), [IMG]),
    ("auto_contrast", "AutoContrast", dict(value_range=(0, 1)), [IMG]),
    ("equalization", "Equalization", dict(value_range=(0, 1), bins=64), [IMG]),
    ("aug_mix", "AugMix", dict(value_range=(0, 1), num_chains=2, chain_depth=2, factor=0.5, alpha=0.5, all_ops=False, interpolation="nearest", seed=3), [IMG]),
    ("rand_augment", "RandAugment", dict(value_range=(0, 1), num_ops=3, factor=0.6, interpolation="nearest", seed=3), [IMG]),
    ("cut_mix", "CutMix", dict(factor=0.7, seed=3), [IMG]),
    ("mix_up", "MixUp", dict(alpha=0.4, seed=3), [IMG]),
    ("zero_padding1d", "ZeroPadding1D", dict(padding=(2, 1), data_format="channels_first"), [(6, 2)]),
    ("cropping1d", "Cropping1D", dict(cropping=(1, 2)), [(6, 2)]),
    ("up_sampling1d", "UpSampling1D", dict(size=3), [(6, 2)]),
    ("normalization", "Normalization", dict(axis=None, invert=True, mean=2.0, variance=0.5), [(6, 2)]),
    ("normalization_axes", "Normalization", dict(axis=(1, 2), mean=[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], variance=[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), [(3, 2)]),
    ("normalization_adaptable", "Normalization", dict(axis=-1), [(6, 2)]),
]


def record(name, class_name, kwargs, shapes, folder):
    inputs = [keras.Input(shape) for shape in shapes]
    layer = getattr(keras.layers, class_name)(name=name, **kwargs)
    outputs = layer(inputs if len(inputs) > 1 else inputs[0])
    model = keras.Model(inputs if len(inputs) > 1 else inputs[0], outputs, name="model_" + name)
    path = os.path.join(folder, name + ".keras")
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        config = json.loads(archive.read("config.json"))
    return dict(name=name, class_name=class_name, input_shapes=[list(s) for s in shapes], config=config)


def nested_models(folder):
    """A Functional model called twice inside another, one of whose outputs is the inner model's
    own output (Keras counts a built-in node for it: output_layers names node 1, 2, ...), and a
    Sequential inside it."""
    inner_input = keras.Input((4,), name="inner_in")
    inner = keras.Model(inner_input, keras.layers.Dense(4, name="inner_dense")(inner_input), name="inner")
    block = keras.Sequential([keras.layers.Dense(3, name="block_dense"), keras.layers.Dropout(0.2, name="block_dropout")], name="block")
    a, b = keras.Input((4,), name="a"), keras.Input((4,), name="b")
    first = inner(a)
    second = inner(keras.layers.Dense(4, name="to4")(b))
    model = keras.Model([a, b], [first, block(second)], name="model_nested")
    path = os.path.join(folder, "nested.keras")
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        config = json.loads(archive.read("config.json"))
    return dict(name="nested_models", class_name="Functional", input_shapes=[[4], [4]], config=config)


def main():
    cases, skipped = [], []
    with tempfile.TemporaryDirectory() as folder:
        for name, class_name, kwargs, shapes in CASES:
            keras.backend.clear_session()
            try:
                cases.append(record(name, class_name, kwargs, shapes, folder))
            except Exception as e:  # noqa: BLE001  (recorded, so the test suite knows what Keras refused)
                skipped.append(dict(name=name, reason=f"{type(e).__name__}: {str(e).splitlines()[0]}"))
        keras.backend.clear_session()
        cases.append(nested_models(folder))
    os.makedirs(os.path.dirname(os.path.abspath(out_file)), exist_ok=True)
    with open(out_file, "w") as f:
        json.dump(dict(keras_version=keras.__version__, cases=cases, skipped=skipped), f, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases -> {out_file}; skipped: {skipped}")


main()
