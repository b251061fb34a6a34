"""Widgets for notebook 12, part 1: fooling the digits ConvNet with its own gradients.

Backpropagation gives the gradient for the input too, so the code that trains the weights can
nudge a picture instead. All three apps take a trained digits ConvNet (by default
`trained_digits(0)`, the course's network, trained once per session):

- AttackApp:   the ε slider. A test digit, the change the fast gradient sign method makes (at
               most ε per pixel, shown amplified), the changed digit, and the ten probabilities
               before and after; the accuracy on all 360 test digits for every ε.
- TargetedApp: one test digit made into each of the ten digits, and a chosen one up close.
- ClimbApp:    pure noise climbing, step by step, until the network is 99.99% sure it is a
               chosen digit, while it still looks like noise to us.

Whatever takes more than a few milliseconds (the accuracy curves, the climbs) is computed once
per network and kept, so moving a control only looks results up and redraws.
"""

from __future__ import annotations

import hashlib

import ipywidgets as widgets
import numpy as np

from .. import datasets
from .._format import num, percent
from ..adversarial import EPSILONS, accuracy_under_attack, fgsm, iterative_fgsm
from ..examples.convnets import trained_digits
from ..fooling import fooling_images
from ..losses import softmax
from ..plots.figure import blank_figure
from ..plots.images import bare, mosaic, tile_centres
from ..plots.style import CLASS_COLOURS, HIGHLIGHT, INK, STOP
from .base import App
from .controls import NumberSlider, example_picker

DIGITS = tuple(range(10))
STYLE = {"description_width": "70px"}
#: The attacks of AttackApp: a label for the learner, the library's name for it.
ATTACKS = {"one step (FGSM)": "fgsm", "10 small steps": "iterative_fgsm"}
#: The ε of the slider (pixels run from 0 to 1); the accuracy curves use the library's table,
#: ε = 0, 0.05, 0.1, 0.2 and 0.3 (ddn.adversarial.EPSILONS).
EPSILON_MAX, EPSILON_STEP = 0.3, 0.01
BEFORE, AFTER = STOP, CLASS_COLOURS[1]


# -- shared: the default network and results kept per network ----------------------------------
def digits_network(network=None):
    """The network given, or the course's trained digits ConvNet."""
    return trained_digits(0) if network is None else network


_KEPT: dict = {}


def kept(network, what, compute):
    """compute(), once per network (told apart by its weights) and `what`; later calls, from
    this app or another one, get the same result back."""
    digest = hashlib.sha1()
    for name, value in sorted(network.params.items()):
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    key = (digest.hexdigest(), what)
    if key not in _KEPT:
        if len(_KEPT) > 64:        # a session that makes many networks: forget the oldest
            _KEPT.pop(next(iter(_KEPT)))
        _KEPT[key] = compute()
    return _KEPT[key]


def by_depth(artists) -> list:
    """Moving artists in the order a full draw paints them (by zorder, ties as listed), so that
    drawing them on the kept backdrop gives the same pixels."""
    return sorted(artists, key=lambda artist: artist.get_zorder())


def _test_digits():
    _, _, x_test, y_test = datasets.digits()
    return x_test, y_test, {d: np.flatnonzero(y_test == d) for d in DIGITS}


def _bars(ax, offset=0.0, width=0.8, colour=STOP):
    bars = ax.bar(np.array(DIGITS) + offset, np.zeros(10), width=width, color=colour)
    ax.set_xticks(DIGITS)
    ax.set_ylim(0, 1.05)
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return bars


def _picture(ax, cmap="gray", vmin=0.0, vmax=1.0, shape=(8, 8)):
    image = ax.imshow(np.zeros(shape), cmap=cmap, vmin=vmin, vmax=vmax,
                      interpolation="nearest")
    bare(ax)
    return image


