"""A network: layers chained so that each layer's outputs are the next layer's inputs.

Feeding forward is composing functions: output = layer_n(... layer_2(layer_1(x))).
Backpropagation walks the same chain in reverse: `backward` hands the loss gradient to the last
layer, each layer turns it into the gradient for its input and passes that on, and on the way
every layer records the gradients of its own weights. `parameters()` lists each weight array
with its gradient, which is all an optimiser needs.

>>> from ddn.layers import Dense, ReLU, Sigmoid
>>> net = Network([Dense([[5, 0.5, 5], [4, -0.5, 10]], [-200, -220]), ReLU(),
...                Dense([[0.01, 0.025]], [-3]), Sigmoid()])
>>> round(float(net([50, 1, 20])[0]), 4)   # person B: 95.22% chance of passing
0.9522
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from ._format import Text, num
from ._validate import as_array, as_batch, as_names, describe, overflow_checked
from .layers import Activation, Dense, Layer, Softmax
from .neuron import Neuron


@dataclass
class Parameter:
    """One array of weights, its current gradient, and a name such as '0.weights'.

    `value` and `grad` are the layer's own arrays: `p.value -= 0.1 * p.grad` updates the layer.
    """

    name: str
    value: np.ndarray
    grad: np.ndarray


class Network:
    """Layers in order, e.g. Network([Dense.random(2, 8), ReLU(), Dense.random(8, 1)])."""

    def __init__(self, layers, *, input_names=None):
        if not isinstance(layers, (list, tuple)):
            raise TypeError(f"layers should be a list of layers, such as [Dense.random(2, 1)], "
                            f"but it is {describe(layers)}.")
        self.layers = list(layers)
        if not self.layers:
            raise ValueError("layers is empty: a network needs at least one layer.")
        width = None
        for i, layer in enumerate(self.layers):
            if isinstance(layer, type) and issubclass(layer, Layer):
                raise TypeError(f"layers[{i}] is the class {layer.__name__}, not a layer: write "
                                f"{layer.__name__}() with brackets.")
            if not isinstance(layer, Layer):
                raise TypeError(f"layers[{i}] should be a layer (Dense, ReLU, Sigmoid, ...), but "
                                f"it is {describe(layer)}.")
            if layer.n_inputs is not None:
                if width is not None and layer.n_inputs != width:
                    raise ValueError(f"layers[{i}] {layer.describe()} expects {layer.n_inputs} "
                                     f"inputs, but the layer before it gives {width} outputs.")
                width = layer.n_outputs
        sized = [layer for layer in self.layers if layer.n_inputs is not None]
        self.n_inputs = sized[0].n_inputs if sized else None
        self.n_outputs = sized[-1].n_outputs if sized else None
        self.input_names = as_names(input_names, "input_names", self.n_inputs, "input",
                                    "the network")

    # -- forward and backward --------------------------------------------------------------
    def _check_input(self, x):
        if self.n_inputs is None:
            array = as_array(x, "x", ndim=(1, 2))
            return np.atleast_2d(array), array.ndim == 1
        return as_batch(x, "x", self.n_inputs, f"the network takes {self.n_inputs} inputs")

    @overflow_checked
    def forward(self, x):
        """Outputs for a batch (one row per example), or for one example given as a list."""
        batch, single = self._check_input(x)
        out = self._forward(batch)
        return out[0] if single else out

    def _forward(self, batch: np.ndarray) -> np.ndarray:
        """forward without input checks, for a 2-D float batch (training calls this)."""
        for layer in self.layers:
            batch = layer._forward(batch)
        return batch

    def _backward(self, grad: np.ndarray) -> np.ndarray:
        """backward without checks, for a 2-D gradient of the last output's shape."""
        for layer in reversed(self.layers):
            grad = layer._backward(grad)
        return grad

    __call__ = forward

    @overflow_checked
    def backward(self, grad):
        """Backpropagate dL/d output through every layer; return dL/d input.

        Each layer's parameter gradients are stored on the way (see `parameters()`).
        """
        last = self.layers[-1]
        if last._input is None:
            raise RuntimeError("backward was called before forward: run forward on a batch "
                               "first, then backward with the loss gradient for its output.")
        g = as_array(grad, "grad", ndim=(1, 2))
        single = g.ndim == 1
        g = np.atleast_2d(g)
        if g.shape != last._output_shape:
            raise ValueError(f"grad should have the shape of the network's last output "
                             f"{last._output_shape}, but it is {describe(g)}.")
        g = self._backward(g)
        return g[0] if single else g

    def parameters(self) -> list[Parameter]:
        """Every weight and bias array with its gradient, in layer order."""
        return [Parameter(f"{i}.{key}", layer.params[key], layer.grads[key])
                for i, layer in enumerate(self.layers) for key in layer.params]

    @property
    def n_parameters(self) -> int:
        """How many numbers training can change (weights plus biases)."""
        return sum(p.value.size for p in self.parameters())

    def copy(self) -> Network:
        return copy.deepcopy(self)

    # -- looking inside ----------------------------------------------------------------------
    @overflow_checked
    def trace(self, x) -> list[np.ndarray]:
        """For one example: the input, then the values after every layer."""
        batch, single = self._check_input(x)
        if not single:
            raise ValueError(f"x should be one example for trace (a single list of inputs), "
                             f"but it is {describe(batch)}.")
        values = [batch[0]]
        out = batch
        for layer in self.layers:
            out = layer._forward(out)
            values.append(out[0])
        return values

    @overflow_checked
    def backward_trace(self, grad) -> list[np.ndarray]:
        """For one example, after `trace`: dL/d(value) for every value `trace` returned.

        The last entry is the gradient given (for the output); walking backwards, each layer
        turns the gradient of its output into the gradient of its input (the chain rule).
        Parameter gradients are stored on the way, as in `backward`.
        """
        last = self.layers[-1]
        if last._input is None or len(last._input) != 1:
            raise RuntimeError("backward_trace was called before trace: run trace(x) on one "
                               "example first, then backward_trace with the loss gradient for "
                               "its output.")
        g = np.atleast_2d(as_array(grad, "grad", ndim=(0, 1)))
        if g.shape != last._output_shape:
            raise ValueError(f"grad should have the shape of the last output, "
                             f"{last._output_shape[1:]}, for one example, but it is "
                             f"{describe(as_array(grad, 'grad'))}.")
        grads = [g[0]]
        for layer in reversed(self.layers):
            g = layer._backward(g)
            grads.append(g[0])
        return grads[::-1]

    def explain(self, x) -> Text:
        """The arithmetic of every neuron for one example, layer by layer."""
        values = self.trace(x)
        lines = []
        layers = self.layers
        for i, layer in enumerate(layers):
            if isinstance(layer, Dense):
                nxt = layers[i + 1] if i + 1 < len(layers) else None
                act = nxt.activation if isinstance(nxt, Activation) else "linear"
                names = layer.names or [f"layer {i} neuron {j}" for j in range(layer.n_outputs)]
                width = max(len(n) for n in names)
                for j, name in enumerate(names):
                    neuron = Neuron(layer.weights[j], layer.bias[j], act)
                    lines.append(f"{name + ':':<{width + 1}} {neuron.explain(values[i])}")
            elif isinstance(layer, Softmax):
                shown = ", ".join(num(v, 4) for v in values[i + 1])
                lines.append(f"softmax → [{shown}]")
        return Text("\n".join(lines))

    def __repr__(self) -> str:
        return f"Network({', '.join(layer.describe() for layer in self.layers)})"
