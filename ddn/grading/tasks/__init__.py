"""Every exercise and its tasks, in course order.

An exercise is one notebook in `solutions/` (with answers) and `exercises/` (blank), named by
its id: `02_neuron` is solutions/02_neuron.ipynb and exercises/02_neuron.ipynb.
"""

from __future__ import annotations

from typing import NamedTuple

from ..task import Task
from . import (
    activations,
    backprop,
    bias,
    convnets,
    convolution,
    descent,
    fooling,
    inside,
    loss,
    networks,
    neuron,
    perceptrons,
)


class Exercise(NamedTuple):
    id: str
    title: str
    tasks: tuple[Task, ...]


EXERCISES = {e.id: e for e in (
    Exercise("02_neuron", "The festival neuron", neuron.TASKS),
    Exercise("03_activations", "Activation functions", activations.TASKS),
    Exercise("04_networks", "Networks: the driving test", networks.TASKS),
    Exercise("05_loss", "Loss: how wrong is the network?", loss.TASKS),
    Exercise("06_descent", "Gradient descent", descent.TASKS),
    Exercise("07_backprop", "Backpropagation", backprop.TASKS),
    Exercise("08_perceptrons", "Perceptrons and non-linear boundaries", perceptrons.TASKS),
    Exercise("09_convolution", "Images are arrays; convolution", convolution.TASKS),
    Exercise("10_convnets", "ConvNets", convnets.TASKS),
    Exercise("11_inside", "Inside a ConvNet", inside.TASKS),
    Exercise("12_fooling", "Fooling, dreaming and style", fooling.TASKS),
    Exercise("13_bias", "Bias", bias.TASKS),
)}

TASKS: dict[str, Task] = {t.id: t for e in EXERCISES.values() for t in e.tasks}
assert len(TASKS) == sum(len(e.tasks) for e in EXERCISES.values()), "task ids must be unique"

EXERCISE_OF = {t.id: e.id for e in EXERCISES.values() for t in e.tasks}
