"""Widgets for notebook 13: a network learns whatever its examples teach, bias included.

- BiasLabApp: made-up loan applicants (`ddn.fairness.loan_data`) whose past decisions held
              group 1 to a higher bar. The course's network learns from those decisions; the
              interventions are the controls (let it see the group or not, the postcode that
              stands in for the group or not, reweigh the examples, one threshold per group)
              and the past bias itself. It shows who gets approved, the two gaps against the
              network without any intervention, and the network's scores per group.
- MarkerApp:  digits where every 7 in the training set carries a small square (a scanner's
              stamp, say). The network learns "square means 7"; the edge-case test (a 7
              without it, other digits with it) shows it. Spreading the square over half of
              every digit fixes it.

Each network is trained once (a tenth of a second for a loan network, about a second for a
digits network) and kept: the first visit to a setting trains, later visits look it up.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import datasets
from .._format import num, percent
from ..fairness import (
    add_marker,
    approval_rates,
    demographic_parity_gap,
    digits_network,
    equal_opportunity_gap,
    group_thresholds,
    loan_data,
    loan_network,
    marked_digits,
    marker_test,
    reweigh,
)
from ..losses import softmax
from ..plots.figure import blank_figure
from ..plots.images import bare, mosaic, tile_centres
from ..plots.style import CLASS_COLOURS, INK, STOP
from .adversarial import by_depth
from .base import App
from .controls import NumberSlider

STYLE = {"description_width": "90px"}
GROUP_COLOURS = CLASS_COLOURS            # group 0 blue, group 1 orange
N, SEED, PROXY = 2000, 0, 0.85           # as compare_interventions uses them by default
COLUMNS = {"income": 0, "credit history": 1, "debt": 2, "postcode": 3, "group": 4}
EDGES = np.linspace(-8, 8, 33)           # score histogram bins (scores beyond are clipped)

# -- the loan lab ---------------------------------------------------------------------------------
_LOANS: dict = {}


def loans(bias: float):
    """(training applicants, new applicants) for a past bias, as compare_interventions makes
    them: the new ones come from a seed drawn from the training seed."""
    key = ("data", float(bias))
    if key not in _LOANS:
        new_seed = int(np.random.default_rng(SEED).integers(2 ** 31))
        _LOANS[key] = (loan_data(N, SEED, bias=bias, proxy=PROXY),
                       loan_data(N, new_seed, bias=bias, proxy=PROXY))
    return _LOANS[key]


def columns_seen(group: bool, postcode: bool) -> list[int]:
    """The columns of loan_data's x the network is given: the finances, and maybe more."""
    return [0, 1, 2] + ([3] if postcode else []) + ([4] if group else [])


def loan_scores(bias: float, group: bool, postcode: bool, reweighed: bool) -> np.ndarray:
    """The scores a loan network gives the new applicants (approve above 0), trained once per
    setting on the past decisions, with the columns chosen, the examples maybe reweighed."""
    key = ("scores", float(bias), bool(group), bool(postcode), bool(reweighed))
    if key not in _LOANS:
        train, new = loans(bias)
        columns = columns_seen(group, postcode)
        x, y = train.x, train.approved
        if reweighed:
            x, y, _ = reweigh(train.x, train.approved, train.group, SEED)
        network = loan_network(x[:, columns], y, SEED)
        _LOANS[key] = network.forward(new.x[:, columns])[:, 0]
    return _LOANS[key]


def loan_decisions(bias, group, postcode, reweighed, per_group):
    """Decisions for the new applicants: score above 0, or each group approved at the same
    rate (the highest scores of each group, as many as one threshold would approve overall)."""
    scores = loan_scores(bias, group, postcode, reweighed)
    if per_group:
        return group_thresholds(scores, loans(bias)[1].group)
    return (scores > 0).astype(float)


class Gaps:
    """The numbers of one set of decisions on the new applicants."""

    def __init__(self, decisions, new):
        self.decisions = decisions
        self.approved = approval_rates(decisions, new.group)
        self.parity_gap = demographic_parity_gap(decisions, new.group)
        self.opportunity_gap = equal_opportunity_gap(decisions, new.repaid, new.group)
        self.accuracy = float(np.mean(decisions == new.repaid))
        self.agreement = float(np.mean(decisions == new.approved))


