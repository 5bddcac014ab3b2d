#!/usr/bin/python3
"""Runs Keras's own unit tests of the single-input layers and records what they assert, for
tests/fixtures/layers/keras_tests/ (the C# ports replay each assertion on the C# layers).

Pinned versions: Keras 3.15.1 (tag v3.15.1, source tree given as an argument) on the torch backend,
run by Debian 12's python3-torch 1.13.1 through the keras-runtime compatibility shim (its folder is
the second argument); absl and numpy from Debian. pytest is not installed: a stub gives the test
modules its decorators (marks are no-ops) and pytest.raises.

How: absl's parameterized decorators are replaced before the test modules load, so each test
function keeps its parameter sets; every test of the listed classes runs once per parameter set
with np.random seeded (42 + case index). Hooks record:
  * run_layer_test(...): the layer class, init_kwargs, input shape (or data), and the expected
    output shape, output values and weight counts ("layer_tests").
  * assertAllClose(actual, expected, atol, rtol) where `actual` is the output of a call of one of
    the layers listed below: the layer's constructor kwargs, its weights and the input just before
    that call, the training flag, the expected values and the tolerances ("numerics"). The expected
    values are whatever the test compares with: its numpy reference implementation, or a literal.
A case whose kwargs or inputs cannot be written as JSON/npz (objects, masks, symbolic inputs) is
listed under "left_out" with the reason.

Usage: /usr/bin/python3 tools/record_keras_layer_tests.py KERAS_SRC KERAS_RUNTIME OUT_DIR
"""
import importlib
import json
import os
import sys
import types

keras_src, runtime, out_dir = sys.argv[1:4]
os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [runtime, keras_src]
import torch113_compat  # noqa: F401  (before keras)
import numpy as np


class _Raises:
    def __init__(self, exc, match=None):
        self.exc = exc

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is None:
            raise AssertionError("did not raise")
        return issubclass(kind, self.exc)


class _Mark:
    def __getattr__(self, name):
        def mark(*args, **kwargs):
            if len(args) == 1 and callable(args[0]) and not kwargs:
                return args[0]
            return lambda f: f
        return mark


pytest = types.ModuleType("pytest")
pytest.mark = _Mark()
pytest.raises = _Raises
pytest.skip = lambda *a, **k: (_ for _ in ()).throw(unittest_skip(*a))
sys.modules["pytest"] = pytest
import unittest  # noqa: E402

unittest_skip = unittest.SkipTest

from absl.testing import parameterized  # noqa: E402


def _parameters(*cases):
    def deco(f):
        f._cases = [(None, c) for c in cases]
        return f
    return deco


def _named_parameters(*cases):
    def deco(f):
        named = []
        for c in cases:
            if isinstance(c, dict):
                c = dict(c)
                named.append((c.pop("testcase_name"), c))
            else:
                named.append((c[0], tuple(c[1:])))
        f._cases = named
        return f
    return deco


def _product(*dict_lists, **axes):
    import itertools
    lists = [list(d) for d in dict_lists] + [[{k: v} for v in values] for k, values in axes.items()]
    combined = []
    for parts in itertools.product(*lists):
        case = {}
        for part in parts:
            case.update(part)
        combined.append(case)
    return _parameters(*combined)


parameterized.parameters = _parameters
parameterized.named_parameters = _named_parameters
parameterized.product = _product

import keras  # noqa: E402
from keras.src.layers.layer import Layer  # noqa: E402

LAYERS = ["Conv1D", "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose", "BatchNormalization",
          "LayerNormalization", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
          "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
          "ZeroPadding2D", "Cropping2D", "UpSampling2D", "Permute", "RepeatVector", "Softmax", "ReLU",
          "LeakyReLU", "ELU", "PReLU", "Embedding", "SpatialDropout3D"]
