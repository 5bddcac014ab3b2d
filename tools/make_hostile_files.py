"""Writes the hostile files of issue 11 that tests/fixtures/hostile/ holds.

Usage: /usr/bin/python3 tools/make_hostile_files.py OUTPUT_DIR

Pinned: Debian 12's python3-h5py 3.7.0 and python3-numpy 1.24.2 (the HDF5 that Keras 3.15.1 writes
through), and Python's zlib. Every file is small but declares far more than it holds:
- png_13000_truncated.png: a PNG header claiming 13000x13000 RGB with 100 bytes of pixel data
  (PIL: "image file is truncated").
- short_idat.png: a 64x64 PNG whose well-formed IDAT holds half of its deflate stream.
- huge_kernel.weights.h5: Keras's layout for one Dense layer whose kernel declares 16384x16384
  float32 (1 GiB) with no data written (HDF5 allocates storage late, so the file is tiny).
- huge_kernel_gzip.weights.h5: the same kernel chunked (1024x1024) and gzip-compressed, every chunk
  written (zeros), so reading it inflates 1 GiB.
- bomb_chunk.weights.h5: a 4x4 kernel whose single gzip chunk inflates to 64 MiB instead of 64 bytes.
"""
import struct
import sys
import zlib
from pathlib import Path

import h5py
import numpy as np


def png_chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)


def truncated_png(path):
    header = struct.pack(">IIBBBBB", 13000, 13000, 8, 2, 0, 0, 0)
    data = zlib.compress(bytes(100))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", data) + png_chunk(b"IEND", b""))


def short_idat_png(path):
    """A 64x64 RGB noise image whose IDAT stream holds only its first half: every chunk is well
    formed, the deflate stream just stops early (the ratio test cannot see it; inflating does)."""
    rows = np.random.RandomState(0).randint(0, 256, (64, 1 + 64 * 3), dtype=np.uint8)
    rows[:, 0] = 0
    data = zlib.compress(rows.tobytes(), 9)
    header = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", data[:len(data) // 2]) + png_chunk(b"IEND", b""))


def keras_layout(f):
    """The groups Keras 3 writes around one Dense layer (see tests/fixtures/files/article)."""
    f.create_group("vars").attrs["name"] = "sequential"
    group = f.create_group("layers/dense/vars")
    group.attrs["name"] = "dense"
    return group


def huge_kernel(path):
    with h5py.File(path, "w") as f:
        group = keras_layout(f)
        group.create_dataset("0", shape=(16384, 16384), dtype="f4")
        group.create_dataset("1", data=np.zeros(16384, "f4"))


def huge_kernel_gzip(path):
    with h5py.File(path, "w") as f:
        group = keras_layout(f)
        kernel = group.create_dataset("0", shape=(16384, 16384), dtype="f4", chunks=(1024, 1024), compression="gzip", fillvalue=1.0)
        block = np.zeros((1024, 1024), "f4")
        for i in range(0, 16384, 1024):
            for j in range(0, 16384, 1024):
                kernel[i:i + 1024, j:j + 1024] = block
        group.create_dataset("1", data=np.zeros(16384, "f4"))


def bomb_chunk(path):
    with h5py.File(path, "w") as f:
        group = keras_layout(f)
        kernel = group.create_dataset("0", shape=(4, 4), dtype="f4", chunks=(4, 4), compression="gzip")
        kernel.id.write_direct_chunk((0, 0), zlib.compress(bytes(64 << 20), 9))
        group.create_dataset("1", data=np.zeros(4, "f4"))


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    truncated_png(out / "png_13000_truncated.png")
    short_idat_png(out / "short_idat.png")
    huge_kernel(out / "huge_kernel.weights.h5")
    huge_kernel_gzip(out / "huge_kernel_gzip.weights.h5")
    bomb_chunk(out / "bomb_chunk.weights.h5")


if __name__ == "__main__":
    main(sys.argv[1])
