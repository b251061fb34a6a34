"""Exercise 13: the two fairness gaps, and a loan network that closes them on new applicants."""

from __future__ import annotations

import numpy as np

from ...fairness import COLUMNS, loan_data
from ...layers import Activation
from ...spec import network_from_spec
from ..record import NetworkData
from ..task import FunctionTask, Mistake, ValuesTask, fresh_rng
from ..values import show


# -- the demographic-parity gap -------------------------------------------------------------
def _rates(decisions, group, among=None):
    """The share approved in group 0 and in group 1 (among those where `among` is True)."""
    d, g = np.asarray(decisions, dtype=float), np.asarray(group)
    keep = np.ones(len(d), dtype=bool) if among is None else np.asarray(among, dtype=bool)
    return d[keep & (g == 0)].mean(), d[keep & (g == 1)].mean()


def parity(decisions, group):
    """The reference: |P(approved | group 0) − P(approved | group 1)|."""
    rate_0, rate_1 = _rates(decisions, group)
    return float(abs(rate_0 - rate_1))


def _fresh_groups(rng, n):
    group = rng.permutation(np.arange(n) % 2)[:n]
    return group if 0 < group.sum() < n else np.arange(n) % 2


def _fresh_parity(rng, i):
    n = int(rng.integers(8, 31))
    group = _fresh_groups(rng, n)
    decisions = (rng.random(n) < np.where(group == i % 2, 0.7, 0.3)).astype(float)
    return (decisions, group)


def _signed(first):
    def produces(decisions, group):
        rate_0, rate_1 = _rates(decisions, group)
        return float(rate_0 - rate_1 if first == 0 else rate_1 - rate_0)
    return produces


def _counts(decisions, group):
    d, g = np.asarray(decisions, dtype=float), np.asarray(group)
    return float(abs(d[g == 0].sum() - d[g == 1].sum()))


def _shares_of_everyone(decisions, group):
    d, g = np.asarray(decisions, dtype=float), np.asarray(group)
    return float(abs(d[g == 0].sum() - d[g == 1].sum()) / len(d))


def _group_among_approved(decisions, group):
    d, g = np.asarray(decisions, dtype=float), np.asarray(group)
    approved = d == 1
    return float(abs(np.mean(g[approved] == 0) - np.mean(g[approved] == 1)))


# The docstring's six applicants, then groups of different sizes where group 1 is approved
# more often (so the sign matters both ways, and counts differ from shares).
PARITY_CASES = [
    (np.array([1, 1, 0, 1, 0, 0]), np.array([0, 0, 0, 1, 1, 1])),
    (np.array([1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0]), np.array([0, 0, 0, 0, 1, 1, 1])),
    (np.array([1.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0]), np.array([0, 0, 0, 0, 0, 1, 1, 1])),
]

RATE_NOT_COUNT = ("compare the *shares* approved, each group's count divided by that group's "
                  "size: groups of different sizes make counts unfair to compare.")

demographic_parity_gap = FunctionTask(
    id="demographic_parity_gap",
    title="The demographic-parity gap",
    cases=PARITY_CASES,
    reference=parity,
    mistakes=(
        Mistake("the gap is a size, the same whichever group is ahead: take the absolute "
                "value, abs(rate_0 − rate_1).", _signed(0)),
        Mistake("the gap is a size, the same whichever group is ahead: take the absolute "
                "value, abs(rate_0 − rate_1).", _signed(1)),
        Mistake(RATE_NOT_COUNT, _counts),
        Mistake("divide each group's approvals by the size of *that group*, not by everyone: "
                "P(approved | group 0) is the share of group 0 that got a yes.",
                _shares_of_everyone),
        Mistake("that is conditioned the other way round: the share of each group among the "
                "approved. The gap compares, within each group, the share approved.",
                _group_among_approved),
        Mistake("the gap is a difference of the two shares, not their ratio.",
                lambda d, g: (lambda r: float(r[1] / r[0]) if r[0] else None)(_rates(d, g))),
        Mistake("the gap is a difference of the two shares, not their ratio.",
                lambda d, g: (lambda r: float(r[0] / r[1]) if r[1] else None)(_rates(d, g))),
        Mistake("return a share from 0 to 1, not a percentage.", lambda d, g: 100 * parity(d, g)),
    ),
    error_hints=(("division by zero", RATE_NOT_COUNT),),
    praise="correct: notebook 13's network, trained on every column, approves 53% of group 0 and "
           "10% of group 1: a gap of about 0.43.",
    fresh=_fresh_parity,
)


# -- the equal-opportunity gap --------------------------------------------------------------
def opportunity(decisions, qualified, group):
    """The reference: the parity gap among the qualified only."""
    rate_0, rate_1 = _rates(decisions, group, among=np.asarray(qualified) == 1)
    return float(abs(rate_0 - rate_1))