class BiasLabApp(App):
    """The loan lab: choose the past bias and the interventions, see who is approved.

    Panels: the share of each group approved by the past decisions (the labels the network
    learns from), by the network, and the share who would in truth repay; the two gaps, now
    and for the network with no intervention (it sees every column, one threshold); the
    network's scores for each group, with the threshold(s).

    State: `gaps` (Gaps of the network now), `baseline` (Gaps with no intervention), `past`
    (approval rates of the past decisions), `truth` (rates of who would repay), `scores`,
    `thresholds` (group -> the lowest score approved).
    """

    def __init__(self, bias: float = 2.0, sees_group: bool = True, sees_postcode: bool = True,
                 reweighed: bool = False, threshold: str = "one for everybody"):
        self.bias = NumberSlider(bias, min=0, max=3, step=0.5, description="past bias",
                                 style=STYLE, layout=widgets.Layout(width="360px"))
        self.sees_group = widgets.Checkbox(value=sees_group, description="the network sees "
                                           "the group", indent=False)
        self.sees_postcode = widgets.Checkbox(value=sees_postcode, description="the network "
                                              "sees the postcode", indent=False)
        self.reweighed = widgets.Checkbox(value=reweighed, description="reweigh the training "
                                          "examples", indent=False)
        self.threshold = widgets.ToggleButtons(options=("one for everybody", "one per group"),
                                               value=threshold, description="threshold",
                                               style=STYLE)
        fig = blank_figure(10.6, 3.2)
        grid = fig.add_gridspec(1, 3, width_ratios=(1.35, 1, 1.25))
        self.rate_ax, self.gap_ax, self.score_ax = (fig.add_subplot(grid[0, i])
                                                    for i in range(3))
        where = np.arange(3)
        self.rate_bars = [self.rate_ax.bar(where + (g - 0.5) * 0.38, np.zeros(3), width=0.36,
                                           color=GROUP_COLOURS[g], label=f"group {g}")
                          for g in (0, 1)]
        self.rate_ax.set_xticks(where, ["past decisions\n(the labels)", "the network",
                                        "would repay\n(the truth)"], fontsize=8)
        self.rate_ax.set_ylim(0, 1)
        self.rate_ax.set_ylabel("share approved", fontsize=8)
        self.rate_ax.tick_params(axis="y", labelsize=8)
        self.rate_legend = self.rate_ax.legend(loc="upper left", fontsize=7, frameon=False)
        self.rate_title = self.rate_ax.set_title("", fontsize=9)
        self.rate_texts = [[self.rate_ax.text(i + (g - 0.5) * 0.38, 0, "", ha="center",
                                              va="bottom", fontsize=7, color=INK)
                            for i in range(3)] for g in (0, 1)]
        self.baseline_bars = self.gap_ax.bar([0, 1], [0, 0], width=0.6, fill=False,
                                             ec=INK, ls="--", lw=1.2,
                                             label="no intervention")
        self.gap_bars = self.gap_ax.bar([0, 1], [0, 0], width=0.4, color=STOP, label="now")
        self.gap_ax.set_xticks([0, 1], ["parity gap", "opportunity\ngap"], fontsize=8)
        self.gap_ax.set_ylim(0, 1)
        self.gap_ax.tick_params(axis="y", labelsize=8)
        self.gap_legend = self.gap_ax.legend(loc="upper right", fontsize=7, frameon=False)
        self.gap_title = self.gap_ax.set_title("the gaps (0 is fair)", fontsize=9)
        self.gap_texts = [self.gap_ax.text(i, 0, "", ha="center", va="bottom", fontsize=8,
                                           color=INK) for i in (0, 1)]
        self.stairs = [self.score_ax.stairs(np.zeros(len(EDGES) - 1), EDGES,
                                            color=GROUP_COLOURS[g], lw=1.5) for g in (0, 1)]
        self.lines = [self.score_ax.axvline(0, color=GROUP_COLOURS[g], ls="--", lw=1.2)
                      for g in (0, 1)]
        self.score_ax.set_xlim(EDGES[0], EDGES[-1])
        self.score_ax.set_ylim(0, 0.3)
        self.score_ax.set_xlabel("the network's score (approve to the right of the line)",
                                 fontsize=8)
        self.score_ax.set_ylabel("share of the group", fontsize=8)
        self.score_ax.tick_params(labelsize=8)
        self.score_title = self.score_ax.set_title("", fontsize=9)
        for ax in (self.rate_ax, self.gap_ax, self.score_ax):
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        moving = [*self.rate_bars[0], *self.rate_bars[1], *self.baseline_bars, *self.gap_bars,
                  *self.stairs, *self.lines, *[t for row in self.rate_texts for t in row],
                  *self.gap_texts, self.rate_title, self.score_title, self.rate_legend,
                  self.gap_legend]
        for ax in (self.rate_ax, self.gap_ax, self.score_ax):
            moving += list(ax.spines.values())
        super().__init__(fig, [self.bias, self.sees_group, self.sees_postcode, self.reweighed,
                               self.threshold], moving=by_depth(moving))

    def _layout_controls(self):
        return widgets.VBox([self.bias, widgets.HBox([self.sees_group, self.sees_postcode,
                                                      self.reweighed]), self.threshold])

    @property
    def setting(self):
        return (float(self.bias.value), bool(self.sees_group.value),
                bool(self.sees_postcode.value), bool(self.reweighed.value),
                self.threshold.value == "one per group")

    def redraw(self):
        bias, group, postcode, reweighed, per_group = self.setting
        _, new = loans(bias)
        decisions = loan_decisions(bias, group, postcode, reweighed, per_group)
        self.gaps = Gaps(decisions, new)
        self.baseline = Gaps(loan_decisions(bias, True, True, False, False), new)
        self.past = approval_rates(new.approved, new.group)
        self.truth = approval_rates(new.repaid, new.group)
        self.scores = loan_scores(bias, group, postcode, reweighed)
        for g in (0, 1):
            values = (self.past[g], self.gaps.approved[g], self.truth[g])
            for bar, text, value in zip(self.rate_bars[g], self.rate_texts[g], values):
                bar.set_height(value)
                text.set_position((bar.get_x() + bar.get_width() / 2, value + 0.01))
                text.set_text(f"{value:.0%}")
        self.rate_title.set_text(f"who is approved (past bias {num(bias)})")
        now = (self.gaps.parity_gap, self.gaps.opportunity_gap)
        before = (self.baseline.parity_gap, self.baseline.opportunity_gap)
        for bar, outline, text, value, was in zip(self.gap_bars, self.baseline_bars,
                                                  self.gap_texts, now, before):
            bar.set_height(value)
            outline.set_height(was)
            text.set_position((bar.get_x() + bar.get_width() / 2, max(value, was) + 0.01))
            text.set_text(f"{value:.2f}")
        self.thresholds = {}
        for g in (0, 1):
            mine = new.group == g
            share, _ = np.histogram(np.clip(self.scores[mine], EDGES[0], EDGES[-1]), EDGES)
            self.stairs[g].set_data(share / mine.sum(), EDGES)
            approved = self.scores[mine & (decisions == 1)]
            self.thresholds[g] = float(approved.min()) if len(approved) else float("inf")
            x = float(np.clip(self.thresholds[g] if per_group else 0.0, EDGES[0], EDGES[-1]))
            self.lines[g].set_xdata([x, x])
        self.score_title.set_text("scores: group 0 blue, group 1 orange"
                                  if not per_group else "scores, and a threshold per group")

    def describe(self):
        g, b = self.gaps, self.baseline
        bias, group, postcode, reweighed, _ = self.setting
        seen = ", ".join(name for name, k in COLUMNS.items() if k in columns_seen(group,
                                                                                  postcode))
        rows = [
            f"past bias {num(bias)}; the network sees: {seen}"
            + ("; examples reweighed" if reweighed else ""),
            "",
            f"{f'on the {N:,} new applicants':<34}{'group 0':>9}{'group 1':>9}",
            f"{'past decisions approved':<34}{self.past[0]:>9.1%}{self.past[1]:>9.1%}",
            f"{'the network approves':<34}{g.approved[0]:>9.1%}{g.approved[1]:>9.1%}",
            f"{'would repay (the truth)':<34}{self.truth[0]:>9.1%}{self.truth[1]:>9.1%}",
            "",
            f"{'':<34}{'now':>9}{'before':>9}",
            f"{'demographic parity gap':<34}{g.parity_gap:>9.2f}{b.parity_gap:>9.2f}",
            f"{'equal opportunity gap':<34}{g.opportunity_gap:>9.2f}{b.opportunity_gap:>9.2f}",
            f"{'right about who would repay':<34}{g.accuracy:>9.1%}{b.accuracy:>9.1%}",
            f"{'agrees with the past decisions':<34}{g.agreement:>9.1%}{b.agreement:>9.1%}",
        ]
        if self.setting[4]:
            rows.append("(one threshold per group: the decision needs each applicant's group)")
        return "\n".join(rows)


