#!/usr/bin/python3
"""Records extra apply_affine_transform cases (random parameters, every fill mode, order 0 and 1,
non-square images, both data formats) with keras-preprocessing's formula and scipy 1.10.

Run with Debian's python3 and keras-preprocessing's source (pinned at commit 3e38006) on the path:
  git --git-dir <keras-preprocessing repo> archive 3e38006 keras_preprocessing | tar -x -C /tmp/kp
  PYTHONPATH=/tmp/kp /usr/bin/python3 tools/record_affine_extra.py
Writes tests/fixtures/image-extra/affine_extra.npz (x<i>, expected<i>, params<i>).
params<i> = [theta, tx, ty, shear, zx, zy, row_axis, col_axis, channel_axis, mode_index, cval, order]
"""
import os

import numpy as np

MODES = ['nearest', 'constant', 'reflect', 'wrap']


from keras_preprocessing.image.affine_transformations import apply_affine_transform  # noqa: E402


rs = np.random.RandomState(2024)
arrays = {}
for i in range(24):
    h, w, c = int(rs.randint(3, 12)), int(rs.randint(3, 12)), int(rs.choice([1, 3, 4]))
    channels_first = i % 3 == 2
    x = (rs.uniform(0, 255, size=(h, w, c))).astype(np.float32)
    axes = (1, 2, 0) if channels_first else (0, 1, 2)
    if channels_first:
        x = np.ascontiguousarray(x.transpose(2, 0, 1))
    mode = i % 4
    order = 0 if i % 5 == 4 else 1
    p = [float(rs.uniform(-60, 60)) if rs.rand() < 0.7 else 0.0,
         float(rs.uniform(-5, 5)) if rs.rand() < 0.5 else 0.0,
         float(rs.uniform(-5, 5)) if rs.rand() < 0.5 else 0.0,
         float(rs.uniform(-30, 30)) if rs.rand() < 0.4 else 0.0,
         float(rs.uniform(0.5, 1.6)), float(rs.uniform(0.5, 1.6))]
    cval = float(rs.uniform(-10, 300)) if MODES[mode] == 'constant' else 0.0
    y = apply_affine_transform(x, *p, *axes, MODES[mode], cval, order)
    arrays[f'x{i}'] = x
    arrays[f'expected{i}'] = y.astype(np.float32)
    arrays[f'params{i}'] = np.array(p + list(axes) + [mode, cval, order], dtype=np.float64)

out = os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'image-extra', 'affine_extra.npz')
os.makedirs(os.path.dirname(out), exist_ok=True)
np.savez(out, **arrays)
