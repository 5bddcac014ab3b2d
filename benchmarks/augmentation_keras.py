"""keras-preprocessing's ImageDataGenerator on the article's configuration, for the C# benchmark.

Run by benchmarks/KerasPort.Benchmarks (augmentation) with PYTHONPATH pointing at a copy of the
keras_preprocessing package extracted from the fetched source (commit 3e38006). Prints one JSON line.
"""
import json
import resource
import sys
import time

import numpy as np
from keras_preprocessing.image import ImageDataGenerator


def images(n, size):
    # Same pattern as the C# side: integer values in [0, 255], like decoded pictures.
    i = np.arange(size).reshape(1, size, 1, 1)
    j = np.arange(size).reshape(1, 1, size, 1)
    c = np.arange(3).reshape(1, 1, 1, 3)
    k = np.arange(n).reshape(n, 1, 1, 1)
    return ((i * 3 + j * 5 + c * 50 + k * 7) % 256).astype('float32')


def main():
    count, batch_size, size = (int(a) for a in sys.argv[1:4])
    datagen = ImageDataGenerator(rotation_range=40, width_shift_range=0.2, height_shift_range=0.2,
                                 brightness_range=[0.5, 1.5], rescale=1. / 255, shear_range=0.2,
                                 zoom_range=0.4, horizontal_flip=True, fill_mode='nearest')
    x = images(batch_size, size)
    it = datagen.flow(x, batch_size=batch_size, seed=1)
    next(it)  # warm-up
    done = 0
    faults = resource.getrusage(resource.RUSAGE_SELF)
    start, cpu_start = time.perf_counter(), time.process_time()
    while done < count:
        done += len(next(it))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    after = resource.getrusage(resource.RUSAGE_SELF)
    page_faults = after.ru_minflt + after.ru_majflt - faults.ru_minflt - faults.ru_majflt
    print(json.dumps({'images': done, 'seconds': elapsed, 'cpu_seconds': cpu,
                      'images_per_s': done / elapsed, 'images_per_cpu_s': done / cpu,
                      'page_faults': page_faults}))


if __name__ == '__main__':
    main()
