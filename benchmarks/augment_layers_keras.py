"""Keras 3.15.1's augmentation layers on its torch backend, for the C# benchmark (augment_layers).

The tutorials' pipeline: Sequential([RandomFlip("horizontal"), RandomRotation(0.1), RandomZoom(0.1),
Rescaling(1/255)]) called with training=True on float32 batches. Pins: Keras 3.15.1 (tag v3.15.1)
on Debian's python3-torch 1.13.1 with the project's torch113_compat shim. Usage:
    /usr/bin/python3 augment_layers_keras.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR IMAGES BATCH SIZE
Prints one JSON line.
"""
import json
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "torch")
runtime, source = sys.argv[1:3]
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: E402,F401  (before keras)
import keras  # noqa: E402
import numpy as np  # noqa: E402


def images(n, size):
    # Same pattern as the C# side: integer values in [0, 255], like decoded pictures.
    i = np.arange(size).reshape(1, size, 1, 1)
    j = np.arange(size).reshape(1, 1, size, 1)
    c = np.arange(3).reshape(1, 1, 1, 3)
    k = np.arange(n).reshape(n, 1, 1, 1)
    return ((i * 3 + j * 5 + c * 50 + k * 7) % 256).astype('float32')


def main():
    count, batch_size, size = (int(a) for a in sys.argv[3:6])
    keras.utils.set_random_seed(1)
    pipeline = keras.Sequential([
        keras.layers.RandomFlip("horizontal"),
        keras.layers.RandomRotation(0.1),
        keras.layers.RandomZoom(0.1),
        keras.layers.Rescaling(1.0 / 255),
    ])
    x = keras.ops.convert_to_tensor(images(batch_size, size))
    pipeline(x, training=True)  # warm-up
    done = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    while done < count:
        done += len(pipeline(x, training=True))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({'images': done, 'seconds': elapsed, 'cpu_seconds': cpu,
                      'images_per_s': done / elapsed, 'images_per_cpu_s': done / cpu,
                      'torch_threads': __import__('torch').get_num_threads()}))


if __name__ == '__main__':
    main()
