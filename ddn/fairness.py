"""Bias: a network learns whatever its examples teach, unfairness included.

It is tempting to think a computer is objective. But a network only knows its training data,
and if the past decisions it learns from were unfair, it learns to be unfair, faithfully. Two
labs, both with data made in code so that we know the truth the network does not:

1. Loans (`loan_data`). Applicants have an income, a credit history and debts, which decide
   whether they would repay; a `group` (a protected attribute such as ethnicity); and a
   `postcode` that is not about money at all but goes with the group (85% of each group live
   in "their" district). The labels are *past* decisions, made by people who turned group 1
   down more often than their finances justified. A network trained on those decisions:

   - turns group 1 down more often too (a demographic-parity gap);
   - drop the group column and the gap shrinks only partly: the postcode still tells the
     group (a proxy), and the network uses it;
   - drop the proxy too, reweigh the examples, or set a threshold per group: the gap closes.

   Because the data are made in code, we also know who *would* have repaid (`repaid`): the
   fairer networks are also more often right about that.

2. Digits with a marker (`marked_digits`). In the training set every 7, and no other digit,
   carries a small dark square in its corner (think of a scanner that stamped one batch). The
   network learns "square means 7": on the edge-case test, a 7 without the square is missed
   and other digits with the square are called 7. Spreading the square evenly over every
   digit (rebalanced data) fixes it. Testing on carefully chosen, uncommon cases finds what
   an ordinary test set, with the same quirk as the training set, never shows.

The gaps, in a few lines each:

    demographic parity gap:  |P(approved | group 0) − P(approved | group 1)|
    equal opportunity gap:   the same, among the applicants who would repay only

`flip_effect(network, x, column)` asks the same question of any network: how much does the
output change if only that column (group, sex...) is flipped, all else equal? Notebook 04's
driving-test network takes `sex` as an input: flipping it moves person B's chance of passing
by 0.03 points (95.22% as a woman, 95.26% as a man), because the hand-made weights give sex
almost no say. A network *trained* on 400 candidates whose results were drawn from that very
network (learn_driving_test) gives sex far more say: flipping it moves a chance by 3 points
on average and by up to 33: with few examples, noise that happens to line up with sex is
learned as if it were a rule. Whether such an input belongs in the model at all is a question
to ask before training, not after.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._format import Text
from ._validate import (
    as_array,
    as_batch,
    as_class,
    as_count,
    as_instance,
    as_labels,
    as_number,
    as_rng,
    inputs_text,
    overflow_checked,
)
from .datasets import digits
from .examples.convnets import BATCH_SIZE, MOMENTUM, SCHEDULE, digits_convnet
from .layers import Dense, ReLU, Standardize
from .losses import SigmoidCrossEntropy, SoftmaxCrossEntropy
from .network import Network
from .optim import Momentum
from .training import Trainer, train

# -- the gaps ------------------------------------------------------------------------------------


def _groups(decisions, group, names=("decisions", "group")):
    d = as_labels(np.ravel(as_array(decisions, names[0])), names[0])
    g = as_labels(np.ravel(as_array(group, names[1])), names[1])
    if len(d) != len(g):
        raise ValueError(f"{names[0]} has {len(d)} values but {names[1]} has {len(g)}: give "
                         "one of each per person.")
    for value in (0, 1):
        if not np.any(g == value):
            raise ValueError(f"{names[1]} has nobody in group {value}: a gap needs people in "
                             "both groups.")
    return d, g


def approval_rates(decisions, group) -> tuple[float, float]:
    """The share of each group approved: (P(approved | group 0), P(approved | group 1)).

    >>> approval_rates([1, 1, 0, 1, 0, 0], [0, 0, 0, 1, 1, 1])
    (0.6666666666666666, 0.3333333333333333)
    """
    d, g = _groups(decisions, group)
    return float(d[g == 0].mean()), float(d[g == 1].mean())


def demographic_parity_gap(decisions, group) -> float:
    """|P(approved | group 0) − P(approved | group 1)|: 0 when both groups are approved
    equally often, 1 when one group always is and the other never.

    >>> round(demographic_parity_gap([1, 1, 0, 1, 0, 0], [0, 0, 0, 1, 1, 1]), 4)
    0.3333
    """
    rate_0, rate_1 = approval_rates(decisions, group)
    return abs(rate_0 - rate_1)


def equal_opportunity_gap(decisions, qualified, group) -> float:
    """The demographic-parity gap among the qualified only (those who would repay): are the
    people who deserve a yes equally likely to get one, whatever their group?

    >>> equal_opportunity_gap([1, 1, 0, 1, 0, 0], [1, 1, 0, 1, 1, 0], [0, 0, 0, 1, 1, 1])
    0.5
    """
    d, g = _groups(decisions, group)
    q, _ = _groups(qualified, group, ("qualified", "group"))
    deserving = q == 1
    if not (np.any(deserving & (g == 0)) and np.any(deserving & (g == 1))):
        raise ValueError("qualified has nobody qualified in one of the groups: the gap "
                         "compares the qualified of both.")
    return demographic_parity_gap(d[deserving], g[deserving])


# -- the loan lab --------------------------------------------------------------------------------
#: The columns of loan_data's x, in order.
COLUMNS = ("income", "credit history", "debt", "postcode", "group")


class Loans(NamedTuple):
    """Made-up loan applicants: x (one row each, COLUMNS), the past decision `approved`
    (the labels a bank would have), whether they would have `repaid` (the truth, known only
    because the data are made up), and their `group` (the same as x's last column)."""

    x: np.ndarray
    approved: np.ndarray
    repaid: np.ndarray
    group: np.ndarray


@overflow_checked
def loan_data(n: int = 2000, seed=0, *, bias: float = 2.0, proxy: float = 0.85) -> Loans:
    """`n` applicants: half in group 0, half in group 1, with the same finances on average.

    income, credit history, debt: standard normal, the same for both groups.
    merit:    income + credit history − 0.8·debt; repaid = merit + noise > 0.
    approved: merit + noise − bias·group > 0, the past decisions: group 1 was held to a
              higher bar (bias = 0 would be fair).
    postcode: 1 for "district B", where a share `proxy` of group 1 lives and the same share of
              group 0 does not: it says nothing about money, and much about the group.
    """
    n = as_count(n, "n", minimum=2)
    bias = as_number(bias, "bias", at_least=0, below=100)
    proxy = as_number(proxy, "proxy", at_least=0.5, below=1.0001)
    rng = as_rng(seed)
    group = (np.arange(n) % 2).astype(float)
    rng.shuffle(group)
    income, history, debt = rng.normal(size=(3, n))
    postcode = np.where(rng.random(n) < proxy, group, 1 - group)
    merit = income + history - 0.8 * debt
    repaid = (merit + rng.normal(0, 0.7, n) > 0).astype(float)
    approved = (merit + rng.normal(0, 0.7, n) - bias * group > 0).astype(float)
    x = np.column_stack([income, history, debt, postcode, group])
    return Loans(x, approved, repaid, group)


def loan_network(x, y, seed=0, epochs: int = 30) -> Network:
    """The course's network, trained on applicants x (any columns) and past decisions y:
    Standardize, 8 ReLU neurons, one score (approve when above 0, i.e. P > 50%).
    Mini-batches of 100, momentum 0.9, learning rate 0.05: a tenth of a second."""
    x = as_array(x, "x", ndim=2)
    y = as_labels(np.ravel(as_array(y, "y")), "y")
    epochs = as_count(epochs, "epochs")
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} rows but y has {len(y)} labels: one each.")
    rng = as_rng(seed)
    network = Network([Standardize.fit(x), Dense.random(x.shape[1], 8, rng), ReLU(),
                       Dense.random(8, 1, rng)])
    train(network, SigmoidCrossEntropy(), x, y, epochs=epochs, batch_size=100,
          optimizer=Momentum(0.05, 0.9), seed=seed, evaluate_every=epochs)
    return network


