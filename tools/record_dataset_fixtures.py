"""Writes tiny files in the formats of Keras's keras.datasets caches, and what Keras's own
load_data functions return for them.

Pins: Keras 3.15.1 (tag v3.15.1) on Debian's python3-torch 1.13.1 and python3-numpy, run as
    /usr/bin/python3 tools/record_dataset_fixtures.py <keras-runtime dir> <keras source dir> <out dir>
<out dir>/home is a KERAS_HOME holding datasets/... exactly where Keras's loaders look;
<out dir>/expected.json holds the loaders' results. The files are not the real datasets, so
their hashes differ from the ones the loaders pass to get_file: the recording replaces Keras's
validate_file by one that accepts them (the tests disable KerasPort's hash check the same way).
"""
import gzip
import io
import json
import os
import struct
import sys
import tarfile

runtime, keras_src, out = sys.argv[1:4]
os.environ["KERAS_BACKEND"] = "torch"
home = os.path.join(out, "home")
os.environ["KERAS_HOME"] = home
sys.path[:0] = [runtime, keras_src]
import torch113_compat  # noqa: E402,F401  (before keras)
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras.src.utils import file_utils  # noqa: E402

file_utils.validate_file = lambda *a, **k: True
datasets = os.path.join(home, "datasets")
os.makedirs(datasets, exist_ok=True)
rng = np.random.RandomState(0)


def py2_pickle_of_batch(d):
    """A dict pickled as Python 2's cPickle protocol 2 wrote the CIFAR batches: str keys and
    values as BINSTRING, numpy arrays through numpy.core.multiarray._reconstruct."""
    out = io.BytesIO()
    w = out.write

    def binstring(b):
        if len(b) < 256:
            w(b"U" + bytes([len(b)]) + b)
        else:
            w(b"T" + struct.pack("<i", len(b)) + b)

    def integer(v):
        if 0 <= v < 256:
            w(b"K" + bytes([v]))
        elif 0 <= v < 65536:
            w(b"M" + struct.pack("<H", v))
        else:
            w(b"J" + struct.pack("<i", v))

    def value(v):
        if isinstance(v, bytes):
            binstring(v)
        elif isinstance(v, int):
            integer(v)
        elif isinstance(v, list):
            w(b"](")
            for item in v:
                value(item)
            w(b"e")
        elif isinstance(v, np.ndarray):
            w(b"cnumpy.core.multiarray\n_reconstruct\nq\x01cnumpy\nndarray\nq\x02K\x00\x85U\x01b\x87R(K\x01")
            for dim in v.shape:
                integer(dim)
            w({1: b"\x85", 2: b"\x86", 3: b"\x87"}[len(v.shape)])
            w(b"cnumpy\ndtype\nU\x02u1K\x00K\x01\x87R(K\x03U\x01|NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb\x89")
            binstring(v.tobytes())
            w(b"tb")
        else:
            raise TypeError(type(v))

    w(b"\x80\x02}q\x00(")
    for k, v in d.items():
        binstring(k)
        value(v)
    w(b"u.")
    return out.getvalue()


def tar_gz(path, members):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def images(n, h, w, c=None):
    shape = (n, h, w) if c is None else (n, h, w, c)
    return (rng.randint(0, 8, size=shape) * 32).astype("uint8")


# mnist.npz
np.savez(os.path.join(datasets, "mnist.npz"), x_train=images(5, 28, 28), y_train=rng.randint(0, 10, 5).astype("uint8"),
         x_test=images(3, 28, 28), y_test=rng.randint(0, 10, 3).astype("uint8"))

# fashion-mnist IDX files
fm = os.path.join(datasets, "fashion-mnist")
os.makedirs(fm, exist_ok=True)
for prefix, n in (("train", 4), ("t10k", 2)):
    labels = rng.randint(0, 10, n).astype("uint8")
    with gzip.open(os.path.join(fm, f"{prefix}-labels-idx1-ubyte.gz"), "wb") as f:
        f.write(struct.pack(">ii", 2049, n) + labels.tobytes())
    with gzip.open(os.path.join(fm, f"{prefix}-images-idx3-ubyte.gz"), "wb") as f:
        f.write(struct.pack(">iiii", 2051, n, 28, 28) + images(n, 28, 28).tobytes())

# cifar-10: the archive get_file(fname="cifar-10-batches-py-target", extract=True) keeps
members = []
for i in range(1, 6):
    members.append((f"cifar-10-batches-py/data_batch_{i}", py2_pickle_of_batch({
        b"batch_label": f"training batch {i} of 5".encode(), b"labels": [int(v) for v in rng.randint(0, 10, 2)],
        b"data": images(2, 3, 1024).reshape(2, 3072), b"filenames": [b"a.png", b"b.png"]})))
members.append(("cifar-10-batches-py/test_batch", py2_pickle_of_batch({
    b"batch_label": b"testing batch 1 of 1", b"labels": [int(v) for v in rng.randint(0, 10, 3)],
    b"data": images(3, 3, 1024).reshape(3, 3072), b"filenames": [b"a.png", b"b.png", b"c.png"]})))
tar_gz(os.path.join(datasets, "cifar-10-batches-py-target_archive"), members)

