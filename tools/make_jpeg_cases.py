"""Writes tests/fixtures/jpeg: small JPEG files saved by PIL with various subsamplings, qualities,
sizes and encodings, and what PIL 9.4 (libjpeg-turbo, so Keras's load_img) decodes from them.
Run with Debian's /usr/bin/python3 (Pillow 9.4, numpy 1.24):

    /usr/bin/python3 tools/make_jpeg_cases.py [path/to/cat.jpg]

(cat.jpg defaults to examples/KerasPort.Examples/Data/cat.jpg.)

cases.json lists, per file, the mode PIL opens it in and the mode KerasPort's Image.open gives
(KerasPort has no CMYK mode: it opens CMYK as its RGB conversion). expected.npz holds, per small case,
PIL's pixels in the KerasPort mode (every case has their SHA-256 in cases.json), plus cat.jpg's decode as a SHA-256 and sums, and keras-preprocessing's load_img(cat.jpg, target_size=...)
for the resize cases."""
import hashlib
import json
import os
import shutil
import struct
import sys

import numpy as np
import PIL
from PIL import Image, ImageCms, features

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "tests", "fixtures", "jpeg")
CAT = os.path.join(HERE, "..", "examples", "KerasPort.Examples", "Data", "cat.jpg")


def pixels(h, w, c, seed, noise=40):
    # Smooth waves plus noise: the noise makes chroma upsampling differences show.
    rng = np.random.RandomState(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    arr = np.stack([127 + 110 * np.cos(xx / (1.5 + k) - yy / (2.5 + k)) + rng.uniform(-noise, noise, (h, w)) for k in range(c)], -1)
    return np.clip(arr, 0, 255).astype(np.uint8)


def exif_orientation(value):
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()


def swapped_primaries_profile():
    # An RGB ICC profile far from sRGB: lcms's sRGB with the red and blue colorant tags swapped. A
    # decoder that applied it would swap hues; PIL ignores embedded profiles.
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    entries = {bytes(profile[o:o + 4]): o for o in range(132, 132 + 12 * struct.unpack(">I", profile[128:132])[0], 12)}
    r, b = entries[b"rXYZ"], entries[b"bXYZ"]
    profile[r + 4:r + 12], profile[b + 4:b + 12] = profile[b + 4:b + 12], profile[r + 4:r + 12]
    return bytes(profile)


# name, source (mode, height, width, seed[, noise]), save options
CASES = [
    ("rgb_444_q75", ("RGB", 32, 48, 1), {"quality": 75, "subsampling": 0}),
    ("rgb_422_q75", ("RGB", 32, 48, 2), {"quality": 75, "subsampling": 1}),
    ("rgb_420_q75", ("RGB", 32, 48, 3), {"quality": 75, "subsampling": 2}),
    ("rgb_420_q50", ("RGB", 32, 48, 4), {"quality": 50}),
    ("rgb_420_q95", ("RGB", 32, 48, 5), {"quality": 95}),
    ("rgb_444_q95", ("RGB", 32, 48, 6), {"quality": 95, "subsampling": 0}),
    ("rgb_420_odd_37x23", ("RGB", 23, 37, 7), {"quality": 75}),
    ("rgb_422_odd_1x17", ("RGB", 17, 1, 8), {"quality": 80, "subsampling": 1}),
    ("rgb_420_odd_29x1", ("RGB", 1, 29, 9), {"quality": 80}),
    ("rgb_420_progressive", ("RGB", 33, 45, 10), {"quality": 75, "progressive": True}),
    ("rgb_444_progressive_optimized", ("RGB", 31, 40, 11), {"quality": 90, "subsampling": 0, "progressive": True, "optimize": True}),
    ("grey_q50", ("L", 30, 40, 12), {"quality": 50}),
    ("grey_q95_odd_21x13", ("L", 13, 21, 13), {"quality": 95}),
    ("grey_progressive", ("L", 24, 24, 14), {"quality": 75, "progressive": True}),
    ("cmyk_q90", ("CMYK", 20, 30, 15), {"quality": 90}),
    # PIL's Image.open does not apply EXIF orientation: the pixels stay as stored.
    # Wide enough that KerasPort decodes it in more than one block of rows; kept as a SHA-256 only.
    ("rgb_420_wide_1100x260", ("RGB", 260, 1100, 17, 0), {"quality": 60}),
    ("rgb_420_icc_swapped_primaries", ("RGB", 16, 24, 18), {"quality": 75, "icc_profile": swapped_primaries_profile()}),
    ("rgb_420_exif_rotate90", ("RGB", 16, 24, 16), {"quality": 75, "exif": exif_orientation(6)}),
]

# keras-preprocessing's load_img(path, target_size=(h, w), interpolation=...): open, convert to RGB
# if needed, and resize((w, h), filter) when the size differs.
RESIZES = [("cat_150x150_nearest", (150, 150), "nearest", Image.NEAREST),
           ("cat_120x150_bilinear", (120, 150), "bilinear", Image.BILINEAR)]


def main():
    cat = sys.argv[1] if len(sys.argv) > 1 else CAT
    if os.path.exists(ROOT):
        shutil.rmtree(ROOT)
    os.makedirs(ROOT)
    cases, arrays = [], {}
    for name, (mode, h, w, seed, *noise), options in CASES:
        arr = pixels(h, w, 1 if mode == "L" else len(mode), seed, *noise)
        path = os.path.join(ROOT, name + ".jpg")
        Image.fromarray(arr[:, :, 0] if mode == "L" else arr, mode).save(path, **options)
        img = Image.open(path)
        img.load()
        kerasport_mode = "L" if img.mode == "L" else "RGB"
        expected = np.asarray(img if img.mode == kerasport_mode else img.convert(kerasport_mode))
        if expected.size < 100000:
            arrays[name] = expected
        cases.append({"name": name, "pil_mode": img.mode, "mode": kerasport_mode, "size": list(img.size),
                      "sha256_of_pixels": hashlib.sha256(expected.tobytes()).hexdigest(),
                      "layer": [list(layer) for layer in getattr(img, "layer", [])],
                      "progressive": bool(img.info.get("progressive")), "save_options": {k: v for k, v in options.items() if k not in ("exif", "icc_profile")}})
    shutil.copy(cat, os.path.join(ROOT, "cat.jpg"))
    # cat.jpg's decode (406 KB raw) is kept as its SHA-256 and per-channel sums, not as an array.
    img = Image.open(cat)
    cat_pixels = np.asarray(img)
    cat_case = {"name": "cat", "pil_mode": img.mode, "size": list(img.size), "layer": [list(layer) for layer in img.layer],
                "sha256_of_pixels": hashlib.sha256(cat_pixels.tobytes()).hexdigest(),
                "channel_sums": [int(s) for s in cat_pixels.reshape(-1, 3).sum(0, dtype=np.int64)]}
    resizes = []
    for name, (th, tw), interpolation, resample in RESIZES:
        img = Image.open(cat)
        if img.mode != "RGB":
            img = img.convert("RGB")
        arrays[name] = np.asarray(img.resize((tw, th), resample), dtype=np.uint8)
        resizes.append({"name": name, "target_size": [th, tw], "interpolation": interpolation})
    with open(os.path.join(ROOT, "cases.json"), "w") as f:
        json.dump({"produced_by": "tools/make_jpeg_cases.py, PIL " + PIL.__version__ + ", libjpeg " + features.version("jpg"),
                   "cases": cases, "cat": cat_case, "load_img": resizes}, f, indent=1)
    np.savez_compressed(os.path.join(ROOT, "expected.npz"), **arrays)
    print(len(cases), "decode cases,", len(resizes), "load_img cases in", ROOT)


if __name__ == "__main__":
    sys.exit(main())