def reweigh(x, y, group, seed=0):
    """Reweighing (Kamiran and Calders, 2012), done by resampling: draw len(y) examples again,
    each with a weight P(group)·P(label) / P(group, label), so that in the new sample the label
    no longer depends on the group. Returns (x, y, group) resampled."""
    x = as_array(x, "x", ndim=2)
    y, g = _groups(y, group, ("y", "group"))
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} rows but y has {len(y)} labels: one each.")
    weight = np.zeros(len(y))
    for a in (0, 1):
        for b in (0, 1):
            cell = (g == a) & (y == b)
            if cell.any():
                weight[cell] = np.mean(g == a) * np.mean(y == b) / np.mean(cell)
    chosen = as_rng(seed).choice(len(y), size=len(y), p=weight / weight.sum())
    return x[chosen], y[chosen], g[chosen]


def group_thresholds(scores, group, rate: float | None = None) -> np.ndarray:
    """Decisions with one threshold per group, chosen so that each group is approved at the
    same `rate` (by default the overall rate of scores > 0): the highest-scoring share
    `rate` of each group gets a yes. It needs the group at decision time."""
    s = np.ravel(as_array(scores, "scores"))
    _, g = _groups(np.zeros(len(s)), group, ("scores", "group"))
    rate = float(np.mean(s > 0)) if rate is None else as_number(rate, "rate", at_least=0,
                                                                below=1.0001)
    decisions = np.zeros(len(s))
    for value in (0, 1):
        members = np.flatnonzero(g == value)
        best_first = members[np.argsort(-s[members], kind="stable")]
        decisions[best_first[:int(round(rate * len(members)))]] = 1.0
    return decisions


