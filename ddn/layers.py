"""Layers: the stages a network pushes numbers through, forwards and backwards.

Every layer does two things:

- forward(x):     a batch of inputs (one row per example) -> a batch of outputs.
- backward(grad): given how the loss changes with each output (dL/d output), return how it
                  changes with each input (dL/d input), and store how it changes with each of
                  the layer's own parameters in `grads`. That is the chain rule, one layer at a
                  time; chaining backward calls from the last layer to the first is
                  backpropagation.

Because backward always returns the gradient for the layer's input, the same code trains a
network (use the parameter gradients) and nudges an input (use the input gradient).
"""

from __future__ import annotations

import numpy as np

from ._validate import (
    as_array,
    as_batch,
    as_count,
    as_names,
    as_number,
    as_rng,
    describe,
    finite,
    overflow_checked,
)
from .activations import _sigmoid, get_activation
from .losses import _softmax


class Layer:
    """Base class. Subclasses implement `_forward` and `_backward` on 2-D float batches."""

    n_inputs: int | None = None  # None: works on any width (activation layers)
    n_outputs: int | None = None

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self._input = None

    # -- public, checked entry points ------------------------------------------------------
    @overflow_checked
    def forward(self, x):
        """Outputs for a batch `(n_samples, n_inputs)`, or for a single example (1-D)."""
        batch, single = self._check_input(x)
        out = self._forward(batch)
        return out[0] if single else out

    __call__ = forward

    @overflow_checked
    def backward(self, grad):
        """dL/d input from dL/d output (same shape as the last forward's output)."""
        if self._input is None:
            raise RuntimeError(f"{type(self).__name__}.backward was called before forward: run "
                               "forward on a batch first, then backward with its gradient.")
        grad_array = as_array(grad, "grad", ndim=(1, 2))
        expected = self._output_shape
        single = grad_array.ndim == 1
        batch = np.atleast_2d(grad_array)
        if batch.shape != expected:
            raise ValueError(f"grad should have the shape of the last output {expected}, but it "
                             f"is {describe(grad_array)}.")
        out = self._backward(batch)
        return out[0] if single else out

    def _check_input(self, x):
        if self.n_inputs is None:
            array = as_array(x, "x", ndim=(1, 2))
            return np.atleast_2d(array), array.ndim == 1
        return as_batch(x, "x", self.n_inputs, f"{self.describe()} expects {self.n_inputs} inputs")

    # -- what subclasses provide ---------------------------------------------------------
    def _forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _backward(self, grad: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    @property
    def _output_shape(self) -> tuple[int, int]:
        raise NotImplementedError

    def describe(self) -> str:
        return type(self).__name__

    def __repr__(self) -> str:
        return self.describe()


class Dense(Layer):
    """A layer of neurons that each see every input ("fully connected").

    `weights` has one row per neuron and one column per input, so row i holds neuron i's
    weights; `bias` has one value per neuron. Output = x · weightsᵀ + bias.

    >>> hidden = Dense([[5, 0.5, 5], [4, -0.5, 10]], bias=[-200, -220])
    >>> hidden.forward([50, 1, 20])   # person B of the driving test, before the ReLU
    array([150.5, 179.5])
    """

    def __init__(self, weights, bias=None, *, names=None):
        super().__init__()
        w = as_array(weights, "weights", ndim=2)
        n_out, n_in = w.shape
        if n_out == 0 or n_in == 0:
            raise ValueError(f"weights should have at least one row and column, got {w.shape}.")
        b = np.zeros(n_out) if bias is None else as_array(bias, "bias", ndim=(0, 1))
        b = np.broadcast_to(b, (n_out,)).copy() if b.ndim == 0 else b
        if b.shape != (n_out,):
            raise ValueError(f"bias has {b.size} values but weights has {n_out} rows (neurons): "
                             "give one bias per neuron.")
        self.n_outputs, self.n_inputs = n_out, n_in
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

    @property
    def weights(self) -> np.ndarray:
        return self.params["weights"]

    @weights.setter
    def weights(self, value):
        self._assign("weights", value)

    @property
    def bias(self) -> np.ndarray:
        return self.params["bias"]

    @bias.setter
    def bias(self, value):
        self._assign("bias", value)

    def _assign(self, key, value):
        current = self.params[key]
        array = as_array(value, key, ndim=current.ndim)
        if array.shape != current.shape:
            raise ValueError(f"{key} should keep its shape {current.shape}, but the new value "
                             f"is {describe(array)}.")
        current[...] = array  # in place, so optimisers holding this array see the change

    def _forward(self, x):
        self._input = x
        return x @ self.params["weights"].T + self.params["bias"]

    def _backward(self, grad):
        # out = x·Wᵀ + b, so dL/dW = gradᵀ·x, dL/db = column sums of grad, dL/dx = grad·W.
        self.grads["weights"][...] = grad.T @ self._input
        self.grads["bias"][...] = grad.sum(axis=0)
        return grad @ self.params["weights"]

    @property
    def _output_shape(self):
        return (self._input.shape[0], self.n_outputs)

    def describe(self) -> str:
        return f"Dense({self.n_inputs}→{self.n_outputs})"


class Activation(Layer):
    """Applies an activation function to every value: no parameters, any width."""

    def __init__(self, activation):
        super().__init__()
        self.activation = get_activation(activation)

    def _forward(self, x):
        self._input = x
        return self.activation.function(x)

    def _backward(self, grad):
        # Each output depends only on its own input: multiply by the local slope.
        return grad * self.activation.derivative(self._input)

    @property
    def _output_shape(self):
        return self._input.shape

    def describe(self) -> str:
        return {"relu": "ReLU", "tanh": "Tanh", "sigmoid": "Sigmoid", "step": "Step",
                "linear": "Linear"}[self.activation.name]


class ReLU(Activation):
    def __init__(self):
        super().__init__("relu")


class Sigmoid(Activation):
    def __init__(self):
        super().__init__("sigmoid")

    def _backward(self, grad):
        s = _sigmoid(self._input)
        return grad * s * (1.0 - s)


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

    @property
    def _output_shape(self):
        return self._input.shape


class Softmax(Layer):
    """Turns each row of raw scores into probabilities that are positive and sum to 1."""

    def _forward(self, x):
        self._input = x
        self._output = _softmax(x)
        return self._output

    def _backward(self, grad):
        # Jacobian-vector product of softmax: s · (g − Σ g·s), row by row.
        s = self._output
        return s * (grad - np.sum(grad * s, axis=1, keepdims=True))

    @property
    def _output_shape(self):
        return self._input.shape
