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

The layers: Dense (every input to every neuron), Conv2D (kernels slid over images), MaxPool2D
(the largest value of each block), Flatten (an image laid out as one row), the activations
ReLU, Sigmoid, Tanh and Step, Softmax, and Standardize.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import (
    MAX_COUNT,
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
from .convolution import _add_windows, _windows
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

    def _parameter_gradients(self, grad: np.ndarray) -> None:
        """backward for a layer whose input needs no gradient (the first layer, in training:
        its input is the data): only `grads` must be filled. By default the whole backward;
        Conv2D saves the cost of its input gradient."""
        self._backward(grad)

    def __repr__(self) -> str:
        return type(self).__name__


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


class Conv2D(Layer):
    """A layer of convolutional neurons: each slides its own kernel over the image (across all
    its channels), adds its bias, and makes one feature map.

    weights: (out_channels, in_channels, kh, kw), one kernel per neuron; bias: (out_channels,).
    One example: (in_channels, height, width) -> (out_channels, out_height, out_width), each
    side (size + 2·padding − kernel) // stride + 1. The maths is `ddn.convolve`'s, done for
    every neuron, image and position at once: the windows become the columns of one table, and
    one matrix product with the kernels computes every sum (see ddn/convolution.py).
    The kernels start random (std sqrt(2 / numbers per kernel)); training shapes them.
    """

    weights = _parameter("weights", "(out_channels, in_channels, kh, kw): one kernel each.")
    bias = _parameter("bias", "(out_channels,): one bias per neuron (feature map).")

    def __init__(self, in_channels, out_channels, kernel_size, *, stride=1, padding=0,
                 seed=None):
        super().__init__()
        c, f = as_count(in_channels, "in_channels"), as_count(out_channels, "out_channels")
        kh, kw = _kernel_size(kernel_size)
        self.stride = as_count(stride, "stride")
        self.padding = as_count(padding, "padding", minimum=0)
        if self.padding >= min(kh, kw):
            raise ValueError(f"padding is {self.padding}, but a {kh}×{kw} kernel needs at most "
                             f"{min(kh, kw) - 1} (then every position still overlaps the image).")
        if f * c * kh * kw > MAX_COUNT:
            raise ValueError(f"out_channels × in_channels × kernel_size² is {f * c * kh * kw:,} "
                             f"weights: more than this library trains (at most {MAX_COUNT:,}).")
        self.in_channels, self.out_channels, self.kernel_size = c, f, (kh, kw)
        self.input_shape = (c, None, None)  # any height and width
        w = as_rng(seed).normal(0.0, np.sqrt(2.0 / (c * kh * kw)), size=(f, c, kh, kw))
        self.params = {"weights": w, "bias": np.zeros(f)}
        self.grads = {"weights": np.zeros_like(w), "bias": np.zeros(f)}

    @classmethod
    def from_kernels(cls, kernels, bias=None, *, stride=1, padding=0) -> Conv2D:
        """A layer with the kernels given: (out_channels, in_channels, kh, kw), or one 2-D
        kernel (kh, kw) for one neuron on one channel, e.g. a blur or an edge detector."""
        k = as_array(kernels, "kernels", ndim=(2, 4))
        k = k[None, None] if k.ndim == 2 else k
        layer = cls(k.shape[1], k.shape[0], k.shape[2:], stride=stride, padding=padding, seed=0)
        layer.weights = k
        if bias is not None:
            b = as_array(bias, "bias", ndim=(0, 1))
            if b.size not in (1, k.shape[0]):
                raise ValueError(f"bias has {b.size} values but there are {k.shape[0]} kernels: "
                                 "give one bias per kernel.")
            layer.bias = np.broadcast_to(b.reshape(-1), (k.shape[0],))
        return layer

    def _output_shape(self, shape):
        (kh, kw), s, p = self.kernel_size, self.stride, self.padding
        h, w = (None, None) if shape is None else shape[1:]
        if (h is not None and h + 2 * p < kh) or (w is not None and w + 2 * p < kw):
            raise ValueError(f"{self!r} gets images of {h}×{w}, smaller than its {kh}×{kw} "
                             f"kernel (with padding {p}): it fits nowhere.")
        return (self.out_channels, None if h is None else (h + 2 * p - kh) // s + 1,
                None if w is None else (w + 2 * p - kw) // s + 1)

    def _forward(self, x):
        self._input = x
        f, n = self.out_channels, len(x)
        _, out_h, out_w = self._output_shape(x.shape[1:])
        self._columns = _windows(x, *self.kernel_size, self.stride, self.padding)
        # Every kernel times every window, in one matrix product: (f, c·kh·kw) @ (c·kh·kw, ...)
        out = self.weights.reshape(f, -1) @ self._columns
        out += self.bias[:, None]
        return out.reshape(f, out_h, out_w, n).transpose(3, 0, 1, 2)  # (n, f, out_h, out_w)

    def _backward(self, grad):
        g = self._parameter_gradients(grad)
        # ... and dL/dcolumns = Wᵀ·grad, which goes back onto the pixels each column copied.
        dcolumns = self.weights.reshape(self.out_channels, -1).T @ g
        return _add_windows(dcolumns, self._input.shape, *self.kernel_size, self.stride,
                            self.padding)

    def _parameter_gradients(self, grad):
        # out = W·columns + b, as in Dense: dL/dW = grad·columnsᵀ, dL/db = sums of grad.
        g = grad.transpose(1, 2, 3, 0).reshape(self.out_channels, -1)  # like the columns
        self.grads["weights"][...] = (g @ self._columns.T).reshape(self.weights.shape)
        self.grads["bias"][...] = g.sum(axis=1)
        return g

    def __repr__(self) -> str:
        (kh, kw), extra = self.kernel_size, ""
        extra += f", stride {self.stride}" if self.stride != 1 else ""
        extra += f", padding {self.padding}" if self.padding else ""
        return f"Conv2D({self.in_channels}→{self.out_channels}, {kh}×{kw}{extra})"


def _kernel_size(value) -> tuple[int, int]:
    """kernel_size as (height, width): 3 means 3×3, (3, 5) means 3 rows by 5 columns."""
    if isinstance(value, (tuple, list, np.ndarray)) and len(value) == 2:
        return as_count(value[0], "kernel_size[0]"), as_count(value[1], "kernel_size[1]")
    size = as_count(value, "kernel_size")
    return size, size


class MaxPool2D(Layer):
    """Keeps the largest value of each size×size block of every feature map ("max pooling"):
    (channels, h, w) -> (channels, h // size, w // size). No parameters.

    It shrinks the maps and keeps where something was found, roughly, not exactly where. In
    backward, only each block's largest value moved the output, so only it gets the gradient;
    where several tie (blank paper around a digit), the first of them gets it all.
    """

    input_shape = (None, None, None)

    def __init__(self, size=2):
        super().__init__()
        self.size = as_count(size, "size")

    def _output_shape(self, shape):
        k = self.size
        if shape is None:
            return None
        c, h, w = shape
        if (h is not None and h < k) or (w is not None and w < k):
            raise ValueError(f"{self!r} gets maps of {h}×{w}, smaller than one {k}×{k} block.")
        return (c, None if h is None else h // k, None if w is None else w // k)

    def _forward(self, x):
        self._input = x
        k, rows, cols = self.size, x.shape[2] // self.size, x.shape[3] // self.size
        # One layer per position in a block: layer (a, b) holds pixel (a, b) of every block.
        # (Rows and columns beyond the last whole block are left out.)
        self._blocks = np.stack([x[:, :, a:rows * k:k, b:cols * k:k] for a, b in self._positions()])
        self._output = self._blocks.max(axis=0)
        return self._output

    def _backward(self, grad):
        # out = the block's largest value: d out / d (that pixel) = 1, and 0 for the others.
        k, rows, cols = self.size, grad.shape[2], grad.shape[3]
        winner = self._blocks == self._output  # (k·k, n, c, rows, cols): True at the largest
        seen = winner[0].copy()
        for won in winner[1:]:                 # where several tie, only the first wins
            won &= ~seen
            seen |= won
        dx = np.zeros_like(self._input)        # (laid out in memory like the input: faster)
        for (a, b), won in zip(self._positions(), winner):
            dx[:, :, a:rows * k:k, b:cols * k:k] = grad * won
        return dx

    def _positions(self):
        return [(a, b) for a in range(self.size) for b in range(self.size)]

    def __repr__(self) -> str:
        return f"MaxPool2D({self.size})"


class Flatten(Layer):
    """Lays each example out as one long row: (channels, h, w) -> (channels·h·w,), so that a
    Dense layer can follow. No parameters; backward puts the gradient back into shape."""

    def _output_shape(self, shape):
        if shape is None or None in shape:
            return (None,)  # one row, of a length known once the image size is
        return (int(np.prod(shape)),)

    def _forward(self, x):
        self._input = x
        return x.reshape(len(x), -1)

    def _backward(self, grad):
        return grad.reshape(self._input.shape)


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