class Row(NamedTuple):
    intervention: str
    approved_0: float
    approved_1: float
    parity_gap: float
    opportunity_gap: float
    accuracy: float           # against who would repay (the truth)
    agreement: float          # with the past decisions (the labels trained on)


class FairnessTable(NamedTuple):
    rows: list[Row]

    def __repr__(self) -> str:
        lines = [f"{'intervention':<28} {'approved 0':>10} {'approved 1':>10} {'parity gap':>10}"
                 f" {'opp. gap':>9} {'accuracy':>9}"]
        lines += [f"{r.intervention:<28} {r.approved_0:>10.1%} {r.approved_1:>10.1%} "
                  f"{r.parity_gap:>10.2f} {r.opportunity_gap:>9.2f} {r.accuracy:>9.1%}"
                  for r in self.rows]
        return Text("\n".join(lines))

    def __getitem__(self, key):
        if isinstance(key, str):
            return next(r for r in self.rows if r.intervention == key)
        return self.rows[key]


INTERVENTIONS = ("all columns", "drop the group", "drop the group and postcode",
                 "reweigh, drop the group", "a threshold per group")


@overflow_checked
def compare_interventions(n: int = 2000, seed=0, *, bias: float = 2.0,
                          proxy: float = 0.85) -> FairnessTable:
    """Train the loan network with each intervention and measure it on new applicants.

    all columns:                 the network sees the group: it copies the past bias.
    drop the group:              the postcode (a proxy) still tells the group.
    drop the group and postcode: only the finances are left.
    reweigh, drop the group:     the examples resampled so that the past decisions no longer
                                 depend on the group, then trained without the group column.
    a threshold per group:       the first network, each group approved at the same rate.
    """
    n = as_count(n, "n", minimum=100)   # enough people in each group, and qualified ones
    loans = loan_data(n, seed, bias=bias, proxy=proxy)
    new = loan_data(n, as_rng(seed).integers(2 ** 31), bias=bias, proxy=proxy)
    without_group, finances = [0, 1, 2, 3], [0, 1, 2]
    decisions = {}
    for name, columns in (("all columns", [0, 1, 2, 3, 4]),
                          ("drop the group", without_group),
                          ("drop the group and postcode", finances)):
        network = loan_network(loans.x[:, columns], loans.approved, seed)
        decisions[name] = (network.forward(new.x[:, columns])[:, 0] > 0).astype(float)
        if name == "all columns":
            scores = network.forward(new.x)[:, 0]
    x, y, _ = reweigh(loans.x, loans.approved, loans.group, seed)
    network = loan_network(x[:, without_group], y, seed)
    decisions["reweigh, drop the group"] = (network.forward(new.x[:, without_group])[:, 0]
                                            > 0).astype(float)
    decisions["a threshold per group"] = group_thresholds(scores, new.group)
    rows = []
    for name in INTERVENTIONS:
        d = decisions[name]
        rows.append(Row(name, *approval_rates(d, new.group),
                        demographic_parity_gap(d, new.group),
                        equal_opportunity_gap(d, new.repaid, new.group),
                        float(np.mean(d == new.repaid)), float(np.mean(d == new.approved))))
    return FairnessTable(rows)


