"""Records which files, in which order, with which labels and class names, Keras's
index_directory (behind image_dataset_from_directory) chooses for a tree with nested folders,
symbolic links (followed or not), hidden names, odd extensions and loose top-level files, with
labels inferred, given as a list, or none, class_names given, and seeded training/validation splits.

Pins Keras 3.15.1 (torch backend). Usage:
    /usr/bin/python3 tools/record_index_directory.py KERAS_RUNTIME KERAS_SRC WORK_DIR OUT_JSON
KERAS_RUNTIME holds torch113_compat; KERAS_SRC is the unpacked Keras 3.15.1 source; WORK_DIR is an
empty scratch folder where the tree is built (empty files: index_directory reads only names).
"""
import json
import os
import sys

runtime, keras_src, work, out = sys.argv[1:5]
os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [runtime, keras_src]
import torch113_compat  # noqa: F401,E402  (before keras)
import keras  # noqa: E402
from keras.src.utils import dataset_utils  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__
FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")

# The tree: folders, files (relative, empty), then links (name -> target, relative to the link's folder).
DIRS = ["alpha", "alpha/sub", "alpha/sub/deeper", "beta", "zeta", "zeta/Nested", "empty", ".hidden", "data_b"]
FILES = [
    "alpha/10.jpg", "alpha/9.jpg", "alpha/B.PNG", "alpha/a.png", "alpha/_under.jpeg", "alpha/.dot.jpg",
    "alpha/notes.txt", "alpha/x.jpgx", "alpha/sub/c.bmp", "alpha/sub/deeper/d.gif", "alpha/sub/Z.jpg",
    "beta/one.jpg", "beta/two.JPEG", "beta/three.gif",
    "zeta/z1.png", "zeta/Nested/z2.png", "zeta/Nested/z3.jpg",
    ".hidden/h.jpg", "data_b/b1.jpg", "data_b/b2.png",
    "top.jpg", "top2.png", "readme.md",
]
LINKS = [
    ("alpha/linked_dir", "../data_b"),  # a folder link inside a class: walked only with follow_links
    ("beta/linked_file.jpg", "../zeta/z1.png"),  # a file link: always listed
    ("linked_class", "zeta/Nested"),  # a folder link as a class folder
]
for d in DIRS:
    os.makedirs(os.path.join(work, d), exist_ok=True)
for f in FILES:
    open(os.path.join(work, f), "wb").close()
for name, target in LINKS:
    os.symlink(target, os.path.join(work, name))


def rel(paths):
    return [os.path.relpath(p, work) for p in paths]


def index(**case):
    args = dict(labels="inferred", class_names=None, shuffle=False, seed=None, follow_links=False)
    args.update({k: v for k, v in case.items() if k not in ("name", "validation_split")})
    if isinstance(args["labels"], list):
        args["labels"] = list(args["labels"])  # Keras shuffles a labels list in place: keep the case's own.
    paths, labels, class_names = dataset_utils.index_directory(work, formats=FORMATS, **args)
    result = {"all": {"files": rel(paths), "labels": None if labels is None else [int(v) for v in labels],
                      "class_names": None if class_names is None else [str(c) for c in class_names]}}
    split = case.get("validation_split")
    if split:
        for subset in ("training", "validation"):
            p, l = dataset_utils.get_training_or_validation_split(paths, labels, split, subset)
            result[subset] = {"files": rel(p), "labels": None if l is None else [int(v) for v in l]}
    return result


no_labels = dataset_utils.index_directory(work, labels=None, formats=FORMATS, follow_links=False, shuffle=False)[0]
explicit = [(i * 7) % 3 for i in range(len(no_labels))]
CASES = [
    dict(name="inferred"),
    dict(name="inferred_follow_links", follow_links=True),
    dict(name="inferred_follow_links_shuffled", follow_links=True, shuffle=True, seed=7),
    dict(name="no_labels", labels=None),
    dict(name="no_labels_follow_links", labels=None, follow_links=True),
    dict(name="labels_list_shuffled", labels=explicit, shuffle=True, seed=3),
    dict(name="class_names_split", class_names=["zeta", "alpha"], shuffle=True, seed=11, validation_split=0.25),
    dict(name="inferred_split", follow_links=True, shuffle=True, seed=5, validation_split=0.3),
    dict(name="no_labels_split", labels=None, shuffle=True, seed=1337, validation_split=0.2),
]
records = []
for case in CASES:
    args = {k: v for k, v in case.items() if k != "name"}
    records.append({"name": case["name"], "case": args, "expected": index(**case)})

with open(out, "w") as f:
    json.dump({"keras_version": keras.__version__, "formats": FORMATS, "tree": {"dirs": DIRS, "files": FILES, "links": LINKS},
               "cases": records}, f, indent=1)
print("recorded", len(records), "cases to", out)
