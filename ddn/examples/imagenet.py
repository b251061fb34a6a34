"""The ImageNet Challenge: how ConvNets took over image recognition (notebook 10).

The ImageNet Large Scale Visual Recognition Challenge (ILSVRC) asked programs to name the main
object in photos, choosing among 1,000 classes (a mite, a container ship, a motor scooter, a
leopard...). Each program may give five guesses per photo: the **top-5 error** is the share of
photos whose right label is not among the five. Until 2011 about 25% was good (the 2011 winner
got 25.8%), and a single percentage point was a good improvement. In 2012 a ConvNet, AlexNet,
cut it to 15.3%; by 2015 ResNet reached 3.57%, better than the ~5% estimated for a person.

The yearly winners below are the published challenge results. The human figure is one
person's careful attempt on 1,500 test photos (Andrej Karpathy, 2014): an estimate, not a law.
"""

from __future__ import annotations

from typing import NamedTuple

from .._validate import as_count


class Result(NamedTuple):
    year: int
    entry: str        # the winning team or network
    top5_error: float  # the share of test photos with the right label outside the top 5
    convnet: bool     # was the winner a convolutional network?


WINNERS = (
    Result(2010, "NEC-UIUC", 0.282, False),
    Result(2011, "XRCE", 0.258, False),
    Result(2012, "AlexNet (SuperVision)", 0.153, True),
    Result(2013, "Clarifai", 0.117, True),
    Result(2014, "GoogLeNet", 0.067, True),
    Result(2015, "ResNet", 0.0357, True),
)

BEFORE_CONVNETS = 0.258   # the 2011 winner's top-5 error
ALEXNET = 0.153           # 2012: the first ConvNet to win
RESNET = 0.0357           # 2015: better than the human estimate
HUMAN = 0.051             # one trained person's top-5 error: "about 5%"


class Photo(NamedTuple):
    """A test photo, its right label, and a network's five guesses, most likely first."""

    label: str
    guesses: tuple


# Photos like those the AlexNet paper shows with its five guesses (Krizhevsky, Sutskever and
# Hinton, 2012, figure 4); the probabilities it gave are left out.
PHOTOS = (
    Photo("mite", ("mite", "black widow", "cockroach", "tick", "starfish")),
    Photo("container ship", ("container ship", "lifeboat", "amphibian", "fireboat",
                             "drilling platform")),
    Photo("motor scooter", ("motor scooter", "go-kart", "moped", "bumper car", "golfcart")),
    Photo("leopard", ("leopard", "jaguar", "cheetah", "snow leopard", "Egyptian cat")),
    Photo("grille", ("convertible", "grille", "pickup", "beach wagon", "fire engine")),
    Photo("mushroom", ("agaric", "mushroom", "jelly fungus", "gill fungus",
                       "dead-man's-fingers")),
    Photo("cherry", ("dalmatian", "grape", "elderberry", "Staffordshire bullterrier", "currant")),
    Photo("Madagascar cat", ("squirrel monkey", "spider monkey", "titi", "indri",
                             "howler monkey")),
)


def top_k_errors(k: int = 5) -> float:
    """The share of PHOTOS whose right label is not among the first `k` guesses (k = 1 to 5)."""
    k = as_count(k, "k")
    if k > 5:
        raise ValueError(f"k should be at most 5 (each photo has five guesses), but it is {k}.")
    missed = [photo.label not in photo.guesses[:k] for photo in PHOTOS]
    return sum(missed) / len(missed)
