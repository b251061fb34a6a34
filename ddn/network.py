"""A network: layers chained so that each layer's outputs are the next layer's inputs.

Feeding forward is composing functions: output = layer_n(... layer_2(layer_1(x))).
Backpropagation walks the same chain in reverse: `backward` hands the loss gradient to the last
layer, each layer turns it into the gradient for its input and passes that on, and on the way
every layer records the gradients of its own weights. `parameters()` lists each weight array
with its gradient, which is all an optimiser needs.

A network is itself a layer (forward, backward, a shape of one example), so it can be checked,
sliced and nested like one. To look inside:

- net.activations(x):  every layer's output for x, in order;
- net[k], net[:k]:     one layer, or a network of the first k layers (the same layer objects,
                       so it sees the same weights);
- net.backward(grad, from_layer=k): backpropagate from layer k's output instead of the last
                       one's (to nudge an image towards what layer k responds to).

>>> from ddn.layers import Dense, ReLU, Sigmoid
>>> net = Network([Dense([[5, 0.5, 5], [4, -0.5, 10]], [-200, -220]), ReLU(),
...                Dense([[0.01, 0.025]], [-3]), Sigmoid()])
>>> round(float(net([50, 1, 20])[0]), 4)   # person B: 95.22% chance of passing
0.9522
"""

from __future__ import annotations

import copy
import numbers

import numpy as np

from ._format import Text, num
from ._validate import (
    as_array,
    as_names,
    fits,
    in_words,
    inputs_text,
    outputs_text,
    overflow_checked,
)
from .layers import Activation, Dense, Layer, Parameter, Softmax
from .neuron import Neuron

__all__ = ["Network", "Parameter"]


