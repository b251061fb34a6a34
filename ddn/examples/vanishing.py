"""Vanishing gradients: how much gradient reaches each layer of a deep network.

Backpropagation multiplies the gradient by each layer's weights and activation slope on the way
back. Sigmoid slopes are at most 0.25 (tanh's at most 1, and usually far less), so through many
such layers the gradient shrinks towards 0 and the first layers barely learn. ReLU's slope is 1
wherever a neuron is active, so the gradient keeps its size (Glorot, Bordes and Bengio, 2011).
"""

from __future__ import annotations

import numpy as np

from .._validate import as_count, as_rng
from ..layers import Activation, Dense
from ..losses import MSE
from ..network import Network


def deep_network(activation: str, depth: int, width: int = 32, seed=0) -> Network:
    """`depth` hidden layers of `width` neurons with one activation, and one output."""
    depth, width = as_count(depth, "depth"), as_count(width, "width")
    rng = as_rng(seed)
    layers = []
    for _ in range(depth):
        layers += [Dense.random(width, width, rng, scale=np.sqrt(1.0 / width)),
                   Activation(activation)]
    return Network([*layers, Dense.random(width, 1, rng, scale=np.sqrt(1.0 / width))])


def gradient_sizes(activation: str, depth: int, width: int = 32, seed=0) -> np.ndarray:
    """Average size |dL/dW| of each hidden layer's weights, first layer first."""
    net = deep_network(activation, depth, width, seed)
    rng = as_rng(seed)
    x = rng.normal(0, 1, (64, width))
    target = rng.normal(0, 1, (64, 1))
    loss = MSE()
    net.backward(loss.gradient(net.forward(x), target))
    return np.array([np.mean(np.abs(layer.grads["weights"])) for layer in net.layers[:-1]
                     if isinstance(layer, Dense)])