# -- the ε slider ------------------------------------------------------------------------------
class AttackApp(App):
    """One test digit attacked with a change of at most ε per pixel.

    Panels: the digit; the change (adversarial − original), shaded from −ε (red) to +ε (blue),
    so that it shows however small it is; the changed digit; the ten probabilities before
    (grey) and after (orange); and the accuracy on all 360 test digits against ε for both
    attacks (one step of the fast gradient sign method, or 10 small steps), with the current ε.

    State: `digit_image`, `adversarial`, `change`, `before` and `after` (ten probabilities each),
    `answer_before`, `answer_after`, `accuracy` (all test digits at this ε and attack),
    `curves` (attack -> (epsilons, accuracies)).
    """

    def __init__(self, network=None, epsilon: float = 0.1, digit: int = 7, example: int = 0,
                 attack: str = "one step (FGSM)"):
        self.network = digits_network(network)
        self.x_test, self.y_test, self.per_digit = _test_digits()
        self.epsilon = NumberSlider(epsilon, min=0, max=EPSILON_MAX, step=EPSILON_STEP,
                                    description="ε", style=STYLE,
                                    layout=widgets.Layout(width="420px"))
        self.digit, self.example = example_picker(self.per_digit, digit, example, style=STYLE)
        self.attack = widgets.ToggleButtons(options=tuple(ATTACKS), value=attack,
                                            description="attack", style=STYLE)
        self.curves = {}
        for label, name in ATTACKS.items():
            accuracies = kept(self.network, ("curve", name, EPSILONS),
                              lambda name=name: self._table(name, EPSILONS))
            self.curves[label] = (EPSILONS, accuracies)
            for epsilon, accuracy in zip(EPSILONS, accuracies):   # the curve's points, kept
                kept(self.network, ("accuracy", name, epsilon), lambda a=accuracy: a)

        fig = blank_figure(10.6, 3.0)
        grid = fig.add_gridspec(1, 5, width_ratios=(1, 1, 1, 1.5, 1.5))
        axes = [fig.add_subplot(grid[0, i]) for i in range(5)]
        self.original = _picture(axes[0])
        self.change_image = _picture(axes[1], cmap="RdBu", vmin=-1, vmax=1)
        self.attacked = _picture(axes[2])
        self.titles = [ax.set_title("", fontsize=9) for ax in axes[:3]]
        self.bar_ax, self.curve_ax = axes[3], axes[4]
        self.bars_before = _bars(self.bar_ax, -0.2, 0.4, BEFORE)
        self.bars_after = _bars(self.bar_ax, 0.2, 0.4, AFTER)
        self.bar_ax.set_xlabel("digit: grey before, orange after", fontsize=8)
        self.bar_title = self.bar_ax.set_title("", fontsize=9)
        for (label, (eps, acc)), colour in zip(self.curves.items(), (INK, AFTER)):
            self.curve_ax.plot(eps, acc, "o-", color=colour, lw=1.4, ms=3, label=label)
        self.curve_ax.set_xlim(-0.01, EPSILON_MAX + 0.01)
        self.curve_ax.set_ylim(0, 1.02)
        self.curve_ax.set_xlabel("ε", fontsize=8)
        self.curve_ax.set_ylabel("test digits right", fontsize=8)
        self.curve_ax.tick_params(labelsize=8)
        self.curve_legend = self.curve_ax.legend(loc="upper right", fontsize=7, frameon=False)
        self.curve_ax.set_title("all 360 test digits", fontsize=9)
        # Drawn over the curves (and under the legend), in a full draw as in a fast one.
        (self.now_line,) = self.curve_ax.plot([], [], color=HIGHLIGHT, lw=1.5, zorder=2.5)
        (self.now_dot,) = self.curve_ax.plot([], [], "o", color=HIGHLIGHT, mec=INK, ms=7,
                                             zorder=3)
        moving = [self.original, self.change_image, self.attacked, *self.titles,
                  *self.bars_before, *self.bars_after, *self.bar_ax.spines.values(),
                  self.bar_title, self.now_line, self.now_dot,
                  *self.curve_ax.spines.values(), self.curve_legend]
        super().__init__(fig, [self.epsilon, self.digit, self.example, self.attack],
                         moving=by_depth(moving))

    def _layout_controls(self):
        return widgets.VBox([widgets.HBox([self.digit, self.example]), self.epsilon,
                             self.attack])

    def _table(self, name, epsilons):
        return accuracy_under_attack(self.network, self.x_test, self.y_test, epsilons,
                                     attack=name).accuracies

    def accuracy_at(self, epsilon: float, label: str) -> float:
        """The share of the 360 test digits still right at `epsilon` (kept once computed)."""
        epsilon = round(float(epsilon), 2)
        return kept(self.network, ("accuracy", ATTACKS[label], epsilon),
                    lambda: self._table(ATTACKS[label], (epsilon,))[0])

    def redraw(self):
        eps, label = float(self.epsilon.value), self.attack.value
        index = self.per_digit[self.digit.value][int(self.example.value)]
        self.digit_image, right = self.x_test[index], int(self.y_test[index])
        attack = fgsm if ATTACKS[label] == "fgsm" else iterative_fgsm
        self.adversarial = attack(self.network, self.digit_image, right, eps) if eps else \
            self.digit_image
        self.change = self.adversarial - self.digit_image
        self.before, self.after = softmax(self.network.forward(
            np.stack([self.digit_image, self.adversarial])))
        self.answer_before = int(np.argmax(self.before))
        self.answer_after = int(np.argmax(self.after))
        self.accuracy = self.accuracy_at(eps, label)
        self.original.set_data(self.digit_image[0])
        self.change_image.set_data(self.change[0])
        self.change_image.set_clim(-max(eps, 1e-9), max(eps, 1e-9))
        self.attacked.set_data(self.adversarial[0])
        self.titles[0].set_text(f"a test {right}: says {self.answer_before}")
        self.titles[1].set_text(f"the change, at most {num(eps)}\n(shown ×{num(round(1 / eps))})"
                                if eps else "no change (ε = 0)")
        self.titles[2].set_text(f"changed: says {self.answer_after}")
        for bars, p in ((self.bars_before, self.before), (self.bars_after, self.after)):
            for bar, value in zip(bars, p):
                bar.set_height(value)
        self.bar_title.set_text(f"{percent(self.before[right], 1)} → "
                                f"{percent(self.after[right], 1)} for {right}")
        self.now_line.set_data([eps, eps], [0, 1.02])
        self.now_dot.set_data([eps], [self.accuracy])

    def describe(self):
        eps, right = float(self.epsilon.value), int(self.digit.value)
        change = float(np.abs(self.change).mean())
        if self.answer_after == right:
            verdict = f"still {right} ({percent(self.after[right], 1)}): not fooled"
        else:
            verdict = (f"{self.answer_after} ({percent(self.after[self.answer_after], 1)}): "
                       f"fooled")
        return (f"ε = {num(eps)}, {self.attack.value}: every pixel moves by at most {num(eps)} "
                f"(on average {change:.3f}). The network said {self.answer_before} "
                f"({percent(self.before[self.answer_before], 1)}); now it says {verdict}.\n"
                f"On all 360 test digits at this ε: {self.accuracy:.1%} still right.")


