"""Running a network in reverse (notebook 12): the history, and the numbers the papers report.

Training nudges the weights downhill on the loss. Backpropagation also gives the gradient for
the *input*, and nudging the picture instead of the weights does three famous things:

- adversarial examples (Szegedy et al., 2013): a change too small to see turns a correctly
  classified truck into "ostrich"; Goodfellow et al. (2014) made it one step, FGSM;
- fooling images (Nguyen et al., 2015): pictures no person would recognise, noise included,
  labelled with near-100% confidence (the paper says 99.99%; "goldfish", for one);
- Deep Dream (Google, 2015): enhance whatever the network sees ("this could be what computers
  see when they dream"), and style transfer (Gatys et al., 2015), which powered the Prisma app.

The course does all of it with its own 8 × 8 digits network (ddn.adversarial, ddn.fooling,
ddn.dream, ddn.style). One difference in numbers explains why its adversarial changes are
visible and ImageNet's are not: a photo for an ImageNet network has 224 × 224 × 3 = 150,528
values, our digits 64, and a network's score responds to the sum of many tiny changes.
"""

from __future__ import annotations

from typing import NamedTuple


class Milestone(NamedTuple):
    year: int
    who: str
    title: str       # the paper, post or product
    what: str        # what it showed, in a line


HISTORY = (
    Milestone(2013, "Szegedy et al.", "Intriguing properties of neural networks",
              'a truck, changed by a perturbation too small to see, is classified as '
              '"ostrich"'),
    Milestone(2014, "Goodfellow, Shlens and Szegedy",
              "Explaining and harnessing adversarial examples",
              'one step, the fast gradient sign method: a panda (57.7%) becomes a "gibbon" '
              "(99.3%) with ε = 0.007"),
    Milestone(2015, "Nguyen, Yosinski and Clune", "Deep neural networks are easily fooled",
              'images no person would recognise, noise included, labelled "goldfish" and '
              "the like with 99.99% confidence"),
    Milestone(2015, "Mordvintsev, Olah and Tyka (Google)",
              "Inceptionism: going deeper into neural networks (Deep Dream)",
              "run the network in reverse to enhance what it sees: dreams full of dogs"),
    Milestone(2015, "Gatys, Ecker and Bethge", "A neural algorithm of artistic style",
              "one picture's content painted in another's style (feature correlations)"),
    Milestone(2016, "Prisma", "a phone app",
              "style transfer for everyone: photos repainted as paintings, on phones"),
)

#: Goodfellow et al.'s panda: the network's confidence before and after, and the ε (pixels
#: 0..1; the paper's 0.007 is about 2 of 255 grey levels).
PANDA, GIBBON, PANDA_EPSILON = 0.577, 0.993, 0.007
#: Nguyen et al.'s confidence for images nobody would recognise.
FOOLED_CONFIDENCE = 0.9999

#: Values in one picture: an ImageNet photo as most networks take it (224 × 224 pixels, three
#: colours), and one of the course's digits.
PHOTO_VALUES = 224 * 224 * 3
DIGIT_VALUES = 8 * 8
