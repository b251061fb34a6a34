"""Exercise 10: max pooling, a convolutional layer's backward pass, and a ConvNet for the digits."""

from __future__ import annotations

import numpy as np

from ...datasets import digits
from ...layers import Conv2D, Dense, Softmax
from ..task import FunctionTask, GradientTask, Mistake, NetworkTask, Part, ShapeHint
from ..values import close


# -- max pooling --------------------------------------------------------------------------------
def pool(feature_map, size, keep=np.max, step=None, ragged=False):
    """The reference, max pooling over size×size blocks, and its near misses: another way to
    summarise a block (`keep`), blocks every `step` pixels (overlapping when step < size), or
    the ragged edge kept as smaller blocks."""
    m = np.asarray(feature_map, dtype=float)
    step = size if step is None else step
    h, w = m.shape
    if ragged:
        rows, cols = range(0, h, step), range(0, w, step)
    else:
        rows, cols = range(0, h - size + 1, step), range(0, w - size + 1, step)
    return np.array([[keep(m[i:i + size, j:j + size]) for j in cols] for i in rows])


def _one_block_short(got, feature_map, size):
    right = pool(feature_map, size)
    return any(close(got, cut) for cut in (right[:-1, :-1], right[:-1], right[:, :-1])
               if cut.size)


EXAMPLE = np.array([[1, 0, 2, 3],      # notebook 10's 4×4 map: [[6, 8], [3, 4]]
                    [4, 6, 6, 8],
                    [3, 1, 1, 0],
                    [1, 2, 2, 4]])
RAGGED = np.array([[1.0, 5.0, 2.0, 0.0, 9.0],
                   [3.0, 0.0, 1.0, 4.0, 7.0],
                   [0.0, 2.0, 6.0, 1.0, 8.0],
                   [2.0, 1.0, 0.0, 3.0, 6.0],
                   [9.0, 8.0, 7.0, 9.0, 9.0]])
WIDE = np.array([[0.5, -1.0, 2.0, 0.0, 1.5, 3.0],
                 [1.0, 0.0, -2.0, 4.0, 0.0, -1.0],
                 [2.5, 3.0, 1.0, 1.0, -0.5, 2.0],
                 [0.0, 1.0, 0.5, 2.0, 1.0, 0.0]])
NEGATIVE = -np.arange(1.0, 17.0).reshape(4, 4) / 4   # before ReLU: every value below 0
NINE = np.arange(36.0).reshape(6, 6) % 7


def _fresh_pool(rng, i):
    size = int(rng.integers(2, 4))
    h, w = (int(n) for n in rng.integers(size, 10, 2))
    return (rng.normal(0, 1, (h, w)), size)