# -- a chosen wrong answer -------------------------------------------------------------------
class TargetedApp(App):
    """One test digit, changed by at most ε per pixel towards each of the ten digits (10 small
    targeted steps), and the one made into the chosen target up close with its probabilities.

    State: `digit_image`, `made` (10 changed images, one per target), `reached` (each target's
    probability for its own image), `answers`, `before` and `after` (probabilities of the
    original and of the chosen target's image).
    """

    def __init__(self, network=None, digit: int = 7, example: int = 0, target: int = 3,
                 epsilon: float = 0.2):
        self.network = digits_network(network)
        self.x_test, self.y_test, self.per_digit = _test_digits()
        self.digit, self.example = example_picker(self.per_digit, digit, example, style=STYLE)
        self.target = widgets.Dropdown(options=DIGITS, value=target, description="make it a",
                                       style=STYLE, layout=widgets.Layout(width="160px"))
        self.epsilon = NumberSlider(epsilon, min=0, max=EPSILON_MAX, step=EPSILON_STEP,
                                    description="ε", style=STYLE,
                                    layout=widgets.Layout(width="420px"))
        fig = blank_figure(10.6, 3.3)
        grid = fig.add_gridspec(2, 4, width_ratios=(0.9, 0.9, 3.0, 1.6),
                                height_ratios=(1, 1))
        original_ax = fig.add_subplot(grid[:, 0])
        chosen_ax = fig.add_subplot(grid[:, 1])
        self.row_ax = fig.add_subplot(grid[:, 2])
        self.bar_ax = fig.add_subplot(grid[:, 3])
        self.original = _picture(original_ax)
        self.chosen = _picture(chosen_ax)
        self.original_title = original_ax.set_title("", fontsize=9)
        self.chosen_title = chosen_ax.set_title("", fontsize=9)
        self.row = self.row_ax.imshow(mosaic([np.zeros((8, 8))] * 10, 5, gap=2), cmap="gray",
                                      vmin=0, vmax=1, interpolation="nearest")
        bare(self.row_ax)
        self.row_ax.set_xlim(-1, 48)
        self.row_ax.set_ylim(18, -3.5)
        self.centres = tile_centres(10, 5, (8, 8), gap=2)
        self.labels = [self.row_ax.text(x, y - 4.3, "", ha="center", va="bottom", fontsize=8,
                                        color=INK) for x, y in self.centres]
        self.row_ax.set_title("the same digit, made into each digit", fontsize=9)
        from matplotlib.patches import Rectangle

        self.box = Rectangle((0, 0), 8.6, 8.6, fill=False, ec=HIGHLIGHT, lw=2.5)
        self.row_ax.add_patch(self.box)
        self.bars_before = _bars(self.bar_ax, -0.2, 0.4, BEFORE)
        self.bars_after = _bars(self.bar_ax, 0.2, 0.4, AFTER)
        self.bar_ax.set_xlabel("digit: grey before, orange after", fontsize=8)
        self.bar_title = self.bar_ax.set_title("", fontsize=9)
        moving = [self.original, self.chosen, self.original_title, self.chosen_title,
                  self.row, self.box, *self.labels, *self.bars_before, *self.bars_after,
                  *self.bar_ax.spines.values(), self.bar_title]
        super().__init__(fig, [self.digit, self.example, self.target, self.epsilon],
                         moving=by_depth(moving))

    def _layout_controls(self):
        return widgets.VBox([widgets.HBox([self.digit, self.example]),
                             widgets.HBox([self.target]), self.epsilon])

    def redraw(self):
        eps, target = float(self.epsilon.value), int(self.target.value)
        index = self.per_digit[self.digit.value][int(self.example.value)]
        self.digit_image = self.x_test[index]
        copies = np.repeat(self.digit_image[None], 10, axis=0)
        self.made = iterative_fgsm(self.network, copies, np.arange(10), eps, targeted=True) \
            if eps else copies
        p = softmax(self.network.forward(np.concatenate([self.digit_image[None], self.made])))
        self.before, made_p = p[0], p[1:]
        self.reached = made_p[np.arange(10), np.arange(10)]
        self.answers = made_p.argmax(axis=1)
        self.after = made_p[target]
        answer = int(np.argmax(self.before))
        self.original.set_data(self.digit_image[0])
        self.original_title.set_text(f"a test {self.digit.value}\nsays {answer}")
        self.chosen.set_data(self.made[target, 0])
        self.chosen_title.set_text(f"made a {target}\nsays {int(self.answers[target])}")
        self.row.set_data(mosaic(self.made[:, 0], 5, gap=2))
        for d, text in enumerate(self.labels):
            mark = "✓" if self.answers[d] == d else "✗"
            text.set_text(f"{d}: {percent(self.reached[d], 0)} {mark}")
        x, y = self.centres[target]
        self.box.set_xy((x - 4.3, y - 4.3))
        for bars, probabilities in ((self.bars_before, self.before),
                                    (self.bars_after, self.after)):
            for bar, value in zip(bars, probabilities):
                bar.set_height(value)
        self.bar_title.set_text(f"P({target}): {percent(self.before[target], 1)} → "
                                f"{percent(self.after[target], 1)}")

    def describe(self):
        eps, target = float(self.epsilon.value), int(self.target.value)
        hits = int(np.sum(self.answers == np.arange(10)))
        said = int(self.answers[target])
        return (f"A test {self.digit.value}, every pixel moved by at most {num(eps)}: made into "
                f"{target}, the network says {said} "
                f"({percent(self.after[said], 1)}).\n"
                f"{hits} of the 10 digits reached as targets at this ε.")


