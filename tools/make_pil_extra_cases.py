"""Writes tests/fixtures/pil-extra: PIL 9.4 cases that tests/fixtures/pil does not cover
(all six resize filters, resize boxes, RGBA resampling and enhancing, more conversions).
Same layout as tests/fixtures/pil. Run with Debian's /usr/bin/python3 (python3-pil 9.4, python3-numpy)."""
import json
import os
import shutil
import sys

import numpy as np
import PIL
from PIL import Image, ImageEnhance

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "pil-extra")


def synthetic(mode, w, h, seed):
    rng = np.random.RandomState(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    channels = []
    for c in range(4):
        smooth = 127.5 + 120 * np.sin(xx / (2.0 + c) + yy / (3.0 + c) + c)
        channels.append(smooth + rng.uniform(-40, 40, size=(h, w)))
    arr = np.clip(np.stack(channels, -1), 0, 255).astype(np.uint8)
    arr[0, :, 3] = 0      # fully transparent row
    arr[1, :, 3] = 255    # opaque row
    if mode == "L":
        return Image.fromarray(arr[:, :, 0], "L")
    if mode == "RGB":
        return Image.fromarray(arr[:, :, :3], "RGB")
    return Image.fromarray(arr, "RGBA")


def run(op, args, img):
    if op == "resize":
        box = tuple(args["box"]) if args.get("box") else None
        resample = getattr(Image, args["resample"]) if args["resample"] else None
        return img.resize(tuple(args["size"]), resample, box)
    if op == "enhance":
        return getattr(ImageEnhance, args["enhancer"])(img).enhance(args["factor"])
    if op == "transpose":
        return img.transpose(getattr(Image, args["method"]))
    if op == "convert":
        return img.convert(args["mode"])
    if op == "pad_paste":
        pad = args["pad"]
        canvas = Image.new(img.mode, (img.width + pad, img.height + pad), args["color"])
        canvas.paste(img, (pad // 2, pad // 2))
        return canvas
    raise ValueError(op)


def main():
    assert PIL.__version__ == "9.4.0", PIL.__version__
    shutil.rmtree(ROOT, ignore_errors=True)
    cases = []
    filters = ["NEAREST", "BOX", "BILINEAR", "HAMMING", "BICUBIC", "LANCZOS"]
    for mode, (w, h), seed in [("RGB", (29, 17), 1), ("L", (23, 31), 2), ("RGBA", (19, 14), 3)]:
        for size in [(11, 6), (53, 40), (7, 45)]:
            for f in filters:
                cases.append(("resize", {"size": list(size), "resample": f}, mode, (w, h), seed))
        for f in filters:
            cases.append(("resize", {"size": [13, 9], "resample": f, "box": [1.5, 2.25, w - 3.5, h - 1]}, mode, (w, h), seed))
            cases.append(("resize", {"size": [40, 30], "resample": f, "box": [3, 2, 12, 11]}, mode, (w, h), seed))
        for e in ["Brightness", "Contrast", "Sharpness", "Color"]:
            for factor in [0.0, 0.3, 1.0, -0.5, 2.2]:
                cases.append(("enhance", {"enhancer": e, "factor": factor}, mode, (w, h), seed))
        for target in ["L", "RGB", "RGBA"]:
            if target != mode:
                cases.append(("convert", {"mode": target}, mode, (w, h), seed))
        for color in ["hsl(120, 50%, 40%)", "#abcd", "rgba(10, 20, 30, 40)", "gold"]:
            cases.append(("pad_paste", {"color": color, "pad": 4}, mode, (w, h), seed))
    for method in ["FLIP_LEFT_RIGHT", "FLIP_TOP_BOTTOM", "ROTATE_90", "ROTATE_180", "ROTATE_270", "TRANSPOSE", "TRANSVERSE"]:
        cases.append(("transpose", {"method": method}, "RGBA", (19, 14), 3))
    for i, (op, args, mode, (w, h), seed) in enumerate(cases):
        name = f"{i:04d}_{op}"
        folder = os.path.join(ROOT, name)
        os.makedirs(folder)
        img = synthetic(mode, w, h, seed)
        img.save(os.path.join(folder, "input.png"))
        out = run(op, args, Image.open(os.path.join(folder, "input.png")))
        np.save(os.path.join(folder, "expected.npy"), np.asarray(out))
        with open(os.path.join(folder, "case.json"), "w") as f:
            json.dump({"op": op, "args": args, "input_mode": mode, "input_size": [w, h],
                       "expected_mode": out.mode, "produced_by": "PIL " + PIL.__version__}, f, indent=1)
    print(len(cases), "cases in", ROOT)


if __name__ == "__main__":
    sys.exit(main())
