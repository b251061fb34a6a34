"""Style transfer: one picture's content painted in another picture's style.

Gatys, Ecker and Bethge (2015, "A neural algorithm of artistic style") noticed that a
ConvNet's feature maps hold two different things:

- content: *where* each feature is found. Two pictures of the same cat light up the same
  feature maps in the same places. Content loss: how far the image's feature maps are from
  the content picture's, value by value.
- style: *which features come together*, wherever they are. The Gram matrix of a layer,
  G[i, j] = mean over all positions of (map i × map j), says how often features i and j are
  found at the same place (red with dark edges, say) and forgets where. Style loss: how far
  the image's Gram matrices are from the style picture's.

Then the image (not the network) is optimised to have both: backpropagation gives the
gradient of both losses for every pixel, as it does for the weights in training. Gatys used
VGG, a large network trained on ImageNet; the Prisma app (2016) made it popular on phones.

We have no VGG (nothing is downloaded), and our digits network only knows strokes. Yet
Ustyuzhaninov et al. (2016, "Texture synthesis using shallow convolutional networks with
random filters") and He, Wang and Hopcroft (2016, "A powerful generative model using random
weights for the deep image representation") found that *random* filters capture textures
well, when there are kernels of several sizes. So our features are one layer of random
filters at several scales (3×3, 7×7 and 15×15 kernels, 32 of each, each followed by a ReLU),
built from the course's own Conv2D: `random_features`. Random filters know nothing about cats
or paintings: what they carry over is colour and texture, which is what style mostly is.

- gram_matrix(maps):          (channels, h, w) -> (channels, channels).
- random_features(...):       the multi-scale layer of random filters (one network per size).
- transfer(content, style):   the image, optimised by L-BFGS (scipy), starting from the
                              content picture; the losses after every step.
- texture(style):             style alone, from noise (texture synthesis).
- stained_glass(size):        a style image made in code (see its docstring).
"""

from __future__ import annotations

import inspect
from typing import NamedTuple

import numpy as np

from ._format import Text
from ._validate import (
    as_array,
    as_count,
    as_number,
    as_pixels,
    as_rng,
    in_words,
    overflow_checked,
)
from .layers import Conv2D, ReLU
from .network import Network

#: The kernel sizes of the random layer: fine grain, strokes, patches.
SIZES = (3, 7, 15)
#: Random filters per kernel size.
FILTERS = 32
#: The largest image side transfer and texture accept (a 64×64 image takes seconds).
MAX_SIDE = 256


def gram_matrix(maps) -> np.ndarray:
    """G[i, j] = the mean over positions of map_i × map_j: which features occur together.

    `maps`: (channels, h, w) for one image, or (n, channels, h, w) for a batch (then one
    matrix per image). Where things are is averaged away; what goes with what stays.

    >>> gram_matrix([[[1.0, 0.0]], [[2.0, 2.0]]])    # map 0: (1, 0); map 1: (2, 2)
    array([[0.5, 1. ],
           [1. , 4. ]])
    """
    a = as_array(maps, "maps", ndim=(3, 4))
    f = a.reshape(*a.shape[:-2], -1)                          # each map as one row
    return f @ np.swapaxes(f, -1, -2) / f.shape[-1]