class Network(Layer):
    """Layers in order, e.g. Network([Dense.random(2, 8), ReLU(), Dense.random(8, 1)]).

    One example's shape goes in, and each layer's output shape is the next one's input shape:
    Network([Conv2D(1, 8, 3), ReLU(), Flatten(), Dense.random(8 * 6 * 6, 10)]) takes 8×8
    images of one channel, (1, 8, 8), and gives 10 scores.
    """

    def __init__(self, layers, *, input_names=None):
        # No Layer.__init__: a network keeps no numbers of its own; its layers do.
        if not isinstance(layers, (list, tuple)):
            raise TypeError(f"layers should be a list of layers, such as [Dense.random(2, 1)], "
                            f"but it is {in_words(layers)}.")
        self.layers = list(layers)
        if not self.layers:
            raise ValueError("layers is empty: a network needs at least one layer.")
        for i, layer in enumerate(self.layers):
            if isinstance(layer, type) and issubclass(layer, Layer):
                raise TypeError(f"layers[{i}] is the class {layer.__name__}, not a layer: write "
                                f"{layer.__name__}() with brackets.")
            if not isinstance(layer, Layer):
                raise TypeError(f"layers[{i}] should be a layer (Dense, ReLU, Sigmoid, ...), but "
                                f"it is {in_words(layer)}.")
        self._output_shape(self.input_shape)  # do the layers fit together?
        self.input_names = as_names(input_names, "input_names", self.n_inputs, "input",
                                    "the network")

    # -- shapes: chained through the layers ---------------------------------------------------
    @property
    def input_shape(self):
        return self.layers[0].input_shape

    def _output_shape(self, shape):
        for i, layer in enumerate(self.layers):
            if not fits(shape, layer.input_shape):
                raise ValueError(f"layers[{i}] {layer!r} expects {inputs_text(layer.input_shape)}, "
                                 f"but the layer before it gives {outputs_text(shape)}.")
            try:
                shape = layer._output_shape(shape)
            except ValueError as error:
                raise ValueError(f"layers[{i}] {error}") from None
        return shape

    def _last_output_shape(self):
        return self.layers[-1]._last_output_shape()

    def _takes(self) -> str:
        return f"the network takes {inputs_text(self.input_shape)}"

    @property
    def n_inputs(self) -> int | None:
        """How many numbers one example has, for a network of flat examples (else None)."""
        shape = self.input_shape
        return shape[0] if shape is not None and len(shape) == 1 else None

    @property
    def n_outputs(self) -> int | None:
        """How many numbers the network gives per example, if that is a flat list (else None)."""
        shape = self._output_shape(self.input_shape)
        return shape[0] if shape is not None and len(shape) == 1 else None

    # -- forward and backward: each layer in turn ---------------------------------------------
    def _forward(self, x):
        for layer in self.layers:
            x = layer._forward(x)
        return x

    def _backward(self, grad):
        for layer in reversed(self.layers):
            grad = layer._backward(grad)
        return grad

    def _parameter_gradients(self, grad):
        for layer in reversed(self.layers[1:]):
            grad = layer._backward(grad)
        self.layers[0]._parameter_gradients(grad)  # the input is data: no gradient for it

    def backward(self, grad, from_layer=None):
        """Backpropagate dL/d output through every layer; return dL/d input.

        Each layer's parameter gradients are stored on the way (see `parameters()`). With
        `from_layer=k`, `grad` is dL/d(the output of layers[k]) from the last forward, and the
        pass starts there: the same as net[:k + 1].backward(grad).
        """
        if from_layer is None:
            return super().backward(grad)
        k = self._index(from_layer, "from_layer")
        try:
            return self[:k + 1].backward(grad)
        except ValueError as error:
            raise ValueError(f"with from_layer={k}, grad is dL/d(the output of layers[{k}] "
                             f"{self.layers[k]!r}): {error}") from None

    # -- parameters: every layer's, named by the layer's position --------------------------
    @property
    def params(self) -> dict[str, np.ndarray]:
        return {f"{i}.{key}": value for i, layer in enumerate(self.layers)
                for key, value in layer.params.items()}

    @property
    def grads(self) -> dict[str, np.ndarray]:
        return {f"{i}.{key}": value for i, layer in enumerate(self.layers)
                for key, value in layer.grads.items()}

    def copy(self) -> Network:
        return copy.deepcopy(self)

    # -- looking inside ----------------------------------------------------------------------
    def __getitem__(self, index):
        """net[k] is the layer at position k; net[:k] a network of the first k layers (the same
        layer objects, so it shares their weights)."""
        if isinstance(index, slice):
            starts_at_input = index.start in (None, 0) and index.step in (None, 1)
            return Network(self.layers[index],
                           input_names=self.input_names if starts_at_input else None)
        return self.layers[self._index(index, "index")]

    def __len__(self) -> int:
        return len(self.layers)

    def _index(self, k, name: str) -> int:
        n = len(self.layers)
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, numbers.Integral) \
                or not -n <= k < n:
            raise ValueError(f"{name} should be the position of a layer, a whole number from 0 "
                             f"to {n - 1} (or −1 for the last), but it is {in_words(k)}.")
        return int(k) % n

    @overflow_checked
    def activations(self, x) -> list[np.ndarray]:
        """Every layer's output for x, in order: activations(x)[k] is what layers[k] gives.

        For a batch, each is a batch; for one example, one example's. The last is forward(x).
        Afterwards backward(grad, from_layer=k) can start from any of them.
        """
        batch, single = self._check_input(x)
        outputs = []
        for layer in self.layers:
            batch = layer._forward(batch)
            outputs.append(batch[0] if single else batch)
        return outputs

    @overflow_checked
    def trace(self, x) -> list[np.ndarray]:
        """For one example: the input, then the values after every layer."""
        batch, single = self._check_input(x)
        if not single:
            raise ValueError(f"x should be one example for trace (a single list of inputs), "
                             f"but it is {in_words(batch)}.")
        return [batch[0], *self.activations(batch[0])]

    @overflow_checked
    def backward_trace(self, grad) -> list[np.ndarray]:
        """For one example, after `trace`: dL/d(value) for every value `trace` returned.

        The last entry is the gradient given (for the output); walking backwards, each layer
        turns the gradient of its output into the gradient of its input (the chain rule).
        Parameter gradients are stored on the way, as in `backward`.
        """
        expected = self._last_output_shape()
        if expected is None or expected[0] != 1:
            raise RuntimeError("backward_trace was called before trace: run trace(x) on one "
                               "example first, then backward_trace with the loss gradient for "
                               "its output.")
        g = as_array(grad, "grad")
        if g.ndim == 0 and expected[1:] == (1,):
            g = g.reshape(1)  # one number for the one output
        if g.shape != expected[1:]:
            raise ValueError(f"grad should have the shape of the last output, {expected[1:]}, "
                             f"for one example, but it is {in_words(g)}.")
        g = g[None]
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
        return f"Network({', '.join(repr(layer) for layer in self.layers)})"
