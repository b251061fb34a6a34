"""Layers: the stages a network pushes numbers through, forwards and backwards.

A layer is three short parts:

- its input shape: the shape of one example it takes, (3,) for three numbers, (1, 8, 8) for a
                  one-channel 8×8 image. A batch is that shape with one more axis in front,
                  (n_examples, ...), so the same layer serves one example and many.
- forward(x):     a batch of inputs -> a batch of outputs.
- backward(grad): given how the loss changes with each output (dL/d output), return how it
                  changes with each input (dL/d input), and store how it changes with each of
                  the layer's own parameters in `grads`. That is the chain rule, one layer at a
                  time; chaining backward calls from the last layer to the first is
                  backpropagation.

Because backward always returns the gradient for the layer's input, the same code trains a
network (use the parameter gradients) and nudges an input (use the input gradient).

Each layer writes its maths in `_forward` and `_backward`, on batches, without checks. The base
class `Layer` holds the checked `forward` and `backward` once, for every layer: a mistake such
as a wrong shape gets an error that says what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import (
    as_array,
    as_batch,
    as_count,
    as_names,
    as_number,
    as_rng,
    as_shape,
    finite,
    fits,
    in_words,
    inputs_text,
    overflow_checked,
)
from .activations import get_activation
from .losses import _softmax


@dataclass
class Parameter:
    """One array of weights, its current gradient, and a name such as '0.weights'.

    `value` and `grad` are the layer's own arrays: `p.value -= 0.1 * p.grad` updates the layer.
    """

    name: str
    value: np.ndarray
    grad: np.ndarray


class Layer:
    """What every layer shares: the checked `forward` and `backward`, and its parameters.

    A layer provides:
      input_shape           one example's shape (None inside: any size there; None: any shape)
      _output_shape(shape)  one example's output shape, for an input of that shape
      _forward(x)           the maths on a batch; keeps its input in self._input (and whatever
                            else backward needs)
      _backward(grad)       the chain rule on a batch: fills self.grads, returns dL/d input
    """

    input_shape: tuple | None = None  # None: any shape (layers that work value by value)

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self._input = None

    # -- public, checked entry points ------------------------------------------------------
    @overflow_checked
    def forward(self, x):
        """Outputs for a batch `(n_examples, *input_shape)`, or for one example."""
        batch, single = self._check_input(x)
        out = self._forward(batch)
        return out[0] if single else out

    __call__ = forward

    @overflow_checked
    def backward(self, grad):
        """dL/d input from dL/d output (the shape of the last forward's output)."""
        expected = self._last_output_shape()
        if expected is None:
            raise RuntimeError(f"{self!r}.backward was called before forward: run forward on "
                               "a batch first, then backward with its gradient.")
        grad = as_array(grad, "grad")
        single = grad.ndim == len(expected) - 1 and expected[0] == 1  # one example's gradient
        batch = grad[None] if single else grad
        if batch.shape != expected:
            raise ValueError(f"grad should have the shape of the last output {expected}, but it "
                             f"is {in_words(grad)}.")
        out = self._backward(batch)
        return out[0] if single else out

    def output_shape(self, input_shape):
        """The shape of one example's output, for one example of `input_shape`.

        >>> Dense.random(3, 2).output_shape((3,))
        (2,)
        """
        shape = as_shape(input_shape, "input_shape")
        if not fits(shape, self.input_shape):
            raise ValueError(f"input_shape is {shape}, but {self._takes()}.")
        try:
            return self._output_shape(shape)
        except ValueError as error:
            raise ValueError(f"input_shape {shape} does not fit: {error}") from None

    def parameters(self) -> list[Parameter]:
        """Every weight and bias array with its gradient."""
        return [Parameter(name, self.params[name], self.grads[name]) for name in self.params]

    @property
    def n_parameters(self) -> int:
        """How many numbers training can change (weights plus biases)."""
        return sum(value.size for value in self.params.values())

    # -- the checks, once for every layer --------------------------------------------------
    def _check_input(self, x, name: str = "x"):
        """x as a float batch, and whether it was one example; an error if it does not fit."""
        batch, single = as_batch(x, name, self.input_shape, self._takes())
        try:
            self._output_shape(batch.shape[1:])  # e.g. an image too small for a kernel
        except ValueError as error:
            raise ValueError(f"{name} has examples of shape {batch.shape[1:]}, which do not "
                             f"fit: {error}") from None
        return batch, single

    def _last_output_shape(self) -> tuple | None:
        """The shape of the last forward's output (a batch), or None before any forward."""
        if self._input is None:
            return None
        return (len(self._input), *self._output_shape(self._input.shape[1:]))

    def _takes(self) -> str:
        return f"{self!r} takes {inputs_text(self.input_shape)}"

    def _assign(self, key, value):
        """Replace a parameter's numbers, keeping its shape (weights = [[...]])."""
        current = self.params[key]
        array = as_array(value, key, ndim=current.ndim)
        if array.shape != current.shape:
            raise ValueError(f"{key} should keep its shape {current.shape}, but the new value "
                             f"is {in_words(array)}.")
        current[...] = array  # in place, so optimisers holding this array see the change

    # -- what subclasses provide -----------------------------------------------------------
    def _output_shape(self, shape: tuple | None) -> tuple | None:
        return shape  # the default: value by value, the shape stays

    def _forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _backward(self, grad: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return type(self).__name__

    def describe(self) -> str:
        """The layer's short name, as repr(layer) gives it. (An old name, kept for callers
        that still use it; write repr(layer) or f"{layer!r}".)"""
        return repr(self)


def _parameter(key: str, doc: str) -> property:
    """`layer.weights` for `layer.params["weights"]`; assigning keeps the array's shape."""
    return property(lambda self: self.params[key],
                    lambda self, value: self._assign(key, value), doc=doc)


class Dense(Layer):
    """A layer of neurons that each see every input ("fully connected").

    `weights` has one row per neuron and one column per input, so row i holds neuron i's
    weights; `bias` has one value per neuron. Output = x · weightsᵀ + bias.
    One example: (n_inputs,) -> (n_outputs,).

    >>> hidden = Dense([[5, 0.5, 5], [4, -0.5, 10]], bias=[-200, -220])
    >>> hidden.forward([50, 1, 20])   # person B of the driving test, before the ReLU
    array([150.5, 179.5])
    """

    weights = _parameter("weights", "(n_outputs, n_inputs): row i holds neuron i's weights.")
    bias = _parameter("bias", "(n_outputs,): one bias per neuron.")

    def __init__(self, weights, bias=None, *, names=None):
        super().__init__()
        w = as_array(weights, "weights", ndim=2)
        n_out, n_in = w.shape
        b = np.zeros(n_out) if bias is None else as_array(bias, "bias", ndim=(0, 1))
        b = np.broadcast_to(b, (n_out,)).copy() if b.ndim == 0 else b
        if b.shape != (n_out,):
            raise ValueError(f"bias has {b.size} values but weights has {n_out} rows (neurons): "
                             "give one bias per neuron.")
        self.n_outputs, self.n_inputs = n_out, n_in
        self.input_shape = (n_in,)
        self.params = {"weights": w.copy(), "bias": b.copy()}
        self.grads = {"weights": np.zeros_like(w), "bias": np.zeros_like(b)}
        self.names = as_names(names, "names", n_out, "neuron", "the layer")

    @classmethod
    def random(cls, n_inputs, n_outputs, seed=None, *, scale=None, names=None) -> Dense:
        """A layer with small random weights (std sqrt(2 / n_inputs) unless `scale` is given)
        and zero biases, ready to be trained."""
        n_inputs = as_count(n_inputs, "n_inputs")
        n_outputs = as_count(n_outputs, "n_outputs")
        rng = as_rng(seed)
        scale = np.sqrt(2.0 / n_inputs) if scale is None else scale
        scale = as_number(scale, "scale", above=0, below=1e100)
        return cls(rng.normal(0.0, scale, size=(n_outputs, n_inputs)), names=names)

    def _output_shape(self, shape):
        return (self.n_outputs,)

    def _forward(self, x):
        self._input = x
        return x @ self.params["weights"].T + self.params["bias"]

    def _backward(self, grad):
        # out = x·Wᵀ + b, so dL/dW = gradᵀ·x, dL/db = column sums of grad, dL/dx = grad·W.
        self.grads["weights"][...] = grad.T @ self._input
        self.grads["bias"][...] = grad.sum(axis=0)
        return grad @ self.params["weights"]

    def __repr__(self) -> str:
        return f"Dense({self.n_inputs}→{self.n_outputs})"


class Activation(Layer):
    """Applies an activation function to every value: no parameters, any shape."""

    def __init__(self, activation):
        super().__init__()
        self.activation = get_activation(activation)

    def _forward(self, x):
        self._input = x
        return self.activation.function(x)

    def _backward(self, grad):
        # Each output depends only on its own input: multiply by the local slope.
        return grad * self.activation.derivative(self._input)

    def __repr__(self) -> str:
        return {"relu": "ReLU", "tanh": "Tanh", "sigmoid": "Sigmoid", "step": "Step",
                "linear": "Linear"}[self.activation.name]


class ReLU(Activation):
    def __init__(self):
        super().__init__("relu")


class Sigmoid(Activation):
    def __init__(self):
        super().__init__("sigmoid")


class Tanh(Activation):
    def __init__(self):
        super().__init__("tanh")


class Step(Activation):
    def __init__(self):
        super().__init__("step")


class Standardize(Layer):
    """Rescales each input to mean 0 and spread 1: (x − mean) / std. No trainable parameters.

    Inputs on very different scales (age in years, weight in kg, a 0/1 flag) make gradient
    descent slow or unstable; putting this first lets the next layer see comparable numbers,
    while the network still takes the raw inputs. `Standardize.fit(x)` measures them.
    """

    def __init__(self, mean, std):
        super().__init__()
        self.mean = as_array(mean, "mean", ndim=1)
        self.std = as_array(std, "std", ndim=1)
        if self.mean.shape != self.std.shape or np.any(self.std <= 0):
            raise ValueError("mean and std should be equally long, with every std above 0.")
        self.n_inputs = self.n_outputs = len(self.mean)
        self.input_shape = (self.n_inputs,)

    @classmethod
    @overflow_checked
    def fit(cls, x) -> Standardize:
        x = as_array(x, "x", ndim=2)
        mean, std = finite((x.mean(axis=0), x.std(axis=0)), x=x)
        return cls(mean, np.where(std > 0, std, 1.0))

    def _forward(self, x):
        self._input = x
        return (x - self.mean) / self.std

    def _backward(self, grad):
        return grad / self.std



class Softmax(Layer):
    """Turns each row of raw scores (the last axis) into probabilities: positive, summing to 1."""

    def _forward(self, x):
        self._input = x
        self._output = _softmax(x)
        return self._output

    def _backward(self, grad):
        # Jacobian-vector product of softmax: s · (g − Σ g·s), row by row.
        s = self._output
        return s * (grad - np.sum(grad * s, axis=-1, keepdims=True))