MODULES = {
    "keras.src.layers.normalization.batch_normalization_test": ["BatchNormalizationTest"],
    "keras.src.layers.normalization.layer_normalization_test": ["LayerNormalizationTest"],
    "keras.src.layers.convolutional.conv_test": ["ConvBasicTest", "ConvCorrectnessTest"],
    "keras.src.layers.convolutional.depthwise_conv_test": ["DepthwiseConvBasicTest", "DepthwiseConvCorrectnessTest"],
    "keras.src.layers.convolutional.separable_conv_test": ["SeparableConvBasicTest", "SeparableConvCorrectnessTest"],
    "keras.src.layers.convolutional.conv_transpose_test": ["ConvTransposeBasicTest", "ConvTransposeCorrectnessTest"],
    "keras.src.layers.pooling.average_pooling_test": ["AveragePoolingBasicTest", "AveragePoolingCorrectnessTest"],
    "keras.src.layers.pooling.max_pooling_test": ["MaxPoolingBasicTest", "MaxPoolingCorrectnessTest"],
    "keras.src.layers.pooling.global_average_pooling_test": ["GlobalAveragePoolingBasicTest", "GlobalAveragePoolingCorrectnessTest"],
    "keras.src.layers.pooling.global_max_pooling_test": ["GlobalMaxPoolingBasicTest", "GlobalMaxPoolingCorrectnessTest"],
    "keras.src.layers.reshaping.zero_padding2d_test": ["ZeroPadding2DTest"],
    "keras.src.layers.reshaping.cropping2d_test": ["Cropping2DTest"],
    "keras.src.layers.reshaping.up_sampling2d_test": ["UpSampling2dTest"],
    "keras.src.layers.reshaping.permute_test": ["PermuteTest"],
    "keras.src.layers.reshaping.repeat_vector_test": ["FlattenTest"],
    "keras.src.layers.activations.softmax_test": ["SoftmaxTest"],
    "keras.src.layers.activations.relu_test": ["ReLUTest"],
    "keras.src.layers.activations.leaky_relu_test": ["LeakyReLUTest"],
    "keras.src.layers.activations.elu_test": ["ELUTest"],
    "keras.src.layers.activations.prelu_test": ["PReLUTest"],
    "keras.src.layers.core.embedding_test": ["EmbeddingTest"],
    "keras.src.layers.regularization.spatial_dropout_test": ["SpatialDropoutTest"],
}

state = {"test": None, "calls": [], "layer_tests": [], "numerics": [], "left_out": [], "ran": []}
arrays = {}


def jsonable(value):
    try:
        json.dumps(value)
        return True
    except TypeError:
        return False


def plain(value):
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    return value


# Constructor kwargs of the listed layers, kept on the instance.
for name in LAYERS:
    cls = getattr(keras.layers, name)
    original = cls.__init__

    def init(self, *args, __original=original, __cls=cls, **kwargs):
        if type(self) is __cls:
            self._recorded_args = (args, dict(kwargs))
        __original(self, *args, **kwargs)
    cls.__init__ = init

_layer_call = Layer.__call__


def to_numpy(x):
    return np.array(keras.ops.convert_to_numpy(x))


def layer_call(self, *args, **kwargs):
    record = None
    if hasattr(self, "_recorded_args") and len(args) == 1 and not isinstance(args[0], keras.KerasTensor):
        try:
            record = {"layer": self, "x": to_numpy(args[0]), "kwargs": kwargs,
                      "weights_before": [to_numpy(w) for w in self.weights] if self.built else None}
        except Exception:  # noqa: BLE001 (a structure we do not replay)
            record = None
    out = _layer_call(self, *args, **kwargs)
    if record is not None:
        record["out"] = out
        if record["weights_before"] is None:
            record["weights_before"] = "built_by_call"
        record["weights_after"] = [to_numpy(w) for w in self.weights]
        state["calls"].append(record)
    return out


Layer.__call__ = layer_call


def save_array(key, value):
    arrays[key] = np.asarray(value)
    return key


def record_numerics(actual, desired, atol, rtol):
    for call in reversed(state["calls"]):
        if call["out"] is actual:
            break
    else:
        return
    layer = call["layer"]
    args, kwargs = layer._recorded_args
    case_id = f"n{len(state['numerics'])}"
    reasons = []
    if args:
        reasons.append("positional constructor arguments")
    kwargs = plain(kwargs)
    if not jsonable(kwargs):
        reasons.append("constructor arguments that are objects")
    if set(call["kwargs"]) - {"training"}:
        reasons.append(f"call arguments {sorted(set(call['kwargs']) - {'training'})}")
    if reasons:
        state["left_out"].append({"test": state["test"], "class_name": type(layer).__name__, "reason": ", ".join(reasons)})
        return
    weights = call["weights_before"]
    if isinstance(weights, str):
        # Built by this call: the weights it was built with are the ones after the call, unless
        # the call itself changed them (a training call of BatchNormalization).
        weights = call["weights_after"] if not call["kwargs"].get("training") else None
    if weights is None:
        state["left_out"].append({"test": state["test"], "class_name": type(layer).__name__, "reason": "built and updated by the same call"})
        return
    entry = {
        "id": case_id, "test": state["test"], "class_name": type(layer).__name__, "kwargs": kwargs,
        "training": call["kwargs"].get("training"), "trainable": layer.trainable,
        "x": save_array(case_id + "_x", call["x"]),
        "weights": [save_array(f"{case_id}_w{i}", w) for i, w in enumerate(weights)],
        "expected": save_array(case_id + "_expected", to_numpy(desired)),
        "atol": float(atol), "rtol": float(rtol),
    }
    state["numerics"].append(entry)


