"""Writes tests/fixtures/image-extra: load_img / array_to_img cases beyond tests/fixtures/image,
recorded by running keras-preprocessing's own image/utils.py (the code of tf.keras 2.9+'s
keras.preprocessing.image) with Debian's /usr/bin/python3 (Pillow 9.4, numpy 1.24).

    /usr/bin/python3 tools/make_image_utils_extra_cases.py /path/to/keras_preprocessing/image/utils.py
(from a checkout of keras-team/keras-preprocessing at commit 3e38006)."""
import importlib.util
import json
import os
import shutil
import sys

import numpy as np
import PIL
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "tests", "fixtures", "image-extra")


def keras_utils(path):
    spec = importlib.util.spec_from_file_location("kp_utils", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pixels(h, w, c, seed):
    rng = np.random.RandomState(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    arr = np.stack([127 + 110 * np.cos(xx / (1.5 + k) - yy / (2.5 + k)) + rng.uniform(-30, 30, (h, w)) for k in range(c)], -1)
    return np.clip(arr, 0, 255).astype(np.uint8)


def sources(folder):
    os.makedirs(folder)
    made = {}
    rgba = pixels(13, 9, 4, 1)
    rgba[0, :, 3] = 0
    Image.fromarray(rgba, "RGBA").save(os.path.join(folder, "rgba.png"))
    Image.fromarray(pixels(11, 17, 1, 2)[:, :, 0], "L").save(os.path.join(folder, "grey.png"))
    Image.fromarray(pixels(10, 15, 3, 3), "RGB").save(os.path.join(folder, "rgb.png"))
    Image.fromarray(pixels(12, 7, 3, 4), "RGB").save(os.path.join(folder, "rgb.bmp"))
    Image.fromarray(pixels(9, 14, 2, 5), "LA").save(os.path.join(folder, "grey_alpha.png"))
    grey = pixels(11, 17, 1, 2)[:, :, 0]
    Image.fromarray(grey, "L").save(os.path.join(folder, "grey_transparent.png"), transparency=int(grey[3, 4]))
    rgb = pixels(10, 15, 3, 3)
    Image.fromarray(rgb, "RGB").save(os.path.join(folder, "rgb_transparent.png"), transparency=tuple(int(v) for v in rgb[2, 2]))
    palette = Image.fromarray(pixels(8, 11, 3, 6), "RGB").quantize(16)
    palette.save(os.path.join(folder, "palette.png"))
    palette.save(os.path.join(folder, "palette_transparent.png"), transparency=3)
    return sorted(os.listdir(folder))


def main():
    assert PIL.__version__ == "9.4.0", PIL.__version__
    utils = keras_utils(sys.argv[1])
    shutil.rmtree(ROOT, ignore_errors=True)
    src_dir = os.path.join(ROOT, "load_sources")
    files = sources(src_dir)
    variants = [
        {},
        {"target_size": [7, 5], "interpolation": "nearest"},
        {"target_size": [12, 20], "interpolation": "bilinear"},
        {"target_size": [6, 6], "interpolation": "bicubic", "keep_aspect_ratio": True},
        {"target_size": [5, 9], "interpolation": "lanczos"},
        {"target_size": [8, 4], "interpolation": "box", "keep_aspect_ratio": True},
        {"target_size": [10, 10], "interpolation": "hamming"},
        {"target_size": [9, 3], "interpolation": "nearest", "keep_aspect_ratio": True},
    ]
    cases, arrays = [], {}
    for f in files:
        for color_mode in ["grayscale", "rgb", "rgba"]:
            for v, args in enumerate(variants):
                args = dict(args, color_mode=color_mode)
                data_format = "channels_first" if v % 3 == 2 else "channels_last"
                img = utils.load_img(os.path.join(src_dir, f), **args)
                name = f"load_{len(cases):03d}"
                arrays[name] = utils.img_to_array(img, data_format=data_format)
                cases.append({"name": name, "source": f, "args": args, "data_format": data_format,
                              "source_mode": Image.open(os.path.join(src_dir, f)).mode,
                              "pil_mode": img.mode, "pil_size": list(img.size)})
    with open(os.path.join(ROOT, "load_cases.json"), "w") as f:
        json.dump({"produced_by": "keras-preprocessing image/utils.py, PIL " + PIL.__version__, "cases": cases}, f, indent=1)
    np.savez(os.path.join(ROOT, "load_expected.npz"), **arrays)

    rng = np.random.RandomState(7)
    a2i, a2i_arrays = [], {}
    inputs = [
        ("x0", rng.uniform(-3, 5, (4, 6, 3)).astype(np.float32), "channels_last", True),
        ("x1", rng.uniform(0, 1, (4, 2, 5)).astype(np.float32), "channels_first", True),
        ("x2", rng.uniform(10, 11, (5, 3, 1)).astype(np.float32), "channels_last", True),
        ("x3", np.full((3, 3, 3), 7.5, np.float32), "channels_last", True),
        ("x4", rng.uniform(0, 255, (6, 4, 3)).astype(np.float32), "channels_last", False),
        ("x5", rng.uniform(0, 255, (1, 5, 7)).astype(np.float32), "channels_first", False),
        ("x6", rng.normal(100, 80, (5, 5, 4)).astype(np.float32), "channels_last", True),
    ]
    for key, x, data_format, scale in inputs:
        img = utils.array_to_img(x, data_format=data_format, scale=scale)
        a2i.append({"input": key, "data_format": data_format, "scale": scale, "pil_mode": img.mode})
        a2i_arrays[key] = x
        a2i_arrays[key + "_expected"] = np.asarray(img)
    with open(os.path.join(ROOT, "array_to_img_cases.json"), "w") as f:
        json.dump({"produced_by": "keras-preprocessing image/utils.py, PIL " + PIL.__version__, "cases": a2i}, f, indent=1)
    np.savez(os.path.join(ROOT, "array_to_img.npz"), **a2i_arrays)
    # JPEG: what libjpeg (through PIL) decodes, to measure ImageSharp's decoder against.
    jpeg_dir = os.path.join(ROOT, "jpeg")
    os.makedirs(jpeg_dir)
    for name, arr, mode in [("rgb", pixels(48, 64, 3, 8), "RGB"), ("grey", pixels(40, 30, 1, 9)[:, :, 0], "L")]:
        for quality, subsampling in [(75, -1), (95, 0)]:
            path = os.path.join(jpeg_dir, f"{name}_q{quality}.jpg")
            Image.fromarray(arr, mode).save(path, quality=quality, subsampling=subsampling)
            np.save(path[:-4] + ".npy", np.asarray(Image.open(path)))
    print(len(cases), "load_img cases,", len(a2i), "array_to_img cases in", ROOT)


if __name__ == "__main__":
    sys.exit(main())
