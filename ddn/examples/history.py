"""Milestones of neural networks, for the welcome notebook's timeline.

Three waves: the biologically inspired perceptron ("cybernetics", 1940s–60s) cooled when a
single-layer perceptron turned out unable to model XOR; a 1980s revival ("connectionism") stalled
for lack of hardware and data; the late-2000s revival ("deep learning") rode GPUs and
internet-scale data.

Besides the waves, the milestones the articles name: postal codes read by a network (1989, in use
through the 1990s), Deep Blue's chess win (1997, no neural network), Atari games learned from
pixels (2013), AlphaGo (first trained on human games) and AlphaGo Zero (only the rules), the
deepfake forum shut down (2018), and DotA 2 (high-ranking players, then the world champions).
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
    ("deep learning", 2006, 2019),
)

# Deep Blue (1997) searched chess positions with hand-written rules: a landmark for AI, not for
# neural networks, and a contrast with what learning from examples achieved later.
NOT_A_NETWORK = "not a neural network"

MILESTONES = (
    Milestone(1943, "cybernetics", "McCulloch and Pitts describe an artificial neuron"),
    Milestone(1958, "cybernetics", "Rosenblatt's perceptron learns from examples"),
    Milestone(1969, "cybernetics", "a single-layer perceptron cannot model XOR: the field cools"),
    Milestone(1986, "connectionism", "backpropagation trains networks with hidden layers"),
    Milestone(1989, "connectionism", "a network learns to read handwritten postal codes"),
    Milestone(1995, "connectionism", "too little computing power and data: interest stalls"),
    Milestone(1997, NOT_A_NETWORK, "Deep Blue beats world chess champion Garry Kasparov"),
    Milestone(2006, "deep learning", "deep networks are trained layer by layer: a revival"),
    Milestone(2012, "deep learning", "a ConvNet on GPUs wins the ImageNet Challenge by far"),
    Milestone(2013, "deep learning", "a network learns Atari games from the screen's pixels"),
    Milestone(2016, "deep learning", "AlphaGo, first trained on human games, beats Lee Sedol, 4–1"),
    Milestone(2017, "deep learning", "AlphaGo Zero, taught only the rules, beats AlphaGo 100–0"),
    Milestone(2018, "deep learning", "deepfakes: a forum sharing face-swapped videos is shut down"),
    Milestone(2019, "deep learning", "networks that had beaten high-ranking DotA 2 players "
                                     "beat the world champions"),
)
