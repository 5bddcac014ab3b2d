"""Records keras.ops.image outputs for the image-ops conformance tests.

Pins: Keras 3.15.1 (tag v3.15.1) on its torch backend, Debian's python3-torch 1.13.1 with the
project's torch113_compat shim. Usage:
    /usr/bin/python3 tools/record_image_ops.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR OUT.npz
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
runtime, source, out = sys.argv[1:4]
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: E402,F401  (before keras)
import keras  # noqa: E402
import numpy as np  # noqa: E402

rng = np.random.RandomState(5)
x = (rng.uniform(0, 255, size=(2, 9, 11, 3))).astype("float32")
t = np.array([
    [0.93, -0.31, 2.4, 0.28, 1.07, -1.9, 0, 0],
    [1.31, 0.2, -3.1, -0.15, 0.77, 2.6, 0, 0],
], dtype="float32")
arrays = {"x": x, "transform": t}
for mode in ["constant", "nearest", "wrap", "mirror", "reflect"]:
    for interp in ["bilinear", "nearest"]:
        y = keras.ops.image.affine_transform(x, t, interpolation=interp, fill_mode=mode, fill_value=11.0)
        arrays[f"affine_{mode}_{interp}"] = keras.ops.convert_to_numpy(y)
        y = keras.ops.image.affine_transform(np.transpose(x, (0, 3, 1, 2)), t, interpolation=interp,
                                             fill_mode=mode, fill_value=11.0, data_format="channels_first")
        arrays[f"affine_cf_{mode}_{interp}"] = keras.ops.convert_to_numpy(y)
for interp in ["bilinear", "nearest", "bicubic"]:
    for antialias in [False, True]:
        for size in [(5, 7), (14, 17)]:
            y = keras.ops.image.resize(x, size, interpolation=interp, antialias=antialias)
            arrays[f"resize_{interp}_{int(antialias)}_{size[0]}x{size[1]}"] = keras.ops.convert_to_numpy(y)
arrays["resize_crop"] = keras.ops.convert_to_numpy(keras.ops.image.resize(x, (6, 4), crop_to_aspect_ratio=True))
arrays["resize_pad"] = keras.ops.convert_to_numpy(keras.ops.image.resize(x, (6, 4), pad_to_aspect_ratio=True, fill_value=7.0))
u = x / 255.0
arrays["hsv"] = keras.ops.convert_to_numpy(keras.ops.image.rgb_to_hsv(u))
arrays["rgb_from_hsv"] = keras.ops.convert_to_numpy(keras.ops.image.hsv_to_rgb(arrays["hsv"]))
arrays["gray"] = keras.ops.convert_to_numpy(keras.ops.image.rgb_to_grayscale(x))
coords = rng.uniform(-2, 12, size=(3, 4, 5)).astype("float32")
coords[2] = np.round(coords[2] / 5.0)
arrays["map_coords"] = coords
arrays["map_x"] = x[0]
for mode in ["constant", "nearest", "wrap", "mirror", "reflect"]:
    for order in [0, 1]:
        y = keras.ops.image.map_coordinates(x[0], coords, order=order, fill_mode=mode, fill_value=5.0)
        arrays[f"map_{mode}_{order}"] = keras.ops.convert_to_numpy(y)
np.savez(out, **arrays)
print("wrote", out, len(arrays))