# -- the digits with a marker --------------------------------------------------------------------
TRAININGS = {"skewed: every 7 has the square": False,
             "balanced: half of every digit has it": True}
_MARKED: dict = {}


def marker_network(balanced: bool, seed: int = 0, network=None):
    """(network, edge-case test, x, y, marked) for digits with the square on every 7 (skewed)
    or on a random half of every digit (balanced): the network given, already trained on
    `marked_digits(7, balanced=balanced, seed=seed)`, or one trained here once per session."""
    x, y, marked = marked_digits(7, balanced=balanced, seed=seed)
    if network is not None:
        return network, marker_test(network, 7), x, y, marked
    key = (bool(balanced), int(seed))
    if key not in _MARKED:
        trained = digits_network(x, y, seed=seed)
        _MARKED[key] = (trained, marker_test(trained, 7))
    return (*_MARKED[key], x, y, marked)


class MarkerApp(App):
    """A digits ConvNet trained on data with a spurious marker, tested on the uncommon cases.

    Panels: training digits as the network saw them (one of each kind); a test digit, with or
    without the square; the network's ten probabilities for it; and the edge-case test: the
    accuracy on plain test digits (none marked), the share of unmarked 7s missed, and the share
    of other digits with the square called 7.

    State: `network`, `test` (MarkerTest), `share` (digit -> share of its training examples
    with the square), `shown` (the test picture), `probabilities`, `answer`.
    """

    def __init__(self, skewed=None, balanced=None, *,
                 training: str = "skewed: every 7 has the square", digit: int = 7,
                 example: int = 0, square: bool = False):
        """`skewed`, `balanced`: digits networks already trained on marked_digits(7) and
        marked_digits(7, balanced=True); by default they are trained here (a second each)."""
        _, _, self.x_test, self.y_test = datasets.digits()
        self.per_digit = {d: np.flatnonzero(self.y_test == d) for d in range(10)}
        self.training = widgets.ToggleButtons(options=tuple(TRAININGS), value=training,
                                              description="training", style=STYLE)
        self.digit = widgets.Dropdown(options=tuple(range(10)), value=digit,
                                      description="test digit", style=STYLE,
                                      layout=widgets.Layout(width="180px"))
        fewest = min(len(v) for v in self.per_digit.values())
        self.example = NumberSlider(example, min=0, max=fewest - 1, step=1,
                                    description="example", style=STYLE,
                                    layout=widgets.Layout(width="330px"))
        self.square = widgets.Checkbox(value=square, description="add the square",
                                       indent=False)
        # Both networks (and their tests) now: switching between them is instant.
        self.trained = {flag: marker_network(flag, network=given)
                        for flag, given in ((False, skewed), (True, balanced))}
        fig = blank_figure(10.6, 3.1)
        grid = fig.add_gridspec(1, 4, width_ratios=(1.9, 0.9, 1.2, 1.3))
        train_ax, shown_ax, self.bar_ax, self.test_ax = (fig.add_subplot(grid[0, i])
                                                         for i in range(4))
        self.train_image = train_ax.imshow(mosaic([np.zeros((8, 8))] * 10, 5, gap=2),
                                           cmap="gray", vmin=0, vmax=1,
                                           interpolation="nearest")
        self.train_labels = [train_ax.text(x, y - 4.3, "", ha="center", va="bottom",
                                           fontsize=8, color=INK)
                             for x, y in tile_centres(10, 5, (8, 8), gap=2)]
        train_ax.set_ylim(17.5, -3.5)
        bare(train_ax)
        self.train_title = train_ax.set_title("", fontsize=9)
        self.shown_image = shown_ax.imshow(np.zeros((8, 8)), cmap="gray", vmin=0, vmax=1,
                                           interpolation="nearest")
        bare(shown_ax)
        self.shown_title = shown_ax.set_title("", fontsize=9)
        self.bars = self.bar_ax.bar(range(10), np.zeros(10), color=STOP)
        self.bar_ax.set_xticks(range(10))
        self.bar_ax.set_ylim(0, 1.05)
        self.bar_ax.tick_params(labelsize=8)
        self.bar_title = self.bar_ax.set_title("", fontsize=9)
        names = ["accuracy\n(ordinary)", "7s without\nthe square\nmissed",
                 "others with\nthe square\ncalled 7"]
        self.test_bars = self.test_ax.bar(range(3), np.zeros(3), color=STOP)
        self.test_ax.set_xticks(range(3), names, fontsize=7)
        self.test_ax.set_ylim(0, 1.1)
        self.test_ax.tick_params(axis="y", labelsize=8)
        self.test_ax.set_title("the edge-case test (360 test digits)", fontsize=9)
        self.test_texts = [self.test_ax.text(i, 0, "", ha="center", va="bottom", fontsize=8,
                                             color=INK) for i in range(3)]
        for ax in (self.bar_ax, self.test_ax):
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        moving = [self.train_image, *self.train_labels, self.train_title, self.shown_image,
                  self.shown_title, *self.bars, self.bar_title, *self.test_bars,
                  *self.test_texts, *self.bar_ax.spines.values(),
                  *self.test_ax.spines.values()]
        super().__init__(fig, [self.training, self.digit, self.example, self.square],
                         moving=by_depth(moving))

    def _layout_controls(self):
        return widgets.VBox([self.training, widgets.HBox([self.digit, self.example]),
                             self.square])

    def redraw(self):
        balanced = TRAININGS[self.training.value]
        self.network, self.test, x, y, marked = self.trained[balanced]
        firsts = [int(np.flatnonzero(y == d)[0]) for d in range(10)]
        self.train_image.set_data(mosaic(x[firsts, 0], 5, gap=2))
        for d, (i, text) in enumerate(zip(firsts, self.train_labels)):
            text.set_text(f"{d}" + (" ■" if marked[i] else ""))
        self.share = {d: float(marked[y == d].mean()) for d in range(10)}
        self.train_title.set_text("training digits (■: with the square)")
        index = self.per_digit[self.digit.value][int(self.example.value)]
        picture = self.x_test[index]
        self.shown = add_marker(picture) if self.square.value else picture
        self.probabilities = softmax(self.network.forward(self.shown[None]))[0]
        self.answer = int(np.argmax(self.probabilities))
        self.shown_image.set_data(self.shown[0])
        square = "with" if self.square.value else "without"
        self.shown_title.set_text(f"a test {self.digit.value}, {square}\nthe square")
        for d, (bar, p) in enumerate(zip(self.bars, self.probabilities)):
            bar.set_height(p)
            bar.set_color(CLASS_COLOURS[1] if d == self.answer else STOP)
        self.bar_title.set_text(f"says {self.answer} "
                                f"({percent(self.probabilities[self.answer], 1)})")
        values = (self.test.accuracy, self.test.class_missed, self.test.others_taken)
        for bar, text, value in zip(self.test_bars, self.test_texts, values):
            bar.set_height(value)
            text.set_position((bar.get_x() + bar.get_width() / 2, value + 0.02))
            text.set_text(f"{value:.0%}")

    def describe(self):
        t = self.test
        right = "right" if self.answer == self.digit.value else "wrong"
        square = "with" if self.square.value else "without"
        others = np.mean([self.share[d] for d in range(10) if d != 7])
        return (f"trained {self.training.value} ({self.share[7]:.0%} of the training 7s and "
                f"{others:.0%} of the other digits have it).\n"
                f"A test {self.digit.value} {square} the "
                f"square: the network says {self.answer} "
                f"({percent(self.probabilities[self.answer], 1)}), {right}.\n"
                f"Edge-case test: plain test digits (no squares) {t.accuracy:.1%} right; 7s "
                f"without the square missed {t.class_missed:.1%}; other digits with the square "
                f"called 7 {t.others_taken:.1%}.")
