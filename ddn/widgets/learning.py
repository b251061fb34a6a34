"""Widgets for notebook 01: rules versus learning."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import FancyBboxPatch

from .._format import num, signed
from ..examples import cat_rules, cats_dogs, houses
from ..plots.boundary import RegionImage, scatter_classes
from ..plots.figure import new_figure
from ..plots.style import GO, HIGHLIGHT, INK
from .base import App
from .controls import NumberSlider

_SLIDER = dict(continuous_update=True, style={"description_width": "90px"},
               layout=widgets.Layout(width="340px"))
_FAIL = "#d1495b"


class CatRulesApp(App):
    """Pick an animal (or tick its features); the chain of IF rules lights up.

    State: `verdict` (what the rules say) and `truth` (True/False, or None for a made-up animal).
    """

    FEATURES = (("furry", "furry"), ("tail", "has a tail"), ("pointy_ears", "pointy ears"),
                ("whiskers", "whiskers"))

    def __init__(self, animal: str = "tabby cat"):
        self.animal = widgets.Dropdown(options=list(cat_rules.ANIMALS), value=animal,
                                       description="animal")
        self.boxes = {key: widgets.Checkbox(description=label, indent=False,
                                            layout=widgets.Layout(width="110px"))
                      for key, label in self.FEATURES}
        self.legs = widgets.IntSlider(min=0, max=4, description="legs",
                                      layout=widgets.Layout(width="220px"))
        fig, ax = new_figure(8, 1.9)
        names = [name for name, _ in cat_rules.RULES] + ["CAT"]
        self.patches, self.labels = [], []
        for i, name in enumerate(names):
            patch = FancyBboxPatch((i * 1.25, 0), 1.05, 0.6, boxstyle="round,pad=0.05", ec=INK)
            ax.add_patch(patch)
            self.patches.append(patch)
            self.labels.append(ax.text(i * 1.25 + 0.525, 0.3, name + ("" if i == 5 else "?"),
                                       ha="center", va="center", fontsize=9, color=INK))
            if i < 5:
                ax.annotate("", (i * 1.25 + 1.2, 0.3), (i * 1.25 + 1.07, 0.3),
                            arrowprops=dict(arrowstyle="->", color=INK))
        self.title = ax.set_title("", fontsize=12, weight="bold")
        ax.set_xlim(-0.15, 7.4)
        ax.set_ylim(-0.15, 0.75)
        ax.axis("off")
        self._loading = False
        self.animal.observe(self._load, names="value")
        self._load()
        super().__init__(fig, [*self.boxes.values(), self.legs])

    def _layout_controls(self):
        return widgets.VBox([self.animal, widgets.HBox([*self.boxes.values(), self.legs])])

    def _load(self, change=None):
        """Set the feature controls to the chosen animal's features."""
        features = cat_rules.ANIMALS[self.animal.value]
        if hasattr(self, "image"):
            with self.batch():
                self._set_features(features)
        else:
            self._set_features(features)

    def _set_features(self, features):
        for key, box in self.boxes.items():
            box.value = features[key]
        self.legs.value = features["legs"]

    def features(self) -> dict:
        return {**{key: box.value for key, box in self.boxes.items()}, "legs": self.legs.value}

    def redraw(self):
        features = self.features()
        self.verdict = cat_rules.rules_verdict(features)
        preset = cat_rules.ANIMALS[self.animal.value]
        same = all(preset[k] == v for k, v in features.items())
        self.truth = preset["cat"] if same else None
        failed = [name for name, _ in cat_rules.RULES].index(self.verdict.failed_rule) \
            if self.verdict.failed_rule else None
        for i, patch in enumerate(self.patches[:-1]):
            passed = failed is None or i < failed
            patch.set_facecolor("#d8efd9" if passed else _FAIL if i == failed else "#eeeeee")
        self.patches[-1].set_facecolor("#d8efd9" if self.verdict.says_cat else "#eeeeee")
        self.labels[-1].set_text("CAT" if self.verdict.says_cat else "NOT A CAT")
        right = self.truth is None or self.verdict.says_cat == self.truth
        self.title.set_text(self._sentence() if self.truth is not None else
                            "the rules say " + ("cat" if self.verdict.says_cat else "not a cat"))
        self.title.set_color(GO if right else _FAIL)

    def _sentence(self):
        said = "cat" if self.verdict.says_cat else "not a cat"
        truth = "a cat" if self.truth else "not a cat"
        verdict = "right" if self.verdict.says_cat == self.truth else "WRONG"
        return f"the rules say {said}; a {self.animal.value} is {truth}: the rules are {verdict}"

    def describe(self):
        why = (f"stopped at the rule '{self.verdict.failed_rule}'" if self.verdict.failed_rule
               else "every rule passed")
        return f"{self._sentence() if self.truth is not None else self.title.get_text()} " \
               f"({why})"


