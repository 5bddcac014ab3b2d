"""Records extra augmentation-layer cases in the format of keras-reference/augment_layers (case.json, data.npz).

For each case: keras.utils.set_random_seed(seed), the layers built in order from their keyword arguments, then the
batch x through them twice with training=True and once with training=False. Pins: Keras 3.15.1 (tag v3.15.1) on
its torch backend, Debian's python3-torch 1.13.1 with the project's torch113_compat shim, one torch thread. Usage:
    /usr/bin/python3 tools/record_augment_cases.py KERAS_RUNTIME_DIR KERAS_SOURCE_DIR OUT_DIR
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
runtime, source, out_dir = sys.argv[1:4]
sys.path[:0] = [runtime, source]
import torch113_compat  # noqa: E402,F401  (before keras)
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)

CASES = [
    ("w01_random_gaussian_blur", 7201, (3, 20, 28, 3),
     [("RandomGaussianBlur", {"factor": 0.8, "kernel_size": 5, "sigma": [0.2, 0.9], "value_range": [0, 255]})]),
    ("w02_random_color_degeneration", 7202, (3, 20, 28, 3),
     [("RandomColorDegeneration", {"factor": 0.6, "value_range": [0, 255]})]),
    ("w03_channels_first_geometry", 7203, (2, 3, 18, 22),
     [("RandomRotation", {"factor": 0.2, "data_format": "channels_first"}),
      ("RandomZoom", {"height_factor": 0.2, "width_factor": [-0.1, 0.2], "fill_mode": "nearest", "data_format": "channels_first"}),
      ("RandomTranslation", {"height_factor": 0.1, "width_factor": 0.1, "fill_mode": "wrap", "data_format": "channels_first"})]),
    ("w04_unbatched_pipeline", 7204, (20, 28, 3),
     [("RandomFlip", {"mode": "horizontal_and_vertical"}), ("RandomShear", {"x_factor": 0.3, "fill_mode": "constant"}),
      ("RandomContrast", {"factor": 0.4}), ("RandomCrop", {"height": 12, "width": 16})]),
    ("w05_channels_first_colour", 7205, (3, 3, 16, 20),
     [("RandomHue", {"factor": 0.4, "data_format": "channels_first"}),
      ("RandomSaturation", {"factor": [0.2, 0.8], "data_format": "channels_first"}),
      ("RandomSharpness", {"factor": 0.7, "data_format": "channels_first"}),
      ("RandomGrayscale", {"factor": 0.5, "data_format": "channels_first"})]),
    ("w06_random_perspective", 7206, (3, 20, 28, 3),
     [("RandomPerspective", {"factor": 0.9, "scale": 0.4, "fill_value": 5.0})]),
    ("w07_random_perspective_nearest_channels_first", 7207, (2, 3, 18, 22),
     [("RandomPerspective", {"scale": 0.3, "interpolation": "nearest", "data_format": "channels_first"})]),
    ("w08_aug_mix", 7208, (3, 20, 28, 3),
     [("AugMix", {"value_range": [0, 255], "num_chains": 3, "chain_depth": 3, "factor": 0.4})]),
    ("w09_aug_mix_geometric_only", 7209, (2, 16, 20, 3),
     [("AugMix", {"num_chains": 2, "chain_depth": 2, "all_ops": False, "alpha": 0.5})]),
    ("w10_random_elastic_transform", 7210, (3, 40, 48, 3),
     [("RandomElasticTransform", {"factor": 0.9, "scale": 0.6})]),
    ("w11_random_elastic_transform_constant_cf", 7211, (2, 3, 36, 30),
     [("RandomElasticTransform", {"scale": [0.3, 0.8], "fill_mode": "constant", "fill_value": 9.0, "data_format": "channels_first"})]),
]


def main():
    for name, seed, shape, layers in CASES:
        x = np.random.RandomState(seed + 1000).uniform(0, 255, size=shape).astype("float32")
        keras.utils.set_random_seed(seed)
        built = [getattr(keras.layers, cls)(**kwargs) for cls, kwargs in layers]
        outputs = {"x": x}
        for key, training in [("train_0", True), ("train_1", True), ("inference", False)]:
            y = keras.ops.convert_to_tensor(x.copy())
            for layer in built:
                y = layer(y, training=training)
            outputs[key] = keras.ops.convert_to_numpy(y)
        folder = os.path.join(out_dir, name)
        os.makedirs(folder, exist_ok=True)
        np.savez(os.path.join(folder, "data.npz"), **outputs)
        case = {
            "name": name, "seed": seed, "data_seed": seed + 1000,
            "layers": [{"class_name": cls, "kwargs": kwargs} for cls, kwargs in layers],
            "producer": {"keras": keras.__version__, "backend": "torch", "torch": torch.__version__,
                         "numpy": np.__version__, "device": "cpu", "torch_num_threads": 1},
            "error": None,
            "keras_configs": [layer.get_config() for layer in built],
        }
        with open(os.path.join(folder, "case.json"), "w") as f:
            json.dump(case, f, indent=1)
        print("wrote", folder)


if __name__ == "__main__":
    main()
