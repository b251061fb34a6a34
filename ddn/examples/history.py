"""Milestones of neural networks, for the welcome notebook's timeline.

Three waves: the biologically inspired perceptron ("cybernetics", 1940s–60s) cooled when a
single-layer perceptron turned out unable to model XOR; a 1980s revival ("connectionism") stalled
for lack of hardware and data; the late-2000s revival ("deep learning") rode GPUs and
internet-scale data.
"""

from __future__ import annotations

from typing import NamedTuple


class Milestone(NamedTuple):
    year: int
    wave: str
    event: str


WAVES = (
    ("cybernetics", 1943, 1969),
    ("connectionism", 1980, 1995),
    ("deep learning", 2006, 2017),
)

MILESTONES = (
    Milestone(1943, "cybernetics", "McCulloch and Pitts describe an artificial neuron"),
    Milestone(1958, "cybernetics", "Rosenblatt's perceptron learns from examples"),
    Milestone(1969, "cybernetics", "a single-layer perceptron cannot model XOR: the field cools"),
    Milestone(1986, "connectionism", "backpropagation trains networks with hidden layers"),
    Milestone(1995, "connectionism", "too little computing power and data: interest stalls"),
    Milestone(2006, "deep learning", "deep networks are trained layer by layer: a revival"),
    Milestone(2012, "deep learning", "a ConvNet trained on GPUs wins ImageNet by a wide margin"),
    Milestone(2016, "deep learning", "AlphaGo beats Lee Sedol at Go, 4–1"),
    Milestone(2017, "deep learning", "AlphaGo Zero, taught only the rules, beats AlphaGo 100–0"),
)