max_pool = FunctionTask(
    id="max_pool",
    title="Max pooling",
    cases=[(EXAMPLE, 2), (RAGGED, 2), (WIDE, 2), (NEGATIVE, 2), (NINE, 3)],
    reference=pool,
    mistakes=(
        Mistake("that is average pooling: keep each block's largest value (np.max), not its "
                "mean.", lambda m, k: pool(m, k, keep=np.mean)),
        Mistake("pooling keeps each block's largest value (np.max); it doesn't add them up.",
                lambda m, k: pool(m, k, keep=np.sum)),
        Mistake("the blocks overlap: your window moves one pixel at a time. Pooling cuts the map "
                "into blocks side by side, so the window jumps `size` pixels: rows i·size to "
                "i·size + size.", lambda m, k: pool(m, k, step=1)),
        Mistake("a 5×5 map holds only 2 whole blocks of 2 across (5 // 2): pooling leaves out "
                "the rows and columns beyond the last whole block, as MaxPool2D does. You kept "
                "them as smaller blocks.", lambda m, k: pool(m, k, ragged=True)),
        Mistake("your loops stop one block short: the last row or column of blocks is "
                "missing. A side of h pixels holds h // size whole blocks: loop over "
                "`range(h // size)`.", lambda m, k: pool(m, k)[:-1, :-1], fits=_one_block_short),
        Mistake("a block of negative numbers has a negative maximum: start each block's "
                "maximum from its first value (or use np.max of the block), not from 0.",
                lambda m, k: np.maximum(pool(m, k), 0)),
        Mistake("one value per block, not one for the whole map: the result is a smaller map, "
                "(h // size) × (w // size).", lambda m, k: float(np.max(m))),
        Mistake("rows and columns are swapped: out[i, j] is the largest value of the block "
                "at rows i·size to i·size + size and columns j·size to j·size + size.",
                lambda m, k: pool(m, k).T if np.shape(m)[0] == np.shape(m)[1] else None),
    ),
    error_hints=(
        ("could not be broadcast", "the block is cut at the map's edge: loop over whole blocks "
                                   "only, `range(h // size)`."),
        ("zero-size array", "a block came out empty: it starts beyond the map's edge. Block "
                            "(i, j) covers rows i·size to (i + 1)·size and columns j·size to "
                            "(j + 1)·size, with i in range(h // size) for the rows and j in "
                            "range(w // size) for the columns."),
        ("cannot reshape array", "reshape needs whole blocks only: cut the ragged edge off "
                                 "first, feature_map[:rows * size, :cols * size] with "
                                 "rows = h // size and cols = w // size."),
    ),
    praise="correct: notebook 10's 4×4 map pools to [[6, 8], [3, 4]], and a ragged edge is "
           "left out, as MaxPool2D does.",
    fresh=_fresh_pool,
)


# -- a convolutional layer, backward --------------------------------------------------------------
def conv_forward(x, weights, bias, stride):
    """out[n, f, i, j] = Σ over channels and kernel cells of the patch at (i·stride, j·stride)
    times kernel f, + bias[f]: at each position, a dense layer on the patch."""
    s = int(stride)
    n = len(x)
    f, _, kh, kw = weights.shape
    out_h, out_w = (x.shape[2] - kh) // s + 1, (x.shape[3] - kw) // s + 1
    out = np.empty((n, f, out_h, out_w))
    flat = weights.reshape(f, -1)
    for i in range(out_h):
        for j in range(out_w):
            patch = x[:, :, i * s:i * s + kh, j * s:j * s + kw].reshape(n, -1)
            out[:, :, i, j] = patch @ flat.T + bias
    return out


def conv_backward(x, w, g, stride, *, step=None, assign=False):
    """(grad_x, grad_w, grad_b) computed position by position, as the exercise asks; `step`
    places the windows every `step` pixels instead of every `stride` (the stride forgotten),
    `assign` writes each window's grad_x instead of adding it (overlaps lost)."""
    step = stride if step is None else step
    n, c = x.shape[:2]
    f, _, kh, kw = w.shape
    flat = w.reshape(f, -1)
    grad_x, grad_w = np.zeros(x.shape), np.zeros(flat.shape)
    for i in range(g.shape[2]):
        for j in range(g.shape[3]):
            top, left = i * step, j * step
            window = (slice(None), slice(None), slice(top, top + kh), slice(left, left + kw))
            patch = x[window]
            if patch.shape[2:] != (kh, kw):
                return None  # the forgotten stride reads past the edge here: not this mistake
            share = (g[:, :, i, j] @ flat).reshape(n, c, kh, kw)
            if assign:
                grad_x[window] = share
            else:
                grad_x[window] += share
            grad_w += g[:, :, i, j].T @ patch.reshape(n, -1)
    return grad_x, grad_w.reshape(w.shape), g.sum(axis=(0, 2, 3))


def _part(index, **change):
    def produces(x, w, g, s):
        result = conv_backward(x, w, g, s, **change)
        return None if result is None else result[index]
    return produces


def _stride_forgotten(index):
    def produces(x, w, g, s):
        return _part(index, step=1)(x, w, g, s) if s > 1 else None
    return produces


def _flipped(index):
    def produces(x, w, g, s):
        gx, gw, _ = conv_backward(x, w[:, :, ::-1, ::-1], g, s)
        return gx if index == 0 else gw[:, :, ::-1, ::-1]
    return produces