# cifar-100
members = []
for name, n in (("train", 4), ("test", 2)):
    members.append((f"cifar-100-python/{name}", py2_pickle_of_batch({
        b"filenames": [b"x.png"] * n, b"batch_label": name.encode(), b"fine_labels": [int(v) for v in rng.randint(0, 100, n)],
        b"coarse_labels": [int(v) for v in rng.randint(0, 20, n)], b"data": images(n, 3, 1024).reshape(n, 3072)})))
tar_gz(os.path.join(datasets, "cifar-100-python-target_archive"), members)

# boston_housing.npz
np.savez(os.path.join(datasets, "boston_housing.npz"), x=rng.uniform(0, 100, (11, 13)), y=rng.uniform(5, 50, 11))


def ragged(n, vocab):
    return np.array([list(map(int, rng.randint(1, vocab, rng.randint(2, 9)))) for _ in range(n)], dtype="object")


np.savez(os.path.join(datasets, "imdb.npz"), x_train=ragged(6, 40), y_train=rng.randint(0, 2, 6).astype("int64"),
         x_test=ragged(5, 40), y_test=rng.randint(0, 2, 5).astype("int64"))
np.savez(os.path.join(datasets, "reuters.npz"), x=ragged(9, 60), y=rng.randint(0, 46, 9).astype("int64"))
for name in ("imdb_word_index.json", "reuters_word_index.json"):
    with open(os.path.join(datasets, name), "w") as f:
        json.dump({"the": 1, "and": 2, "a": 3, "of": 4}, f)


# keras/src/datasets/npz_utils_test.py's files: a ragged object array, and a pickle gadget
# (never loaded here: its unpickling would run `touch <out>/marker`).
npz_dir = os.path.join(out, "npz_utils")
os.makedirs(npz_dir, exist_ok=True)
np.savez(os.path.join(npz_dir, "ragged.npz"), x=np.array([[1, 14, 22], [1, 194], [1, 14, 47, 8]], dtype=object), y=np.array([1, 0, 1]))


class Exploit:
    def __reduce__(self):
        return (os.system, (f"touch {os.path.join(out, 'marker')}",))


payload = np.empty(1, dtype=object)
payload[0] = Exploit()
np.savez(os.path.join(npz_dir, "evil.npz"), x=payload)


def arr(a):
    a = np.asarray(a)
    if a.dtype == object:
        return {"dtype": "object", "values": [list(map(int, x)) for x in a]}
    return {"dtype": str(a.dtype), "shape": list(a.shape), "values": a.ravel().tolist()}


def both(result):
    (a, b), (c, d) = result
    return {"x_train": arr(a), "y_train": arr(b), "x_test": arr(c), "y_test": arr(d)}


def cifar10_tiny():
    """cifar10.load_data's assembly for batches of any size: Keras's own code fills arrays of
    exactly 10,000 images per batch, so the tiny batches go through its load_batch here, then
    the same concatenation, reshapes, dtypes and transpose as load_data."""
    from keras.src.datasets.cifar import load_batch
    path = keras.utils.get_file(fname="cifar-10-batches-py-target", origin="https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz", extract=True)
    path = os.path.join(path, "cifar-10-batches-py")
    parts = [load_batch(os.path.join(path, f"data_batch_{i}")) for i in range(1, 6)]
    x_train = np.concatenate([p[0] for p in parts]).astype("uint8")
    y_train = np.concatenate([np.asarray(p[1]) for p in parts]).astype("uint8")
    x_test, y_test = load_batch(os.path.join(path, "test_batch"))
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    x_train = x_train.transpose(0, 2, 3, 1)
    x_test = x_test.transpose(0, 2, 3, 1)
    return (x_train, y_train), (x_test.astype(x_train.dtype), y_test.astype(y_train.dtype))


expected = {
    "mnist": both(keras.datasets.mnist.load_data()),
    "fashion_mnist": both(keras.datasets.fashion_mnist.load_data()),
    "cifar10": both(cifar10_tiny()),
    "cifar100_fine": both(keras.datasets.cifar100.load_data()),
    "cifar100_coarse": both(keras.datasets.cifar100.load_data(label_mode="coarse")),
    "boston_housing": both(keras.datasets.boston_housing.load_data()),
    "boston_housing_split": both(keras.datasets.boston_housing.load_data(test_split=0.3, seed=7)),
    "imdb": both(keras.datasets.imdb.load_data()),
    "imdb_options": both(keras.datasets.imdb.load_data(num_words=20, skip_top=3, maxlen=9, seed=5)),
    "imdb_no_oov": both(keras.datasets.imdb.load_data(num_words=25, oov_char=None, start_char=None, index_from=0)),
    "reuters": both(keras.datasets.reuters.load_data()),
    "reuters_options": both(keras.datasets.reuters.load_data(num_words=30, skip_top=2, maxlen=10, test_split=0.4, seed=3)),
    "imdb_word_index": keras.datasets.imdb.get_word_index(),
}
# get_file re-extracts on every call; the extracted folders are not part of the fixture.
for folder in ("cifar-10-batches-py-target", "cifar-100-python-target"):
    import shutil
    shutil.rmtree(os.path.join(datasets, folder))
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f)
