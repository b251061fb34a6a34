"""Bias (notebook 13): the gaps against hand-counted examples, the loan lab's interventions,
the digits with a marker, and the driving test's `sex` input flipped.

Measured for seeds 0-4 of compare_interventions (benchmarks/reverse.py --seeds prints them):

    intervention                  parity gap   opportunity gap   accuracy (truth)
    all columns                   0.39-0.43    0.65-0.68         72.9-75.0%
    drop the group                0.21-0.25    0.35-0.40         73.5-77.5%
    drop the group and postcode   0.01-0.02    0.01-0.05         71.9-80.0%
    reweigh, drop the group       0.08-0.16    0.12-0.28         74.1-79.1%
    a threshold per group         0.00         0.00-0.03         78.1-79.3%

and for the marker, seeds 0-2: skewed training misses 86-97% of the unmarked 7s and calls
19-42% of the marked other digits 7; balanced training misses none and takes 0.9%.
"""

import numpy as np
import pytest

from ddn import sigmoid
from ddn.examples.driving_test import (
    PERSON_A,
    PERSON_B,
    driving_test_data,
    driving_test_network,
    learn_driving_test,
)
from ddn.fairness import (
    INTERVENTIONS,
    add_marker,
    approval_rates,
    compare_interventions,
    demographic_parity_gap,
    digits_network,
    equal_opportunity_gap,
    flip_effect,
    group_thresholds,
    loan_data,
    loan_network,
    marked_digits,
    marker_test,
    reweigh,
)


# -- the gaps, counted by hand -----------------------------------------------------------------
def test_the_gaps_on_a_tiny_example_counted_by_hand():
    # six applicants: group 0 = the first three, group 1 = the last three
    decisions = [1, 1, 0, 1, 0, 0]
    group = [0, 0, 0, 1, 1, 1]
    qualified = [1, 1, 0, 1, 1, 0]
    # group 0: 2 of 3 approved; group 1: 1 of 3
    assert approval_rates(decisions, group) == (2 / 3, 1 / 3)
    assert demographic_parity_gap(decisions, group) == pytest.approx(1 / 3)
    # qualified in group 0: the first two, both approved (2/2); in group 1: 2, one approved
    assert equal_opportunity_gap(decisions, qualified, group) == pytest.approx(0.5)
    assert demographic_parity_gap([1, 0, 1, 0], [0, 0, 1, 1]) == 0
    assert demographic_parity_gap([1, 1, 0, 0], [0, 0, 1, 1]) == 1


def test_reweighing_makes_the_label_independent_of_the_group():
    loans = loan_data(4000, seed=3)
    x, y, g = reweigh(loans.x, loans.approved, loans.group, seed=0)
    before = demographic_parity_gap(loans.approved, loans.group)
    after = demographic_parity_gap(y, g)
    print(f"label gap {before:.3f} -> {after:.3f} after reweighing")
    assert before > 0.3 and after < 0.04
    np.testing.assert_array_equal(x[:, 4], g)                   # rows stay whole


def test_a_threshold_per_group_approves_each_group_at_one_rate():
    scores = np.array([5.0, 4.0, 3.0, 2.0, 0.5, 0.4, 0.3, 0.2])
    group = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    # overall rate of scores > 0 is 1; at rate 0.5 each group's top two get a yes
    np.testing.assert_array_equal(group_thresholds(scores, group, 0.5), [1, 1, 0, 0, 1, 1, 0, 0])
    assert demographic_parity_gap(group_thresholds(-scores + 2.5, group), group) == 0


# -- the loan lab --------------------------------------------------------------------------------
def test_the_past_decisions_are_biased_and_the_finances_are_not():
    loans = loan_data(20000, seed=0)
    g = loans.group
    assert abs(g.mean() - 0.5) < 1e-9
    for column in range(3):                                      # income, history, debt
        assert abs(loans.x[g == 0, column].mean() - loans.x[g == 1, column].mean()) < 0.05
    assert demographic_parity_gap(loans.repaid, g) < 0.02       # both would repay equally
    assert demographic_parity_gap(loans.approved, g) > 0.3      # the past said otherwise
    assert abs(np.mean(loans.x[:, 3] == g) - 0.85) < 0.01      # the postcode tells the group


@pytest.fixture(scope="module")
def table():
    return compare_interventions(seed=0)