# -- noise climbing to certainty ---------------------------------------------------------------
class ClimbApp(App):
    """Random noise nudged, step after step, towards a chosen digit until the network gives it
    99.99% (`ddn.fooling.fooling_images`): each step moves every pixel by 0.01 against the
    gradient of that digit's loss, a targeted FGSM step.

    Panels: the starting noise, the image after `step` steps, the climb of the chosen digit's
    probability (the other nine digits' climbs faint), and the ten probabilities now.

    State: `fooled` (the library's result for all ten digits), `paths` (digit -> images after
    0, 1, ... steps), `climbs` (digit -> the digit's probability after each step), `shown`
    (the image now), `probabilities`.
    """

    STEP_SIZE = 0.01

    def __init__(self, network=None, digit: int = 3, step: int | None = None):
        self.network = digits_network(network)
        self.fooled = kept(self.network, "fooling images", lambda: fooling_images(self.network))
        self.paths, self.climbs = kept(self.network, "climbs", self._climb)
        longest = max(len(path) for path in self.paths.values()) - 1
        self.digit = widgets.Dropdown(options=DIGITS, value=digit, description="make it a",
                                      style=STYLE, layout=widgets.Layout(width="160px"))
        self.step = NumberSlider(longest if step is None else step, min=0, max=longest,
                                 step=1, description="step", style=STYLE,
                                 layout=widgets.Layout(width="420px"))
        fig = blank_figure(10.4, 3.0)
        grid = fig.add_gridspec(1, 4, width_ratios=(1, 1, 1.8, 1.5))
        axes = [fig.add_subplot(grid[0, i]) for i in range(4)]
        self.start = _picture(axes[0])
        axes[0].set_title("the noise it starts from", fontsize=9)
        self.now = _picture(axes[1])
        self.now_title = axes[1].set_title("", fontsize=9)
        self.climb_ax, self.bar_ax = axes[2], axes[3]
        self.aim = self.climb_ax.axhline(0.99, color=INK, lw=0.8, ls="--")
        self.others = [self.climb_ax.plot([], [], color=STOP, lw=0.8, alpha=0.5)[0]
                       for _ in DIGITS]
        (self.curve,) = self.climb_ax.plot([], [], color=AFTER, lw=2)
        (self.dot,) = self.climb_ax.plot([], [], "o", color=HIGHLIGHT, mec=INK, ms=7)
        self.aim_label = self.climb_ax.text(longest, 0.965, "99%", ha="right", va="top",
                                            fontsize=8, color=INK)
        self.climb_ax.set_xlim(0, longest)
        self.climb_ax.set_ylim(0, 1.03)
        self.climb_ax.set_xlabel("step", fontsize=8)
        self.climb_ax.tick_params(labelsize=8)
        self.climb_title = self.climb_ax.set_title("", fontsize=9)
        self.bars = _bars(self.bar_ax)
        self.bar_ax.set_xlabel("digit", fontsize=8)
        self.bar_title = self.bar_ax.set_title("", fontsize=9)
        moving = [self.start, self.now, self.now_title, self.aim, *self.others, self.curve,
                  self.dot, *self.climb_ax.spines.values(), self.aim_label, self.climb_title,
                  *self.bars, *self.bar_ax.spines.values(), self.bar_title]
        super().__init__(fig, [self.digit, self.step], moving=by_depth(moving))

    def _layout_controls(self):
        return widgets.VBox([self.digit, self.step])

    def _climb(self):
        """Every digit's path from its noise, one targeted FGSM step (0.01) at a time, until
        the digit reaches fooling_images' confidence: the library's climb, step by step."""
        paths, climbs = {}, {}
        for d, start, steps in zip(self.fooled.classes, self.fooled.start, self.fooled.steps):
            images = [start]
            for _ in range(int(steps)):
                images.append(fgsm(self.network, images[-1], int(d), self.STEP_SIZE,
                                   targeted=True))
            paths[int(d)] = np.stack(images)
            climbs[int(d)] = softmax(self.network.forward(paths[int(d)]))[:, int(d)]
        return paths, climbs

    def redraw(self):
        d = int(self.digit.value)
        path, climb = self.paths[d], self.climbs[d]
        self.at = min(int(self.step.value), len(path) - 1)
        self.shown = path[self.at]
        self.probabilities = softmax(self.network.forward(self.shown[None]))[0]
        self.start.set_data(path[0, 0])
        self.now.set_data(self.shown[0])
        answer = int(np.argmax(self.probabilities))
        self.now_title.set_text(f"after {self.at} steps: says {answer}")
        for other, line in zip(DIGITS, self.others):
            values = self.climbs[other] if other != d else []
            line.set_data(np.arange(len(values)), values)
        self.curve.set_data(np.arange(len(climb)), climb)
        self.dot.set_data([self.at], [climb[self.at]])
        self.climb_title.set_text(f"P({d}) step by step")
        for bar, value in zip(self.bars, self.probabilities):
            bar.set_height(value)
        for k, bar in enumerate(self.bars):
            bar.set_color(AFTER if k == d else STOP)
        self.bar_title.set_text(f"P({d}): {percent(self.probabilities[d], 2)}")

    def describe(self):
        d = int(self.digit.value)
        path = self.paths[d]
        done = len(path) - 1
        moved = float(np.abs(self.shown - path[0]).mean())
        text = (f"noise made into a {d}: after {self.at} of its {done} steps the network gives "
                f"{d} {percent(self.probabilities[d], 2)}; the pixels have moved by "
                f"{moved:.3f} on average (they run from 0 to 1).")
        if int(self.step.value) > done:
            text += f"\nIt reached {percent(self.climbs[d][-1], 2)} after {done} steps and stopped."
        return text
