"""Dreams and feature visualisation: run the network "in reverse", nudging the image instead of
the weights, to see what it responds to.

Training changes the weights to lower a loss. Here the weights stay fixed and the *image*
changes, to raise something inside the network: the activations of one layer, one channel,
or one class's score. Backpropagation gives the gradient for the input (every layer's
`backward` returns it), and the image climbs it a small step at a time:

    image ← clip(image + step_size · g / mean|g|, 0, 1),   g = d(objective)/d image

(dividing by mean|g| makes every step the same size, however steep the slope).

- dream(network, image, layer):   Deep Dream (Mordvintsev, Olah and Tyka, Google, 2015). The
  objective is ½·mean(activations²) of a layer, whose gradient is the activations themselves:
  "whatever you see there, I want more of it". Small random shifts of the image at every
  step (jitter) stop the dream from settling into a pixel-sized pattern; octaves dream first
  on a shrunk copy, then on ever larger ones, so that patterns grow at several sizes. Google's
  dreams are full of dogs, eyes and buildings because ImageNet's photos are. Our network has
  only ever seen handwritten digits, so it dreams strokes: thick ink, bars and curves, even
  on a photo of a cat. A network only sees what it was trained on.
- channel_gallery(network, layer): what each channel (feature map) "wants": for every
  channel, the image that most excites the neuron at the centre of its map, starting from
  blank paper (Erhan et al., 2009; Olah et al., 2017, "Feature visualization").
- class_visualisation(network): the image that most raises one class's score, as Simonyan,
  Vedaldi and Zisserman (2013) did for ImageNet classes: score − λ·‖image‖², with a slight
  blur after each step so that the image stays smooth. Without them the climb ends in
  pixel noise that the network calls the class with certainty: a fooling image
  (ddn/fooling.py). With them, ghosts of digits appear.

Images follow the digits' convention: 0 is blank paper and 1 full ink. To dream on a photo,
give `1 − photo` (dark lines become ink) and undo it afterwards. The convolutional layers of
the course's ConvNet take images of any size, so a 64×64 photo works up to its Flatten.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._format import Text, percent
from ._validate import (
    as_classes,
    as_count,
    as_instance,
    as_number,
    as_pixels,
    as_rng,
    in_words,
    inputs_text,
    overflow_checked,
)
from .layers import Activation, Conv2D
from .losses import softmax
from .network import Network


def _climb(part, images, objective_gradient, steps, step_size, jitter, rng, smooth=None):
    """Gradient ascent on the images, the loop every function here shares.

    `part` is a network (the layers up to the one watched); `objective_gradient(output)` gives
    d(objective)/d(output) for its output; backward turns that into d(objective)/d image.
    """
    for _ in range(steps):
        dy, dx = rng.integers(-jitter, jitter + 1, size=2) if jitter else (0, 0)
        shifted = np.roll(images, (dy, dx), axis=(2, 3))        # jitter: a small random shift
        output = part.forward(shifted)
        grad = part.backward(objective_gradient(output))        # the input's gradient
        grad = np.roll(grad, (-dy, -dx), axis=(2, 3))            # ... shifted back
        size = np.abs(grad).mean(axis=(1, 2, 3), keepdims=True)
        images = np.clip(images + step_size * grad / np.maximum(size, 1e-12), 0.0, 1.0)
        if smooth is not None:
            images = smooth(images)
    return images


# -- Deep Dream ----------------------------------------------------------------------------------
@overflow_checked
def dream(network, image, layer: int, *, channel: int | None = None, steps: int = 20,
          step_size: float = 0.02, jitter: int = 1, octaves: int = 1,
          octave_scale: float = 1.4, seed=0) -> np.ndarray:
    """Deep Dream: nudge `image` to amplify what layers[layer] of `network` sees in it.

    `image`: one image (channels, height, width), pixels 0..1. The objective is ½·mean(a²) of
    that layer's output a (of one channel only, if `channel` is given). `steps` steps per
    octave; with `octaves` > 1 the dream starts on the image shrunk `octave_scale` times per
    octave, and the detail dreamt so far is enlarged onto the next size (helps on photos, not
    on 8×8 digits, which have no room to shrink: octaves smaller than the layers up to
    `layer` can take are left out). Returns the dreamt image.
    """
    part, _ = _part(network, layer, "layer")
    x = as_pixels(image, "image")
    if x.ndim != 3:
        raise ValueError(f"image should be one image (channels, height, width), but it is "
                         f"{in_words(x)}.")
    channels = _output_channels(part, x, "image")
    if channel is not None:
        channel = _below(channel, "channel", channels, f"{part[-1]!r} has")
    steps = as_count(steps, "steps", minimum=0)
    step_size = as_number(step_size, "step_size", above=0, below=1)
    jitter = as_count(jitter, "jitter", minimum=0)
    octaves = as_count(octaves, "octaves")
    octave_scale = as_number(octave_scale, "octave_scale", above=1, below=4)
    rng = as_rng(seed)

    def amplify(a):  # d(½·mean(a²))/da = a / a.size: more of whatever is there
        keep = a if channel is None else np.where(_is_channel(a, channel), a, 0.0)
        return keep / keep[0].size

    base = x[None]
    sizes = [base.shape[2:]]
    for _ in range(octaves - 1):  # (no octave smaller than the layers can take)
        smaller = tuple(max(3, round(s / octave_scale)) for s in sizes[-1])
        if smaller == sizes[-1] or not _takes(part, (x.shape[0], *smaller)):
            break
        sizes.append(smaller)
    detail = None
    for size in reversed(sizes):  # smallest first
        start = _resize(base, size)
        if detail is not None:
            detail = _resize(detail, size)   # the dream so far, enlarged onto this size
        dreamt = _climb(part, np.clip(start + (0 if detail is None else detail), 0, 1),
                        amplify, steps, step_size, jitter, rng)
        detail = dreamt - start
    return dreamt[0]


def _takes(part, shape) -> bool:
    try:
        part.output_shape(shape)
    except ValueError:
        return False
    return True


def _resize(images, size):
    """Images (n, c, h, w) resized to `size` (h, w) by linear interpolation."""
    if images.shape[2:] == tuple(size):
        return images
    from scipy import ndimage  # only dreams with octaves need it

    h, w = images.shape[2:]
    return ndimage.zoom(images, (1, 1, size[0] / h, size[1] / w), order=1, grid_mode=True,
                        mode="nearest")


def _is_channel(a, channel):
    mask = np.zeros(a.shape[1], dtype=bool)
    mask[channel] = True
    return mask.reshape(1, -1, *([1] * (a.ndim - 2)))


# -- what each channel wants --------------------------------------------------------------------
class Gallery(NamedTuple):
    """One image per channel of a layer, and how strongly each excites its neuron (the centre
    of its channel's map)."""

    images: np.ndarray
    activations: np.ndarray
    layer: str

    def __repr__(self) -> str:
        shown = ", ".join(f"{a:.2f}" for a in self.activations)
        return Text(f"what each channel of {self.layer} wants: {len(self.images)} images of "
                    f"{self.images.shape[2]}×{self.images.shape[3]}; centre activations "
                    f"[{shown}]")


@overflow_checked
def channel_gallery(network, layer: int, *, size: int = 12, steps: int = 200,
                    step_size: float = 0.03, seed=0) -> Gallery:
    """For every channel of layers[layer], the image (size × size) that most excites the
    neuron at the centre of that channel's map: what the channel looks for.

    All channels climb at once, one image each, from blank paper with a faint seeded noise.
    The layer must give feature maps (a convolution, its ReLU or a pooling): rows of numbers
    after Flatten have no centre. For a ReLU, the convolution before it is climbed (same
    winner, and a slope even where the ReLU gives 0); `activations` are the layer's own.
    """
    part, k = _part(network, layer, "layer")
    if len(part) > 1 and isinstance(part[-1], Activation):
        # ReLU(z) grows with z, so climbing z climbs the ReLU too, and z still has a slope
        # where the ReLU is flat at 0 (a channel silent on blank paper would never move).
        part = part[:-1]
    size = as_count(size, "size", minimum=3)
    if size > 256:
        raise ValueError(f"size is {size}: at most 256 pixels a side, to stay quick.")
    steps = as_count(steps, "steps", minimum=0)
    step_size = as_number(step_size, "step_size", above=0, below=1)
    rng = as_rng(seed)
    in_channels = part.input_shape[0] if part.input_shape else 1
    probe = np.zeros((1, in_channels, size, size))
    n = _output_channels(part, probe[0], "size", maps=True)
    images = 0.01 * rng.uniform(size=(n, in_channels, size, size))
    rows = np.arange(n)

    def centre(a):  # d(a[i, channel i, centre])/da: 1 there, 0 elsewhere
        grad = np.zeros_like(a)
        grad[rows, rows, a.shape[2] // 2, a.shape[3] // 2] = 1.0
        return grad

    images = _climb(part, images, centre, steps, step_size, 0, rng)
    a = network[:k + 1].forward(images)          # the watched layer's own activations
    return Gallery(images, a[rows, rows, a.shape[2] // 2, a.shape[3] // 2],
                   f"layers[{k}] {network[k]!r}")


# -- class visualisation ------------------------------------------------------------------------
class ClassImages(NamedTuple):
    """The image made for each class, and the probability the network gives it."""

    images: np.ndarray
    classes: np.ndarray
    probabilities: np.ndarray

    def __repr__(self) -> str:
        rows = ", ".join(f"{int(c)}: {percent(p, 1)}" for c, p in zip(self.classes,
                                                                      self.probabilities))
        return Text(f"class visualisation, each image's probability for its class: {rows}")


#: The slight blur after every step: half the image plus half of it blurred by this 3×3 kernel
#: (the blur of notebook 09, weights 1-2-1 in each direction), applied by a Conv2D layer.
BLUR = np.outer([1, 2, 1], [1, 2, 1]) / 16.0


@overflow_checked
def class_visualisation(network, classes=None, *, size: int = 8,
                        steps: int = 200, step_size: float = 0.1, l2: float = 0.1,
                        blur: bool = True) -> ClassImages:
    """For each class (every class, unless `classes` lists some), the image that raises its
    score (Simonyan et al., 2013).

    Climbs score_c − l2·‖image‖² from blank paper with plain gradient steps of `step_size`
    (the raw score, before softmax: raising the probability could also be done by lowering
    the other classes), clipping to 0..1 and, with `blur`, blurring slightly after each step.
    The course's ConvNet (seeds 0-9): each score rises by 10 to 20 over blank paper, and
    8 to 10 of the 10 images get 99% or more (sometimes another class climbs along).
    """
    _image_network(network)
    size = as_count(size, "size", minimum=3)
    if size > 256:
        raise ValueError(f"size is {size}: at most 256 pixels a side, to stay quick.")
    in_channels = network.input_shape[0] if network.input_shape else 1
    try:
        scores = network.forward(np.zeros((1, in_channels, size, size)))
    except ValueError as error:
        raise ValueError(f"network does not take {size}×{size} images (the argument size): "
                         f"{error}") from None
    if scores.ndim != 2 or scores.shape[1] < 2:
        raise ValueError(f"network should give one score per class (at least 2), but it gives "
                         f"outputs of shape {scores.shape[1:]} per example.")
    wanted = np.arange(scores.shape[1]) if classes is None else \
        np.atleast_1d(as_classes(classes, "classes", scores.shape[1]))
    steps = as_count(steps, "steps", minimum=0)
    step_size = as_number(step_size, "step_size", above=0, below=100)
    l2 = as_number(l2, "l2", at_least=0, below=100)
    if not isinstance(blur, (bool, np.bool_)):
        raise TypeError(f"blur should be True or False, but it is {in_words(blur)}.")
    smooth = Conv2D.from_kernels(np.stack([np.eye(in_channels)[i, :, None, None] * BLUR
                                           for i in range(in_channels)]), padding=1)
    rows = np.arange(len(wanted))
    images = np.zeros((len(wanted), in_channels, size, size))
    for _ in range(steps):
        scores = network.forward(images)
        grad_scores = np.zeros_like(scores)
        grad_scores[rows, wanted] = 1.0                 # d score_c / d scores
        grad = network.backward(grad_scores) - 2 * l2 * images
        images = np.clip(images + step_size * grad, 0.0, 1.0)
        if blur:
            images = 0.5 * images + 0.5 * smooth.forward(images)
    p = softmax(network.forward(images))[rows, wanted]
    return ClassImages(images, wanted, p)


# -- checks --------------------------------------------------------------------------------------
def _part(network, layer, name):
    """network[:layer + 1], the layers up to the one watched, and layer as a position."""
    _image_network(network)
    k = as_count(layer, name, minimum=0)
    if k >= len(network):
        raise ValueError(f"{name} should be the position of a layer, 0 to {len(network) - 1}, "
                         f"but it is {k}: the network has {len(network)} layers.")
    return network[:k + 1], k


def _image_network(network):
    as_instance(network, "network", Network, chain="Network")
    shape = network.input_shape
    if shape is None or len(shape) != 3:
        raise ValueError(f"network takes {inputs_text(shape)}, not images (channels, height, "
                         "width): dreams need a network of images, such as digits_convnet().")


def _output_channels(part, image, name, maps=False) -> int:
    try:
        out = part.forward(image[None])
    except ValueError as error:
        raise ValueError(f"{name} does not fit the network: {error}") from None
    if maps and out.ndim != 4:
        raise ValueError(f"layer {part[-1]!r} gives rows of numbers, not feature maps: choose "
                         "a convolution, ReLU or pooling layer, before Flatten.")
    if out.ndim < 2:
        raise ValueError(f"layer {part[-1]!r} gives one number per example: nothing to dream.")
    return out.shape[1]


def _below(value, name, count, owner) -> int:
    k = as_count(value, name, minimum=0)
    if k >= count:
        raise ValueError(f"{name} should be 0 to {count - 1}: {owner} {count} channels, "
                         f"but it is {k}.")
    return k