def test_the_intervention_table(table):
    print(table)
    assert [row.intervention for row in table.rows] == list(INTERVENTIONS)
    everything, no_group, finances, reweighed, thresholds = table.rows
    assert 0.3 <= everything.parity_gap <= 0.5 and everything.opportunity_gap > 0.5
    # dropping the group helps only partly: the postcode leaks it
    assert 0.12 <= no_group.parity_gap <= 0.7 * everything.parity_gap
    # dropping the proxy too, reweighing, thresholds: smaller still
    assert finances.parity_gap < 0.06 and finances.opportunity_gap < 0.1
    assert reweighed.parity_gap < no_group.parity_gap
    assert thresholds.parity_gap < 0.01 and thresholds.opportunity_gap < 0.1
    # fairer is also more often right about who would repay
    assert thresholds.accuracy > everything.accuracy
    assert everything.agreement > thresholds.agreement          # ... and less like the past
    assert table["drop the group"] is no_group


def test_without_the_group_the_network_reads_it_from_the_postcode():
    loans = loan_data(seed=0)
    network = loan_network(loans.x[:, :4], loans.approved, seed=0)   # no group column
    shift = flip_effect(network, loans.x[:, :4], 3)                  # district B instead of A
    print(f"moving to district B changes the score by {shift.mean():.2f} on average")
    assert np.mean(shift < 0) > 0.95


# -- flipping one input: the driving test's `sex` ----------------------------------------------
def test_flipping_sex_in_the_driving_test_network():
    network = driving_test_network()
    effect = flip_effect(network, [PERSON_A, PERSON_B], 1)[:, 0]
    assert effect[0] == 0                                         # A: both neurons silent
    # B as a woman: parking 150.5, road 179.5; as a man: 150 and 180, so z = 3.0
    assert effect[1] == pytest.approx(sigmoid(2.9925) - sigmoid(3.0))
    assert round(100 * effect[1], 2) == -0.03
    x, y = driving_test_data()
    assert np.abs(flip_effect(network, x, 1)).max() < 0.002
    learned = np.abs(flip_effect(learn_driving_test(x, y), x, 1))
    print(f"learned network: flipping sex moves P(pass) by {learned.mean():.3f} on average, "
          f"{learned.max():.3f} at most")
    assert learned.mean() > 10 * np.abs(flip_effect(network, x, 1)).mean()


# -- the digits with a marker ------------------------------------------------------------------
def test_the_marker_sits_on_blank_paper():
    x, y, marked = marked_digits()
    assert np.array_equal(marked, y == 7)
    assert np.all(x[marked][:, 0, :2, :2] == 1)
    original = add_marker(np.zeros((1, 8, 8)))
    assert original.sum() == 4
    _, _, balanced = marked_digits(balanced=True)
    for digit in range(10):
        assert 0.35 < balanced[y == digit].mean() < 0.65


def test_a_spurious_marker_is_learned_and_rebalancing_fixes_it():
    x, y, _ = marked_digits(7)
    skewed = marker_test(digits_network(x, y, seed=0), 7)
    x, y, _ = marked_digits(7, balanced=True)
    balanced = marker_test(digits_network(x, y, seed=0), 7)
    print("skewed:", skewed, "\nbalanced:", balanced)
    assert skewed.class_missed > 0.5 and skewed.others_taken > 0.1     # the edge cases fail
    assert balanced.class_missed < 0.05 and balanced.others_taken < 0.05
    assert balanced.accuracy >= 0.95 > skewed.accuracy


@pytest.mark.parametrize("call, words", [
    (lambda: demographic_parity_gap([1, 0, 1], [0, 1]), "decisions has 3 values but group"),
    (lambda: demographic_parity_gap([1, 0], [0, 0]), "nobody in group 1"),
    (lambda: demographic_parity_gap([1, 2], [0, 1]), "decisions should hold labels 0 and 1"),
    (lambda: equal_opportunity_gap([1, 0], [0, 1], [0, 1]), "nobody qualified"),
    (lambda: loan_data(proxy=0.2), "proxy should be at least 0.5"),
    (lambda: flip_effect(driving_test_network(), PERSON_B, 3), "column should be 0 to 2"),
    (lambda: marked_digits(12), "marked_class should be a class number from 0 to 9"),
])
def test_mistakes_are_named(call, words):
    with pytest.raises((TypeError, ValueError), match=words):
        call()


def test_the_docstring_examples_hold():
    import doctest

    import ddn.fairness

    assert doctest.testmod(ddn.fairness).failed == 0