def _fresh_opportunity(rng, i):
    n = int(rng.integers(10, 31))
    group = _fresh_groups(rng, n)
    qualified = (rng.random(n) < 0.6).astype(float)
    qualified[np.flatnonzero(group == 0)[0]] = qualified[np.flatnonzero(group == 1)[0]] = 1
    qualified[np.flatnonzero(group == 0)[-1]] = qualified[np.flatnonzero(group == 1)[-1]] = 0
    bar = np.where(group == i % 2, 0.2, 0.6)      # one group held to a higher bar
    decisions = ((rng.random(n) > bar) & ((qualified == 1) | (rng.random(n) < 0.3))).astype(float)
    return (decisions, qualified, group)


def _opportunity_among(which):
    def produces(d, q, g):
        keep = np.asarray(q) == which
        return float(abs(np.subtract(*_rates(d, g, among=keep)))) if \
            np.any(keep & (np.asarray(g) == 0)) and np.any(keep & (np.asarray(g) == 1)) else None
    return produces


def _opportunity_signed(first):
    def produces(d, q, g):
        rate_0, rate_1 = _rates(d, g, among=np.asarray(q) == 1)
        return float(rate_0 - rate_1 if first == 0 else rate_1 - rate_0)
    return produces


def _qualified_among_approved(d, q, g):
    d, q, g = np.asarray(d), np.asarray(q, dtype=float), np.asarray(g)
    approved = d == 1
    if not (np.any(approved & (g == 0)) and np.any(approved & (g == 1))):
        return None
    return float(abs(q[approved & (g == 0)].mean() - q[approved & (g == 1)].mean()))


def _approved_and_qualified(d, q, g):
    both = np.asarray(d, dtype=float) * np.asarray(q, dtype=float)
    return parity(both, g)


# The docstring's example; groups where the decisions' parity gap is 0 but the qualified are
# treated differently; and one where the approved are all qualified in group 1 only.
OPPORTUNITY_CASES = [
    (np.array([1, 1, 0, 1, 0, 0]), np.array([1, 1, 0, 1, 1, 0]), np.array([0, 0, 0, 1, 1, 1])),
    (np.array([1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0]),
     np.array([1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0]),
     np.array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1])),
    (np.array([0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0]),
     np.array([1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0]),
     np.array([0, 0, 0, 0, 1, 1, 1, 1])),
]

SIGNED = ("the gap is a size, the same whichever group is ahead: take the absolute value of the "
          "difference.")

equal_opportunity_gap = FunctionTask(
    id="equal_opportunity_gap",
    title="The equal-opportunity gap",
    cases=OPPORTUNITY_CASES,
    reference=opportunity,
    mistakes=(
        Mistake("count only the applicants who are qualified (would repay): among them, the "
                "share of each group approved. Over everyone, that is the demographic-parity "
                "gap.", lambda d, q, g: parity(d, g)),
        Mistake("count the qualified only (qualified == 1): those are the people who deserve a "
                "yes. You compared the unqualified.", _opportunity_among(0)),
        Mistake(SIGNED, _opportunity_signed(0)),
        Mistake(SIGNED, _opportunity_signed(1)),
        Mistake("divide by the number of *qualified* people in each group, not by the whole "
                "group: the share approved among the qualified of group 0, minus the same for "
                "group 1.", _approved_and_qualified),
        Mistake("that is conditioned the other way round: among the approved, the share "
                "qualified. Equal opportunity asks, among the qualified, the share approved.",
                _qualified_among_approved),
        Mistake("compare the decisions among the qualified, not how many of each group are "
                "qualified.", lambda d, q, g: parity(q, g)),
    ),
    error_hints=(("division by zero", "divide by the number of qualified people in each "
                                      "group: the qualified of group 0, and those of group 1."),),
    praise="correct: in notebook 13, the network trained on every column turns down far more "
           "of group 1's qualified applicants: a gap of 0.67.",
    fresh=_fresh_opportunity,
)


# -- a fairer network, judged on new applicants ----------------------------------------------
NEW_APPLICANTS = 20_000
MOST_GAP = 0.05
LEAST_RIGHT = 0.70


def _network(value, name):
    """A learner's network rebuilt from its spec: (network, None) or (None, what is wrong)."""
    if isinstance(value, (list, tuple)) and value and \
            all(isinstance(v, NetworkData) and v.kind == "layer" for v in value):
        return None, f"{name} is a list of layers: wrap it in a network, ddn.Network([...])."
    if not isinstance(value, NetworkData) or value.kind != "network":
        return None, f"{name} should be a ddn Network, but it is {show(value)}."
    try:
        if value.error:
            raise ValueError(value.error)
        return network_from_spec(value.spec), None
    except (TypeError, ValueError) as error:
        return None, f"{name} could not be rebuilt: {error}"