def random_features(in_channels: int = 3, sizes=SIZES, filters: int = FILTERS,
                    seed=0) -> list[Network]:
    """One layer of random filters at several scales: for each kernel size, a network
    [Conv2D(in_channels → filters, size × size, padding to keep the image size), ReLU()].

    The weights are random (from `seed`) and never trained. Several sizes matter: 3×3 kernels
    see the grain, 15×15 ones whole patches and their edges.
    """
    in_channels = as_count(in_channels, "in_channels")
    filters = as_count(filters, "filters")
    if filters > 256:
        raise ValueError(f"filters is {filters}: at most 256 per size, to stay quick.")
    sizes = _sizes(sizes)
    rng = as_rng(seed)
    return [Network([Conv2D(in_channels, filters, k, padding=k // 2, seed=rng), ReLU()])
            for k in sizes]


class Stylised(NamedTuple):
    """The image made, and the losses after every step of the optimiser (style_losses[0]
    and content_losses[0] are those of the starting image)."""

    image: np.ndarray
    style_losses: list[float]
    content_losses: list[float]

    @property
    def style_drop(self) -> float:
        """How much of the starting style loss is gone: 0.95 means it fell by 95%."""
        return 1.0 - self.style_losses[-1] / max(self.style_losses[0], 1e-300)

    def __repr__(self) -> str:
        text = (f"{len(self.style_losses) - 1} steps: style loss {self.style_losses[0]:.4g} → "
                f"{self.style_losses[-1]:.4g} (down {self.style_drop:.2%})")
        if any(self.content_losses):
            text += (f", content loss {self.content_losses[0]:.4g} → "
                     f"{self.content_losses[-1]:.4g}")
        return Text(text)


class _Losses:
    """The style and content losses of an image, and their gradient for every pixel.

    style   = Σ over scales of ‖G(image) − G(style)‖² / ‖G(style)‖²   (relative, so scales
              and pictures compare; 1 means "as far as no style at all")
    content = ‖maps(image) − maps(content)‖² / ‖maps(content)‖², on the 3×3 (finest) maps
    total   = style_weight · style + content_weight · content
    """

    def __init__(self, features, style, content, style_weight, content_weight):
        self.features = features
        self.targets = [gram_matrix(net.forward(style[None]))[0] for net in features]
        self.content = None if content is None else features[0].forward(content[None])[0]
        self.style_weight, self.content_weight = style_weight, content_weight

    def __call__(self, image):
        """(style loss, content loss, d total / d image) for one image (channels, h, w)."""
        style_loss, content_loss = 0.0, 0.0
        grad = np.zeros_like(image)
        for i, (net, target) in enumerate(zip(self.features, self.targets)):
            maps = net.forward(image[None])[0]                 # (c, h, w)
            c, positions = maps.shape[0], maps.shape[1] * maps.shape[2]
            flat = maps.reshape(c, positions)
            difference = flat @ flat.T / positions - target     # G − G(style)
            scale = np.sum(target ** 2) + 1e-12
            style_loss += np.sum(difference ** 2) / scale
            # L = ‖G − T‖²/s with G = F·Fᵀ/P, so dL/dF = 4·(G − T)·F / (P·s).
            d_maps = self.style_weight * 4 * (difference @ flat) / (positions * scale)
            if i == 0 and self.content is not None:
                gap = flat - self.content.reshape(c, positions)
                size = np.sum(self.content ** 2) + 1e-12
                content_loss = np.sum(gap ** 2) / size
                d_maps = d_maps + self.content_weight * 2 * gap / size
            grad += net.backward(d_maps.reshape(1, *maps.shape))[0]  # back to the pixels
        return float(style_loss), float(content_loss), grad


@overflow_checked
def transfer(content, style, *, style_weight: float = 1000.0, content_weight: float = 1.0,
             steps: int = 100, sizes=SIZES, filters: int = FILTERS, seed=0,
             progress=None) -> Stylised:
    """`content` repainted with the textures and colours of `style` (Gatys et al., 2015).

    Both are colour images (3, h, w) with pixels 0..1 (ddn.datasets.photo, stained_glass);
    they may differ in size, since a Gram matrix forgets where things are. The image starts as the
    content picture and L-BFGS (scipy.optimize, keeping pixels within 0..1) lowers
    style_weight · style loss + content_weight · content loss for up to `steps` steps.
    `progress(step, steps)`, if given, is called after every step (for a progress bar).

    A 64×64 image takes about 10 s here for 100 steps (one thread), and the style loss falls by
    more than 99% (50 steps already look much the same): see benchmarks/reverse.py.
    """
    content = _image(content, "content")
    style = _image(style, "style")
    if content.shape[0] != style.shape[0]:
        raise ValueError(f"content has {content.shape[0]} channels but style has "
                         f"{style.shape[0]}: give both in colour (3) or both grey (1).")
    style_weight = as_number(style_weight, "style_weight", at_least=0, below=1e12)
    content_weight = as_number(content_weight, "content_weight", at_least=0, below=1e12)
    features = random_features(content.shape[0], sizes, filters, seed)
    losses = _Losses(features, style, content, style_weight, content_weight)
    return _optimise(losses, content.copy(), steps, progress)


@overflow_checked
def texture(style, size: int = 64, *, steps: int = 100, sizes=SIZES, filters: int = FILTERS,
            seed=0, progress=None) -> Stylised:
    """A new size × size image with the texture of `style` and no content: noise optimised
    until its Gram matrices match the style's (Ustyuzhaninov et al., 2016)."""
    style = _image(style, "style")
    size = as_count(size, "size")
    if size > MAX_SIDE:
        raise ValueError(f"size is {size}: at most {MAX_SIDE}, to stay quick.")
    features = random_features(style.shape[0], sizes, filters, seed)
    start = as_rng(seed).uniform(0.25, 0.75, size=(style.shape[0], size, size))
    return _optimise(_Losses(features, style, None, 1000.0, 0.0), start, steps, progress)


def _optimise(losses, start, steps, progress) -> Stylised:
    """L-BFGS on the pixels, kept within 0..1: the losses after every step, and the image."""
    from scipy.optimize import minimize  # only style transfer needs scipy

    steps = as_count(steps, "steps", minimum=0)
    if progress is not None:
        _check_progress(progress)
    style, content, _ = losses(start)
    history = {"style": [style], "content": [content], "last": (style, content)}

    def total(flat):
        style, content, grad = losses(flat.reshape(start.shape))
        history["last"] = (style, content)
        value = losses.style_weight * style + losses.content_weight * content
        return value, grad.ravel()

    def after_step(_):
        style, content = history["last"]
        history["style"].append(style)
        history["content"].append(content)
        if progress is not None:
            progress(len(history["style"]) - 1, steps)

    image = start
    if steps:
        result = minimize(total, start.ravel(), jac=True, method="L-BFGS-B",
                          bounds=[(0.0, 1.0)] * start.size, callback=after_step,
                          options={"maxiter": steps})
        image = np.clip(result.x.reshape(start.shape), 0.0, 1.0)
    return Stylised(image, history["style"], history["content"])


# -- a style image made in code ----------------------------------------------------------------
#: Stained-glass colours: red, yellow, blue, green and a milky white.
GLASS = np.array([[0.85, 0.15, 0.10], [0.95, 0.75, 0.10], [0.10, 0.35, 0.75],
                  [0.10, 0.60, 0.30], [0.95, 0.95, 0.90]])


def stained_glass(size: int = 64, cells: int = 30, seed=0) -> np.ndarray:
    """A stained-glass window: `cells` patches of bright glass between dark lead lines,
    (3, size, size), pixels 0..1.

    Made in code rather than shipped: the course's photos with a strong texture (brick,
    grass) are grey, and a photo-to-photo transfer at 64 pixels mostly moves colour. Strong
    colours and sharp dark edges are a style that random filters carry over visibly. Each
    pixel takes the colour of the nearest of `cells` random points (a Voronoi diagram); where
    two points are nearly equally near, a line of lead.
    """
    size = as_count(size, "size", minimum=8)
    if size > MAX_SIDE:
        raise ValueError(f"size is {size}: at most {MAX_SIDE}.")
    cells = as_count(cells, "cells", minimum=2)
    if cells > 1000:
        raise ValueError(f"cells is {cells}: at most 1,000 patches.")
    rng = as_rng(seed)
    points = rng.uniform(0, size, size=(cells, 2))
    colours = GLASS[rng.integers(0, len(GLASS), size=cells)]
    rows, cols = np.mgrid[0:size, 0:size] + 0.5
    distance = np.hypot(rows[..., None] - points[:, 0], cols[..., None] - points[:, 1])
    nearest, second = np.sort(distance, axis=-1)[..., :2].transpose(2, 0, 1)
    image = colours[np.argmin(distance, axis=-1)]             # (size, size, 3)
    image[second - nearest < 0.025 * size] = 0.1               # lead between the patches
    return image.transpose(2, 0, 1)


# -- checks --------------------------------------------------------------------------------------
def _image(value, name) -> np.ndarray:
    image = as_pixels(value, name)
    if image.ndim != 3 or image.shape[0] not in (1, 3):
        raise ValueError(f"{name} should be one image (channels, height, width) with 3 "
                         f"channels (colour) or 1 (grey), but it is {in_words(image)}.")
    if max(image.shape[1:]) > MAX_SIDE:
        raise ValueError(f"{name} is {image.shape[1]}×{image.shape[2]}: at most {MAX_SIDE} "
                         "pixels a side, to stay quick (shrink it, e.g. image[:, ::2, ::2]).")
    return image


def _sizes(sizes) -> tuple[int, ...]:
    if not isinstance(sizes, (list, tuple)) or not sizes:
        raise TypeError(f"sizes should be a list of kernel sizes such as (3, 7, 15), but it "
                        f"is {in_words(sizes)}.")
    sizes = tuple(as_count(k, f"sizes[{i}]") for i, k in enumerate(sizes))
    for i, k in enumerate(sizes):
        if k % 2 == 0 or k > 31:
            raise ValueError(f"sizes[{i}] is {k}: kernel sizes should be odd (a centre pixel) "
                             "and at most 31.")
    return sizes



def _check_progress(progress) -> None:
    """progress must be callable as progress(step, total)."""
    wrong = isinstance(progress, type) or not callable(progress)
    if not wrong:
        try:
            inspect.signature(progress).bind(1, 1)
        except TypeError:
            wrong = True
        except ValueError:  # some built-in functions do not say what they take
            pass
    if wrong:
        raise TypeError(f"progress should be a function of (step, total), such as "
                        f"lambda step, total: None, but it is {in_words(progress)}.")


#: The first name of stained_glass, kept while ddn/widgets/style.py still uses it (it is not
#: ddn.plots.images.mosaic, which tiles pictures into one).
mosaic = stained_glass