def _one_filter(which):
    """grad_x from one filter only: the filters' contributions overwritten, not added."""
    def produces(x, w, g, s):
        if len(w) < 2:
            return None
        k = slice(-1, None) if which == "last" else slice(0, 1)
        return conv_backward(x, w[k], g[:, k], s)[0]
    return produces


def _one_example(x, w, g, s):
    return conv_backward(x[-1:], w, g[-1:], s)[1] if len(x) > 1 else None


def _last_position(x, w, g, s):
    """grad_w from the last position only: each position's share overwritten, not added."""
    out_h, out_w = g.shape[2:]
    if out_h * out_w < 2:
        return None
    kh, kw = w.shape[2:]
    top, left = (out_h - 1) * s, (out_w - 1) * s
    patch = x[:, :, top:top + kh, left:left + kw].reshape(len(x), -1)
    return (g[:, :, -1, -1].T @ patch).reshape(w.shape)


def _conv_cases():
    rng = np.random.default_rng(10)
    cases = []
    for n, c, h, w, f, kh, kw, s in ((2, 1, 5, 5, 2, 3, 3, 1), (3, 2, 6, 6, 3, 2, 2, 2),
                                     (2, 2, 7, 6, 2, 3, 2, 2)):
        out_h, out_w = (h - kh) // s + 1, (w - kw) // s + 1
        cases.append((rng.normal(size=(n, c, h, w)), rng.normal(size=(f, c, kh, kw)),
                      rng.normal(size=(n, f, out_h, out_w)), s))
    return cases


def _fresh_conv(rng, i):
    n, c, f = (int(v) for v in rng.integers(1, 4, 3))
    kh, kw, s = int(rng.integers(1, 4)), int(rng.integers(1, 4)), int(rng.integers(1, 3))
    h, w = int(rng.integers(kh, 8)), int(rng.integers(kw, 8))
    out_h, out_w = (h - kh) // s + 1, (w - kw) // s + 1
    return (rng.normal(size=(n, c, h, w)), rng.normal(size=(f, c, kh, kw)),
            rng.normal(size=(n, f, out_h, out_w)), s)


def _conv_point(x, weights, grad_out, stride):
    return ({"x": x, "weights": weights, "bias": np.zeros(len(weights)), "stride": stride},
            grad_out)


FLIPPED = ("the kernel is turned round: position (i, j) used the patch x[:, :, i·stride + a, "
           "j·stride + b] with kernel cell (a, b), as it is, so the gradient goes back through "
           "the same cell, not the flipped one.")
STRIDE = ("the stride is forgotten: output position (i, j) came from the patch at row "
          "i·stride and column j·stride, so its gradient goes back there.")
SHAPES = ("each gradient has the shape of what it belongs to: grad_x like x (n, c, h, w), "
          "grad_w like weights (f, c, kh, kw), grad_b one per filter (f,).")