def assert_all_close(self, actual, desired, atol=1e-6, rtol=1e-6, tpu_atol=None, tpu_rtol=None, msg=None):
    np.testing.assert_allclose(to_numpy(actual), to_numpy(desired), atol=atol, rtol=rtol)
    record_numerics(actual, desired, atol, rtol)


def run_layer_test(self, layer_cls, init_kwargs, input_shape=None, input_dtype=None, input_data=None, call_kwargs=None,
                   expected_output_shape=None, expected_output=None, expected_num_trainable_weights=None,
                   expected_num_non_trainable_weights=None, expected_num_losses=None, **ignored):
    entry_id = f"l{len(state['layer_tests'])}"
    kwargs = plain(init_kwargs)
    reasons = []
    if not jsonable(kwargs):
        reasons.append("constructor arguments that are objects")
    if set(call_kwargs or {}) - {"training"}:
        reasons.append(f"call arguments {sorted(call_kwargs)}")
    if input_shape is not None and not isinstance(input_shape, tuple):
        reasons.append("several inputs")
    if reasons:
        state["left_out"].append({"test": state["test"], "class_name": layer_cls.__name__, "reason": ", ".join(reasons)})
        return
    entry = {
        "id": entry_id, "test": state["test"], "class_name": layer_cls.__name__, "kwargs": kwargs,
        "input_shape": plain(input_shape), "input_dtype": input_dtype, "training": (call_kwargs or {}).get("training"),
        "expected_output_shape": plain(expected_output_shape),
        "expected_num_trainable_weights": expected_num_trainable_weights,
        "expected_num_non_trainable_weights": expected_num_non_trainable_weights,
        "expected_num_losses": expected_num_losses,
    }
    if input_data is not None:
        entry["input_data"] = save_array(entry_id + "_x", to_numpy(input_data))
    if expected_output is not None:
        entry["expected_output"] = save_array(entry_id + "_expected", to_numpy(expected_output))
    state["layer_tests"].append(entry)


for module_name, class_names in MODULES.items():
    module = importlib.import_module(module_name)
    for class_name in class_names:
        cls = getattr(module, class_name)
        for attr in sorted(dir(cls)):
            if not attr.startswith("test"):
                continue
            fn = getattr(cls, attr)
            for index, (label, params) in enumerate(getattr(fn, "_cases", [(None, ())])):
                test_name = f"{class_name}.{attr}" + (f"[{label or index}]" if hasattr(fn, "_cases") else "")
                state["test"] = test_name
                state["calls"] = []
                np.random.seed(42 + index)
                keras.utils.set_random_seed(42 + index)
                instance = cls(methodName=attr)
                instance.assertAllClose = types.MethodType(assert_all_close, instance)
                instance.run_layer_test = types.MethodType(run_layer_test, instance)
                try:
                    instance.setUp()
                    if isinstance(params, dict):
                        fn(instance, **params)
                    else:
                        fn(instance, *params)
                    state["ran"].append({"test": test_name, "outcome": "ran"})
                except unittest.SkipTest as e:
                    state["ran"].append({"test": test_name, "outcome": f"skipped: {e}"})
                except AssertionError as e:
                    # A run_layer_test inside assertRaises: the stub does not raise, so the layer
                    # tests of this test are the ones Keras expects to fail.
                    if "not raised" in str(e):
                        for entry in state["layer_tests"]:
                            if entry["test"] == test_name:
                                entry["expect_error"] = True
                    state["ran"].append({"test": test_name, "outcome": f"error: AssertionError: {str(e)[:200]}"})
                except Exception as e:  # noqa: BLE001 (recorded: a Keras test that does not run here)
                    state["ran"].append({"test": test_name, "outcome": f"error: {type(e).__name__}: {str(e)[:200]}"})
                finally:
                    keras.backend.clear_session()

os.makedirs(out_dir, exist_ok=True)
np.savez_compressed(os.path.join(out_dir, "arrays.npz"), **arrays)
with open(os.path.join(out_dir, "tests.json"), "w") as f:
    json.dump({"layer_tests": state["layer_tests"], "numerics": state["numerics"], "left_out": state["left_out"], "ran": state["ran"]}, f, indent=1)
print(len(state["layer_tests"]), "layer tests,", len(state["numerics"]), "numeric assertions,", len(state["left_out"]), "left out")