def _columns(value):
    """The learner's column numbers, or None if they are not a short list of distinct 0-4."""
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = value.tolist()
    if not isinstance(value, (list, tuple)) or not value or \
            not all(isinstance(c, int) and not isinstance(c, bool) for c in value):
        return None
    if len(set(value)) != len(value) or not all(0 <= c < len(COLUMNS) for c in value):
        return None
    return list(value)


def _fair_verdict(values, rng=None):
    """Judged on applicants drawn when the check runs (`rng`, fresh unless a test gives one):
    both gaps at most 0.05, and right about who would repay for at least 70%."""
    columns = _columns(values["fair_columns"])
    if columns is None:
        return False, ("fair_columns should list the numbers of the columns your network reads, "
                       "each once, from 0 to 4 (" + ", ".join(f"{i} {c}" for i, c in
                                                      enumerate(COLUMNS)) +
                       f"), such as [0, 1, 2]; it is {show(values['fair_columns'])}.")
    given = values["fair_network"]
    if isinstance(given, np.ndarray) and given.ndim == 1 and len(given) > 2:
        return False, ("fair_network holds decisions for the applicants you have, one number "
                       "each; fair decisions there say nothing about anyone else. The check needs "
                       "a network, trained on those applicants, to decide about new ones it has "
                       "never seen.")
    network, problem = _network(given, "fair_network")
    if problem:
        return False, problem
    if network.n_inputs != len(columns) or network.n_outputs != 1:
        return False, (f"fair_network takes {network.n_inputs} inputs and gives "
                       f"{network.n_outputs} outputs, but it should read the {len(columns)} "
                       f"columns of fair_columns and give 1 score: train it on "
                       "loans.x[:, fair_columns].")
    last = network.layers[-1]
    if isinstance(last, Activation) and last.activation.name == "sigmoid":
        return False, ("fair_network ends with a Sigmoid, so its scores run from 0 to 1 and "
                       "'approve when the score is above 0' approves everybody. End with the "
                       "Dense layer: SigmoidCrossEntropy applies the sigmoid itself.")
    rng = rng if rng is not None else fresh_rng()
    new = loan_data(NEW_APPLICANTS, seed=int(rng.integers(2**31)))
    try:
        with np.errstate(all="ignore"):
            scores = network.forward(new.x[:, columns])[:, 0]
    except (ValueError, TypeError) as error:
        return False, f"fair_network could not decide about new applicants: {error}"
    decisions = (scores > 0).astype(float)
    parity_gap = parity(decisions, new.group)
    opportunity_gap = opportunity(decisions, new.repaid, new.group)
    right = float(np.mean(decisions == new.repaid))
    approved = _rates(decisions, new.group)
    result = (f"on {NEW_APPLICANTS:,} new applicants it approves {approved[0]:.0%} of group 0 "
              f"and {approved[1]:.0%} of group 1 (parity gap {parity_gap:.2f}, opportunity gap "
              f"{opportunity_gap:.2f}), and is right about who would repay for {right:.0%}")
    if right < LEAST_RIGHT:
        return False, (f"{result}. Fair, perhaps, but not useful: it must still tell who would "
                       f"repay (at least {LEAST_RIGHT:.0%} right). Train it on the applicants' "
                       "finances.")
    if parity_gap <= MOST_GAP and opportunity_gap <= MOST_GAP:
        return True, (f"on {NEW_APPLICANTS:,} new applicants, drawn when the check ran, both gaps "
                      f"are below {MOST_GAP} and the network is right about who would repay for "
                      f"more than {LEAST_RIGHT:.0%} of them: the gaps are closed on data it never "
                      "saw.")
    if 4 in columns:
        hint = ("it reads the group itself (column 4), and the past decisions it learned from "
                "held group 1 to a higher bar: it copies that.")
    elif 3 in columns:
        hint = ("it no longer reads the group, but it reads the postcode (column 3), which "
                "gives the group away for 85% of applicants: a proxy.")
    else:
        hint = ("it reads neither the group nor the postcode, yet the gaps stay open: look at "
                "the labels it was trained on.")
    return False, f"{result}; both gaps must be at most {MOST_GAP}: {hint}"


fair_network = ValuesTask(
    id="fair_network",
    title="A loan network that closes the gaps on new applicants",
    names=("fair_columns", "fair_network"),
    verdict=_fair_verdict,
)

TASKS = (demographic_parity_gap, equal_opportunity_gap, fair_network)
