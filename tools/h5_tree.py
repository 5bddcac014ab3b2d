#!/usr/bin/python3
"""Dumps the HDF5 tree of .weights.h5 files in the format of files/article/h5_tree.json
(groups, members, attributes with their string type, datasets with shape, dtype, layout, chunks,
compression and the sha256 of their C-order bytes), and optionally compares it with that file.

Usage: /usr/bin/python3 tools/h5_tree.py FILE.weights.h5 [--compare h5_tree.json NAME]
Needs h5py (Debian: python3-h5py), the library Keras itself writes these files with.
"""
import hashlib, json, sys
import h5py, numpy as np

def attr_info(obj, key):
    value = obj.attrs[key]
    aid = obj.attrs.get_id(key)
    t = aid.get_type()
    info = {"shape": list(aid.shape), "value": value.decode() if isinstance(value, bytes) else
            (value.item() if hasattr(value, "item") else value)}
    if isinstance(t, h5py.h5t.TypeStringID):
        info.update(hdf5_type="string", variable_length=t.is_variable_str(),
                    charset="UTF-8" if t.get_cset() == h5py.h5t.CSET_UTF8 else "ASCII")
    return info

def tree(path):
    entries = []
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            p = "/" + name if name else "/"
            if isinstance(obj, h5py.Group):
                entries.append({"path": p, "kind": "group", "attrs": {k: attr_info(obj, k) for k in obj.attrs},
                                "members": list(obj.keys())})
                for k in obj.keys():
                    visit(f"{name}/{k}" if name else k, obj[k])
            else:
                data = obj[()]
                entries.append({"path": p, "kind": "dataset", "shape": list(obj.shape), "dtype": obj.dtype.str,
                                "layout": {h5py.h5d.CONTIGUOUS: "contiguous", h5py.h5d.COMPACT: "compact",
                                           h5py.h5d.CHUNKED: "chunked"}[obj.id.get_create_plist().get_layout()],
                                "chunks": obj.chunks, "compression": obj.compression,
                                "attrs": {k: attr_info(obj, k) for k in obj.attrs},
                                "sha256_of_c_order_bytes": hashlib.sha256(np.ascontiguousarray(data).tobytes()).hexdigest()})
        visit("", f)
        sb = f.id.get_create_plist().get_version()[0]
    return entries, sb

entries, superblock = tree(sys.argv[1])
if "--compare" in sys.argv:
    i = sys.argv.index("--compare")
    ref = json.load(open(sys.argv[i + 1]))["files"][sys.argv[i + 2]]
    keys = ["path", "kind", "attrs", "members", "shape", "dtype", "layout", "chunks", "compression", "sha256_of_c_order_bytes"]
    strip = lambda e: {k: e[k] for k in keys if k in e}
    mine = [strip(e) for e in entries]
    theirs = [strip(e) for e in ref["entries"]]
    diffs = [(a, b) for a, b in zip(mine, theirs) if a != b]
    print(f"{len(mine)} entries vs {len(theirs)}; superblock {superblock} vs {ref['superblock_version']}; {len(diffs)} differ")
    for a, b in diffs[:10]:
        print("mine  ", a); print("keras ", b)
    sys.exit(1 if diffs or len(mine) != len(theirs) or superblock != ref["superblock_version"] else 0)
json.dump({"superblock_version": superblock, "entries": entries}, sys.stdout, indent=1)