conv_backward_task = GradientTask(
    id="conv_backward",
    title="A convolutional layer, backward (with a gradient check)",
    cases=_conv_cases(),
    fresh=_fresh_conv,
    forward=conv_forward,
    point=_conv_point,
    parts=(
        Part("grad_x", of="x", like="the input x",
             hint="At each position, the patch's gradient is grad_out[:, :, i, j] @ (the "
                  "kernels flattened); add it into grad_x where the patch came from.",
             mistakes=(
                 Mistake(FLIPPED, _flipped(0)),
                 Mistake("only the last filter (output channel) counts: every filter's "
                         "kernel sends gradient back to the same patch, and those shares add "
                         "up. grad_out[:, :, i, j] @ (all kernels flattened) sums over the "
                         "filters at once.",
                         _one_filter("last")),
                 Mistake("only the first filter (output channel) counts: every filter's kernel "
                         "sends gradient back to the same patch, and those shares add up.",
                         _one_filter("first")),
                 Mistake(STRIDE, _stride_forgotten(0)),
                 Mistake("where windows overlap, a pixel belongs to several patches and collects "
                         "the gradient of each: add into grad_x (+=), don't overwrite it (=).",
                         _part(0, assign=True)),
                 Mistake("check the sign: the patch's gradient is + grad_out @ kernels.",
                         lambda x, w, g, s: -conv_backward(x, w, g, s)[0]),
             ),
             shape_hints=(
                 ShapeHint(lambda got, right, x, w, g, s: got == (len(x), len(w), *x.shape[1:]),
                           "grad_x has one gradient per filter {got}: add the filters' shares "
                           "together, for the shape of x {right}."),
             )),
        Part("grad_w", of="weights", like="the weights",
             hint="It should be the sum, over the examples and the positions, of "
                  "grad_out[:, :, i, j].T @ (the patch flattened).",
             mistakes=(
                 Mistake("only the last example counts: add up (+=) every example's share, "
                         "or use grad_out[:, :, i, j].T @ patch, which sums over the batch.",
                         _one_example),
                 Mistake("sum over the batch, don't average: the loss already averages.",
                         lambda x, w, g, s: conv_backward(x, w, g, s)[1] / len(x)),
                 Mistake("only the last position counts: every position uses the same kernel, "
                         "so add up (+=) the shares of all positions.", _last_position),
                 Mistake(FLIPPED, _flipped(1)),
                 Mistake(STRIDE, _stride_forgotten(1)),
                 Mistake("check the sign: grad_w adds + grad_out.T @ patch.",
                         lambda x, w, g, s: -conv_backward(x, w, g, s)[1]),
             ),
             shape_hints=(
                 ShapeHint(lambda got, right, *case: got == (right[1], right[0], *right[2:]),
                           "grad_w has its first two axes swapped {got}: like weights, it is "
                           "(filters, channels, kh, kw) {right}: grad_out.T @ patch, not "
                           "patch.T @ grad_out."),
                 ShapeHint(lambda got, right, x, *rest: got == (len(x), *right),
                           "grad_w has one gradient per example {got}: add them up over the "
                           "batch, for the shape of weights {right}."),
                 ShapeHint(lambda got, right, *case: got == (right[0], int(np.prod(right[1:]))),
                           "grad_w is still flat {got}: reshape it like weights, "
                           "grad_w.reshape(weights.shape), for {right}."),
             )),
        Part("grad_b", of="bias", like="the bias",
             hint="It should be grad_out summed over the examples and the positions.",
             mistakes=(
                 Mistake("sum, don't average: grad_out.sum(axis=(0, 2, 3)).",
                         lambda x, w, g, s: g.mean(axis=(0, 2, 3))),
                 Mistake("sum over the batch too, don't average it: grad_out.sum(axis=(0, 2, 3)).",
                         lambda x, w, g, s: g.sum(axis=(2, 3)).mean(axis=0)),
                 Mistake("sum over the positions too, don't average them: "
                         "grad_out.sum(axis=(0, 2, 3)).",
                         lambda x, w, g, s: g.mean(axis=(2, 3)).sum(axis=0)),
                 Mistake("only the last example counts: sum over every example, "
                         "grad_out.sum(axis=(0, 2, 3)).",
                         lambda x, w, g, s: g[-1].sum(axis=(1, 2)) if len(g) > 1 else None),
             ),
             shape_hints=(
                 ShapeHint(lambda got, right, x, w, g, s: got == g.shape[:2],
                           "grad_b has one row per example {got}: sum over the examples too, "
                           "grad_out.sum(axis=(0, 2, 3)), for one value per filter {right}."),
                 ShapeHint(lambda got, right, x, w, g, s: got == (g.shape[1], *g.shape[2:]),
                           "grad_b still has a map per filter {got}: every position uses the "
                           "same bias, so sum over the positions too, "
                           "grad_out.sum(axis=(0, 2, 3)), for {right}."),
                 ShapeHint(lambda got, right, *case: got == (),
                           "grad_b is a single number: .sum() without an axis adds up "
                           "everything. Sum over the examples and positions only, "
                           "grad_out.sum(axis=(0, 2, 3)), for shape {right}."),
             )),
    ),
    error_hints=(("shapes", SHAPES), ("matmul", SHAPES), ("could not be broadcast", SHAPES)),
    praise="correct: all three gradients agree with finite differences, with stride 1 and 2, "
           "one channel and two.",
)


