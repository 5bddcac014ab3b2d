"""Records Keras 3's randomness on its torch backend for the seeded tests.

Usage: /usr/bin/python3 tools/record_keras_random.py KERAS_RUNTIME KERAS_SRC OUT.json
(KERAS_RUNTIME holds torch113_compat; KERAS_SRC is an unpacked Keras 3.15.1, tag v3.15.1.)
Pins: Keras 3.15.1 on Debian 12's python3 (3.11.2) with python3-torch 1.13.1 and numpy 1.24.2.
Each entry is a Keras call and its result (flattened, with its shape) in call order: the C# tests
replay the same calls in the same order after the same set_random_seed.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import torch113_compat  # noqa: E402,F401  (before keras)
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from keras.src.random import seed_generator as sg  # noqa: E402

torch.set_num_threads(1)
out = {}


def val(t):
    a = np.asarray(keras.ops.convert_to_numpy(t))
    return {"shape": list(a.shape), "values": a.astype("float64").ravel().tolist()}


def random_section():
    keras.utils.set_random_seed(42)
    r = {}
    r["default_seeds"] = [sg.make_default_seed() for _ in range(2)]
    g = sg.SeedGenerator()
    r["unseeded_generator_state"] = keras.ops.convert_to_numpy(g.state).tolist()
    r["uniform_seed7"] = val(keras.random.uniform((3, 4), seed=7))
    r["uniform_seed7_range"] = val(keras.random.uniform((3, 4), minval=-2.0, maxval=5.0, seed=7))
    r["normal_seed7"] = val(keras.random.normal((3, 4), mean=1.0, stddev=2.0, seed=7))
    gen = keras.random.SeedGenerator(1337)
    r["generator_1337"] = [val(keras.random.uniform((5,), seed=gen)) for _ in range(2)]
    r["generator_1337_state"] = keras.ops.convert_to_numpy(gen.state).tolist()
    r["global"] = [val(keras.random.uniform((5,))) for _ in range(3)]
    r["global_state"] = keras.ops.convert_to_numpy(sg.global_seed_generator().state).tolist()
    r["truncated_normal_seed3"] = val(keras.random.truncated_normal((4, 5), mean=0.5, stddev=2.0, seed=3))
    r["randint_seed5"] = val(keras.random.randint((10,), 0, 100, seed=5))
    r["categorical_seed9"] = val(keras.random.categorical(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 5.0]], "float32"), 6, seed=9))
    ones = torch.ones((2, 8))
    r["dropout_seed11"] = val(keras.random.dropout(ones, 0.5, seed=11))
    r["dropout_noise_shape_seed11"] = val(keras.random.dropout(ones, 0.5, noise_shape=(1, None), seed=11))
    x = torch.arange(12, dtype=torch.float32).reshape(4, 3)
    r["shuffle_axis0_seed4"] = val(keras.random.shuffle(x, axis=0, seed=4))
    r["shuffle_axis1_seed4"] = val(keras.random.shuffle(x, axis=1, seed=4))
    r["gamma_seed1"] = val(keras.random.gamma((6,), 2.0, seed=1))
    r["binomial_seed1"] = val(keras.random.binomial((6,), 10.0, 0.3, seed=1))
    r["beta_seed1"] = val(keras.random.beta((6,), 2.0, 3.0, seed=1))
    r["uniform_seed_2_32_plus_5"] = val(keras.random.uniform((3,), seed=2**32 + 5))
    r["uniform_seed_2_31_plus_1"] = val(keras.random.uniform((3,), seed=2**31 + 1))
    r["uniform_scalar_seed7"] = val(keras.random.uniform((), seed=7))
    # The global torch generator was not touched by any seeded draw above.
    r["torch_rand_after"] = val(torch.rand(3))
    keras.utils.set_random_seed(42)
    r["dropout_fast_path"] = val(keras.random.dropout(torch.ones((4, 6)), 0.3))
    r["dropout_unseeded_generator"] = val(keras.random.dropout(torch.ones((4, 6)), 0.3, seed=keras.random.SeedGenerator()))
    # torch's DataLoader and RandomSampler draw int64 seeds from the global generator.
    torch.manual_seed(42)
    seeds = [int(torch.empty((), dtype=torch.int64).random_().item()) for _ in range(3)]
    r["int64_draws"] = [str(s) for s in seeds]
    gen_t = torch.Generator()
    gen_t.manual_seed(seeds[2])
    r["randperm_10"] = torch.randperm(10, generator=gen_t).tolist()
    return r


def initializer_section():
    keras.utils.set_random_seed(1)
    names = ["GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform", "LecunNormal",
             "RandomNormal", "RandomUniform", "TruncatedNormal", "Orthogonal", "VarianceScaling"]
    r = {}
    for name in names:
        init = getattr(keras.initializers, name)()
        a = init((4, 3))
        b = init((4, 3))
        r[name] = {"first": val(a), "second_equal": bool(np.array_equal(np.asarray(a), np.asarray(b)))}
    r["VarianceScaling_custom"] = val(keras.initializers.VarianceScaling(scale=2.0, mode="fan_out", distribution="untruncated_normal")((5, 2)))
    r["VarianceScaling_uniform_conv"] = val(keras.initializers.VarianceScaling(scale=0.5, mode="fan_avg", distribution="uniform")((3, 3, 2, 4)))
    r["RandomNormal_args"] = val(keras.initializers.RandomNormal(mean=0.5, stddev=2.0)((3, 3)))
    r["RandomUniform_args"] = val(keras.initializers.RandomUniform(minval=-1.0, maxval=1.0)((3, 3)))
    r["Orthogonal_wide"] = val(keras.initializers.Orthogonal(gain=2.0)((3, 5)))
    r["by_name_glorot_uniform"] = val(keras.initializers.get("glorot_uniform")((2, 2)))
    r["seeded_42"] = val(keras.initializers.GlorotUniform(seed=42)((4, 3)))
    gen = keras.random.SeedGenerator(5)
    init = keras.initializers.RandomNormal(seed=gen)
    r["generator_seed"] = [val(init((2, 3))), val(init((2, 3)))]
    return r


def dense_section():
    keras.utils.set_random_seed(9)
    d = keras.layers.Dense(3, bias_initializer="random_normal")
    d.build((None, 2))
    return {"dense_kernel_then_bias": [val(w) for w in d.get_weights()]}


def layer_section():
    keras.utils.set_random_seed(3)
    r = {}
    ones = torch.ones((4, 6))
    d = keras.layers.Dropout(0.5)
    r["dropout_unseeded"] = [val(d(ones, training=True)) for _ in range(2)]
    d = keras.layers.Dropout(0.5, seed=7)
    r["dropout_seeded"] = [val(d(ones, training=True)) for _ in range(2)]
    d = keras.layers.Dropout(0.5, noise_shape=(None, 1))
    r["dropout_noise_shape"] = val(d(ones, training=True))
    d = keras.layers.SpatialDropout1D(0.5)
    r["spatial1d"] = val(d(torch.ones((2, 3, 4)), training=True))
    d = keras.layers.SpatialDropout2D(0.5)
    r["spatial2d"] = val(d(torch.ones((2, 3, 3, 4)), training=True))
    g = keras.layers.GaussianNoise(0.2)
    r["gaussian_noise"] = [val(g(torch.zeros((2, 5)), training=True)) for _ in range(2)]
    g = keras.layers.GaussianDropout(0.3, seed=12)
    r["gaussian_dropout"] = val(g(ones, training=True))
    a = keras.layers.AlphaDropout(0.2)
    r["alpha_dropout"] = val(a(torch.ones((3, 5)), training=True))
    r["dropout_inference"] = val(keras.layers.Dropout(0.5)(ones, training=False))
    r["torch_rand_after"] = val(torch.rand(3))
    return r


def fit_section():
    """torch's global stream after fit/evaluate/predict: pins every DataLoader draw."""
    r = {}
    rng = np.random.default_rng(0)
    x = rng.random((50, 4)).astype("float32")
    y = (rng.random((50, 1)) > 0.5).astype("float32")
    r["x"] = val(x)
    r["y"] = val(y)

    def model():
        m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
        m.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        return m

    keras.utils.set_random_seed(7)
    m = model()
    h = m.fit(x, y, epochs=2, batch_size=10, validation_split=0.2, verbose=0)
    r["shuffled_fit_loss"] = h.history["loss"]
    r["after_shuffled_fit"] = val(torch.rand(3))
    m.evaluate(x, y, batch_size=16, verbose=0)
    r["after_evaluate"] = val(torch.rand(3))
    m.predict(x, batch_size=16, verbose=0)
    r["after_predict"] = val(torch.rand(3))
    m.fit(x, y, epochs=1, batch_size=10, verbose=0)
    r["after_second_fit"] = val(torch.rand(3))
    keras.utils.set_random_seed(7)
    m = model()
    m.fit(x, y, epochs=3, batch_size=10, steps_per_epoch=2, shuffle=False, verbose=0)
    r["after_steps_per_epoch_fit"] = val(torch.rand(3))
    keras.utils.set_random_seed(7)
    m = model()
    m.evaluate(x, y, batch_size=16, steps=2, verbose=0)
    r["after_first_evaluate_with_steps"] = val(torch.rand(3))
    return r


out["random"] = random_section()
out["initializers"] = initializer_section()
out["dense"] = dense_section()
out["layers"] = layer_section()
out["fit"] = fit_section()
with open(sys.argv[3], "w") as f:
    json.dump(out, f)
