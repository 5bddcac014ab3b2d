"""Records what Keras's load_img + img_to_array give for 16-bit greyscale PNGs.

Pins: Keras 3.15.1 (tag v3.15.1) on Debian's python3-torch 1.13.1 and Pillow 9.4.0 (/usr/bin/python3).
Pillow opens a 16-bit greyscale PNG as mode "I" (32-bit ints): load_img keeps "I" for
color_mode="grayscale" (img_to_array keeps the 0..65535 values) and converts to RGB/RGBA (clipping to
0..255) otherwise; resizing "I" goes through Pillow's 32-bit path.

Usage: /usr/bin/python3 tools/record_png16_cases.py KERAS_RUNTIME KERAS_SRC OUT_DIR
  (KERAS_RUNTIME: the keras-runtime shim folder; KERAS_SRC: Keras's source at tag v3.15.1;
  writes OUT_DIR/*.png and OUT_DIR/cases.json)
"""
import json
import os
import struct
import sys
import zlib

os.environ.setdefault("KERAS_BACKEND", "torch")
runtime, keras_src, out_dir_arg = sys.argv[1:4]
sys.path[:0] = [runtime, keras_src]
import torch113_compat  # noqa: F401  (before keras)
import keras
import numpy as np
import PIL
from PIL import Image


def add_trns(path, grey):
    """Inserts a tRNS chunk (a transparent grey level) before IDAT: Pillow cannot save one for mode I;16."""
    data = open(path, "rb").read()
    at = data.index(b"IDAT") - 4
    body = b"tRNS" + struct.pack(">H", grey)
    with open(path, "wb") as f:
        f.write(data[:at] + struct.pack(">I", 2) + body + struct.pack(">I", zlib.crc32(body)) + data[at:])


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.RandomState(16)
    images = {
        "grey16_small.png": np.array([[0, 255, 256, 1000], [30000, 55007, 65535, 12345], [40000, 7, 300, 65000]], dtype=np.uint16),
        "grey16_spread.png": rng.randint(0, 65536, size=(7, 9)).astype(np.uint16),
        "grey16_low.png": rng.randint(0, 600, size=(6, 5)).astype(np.uint16),
    }
    # tRNS 300: Pillow 9.4 makes alpha 0 where the clipped grey equals 300's low byte (44).
    images["grey16_trns.png"] = np.array([[0, 44, 300, 100], [65535, 44, 356, 7]], dtype=np.uint16)
    transparency = {"grey16_trns.png": 300}
    cases = []
    for name, array in images.items():
        path = os.path.join(out_dir, name)
        Image.fromarray(array).save(path)
        if name in transparency:
            add_trns(path, transparency[name])
        opened = Image.open(path)
        assert opened.mode == "I", opened.mode
        runs = [dict(color_mode=m) for m in ("grayscale", "rgb", "rgba")]
        for interpolation in ("nearest", "bilinear", "bicubic", "box", "hamming", "lanczos"):
            for size in ((5, 3), (2, 3), (11, 6)):
                runs.append(dict(color_mode="grayscale", target_size=size, interpolation=interpolation))
        runs.append(dict(color_mode="grayscale", target_size=(4, 4), interpolation="bilinear", keep_aspect_ratio=True))
        runs.append(dict(color_mode="rgb", target_size=(5, 3), interpolation="bilinear"))
        runs.append(dict(color_mode="rgba", target_size=(5, 3), interpolation="bilinear"))
        for run in runs:
            img = keras.utils.load_img(path, **run)
            x = keras.utils.img_to_array(img)
            cases.append(dict(file=name, **run, mode=img.mode, shape=list(x.shape),
                              values=[float(v) for v in x.reshape(-1)]))
    with open(os.path.join(out_dir, "cases.json"), "w") as f:
        json.dump(dict(keras=keras.__version__, pillow=PIL.__version__, cases=cases), f)


if __name__ == "__main__":
    main(out_dir_arg)