# -- a ConvNet for the digits ---------------------------------------------------------------------
TARGET = 0.95
DIGIT_SHAPE = (1, 8, 8)
DOUBLE_SOFTMAX = ("convnet ends with a Softmax layer, and SoftmaxCrossEntropy applies the softmax "
                  "itself: in training the softmax is applied twice, which squashes the "
                  "gradients. End with the Dense layer of 10 raw scores, and train again.")

DIVERGED = ("convnet's scores overflow (they come out infinite or not a number): its weights "
            "grew huge, so training diverged. Build it again and train with a smaller learning "
            "rate.")


def _convnet_verdict(net, rng):
    """Judged on the 360 held-out test digits, which training never sees: at least 95% right."""
    _, _, x_test, y_test = digits()
    try:
        with np.errstate(all="ignore"):
            scores = net.forward(x_test)
    except (ValueError, TypeError) as error:
        if "overflow" in str(error):
            return False, DIVERGED
        if net.input_shape is not None and len(net.input_shape) == 1:
            return False, (f"convnet reads rows of {net.input_shape[0]} numbers (flattened "
                           "digits), but a ConvNet reads the digits as pictures, shape (1, 8, 8): "
                           "one channel of 8×8 pixels. Start it with a Conv2D layer, "
                           "ddn.Conv2D(1, ...), and train it on x_train as it is.")
        return False, (f"convnet can't read the digits, pictures of shape (1, 8, 8) (one "
                       f"channel, 8×8 pixels): {error}")
    if scores.ndim != 2 or scores.shape[1] != 10:
        return False, (f"convnet should give 10 scores per digit, one for each of 0-9, but it "
                       f"gives outputs of shape {scores.shape[1:]}: end with Flatten and a "
                       "Dense layer of 10 neurons.")
    if isinstance(net.layers[-1], Softmax):
        return False, DOUBLE_SOFTMAX
    if not np.isfinite(scores).all():
        return False, DIVERGED
    accuracy = float(np.mean(scores.argmax(axis=1) == y_test))
    right = int(round(accuracy * len(y_test)))
    result = f"{accuracy:.1%} of the 360 held-out test digits right ({right} of 360)"
    if not any(isinstance(layer, Conv2D) for layer in net.layers):
        dense = sum(isinstance(layer, Dense) for layer in net.layers)
        return False, (f"{result}, but convnet has no convolutional layer: it is a plain network "
                       f"of {dense} dense layer{'s' if dense > 1 else ''}. The task is a ConvNet: "
                       "put Conv2D, ReLU and MaxPool2D before Flatten and the Dense layer.")
    if accuracy >= TARGET:
        return True, f"{result}: your ConvNet reads handwriting it has never seen."
    answers = np.unique(scores.argmax(axis=1))
    if len(answers) == 1:
        return False, (f"{result}: it answers {answers[0]} for every digit, whatever the "
                       "picture. Its ReLUs have died (they output 0 for everything), which "
                       "usually means the learning rate was too high: build it again and train "
                       "with a smaller one.")
    if accuracy < 0.3:
        return False, (f"{result}: hardly better than guessing (one in ten). The network has "
                       "not learned yet: train it with ddn.train(convnet, "
                       "ddn.SoftmaxCrossEntropy(), x_train, y_train, ...) after building it.")
    return False, (f"{result}; it needs {TARGET:.0%}. It has learned something: train it for "
                   "more epochs, try another learning rate, or give its Conv2D more filters.")


convnet = NetworkTask(
    id="convnet",
    title="A ConvNet for the digits",
    name="convnet",
    n_inputs=None,
    n_outputs=None,
    verdict=_convnet_verdict,
)

TASKS = (max_pool, conv_backward_task, convnet)