class LineApp(App):
    """Slope and intercept sliders for a line through the cats-and-dogs data.

    Tick "show the network's curve" to see the regions a small trained network carves out.
    State: `wrong` (indices the line gets wrong), `curve_wrong` (same for the curve, once shown).
    """

    LIMITS = ((10.0, 75.0), (0.0, 42.0))  # room on the left for the chihuahua's name

    def __init__(self, slope=cats_dogs.LINE[0], intercept=cats_dogs.LINE[1], show_curve=False):
        self.x, self.y, self.names = cats_dogs.cats_and_dogs()
        self.slope = NumberSlider(slope, min=-2, max=2, step=0.05, description="slope m",
                                  **_SLIDER)
        self.intercept = NumberSlider(intercept, min=-20, max=60, step=0.5,
                                      description="intercept c", **_SLIDER)
        self.show_curve = widgets.Checkbox(value=show_curve, description="show the network's "
                                           "curve", indent=False)
        fig, ax = new_figure(6.4, 4.4)
        (xlim, ylim) = self.LIMITS
        self.region = RegionImage(ax, xlim, ylim, resolution=160, alpha=0.28)
        scatter_classes(ax, self.x, self.y, names=cats_dogs.CLASSES)
        for (h, w), name in zip(self.x, self.names):
            if name:  # the chihuahua sits among the cats: label it below, away from them
                offset = (-4, -12) if name == "chihuahua" else (6, 4)
                ax.annotate(name, (h, w), offset, textcoords="offset points", fontsize=8,
                            ha="right" if name == "chihuahua" else "left")
        self.rings = ax.scatter([], [], s=170, facecolors="none", edgecolors=HIGHLIGHT, lw=2,
                                zorder=4, label="misclassified")
        (self.line,) = ax.plot([], [], color=INK, lw=2.2)
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_xlabel(cats_dogs.FEATURES[0])
        ax.set_ylabel(cats_dogs.FEATURES[1])
        ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
        self.title = ax.set_title("")
        self.curve = None
        super().__init__(fig, [self.slope, self.intercept, self.show_curve])

    def _curve_values(self):
        if self.curve is None:  # trained once, the first time it is asked for (about 1 s)
            net = cats_dogs.curve_network(self.x, self.y)
            self.curve = (net(self.region.points)[:, 0] > 0).astype(float)
            self.curve_wrong = np.flatnonzero((net(self.x)[:, 0] > 0) != self.y)
        return self.curve

    def redraw(self):
        m, c = self.slope.value, self.intercept.value
        xs = np.array(self.LIMITS[0])
        self.line.set_data(xs, m * xs + c)
        said = cats_dogs.line_predictions(self.x, m, c)
        self.wrong = np.flatnonzero(said != self.y)
        if self.show_curve.value:
            self.region.show(self._curve_values())
            self.rings.set_offsets(self.x[self.curve_wrong].reshape(-1, 2))
        else:
            above = self.region.points[:, 1] > m * self.region.points[:, 0] + c
            self.region.show(above.astype(float))
            self.rings.set_offsets(self.x[self.wrong].reshape(-1, 2))
        self.line.set_visible(not self.show_curve.value)
        shown = "the network's curve" if self.show_curve.value else \
            f"weight = {num(m)}·height {'−' if c < 0 else '+'} {num(abs(c))}"
        right = len(self.y) - len(self.curve_wrong if self.show_curve.value else self.wrong)
        self.title.set_text(f"{shown}: {right} of {len(self.y)} right")

    def _wrong_summary(self) -> str:
        """The misclassified animals: outliers by name, typical ones counted."""
        named = [self.names[i] for i in self.wrong if self.names[i]]
        typical = [cats_dogs.CLASSES[int(self.y[i])] for i in self.wrong if not self.names[i]]
        counts = [f"{typical.count(kind)} typical {kind}{'s' if typical.count(kind) > 1 else ''}"
                  for kind in cats_dogs.CLASSES if kind in typical]
        return ", ".join(counts + named)

    def describe(self):
        n = len(self.y)
        m, c = self.slope.value, self.intercept.value
        text = (f"line weight = {num(m)}·height {'−' if c < 0 else '+'} {num(abs(c))}: "
                f"{n - len(self.wrong)} of {n} right")
        if len(self.wrong):
            text += f"; wrong: {self._wrong_summary()}"
        if self.show_curve.value:
            text += f"\nnetwork's curve: {n - len(self.curve_wrong)} of {n} right"
        return text


