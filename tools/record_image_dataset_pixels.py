"""Records the pixels image_dataset_from_directory yields on Keras's torch path for more resize
cases than tests/fixtures/image_dataset has: every image file of the tree (index_directory's
unshuffled order) through Keras's own per-file loader, _load_image_grain (PIL decode in the colour
mode, then keras.ops.image.resize on the torch backend), for bicubic and upsampling resizes,
crop/pad to the aspect ratio, rgba and grayscale, channels_first.

Pins Keras 3.15.1 (torch backend). Usage:
    /usr/bin/python3 tools/record_image_dataset_pixels.py KERAS_RUNTIME KERAS_SRC TREE OUT_DIR
TREE is tests/fixtures/image_dataset/tree; OUT_DIR receives cases.json and pixels.npz.
"""
import json
import os
import sys

runtime, keras_src, tree, out = sys.argv[1:5]
os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [runtime, keras_src]
import torch113_compat  # noqa: F401,E402  (before keras)
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.utils import dataset_utils, image_dataset_utils  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__
FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")
paths, _, _ = dataset_utils.index_directory(tree, labels="inferred", formats=FORMATS, shuffle=False)

CASES = [
    dict(image_size=(16, 16), interpolation="bicubic", color_mode="rgb", crop_to_aspect_ratio=False, pad_to_aspect_ratio=False, data_format="channels_last"),
    dict(image_size=(40, 30), interpolation="bilinear", color_mode="rgb", crop_to_aspect_ratio=False, pad_to_aspect_ratio=False, data_format="channels_last"),
    dict(image_size=(12, 20), interpolation="bicubic", color_mode="rgba", crop_to_aspect_ratio=True, pad_to_aspect_ratio=False, data_format="channels_last"),
    dict(image_size=(20, 12), interpolation="nearest", color_mode="grayscale", crop_to_aspect_ratio=False, pad_to_aspect_ratio=True, data_format="channels_first"),
    dict(image_size=(9, 14), interpolation="bilinear", color_mode="rgb", crop_to_aspect_ratio=False, pad_to_aspect_ratio=True, data_format="channels_first"),
]
CHANNELS = {"rgb": 3, "rgba": 4, "grayscale": 1}
arrays = {}
for i, case in enumerate(CASES):
    images = [
        keras.ops.convert_to_numpy(image_dataset_utils._load_image_grain(
            p, case["image_size"], CHANNELS[case["color_mode"]], case["interpolation"], case["data_format"],
            case["crop_to_aspect_ratio"], case["pad_to_aspect_ratio"]))
        for p in paths
    ]
    case["array"] = f"pixels_{i}"
    arrays[case["array"]] = np.stack(images).astype("float32")

os.makedirs(out, exist_ok=True)
np.savez_compressed(os.path.join(out, "pixels.npz"), **arrays)
with open(os.path.join(out, "cases.json"), "w") as f:
    json.dump({"keras_version": keras.__version__, "files": [os.path.relpath(p, tree) for p in paths], "cases": CASES}, f, indent=1)
print("recorded", len(CASES), "cases of", len(paths), "files")
