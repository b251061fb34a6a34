"""A network as plain data, and back: a spec per layer, rebuilt by its kind.

A spec holds only names and numbers (lists of floats), never code, so it can be saved as JSON,
sent between processes, and rebuilt by someone who does not trust where it came from:

>>> from ddn.layers import Dense, ReLU
>>> from ddn.network import Network
>>> spec = network_spec(Network([Dense([[5, 0.5, 5], [4, -0.5, 10]], [-200, -220]), ReLU()]))
>>> spec["layers"][1]
{'kind': 'activation', 'function': 'relu'}
>>> network_from_spec(spec).forward([50, 1, 20])   # person B of the driving test
array([150.5, 179.5])

Each kind of layer registers how to write itself down and how to come back (`register`); a new
kind of layer adds one `register(...)` line here.
Rebuilding goes through the layer's own constructor, so every number is checked as if it had
been typed in: wrong shapes, NaN or text give the constructor's own error, a ValueError or
TypeError that says what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import in_words
from .layers import (
    Activation,
    Conv2D,
    Dense,
    Flatten,
    Layer,
    MaxPool2D,
    ReLU,
    Sigmoid,
    Softmax,
    Standardize,
    Step,
    Tanh,
)
from .network import Network

FORMAT = "ddn.network/1"
MAX_NUMBERS = 10_000_000  # numbers in one spec: far beyond the course, small enough to rebuild


@dataclass(frozen=True)
class LayerKind:
    """How one kind of layer is written down (`to_spec`) and rebuilt (`from_spec`)."""

    kind: str
    layer: type
    to_spec: Callable[[Layer], dict]
    from_spec: Callable[[dict], Layer]


KINDS: dict[str, LayerKind] = {}


def register(kind: str, layer: type, to_spec: Callable, from_spec: Callable) -> None:
    """Teach specs a kind of layer: `to_spec(layer) -> dict` of its numbers and names (without
    "kind"), `from_spec(dict) -> layer`."""
    if not isinstance(kind, str) or not kind:
        raise TypeError(f"kind should be a short name in quotes, such as 'dense', but it is "
                        f"{in_words(kind)}.")
    if not (isinstance(layer, type) and issubclass(layer, Layer)):
        raise TypeError(f"layer should be a class of layer, such as Dense, but it is "
                        f"{in_words(layer)}.")
    for name, function in (("to_spec", to_spec), ("from_spec", from_spec)):
        if not callable(function):
            raise TypeError(f"{name} should be a function, but it is {in_words(function)}.")
    KINDS[kind] = LayerKind(kind, layer, to_spec, from_spec)


def layer_spec(layer) -> dict:
    """One layer as plain data: {"kind": ..., and its numbers}."""
    if not isinstance(layer, Layer):
        raise TypeError(f"layer should be a ddn layer, such as Dense(...), but it is "
                        f"{in_words(layer)}.")
    for cls in type(layer).__mro__:  # a subclass of Dense is written down as a Dense
        for entry in KINDS.values():
            if entry.layer is cls:
                return {"kind": entry.kind, **entry.to_spec(layer)}
    raise TypeError(f"layer: a {type(layer).__name__} has no spec: only "
                    f"{', '.join(sorted(KINDS))} layers can be written down "
                    "(ddn.spec.register adds a kind).")


def layer_from_spec(spec) -> Layer:
    """The layer a spec describes, rebuilt through its constructor."""
    if not isinstance(spec, dict) or not isinstance(spec.get("kind"), str):
        raise TypeError("spec should be a dict with a 'kind', such as {'kind': 'dense', "
                        f"'weights': [[1, 2]], 'bias': [0]}}, but it is {in_words(spec)}.")
    entry = KINDS.get(spec["kind"])
    if entry is None:
        raise ValueError(f"spec: a {spec['kind'][:40]!r} layer can't be rebuilt: the kinds are "
                         f"{', '.join(sorted(KINDS))}.")
    return entry.from_spec(spec)


def network_spec(network: Network) -> dict:
    """A network as plain data: {"format": ..., "layers": [one spec per layer]}."""
    if not isinstance(network, Network):
        raise TypeError(f"network should be a ddn Network, but it is a {type(network).__name__}.")
    spec = {"format": FORMAT, "layers": [layer_spec(layer) for layer in network.layers]}
    if network.input_names is not None:
        spec["input_names"] = list(network.input_names)
    return spec


def network_from_spec(spec) -> Network:
    """The network a spec describes, every layer rebuilt and checked by its constructor."""
    if not isinstance(spec, dict) or not isinstance(spec.get("layers"), list):
        raise TypeError(f"spec should be a dict with a list of 'layers' (as network_spec "
                        f"gives), but it is {in_words(spec)}.")
    if spec.get("format", FORMAT) != FORMAT:
        raise ValueError(f"spec is in format {str(spec.get('format'))[:40]!r}; this version "
                         f"of ddn reads {FORMAT!r}.")
    _count_numbers(spec["layers"])
    names = spec.get("input_names")
    return Network([layer_from_spec(s) for s in spec["layers"]],
                   input_names=names if names is None else _names(names, "input_names"))


# -- the course's layers ------------------------------------------------------------------------
def _numbers(spec: dict, key: str, ndim: int) -> np.ndarray:
    """spec[key] as a float array with `ndim` axes (the layer's constructor checks the rest)."""
    value = spec.get(key)
    if isinstance(value, (str, bytes, dict)) or value is None:
        raise TypeError(f"{key} should be numbers, but it is {type(value).__name__}.")
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{key} should be numbers, with every row the same length.") from None
    if array.ndim != ndim:
        raise ValueError(f"{key} should have {ndim} axes, but it has {array.ndim}.")
    return array


def _names(value, key: str):
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{key} should be a list of names.")
    return value


def _count_numbers(value, depth: int = 0) -> int:
    """How many numbers a spec holds; a spec too big or too deep to rebuild is refused early."""
    if depth > 12:
        raise ValueError("the spec is nested too deeply to be a network.")
    if isinstance(value, list):
        total = sum(_count_numbers(v, depth + 1) for v in value)
    elif isinstance(value, dict):
        total = sum(_count_numbers(v, depth + 1) for v in value.values())
    else:
        total = 1
    if total > MAX_NUMBERS:
        raise ValueError(f"the spec holds more than {MAX_NUMBERS:,} numbers.")
    return total


def _dense_spec(layer: Dense) -> dict:
    spec = {"weights": layer.weights.tolist(), "bias": layer.bias.tolist()}
    if layer.names is not None:
        spec["names"] = list(layer.names)
    return spec


def _dense(spec: dict) -> Dense:
    return Dense(_numbers(spec, "weights", 2), _numbers(spec, "bias", 1),
                 names=_names(spec.get("names"), "names"))


ACTIVATION_LAYERS = {"relu": ReLU, "sigmoid": Sigmoid, "tanh": Tanh, "step": Step}


def _activation(spec: dict) -> Activation:
    name = spec.get("function")
    if name in ACTIVATION_LAYERS:
        return ACTIVATION_LAYERS[name]()
    return Activation(name)  # "linear", or an error naming the activations there are


register("dense", Dense, _dense_spec, _dense)
register("activation", Activation, lambda layer: {"function": layer.activation.name},
         _activation)
register("standardize", Standardize,
         lambda layer: {"mean": layer.mean.tolist(), "std": layer.std.tolist()},
         lambda spec: Standardize(_numbers(spec, "mean", 1), _numbers(spec, "std", 1)))
register("softmax", Softmax, lambda layer: {}, lambda spec: Softmax())
register("conv2d", Conv2D,
         lambda layer: {"weights": layer.weights.tolist(), "bias": layer.bias.tolist(),
                        "stride": layer.stride, "padding": layer.padding},
         lambda spec: Conv2D.from_kernels(_numbers(spec, "weights", 4), _numbers(spec, "bias", 1),
                                          stride=spec.get("stride", 1),
                                          padding=spec.get("padding", 0)))
register("maxpool2d", MaxPool2D, lambda layer: {"size": layer.size},
         lambda spec: MaxPool2D(spec.get("size", 2)))
register("flatten", Flatten, lambda layer: {}, lambda spec: Flatten())
