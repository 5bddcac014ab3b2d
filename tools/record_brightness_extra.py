#!/usr/bin/python3
"""Records extra apply_brightness_shift / apply_channel_shift cases with keras-preprocessing's
own functions (PIL 9.4 ImageEnhance.Brightness underneath): 1, 3 and 4 channels, factors
below 0, in [0, 1] and above 1, scale on and off, data inside and outside [0, 255].

Run with Debian's python3 and keras-preprocessing's source on the path:
  git --git-dir <keras-preprocessing repo> archive 3e38006 keras_preprocessing | tar -x -C /tmp/kp
  PYTHONPATH=/tmp/kp /usr/bin/python3 tools/record_brightness_extra.py
Writes tests/fixtures/image-extra/brightness_extra.npz:
  x<i>, expected<i>, params<i> = [kind (0 brightness, 1 channel shift), value, scale]
"""
import os

import numpy as np

from keras_preprocessing.image.affine_transformations import apply_brightness_shift, apply_channel_shift

rs = np.random.RandomState(7)
arrays = {}
i = 0
for channels in [1, 3, 4]:
    for data in ['uint8', 'float255', 'unit', 'wide']:
        for factor in [-0.3, 0.37, 1.0, 1.61, 2.9]:
            for scale in [False, True]:
                shape = (5, 6, channels)
                if data == 'uint8':
                    x = rs.randint(0, 256, size=shape).astype(np.float32)
                elif data == 'float255':
                    x = rs.uniform(0, 255, size=shape).astype(np.float32)
                elif data == 'unit':
                    x = rs.uniform(0, 1, size=shape).astype(np.float32)
                else:
                    x = rs.uniform(-40, 400, size=shape).astype(np.float32)
                y = apply_brightness_shift(x.copy(), factor, scale)
                arrays[f'x{i}'], arrays[f'expected{i}'] = x, np.asarray(y, dtype=np.float32)
                arrays[f'params{i}'] = np.array([0, factor, float(scale)])
                i += 1
for channel_axis, shape in [(2, (5, 6, 3)), (0, (3, 5, 6))]:
    for intensity in [-30.5, 12.25]:
        x = rs.uniform(0, 255, size=shape).astype(np.float32)
        arrays[f'x{i}'] = x
        arrays[f'expected{i}'] = np.asarray(apply_channel_shift(x.copy(), intensity, channel_axis), dtype=np.float32)
        arrays[f'params{i}'] = np.array([1, intensity, float(channel_axis)])
        i += 1

out = os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'image-extra', 'brightness_extra.npz')
np.savez(out, **arrays)
print(i, 'cases')