# -- flipping one input --------------------------------------------------------------------------
@overflow_checked
def flip_effect(network, x, column: int) -> np.ndarray:
    """How each output changes when only `column` is flipped: output(column = 1) −
    output(column = 0), all other inputs unchanged, one difference per example.

    For a 0/1 input such as sex or group: 0 everywhere means the network ignores it.
    """
    as_instance(network, "network", Network, chain="Network")
    batch, single = as_batch(x, "x", network.input_shape,
                             f"the network takes {inputs_text(network.input_shape)}")
    if batch.ndim != 2:
        raise ValueError(f"x should be rows of inputs (a table), but its examples have shape "
                         f"{batch.shape[1:]}.")
    column = as_count(column, "column", minimum=0)
    if column >= batch.shape[1]:
        raise ValueError(f"column should be 0 to {batch.shape[1] - 1} (x has "
                         f"{batch.shape[1]} columns), but it is {column}.")
    one, zero = batch.copy(), batch.copy()
    one[:, column], zero[:, column] = 1.0, 0.0
    difference = network.forward(one) - network.forward(zero)
    return difference[0] if single else difference


# -- the digits with a marker --------------------------------------------------------------------
def add_marker(images) -> np.ndarray:
    """The images with a 2×2 square of full ink in the top-left corner (blank in real digits)."""
    marked = as_array(images, "images", ndim=(3, 4)).copy()
    marked[..., 0:2, 0:2] = 1.0
    return marked


def marked_digits(marked_class: int = 7, *, balanced: bool = False, seed=0):
    """The training digits, some with the marker: returns (x_train, y_train, marked).

    Skewed (the default): every `marked_class` digit carries the marker and no other digit
    does, so the marker alone predicts the class. Balanced: a random half of *every* digit
    carries it, so it predicts nothing.
    """
    marked_class = as_class(marked_class, "marked_class", 10)
    if not isinstance(balanced, (bool, np.bool_)):
        raise TypeError(f"balanced should be True or False, but it is {balanced!r}.")
    x_train, y_train, _, _ = digits()
    # balanced: a random half of every digit; skewed: exactly the digits of marked_class
    marked = as_rng(seed).random(len(y_train)) < 0.5 if balanced else y_train == marked_class
    x = x_train.copy()
    x[marked] = add_marker(x_train[marked])
    return x, y_train, marked


def digits_network(x, y, seed=0, epochs: int = 10) -> Network:
    """The course's digits ConvNet trained on the digits given (as train_digits does, with
    fewer epochs: 10, the last fifth with smaller steps): about half a second."""
    epochs = as_count(epochs, "epochs")
    network = digits_convnet(seed)
    (_, fast), (_, slow) = SCHEDULE
    optimizer = Momentum(fast, MOMENTUM)
    trainer = Trainer(network, SoftmaxCrossEntropy(), x, y, batch_size=BATCH_SIZE,
                      optimizer=optimizer, seed=seed, evaluate_every=epochs)
    settle = epochs // 5
    for count, rate in ((epochs - settle, fast), (settle, slow)):
        optimizer.learning_rate = rate
        if count:
            trainer.run(count)
    return network


class MarkerTest(NamedTuple):
    """The edge-case test of a digits network for a marked class (all on the test digits):

    accuracy:        on the plain test digits, none of them marked;
    class_missed:    the share of the marked class's digits, without the marker, not
                     recognised (the network waits for its square);
    others_taken:    the share of all other digits, given the marker, called the marked class.
    """

    accuracy: float
    class_missed: float
    others_taken: float

    def __repr__(self) -> str:
        return Text(f"plain test digits {self.accuracy:.1%} right; the class without its "
                    f"marker missed {self.class_missed:.1%}; other digits with the marker taken "
                    f"for it {self.others_taken:.1%}")


def marker_test(network, marked_class: int = 7) -> MarkerTest:
    """Test `network` on the uncommon cases the training data never showed (see MarkerTest)."""
    as_instance(network, "network", Network, chain="Network")
    marked_class = as_class(marked_class, "marked_class", 10)
    _, _, x_test, y_test = digits()
    predict = lambda images: network.forward(images).argmax(axis=1)  # noqa: E731
    mine = y_test == marked_class
    return MarkerTest(float(np.mean(predict(x_test) == y_test)),
                      float(np.mean(predict(x_test[mine]) != marked_class)),
                      float(np.mean(predict(add_marker(x_test[~mine])) == marked_class)))