class HouseApp(App):
    """Fill the template's blanks (a, b, c) by hand and watch the predictions and the error.

    Buttons load the hand-written rule or the learned numbers. State: `numbers`, `error`
    (root-mean-square error in dollars).
    """

    def __init__(self):
        self.houses, self.prices = houses.house_data()
        a, b, c = houses.HAND_RULE
        # Steps fine enough to hold both the rule's and the learned numbers exactly.
        self.a = NumberSlider(a, min=0, max=200, step=0.1, description="a (per m²)", **_SLIDER)
        self.b = NumberSlider(b, min=0, max=2000, step=0.2, description="b (per story)",
                              **_SLIDER)
        self.c = NumberSlider(c, min=-100, max=50, step=0.5, description="c (per metre)",
                              **_SLIDER)
        self.rule_button = widgets.Button(description="hand-written rule")
        self.learned_button = widgets.Button(description="learned numbers", button_style="info")
        self.rule_button.on_click(lambda _: self.load(houses.HAND_RULE))
        self.learned_button.on_click(lambda _: self.load(houses.LEARNED))
        fig, ax = new_figure(6.2, 4.2)
        self.top = self.prices.max() * 1.1
        ax.plot([0, self.top], [0, 2 * self.top], color=INK, lw=0)  # invisible, sets no limits
        ax.plot([-1e7, 1e7], [-1e7, 1e7], color=INK, lw=1, ls="--", label="perfect prediction")
        self.points = ax.scatter(self.prices, self.prices, s=32, c=self.houses[:, 2],
                                 cmap="viridis", zorder=3, label="a house")
        fig.colorbar(self.points, ax=ax, label="distance to school (m)")
        ax.set_xlim(0, self.top)
        ax.set_ylim(0, self.top)
        ax.set_xlabel("real price ($)")
        ax.set_ylabel("template's price ($)")
        ax.legend(loc="upper left", fontsize=8)
        self.title = ax.set_title("")
        super().__init__(fig, [self.a, self.b, self.c, self.rule_button, self.learned_button])

    def _layout_controls(self):
        return widgets.VBox([self.a, self.b, self.c,
                             widgets.HBox([self.rule_button, self.learned_button])])

    def load(self, numbers):
        with self.batch():
            self.a.value, self.b.value, self.c.value = numbers

    def redraw(self):
        self.numbers = (self.a.value, self.b.value, self.c.value)
        predicted = houses.price(self.numbers, self.houses)
        self.error = float(np.sqrt(np.mean((predicted - self.prices) ** 2)))
        self.points.set_offsets(np.column_stack([self.prices, predicted]))
        low, high = min(0.0, predicted.min() * 1.05), max(self.top, predicted.max() * 1.05)
        self.points.axes.set_ylim(low, high)  # follow the predictions, wherever they go
        self.title.set_text(f"typical error ${self.error:,.0f}")

    def describe(self):
        a, b, c = self.numbers
        return (f"price = {num(a)}·size {signed(b)}·stories {signed(c)}·distance "
                f"(size in m², distance to school in metres)\n"
                f"typical error (root mean square): ${self.error:,.0f}")
