"""Activation functions: what a neuron does with its weighted sum.

Read each one off its graph: the weighted sum z on the x axis, the neuron's output on the y axis.

- step:    0 below 0, 1 above. The festival neuron's "go / stay home".
- sigmoid: a smoothed step, from 0 (very negative z) to 1 (very positive z); reads as a confidence.
- tanh:    like sigmoid but squeezed into -1..1, centred on 0.
- relu:    0 below 0, z itself above. Cheap, and its slope does not fade for large z.
- linear:  z unchanged (no activation at all).

Each function has a derivative (its slope), which backpropagation needs. Sigmoid and tanh flatten
out at the extremes, so their slopes there are almost 0: stack many such layers and the gradient
fades away layer by layer (vanishing gradients). ReLU keeps a slope of 1 for every positive z.

All functions accept a number, a list or an array, stay finite for any finite input (even 1e4 or
-1e4) and never emit overflow warnings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from ._validate import as_array


# The raw versions work on float arrays and skip input checks; layers use them in training.
def _step(z):
    return (z > 0).astype(float)


def _step_derivative(z):
    # Flat everywhere (and undefined at 0): a step gives gradient descent nothing to follow.
    return np.zeros_like(z, dtype=float)


def _sigmoid(z):
    # 1 / (1 + e^-z), written as exp(-log(1 + e^-z)) so that e^-z never overflows.
    return np.exp(-np.logaddexp(0.0, -z))


def _sigmoid_derivative(z):
    # s·(1 − s), written with e = e^−|z| as e / (1 + e)²: the same number, but 1 − s loses
    # every digit when s is within 1e-16 of 1, and this form does not.
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def _tanh(z):
    return np.tanh(z)


def _tanh_derivative(z):
    return 1.0 - np.tanh(z) ** 2


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_derivative(z):
    return (z > 0).astype(float)


def _linear(z):
    return np.asarray(z, dtype=float)


def _linear_derivative(z):
    return np.ones_like(z, dtype=float)


class ActivationFunction(NamedTuple):
    """An activation: its name, the function and its derivative (both on float arrays)."""

    name: str
    function: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray], np.ndarray]


ACTIVATIONS: dict[str, ActivationFunction] = {
    "step": ActivationFunction("step", _step, _step_derivative),
    "sigmoid": ActivationFunction("sigmoid", _sigmoid, _sigmoid_derivative),
    "tanh": ActivationFunction("tanh", _tanh, _tanh_derivative),
    "relu": ActivationFunction("relu", _relu, _relu_derivative),
    "linear": ActivationFunction("linear", _linear, _linear_derivative),
}


def get_activation(activation) -> ActivationFunction:
    """Look an activation up by name ("step", "sigmoid", "tanh", "relu", "linear")."""
    if isinstance(activation, ActivationFunction):
        return activation
    if not isinstance(activation, str) or activation.lower() not in ACTIVATIONS:
        choices = ", ".join(repr(n) for n in ACTIVATIONS)
        raise ValueError(f"activation should be one of {choices}, but it is {activation!r}.")
    return ACTIVATIONS[activation.lower()]


def _public(raw, doc):
    """Wrap a raw array function: check the input, and give a plain float back for a number."""

    def function(z):
        array = as_array(z, "z")
        result = raw(array)
        return float(result) if array.ndim == 0 else result

    function.__name__ = raw.__name__.lstrip("_")
    function.__qualname__ = function.__name__
    function.__doc__ = doc
    return function


step = _public(_step, "Step: 1 where z > 0, else 0.  step(1) == 1.0, step(0) == 0.0")
step_derivative = _public(_step_derivative, "Slope of the step: 0 everywhere (undefined at 0).")
sigmoid = _public(_sigmoid, "Sigmoid 1 / (1 + e^-z): 0.5 at 0, towards 0 and 1 at the extremes. "
                            "sigmoid(-3) ≈ 0.0474 (person A of the driving test).")
sigmoid_derivative = _public(_sigmoid_derivative,
                             "Slope of the sigmoid, sigmoid(z)·(1 − sigmoid(z)): 0.25 at z = 0.")
tanh = _public(_tanh, "Hyperbolic tangent: like the sigmoid, but from -1 to 1 and 0 at z = 0.")
tanh_derivative = _public(_tanh_derivative, "Slope of tanh, 1 − tanh(z)²: 1 at z = 0.")
relu = _public(_relu, "Rectified linear unit max(0, z): relu(-50) == 0.0, relu(150.5) == 150.5")
relu_derivative = _public(_relu_derivative, "Slope of relu: 1 where z > 0, else 0.")
linear = _public(_linear, "No activation: z unchanged.")
linear_derivative = _public(_linear_derivative, "Slope of the identity: 1 everywhere.")
