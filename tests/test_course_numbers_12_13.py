"""Every number of COURSE.md sections 12-13, and the library's numbers notebooks 12 and 13
print, checked against an independent computation where there is one (hand-written loops,
the network's own forward and backward passes, counting by hand)."""

import json

import numpy as np
import pytest

import ddn
from conftest import ROOT
from ddn import datasets, fairness
from ddn.adversarial import accuracy_under_attack, fgsm, iterative_fgsm
from ddn.course import SECTIONS
from ddn.dream import channel_gallery, class_visualisation, dream
from ddn.examples import imagenet, next_steps, reverse
from ddn.examples.convnets import trained_digits
from ddn.examples.driving_test import (
    PERSON_A,
    PERSON_B,
    driving_test_data,
    driving_test_network,
    learn_driving_test,
)
from ddn.fooling import fooling_images, noise, noise_confidence
from ddn.losses import SoftmaxCrossEntropy


@pytest.fixture(scope="module")
def network():
    return trained_digits(0)


@pytest.fixture(scope="module")
def digits():
    return datasets.digits()


# -- 12: the history -----------------------------------------------------------------------------
def test_12_the_history_truck_ostrich_goldfish_dream_style_prisma():
    by_year = {}
    for m in reverse.HISTORY:
        by_year.setdefault(m.year, []).append(m)
    szegedy = by_year[2013][0]
    assert szegedy.who == "Szegedy et al." and "truck" in szegedy.what
    assert "ostrich" in szegedy.what and "too small to see" in szegedy.what
    nguyen, deep_dream, gatys = by_year[2015]
    assert nguyen.who.startswith("Nguyen") and "goldfish" in nguyen.what
    assert "99.99%" in nguyen.what and reverse.FOOLED_CONFIDENCE == 0.9999   # near-100%
    assert "Google" in deep_dream.who and "Deep Dream" in deep_dream.title
    assert "reverse" in deep_dream.what and "dogs" in deep_dream.what
    assert gatys.who.startswith("Gatys") and "style" in gatys.what
    assert "correlations" in gatys.what
    assert by_year[2016][0].who == "Prisma"
    assert (reverse.PANDA, reverse.GIBBON, reverse.PANDA_EPSILON) == (0.577, 0.993, 0.007)
    assert round(reverse.PANDA_EPSILON * 255) == 2                # about two grey levels


def test_12_a_photo_has_2352_times_the_values_of_a_digit():
    assert reverse.PHOTO_VALUES == 224 * 224 * 3 == 150_528
    assert reverse.DIGIT_VALUES == 64 == datasets.digits()[0][0].size
    assert reverse.PHOTO_VALUES / reverse.DIGIT_VALUES == 2352


# -- 12: fooling -----------------------------------------------------------------------------------
def test_12_fgsm_is_one_step_of_the_sign_of_the_backward_pass(network, digits):
    x_test, y_test = digits[2][:20], digits[3][:20]
    scores = network.forward(x_test)                           # training's first three steps,
    grad = network.backward(SoftmaxCrossEntropy().gradient(scores, y_test))   # by hand
    for epsilon in (0.05, 0.2):
        expected = np.clip(x_test + epsilon * np.sign(grad), 0, 1)
        np.testing.assert_array_equal(fgsm(network, x_test, y_test, epsilon), expected)


def test_12_the_epsilon_table_of_the_course_network(network, digits):
    _, _, x_test, y_test = digits
    table = accuracy_under_attack(network, x_test, y_test)
    counted = [np.mean(network(fgsm(network, x_test, y_test, e) if e else x_test)
                       .argmax(axis=1) == y_test) for e in table.epsilons]
    assert list(table.accuracies) == counted
    # the notebook's table: 98.3%, 81.7%, 50.8%, 9.7%, 1.4%
    assert [round(100 * a, 1) for a in table.accuracies] == [98.3, 81.7, 50.8, 9.7, 1.4]
    steps = accuracy_under_attack(network, x_test, y_test, attack="iterative_fgsm")
    assert [round(100 * a, 1) for a in steps.accuracies] == [98.3, 79.7, 34.2, 0.6, 0.0]
    seven = x_test[np.flatnonzero(y_test == 7)[0]]            # the notebook's 7 becomes a 9
    p = ddn.softmax(network(fgsm(network, seven, 7, 0.2)[None]))[0]
    assert p.argmax() == 9 and p[7] < 0.01


def test_12_a_targeted_attack_makes_98_9_percent_of_the_digits_threes(network, digits):
    _, _, x_test, _ = digits
    made = network(iterative_fgsm(network, x_test, 3, 0.3, targeted=True)).argmax(axis=1)
    assert round(100 * np.mean(made == 3), 1) == 98.9
    assert round(100 * np.mean(network(x_test).argmax(axis=1) == 3), 1) == 10.0


def test_12_noise_gets_near_100_percent_confidence(network):
    report = noise_confidence(network, n=1000, seed=0)
    p = ddn.softmax(network(noise(1000, seed=0)))
    assert round(100 * p.max(axis=1).mean(), 1) == 76.6 == round(100 * report.confidences
                                                                  .mean(), 1)
    assert round(100 * np.mean(p.max(axis=1) > 0.9), 1) == 36.1
    fooled = fooling_images(network)
    q = ddn.softmax(network(fooled.images))[np.arange(10), np.arange(10)]
    assert q.min() >= 0.9999 and fooled.steps.tolist() == [29, 30, 8, 8, 14, 11, 35, 16, 13, 8]
    assert round(float(np.abs(fooled.images - fooled.start).mean()), 2) == 0.10


def test_12_changes_made_against_one_network_fool_another(network, digits):
    from ddn.examples.convnets import train_digits

    _, _, x_test, y_test = digits
    other, _ = train_digits(seed=1, epochs=10)
    right = [np.mean(other(x).argmax(axis=1) == y_test) for x in
             (x_test, fgsm(network, x_test, y_test, 0.2), fgsm(other, x_test, y_test, 0.2))]
    assert [round(100 * r, 1) for r in right] == [98.1, 55.6, 11.7]   # the notebook's numbers


def test_12_reversing_changes_the_picture_never_the_weights(network, digits):
    before = {k: v.copy() for k, v in network.params.items()}
    x = digits[2][:5]
    changed = [fgsm(network, x, digits[3][:5], 0.1),
               iterative_fgsm(network, x, 3, 0.1, targeted=True),
               fooling_images(network, [4]).images,
               dream(network, x[0], 4, steps=5)[None]]
    channel_gallery(network, 1, steps=5)
    class_visualisation(network, [2], steps=5)
    for name, value in network.params.items():
        np.testing.assert_array_equal(value, before[name])     # the weights stay
    for picture in changed[:2] + changed[3:]:
        assert not np.array_equal(picture, x[:len(picture)])   # the image moved


# -- 12: dreams and style ----------------------------------------------------------------------
def test_12_each_channel_wants_its_picture_more_than_any_digit(network, digits):
    gallery = channel_gallery(network, 4, size=12)
    best_digit = network[:5](digits[2])[:, :, 2, 2].max(axis=0)
    assert int(np.sum(gallery.activations > best_digit)) == 14


def test_12_the_network_dreams_of_digits(network, digits):
    x_train, y_train = digits[:2]
    wanted = class_visualisation(network)
    assert wanted.probabilities.min() > 0.999
    means = np.stack([x_train[y_train == d].mean(axis=0) for d in range(10)]).reshape(10, -1)
    closest = np.corrcoef(wanted.images.reshape(10, -1), means)[:10, 10:].argmax(axis=1)
    assert np.sum(closest == np.arange(10)) >= 6


def test_12_the_gram_matrix_of_the_notebook_counted_by_hand():
    maps = np.array([[[1.0, 0.0]], [[2.0, 2.0]]])
    by_hand = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            by_hand[i, j] = sum(maps[i, 0, p] * maps[j, 0, p] for p in range(2)) / 2
    assert ddn.gram_matrix(maps).tolist() == by_hand.tolist() == [[0.5, 1.0], [1.0, 4.0]]
    assert ddn.gram_matrix(maps[:, :, ::-1]).tolist() == by_hand.tolist()


def test_12_the_painting_loses_99_8_percent_of_its_style_loss():
    from ddn.widgets.style import painting

    last = painting("Chelsea the cat", "stained glass", 100)[30]
    assert round(last.style_losses[0], 3) == 0.502 and round(last.style_losses[-1], 5) == 0.00094
    assert round(100 * last.style_drop, 1) == 99.8 and round(last.content_losses[-1], 2) == 0.44


# -- 13: the loan lab ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def table():
    return fairness.compare_interventions(n=2000, seed=0)


def test_13_the_past_is_biased_and_the_truth_is_not():
    loans = fairness.loan_data(n=2000, seed=0)
    g = loans.group
    assert (round(loans.approved[g == 0].mean(), 3), round(loans.approved[g == 1].mean(), 3)) \
        == (0.496, 0.11)
    assert (round(loans.repaid[g == 0].mean(), 3), round(loans.repaid[g == 1].mean(), 3)) \
        == (0.493, 0.491)
    assert int(np.sum(loans.x[:, 3] == g)) == 1691                   # 84.5% of 2,000


def test_13_the_gaps_before_and_after_each_intervention(table):
    printed = {   # the notebook's table: parity gap, opportunity gap, accuracy (the truth)
        "all columns": (0.43, 0.67, 72.9),
        "drop the group": (0.25, 0.40, 73.5),
        "drop the group and postcode": (0.01, 0.05, 71.9),
        "reweigh, drop the group": (0.08, 0.12, 74.1),
        "a threshold per group": (0.00, 0.03, 78.1),
    }
    for name, (parity, opportunity, accuracy) in printed.items():
        row = table[name]
        assert (round(row.parity_gap, 2), round(row.opportunity_gap, 2),
                round(100 * row.accuracy, 1)) == (parity, opportunity, accuracy), name
    assert (round(100 * table["all columns"].approved_0, 1),
            round(100 * table["all columns"].approved_1, 1)) == (52.6, 9.9)


def test_13_the_gaps_counted_by_hand():
    decisions = np.array([1, 1, 0, 1, 0, 0, 1, 1])
    group = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    repaid = np.array([1, 1, 1, 0, 1, 0, 1, 1])
    rate = [sum(d for d, g in zip(decisions, group) if g == k) / list(group).count(k)
            for k in (0, 1)]
    assert fairness.demographic_parity_gap(decisions, group) == abs(rate[0] - rate[1]) == 0.25
    deserving = [[d for d, g, r in zip(decisions, group, repaid) if g == k and r]
                 for k in (0, 1)]
    by_hand = abs(sum(deserving[0]) / len(deserving[0]) - sum(deserving[1]) / len(deserving[1]))
    assert fairness.equal_opportunity_gap(decisions, repaid, group) == pytest.approx(by_hand)


def test_13_the_postcode_is_a_proxy():
    loans = fairness.loan_data(n=2000, seed=0)
    network = fairness.loan_network(loans.x[:, :4], loans.approved, seed=0)
    shift = fairness.flip_effect(network, loans.x[:, :4], 3)
    district_b, district_a = loans.x[:, :4].copy(), loans.x[:, :4].copy()
    district_b[:, 3], district_a[:, 3] = 1, 0
    np.testing.assert_allclose(shift, network(district_b) - network(district_a))
    assert round(float(shift.mean()), 2) == -2.01 and np.all(shift < 0)


def test_13_a_postcode_that_tells_nothing_leaves_nothing_to_leak(table):
    weak = fairness.compare_interventions(n=2000, seed=0, proxy=0.5)
    assert round(weak["all columns"].parity_gap, 2) == 0.42
    assert round(weak["drop the group"].parity_gap, 2) == 0.01
    assert round(table["drop the group"].parity_gap, 2) == 0.25


# -- 13: the marker, the driving test -----------------------------------------------------------
def test_13_the_square_on_the_sevens_and_the_edge_case_test():
    x, y, _ = fairness.marked_digits(7)
    skewed = fairness.marker_test(fairness.digits_network(x, y, seed=0), 7)
    x, y, _ = fairness.marked_digits(7, balanced=True)
    balanced = fairness.marker_test(fairness.digits_network(x, y, seed=0), 7)
    assert [round(100 * v, 1) for v in skewed] == [89.2, 86.1, 19.1]
    assert [round(100 * v, 1) for v in balanced] == [97.2, 0.0, 0.9]


def test_13_the_driving_tests_sex_input():
    by_hand = driving_test_network()
    flip = fairness.flip_effect(by_hand, [PERSON_A, PERSON_B], 1)[:, 0]
    woman, man = by_hand([(50, 1, 20), (50, 0, 20)])[:, 0]
    assert flip[0] == 0 and flip[1] == woman - man
    assert round(100 * woman, 2) == 95.22 and round(100 * man, 2) == 95.26   # sigmoid(3)
    assert man == pytest.approx(1 / (1 + np.exp(-3.0)))
    x, y = driving_test_data(n=400, seed=0)
    moved = np.abs(fairness.flip_effect(learn_driving_test(x, y, seed=0), x, 1)[:, 0])
    assert (round(100 * moved.mean(), 1), round(100 * moved.max(), 1)) == (3.2, 32.7)


# -- 13: what next -------------------------------------------------------------------------------
def test_13_the_words_to_explore_next_each_have_a_meaning_and_a_pointer():
    words = [w.word for w in next_steps.WORDS]
    assert words == ["unsupervised learning", "pooling", "strides", "stochastic", "batch",
                     "dropout", "regularisation", "transfer learning", "recurrent networks",
                     "generative adversarial networks (GANs)", "TensorFlow and PyTorch"]
    for word in next_steps.WORDS:
        assert len(word.meaning) > 20 and len(word.pointer) > 10
        assert "http" not in word.pointer and "www" not in word.pointer      # names, not links
    by_name = {w.word: w for w in next_steps.WORDS}
    assert "notebook 10" in by_name["pooling"].pointer
    assert "notebook 09" in by_name["strides"].pointer
    assert "internal state" in by_name["recurrent networks"].meaning
    assert "speech" in by_name["recurrent networks"].meaning
    gans = by_name["generative adversarial networks (GANs)"].meaning
    assert "zero-sum game" in gans and "photographs" in gans and "text" in gans


def test_13_why_now_and_the_open_question():
    assert [r.reason for r in next_steps.WHY_NOW] == [
        "better-than-human image classification", "GPUs", "abundant data"]
    assert imagenet.RESNET == 0.0357 < imagenet.HUMAN
    assert "3.57%" in next_steps.WHY_NOW[0].evidence
    assert round(next_steps.ALEXNET_WEIGHTS / next_steps.OUR_CONVNET_WEIGHTS) == 31612
    assert trained_digits(0).n_parameters == next_steps.OUR_CONVNET_WEIGHTS
    assert next_steps.MENTAL_INNOVATION == "more of a mental innovation than a mechanical one"
    ours = trained_digits(0)
    assert next_steps.PLAIN_CONVNET_LAYERS == 4
    assert sum(1 for layer in ours.layers if layer.n_parameters) == 3    # 2 conv, 1 dense
    _, _, x_test, y_test = datasets.digits()
    assert round(100 * np.mean(ours(x_test).argmax(axis=1) == y_test), 1) == 98.3


def test_13_the_closing_map_covers_the_whole_course():
    numbers = [s.number for s in SECTIONS]
    assert numbers == [f"{k:02d}" for k in range(14)]
    assert [n for _, arc in next_steps.ARCS for n in arc] == numbers
    assert set(next_steps.TAKEAWAYS) == set(numbers)
    root = ROOT
    readme = (root / "README.md").read_text(encoding="utf-8")
    welcome = json.loads((root / "notebooks" / SECTIONS[0].notebook).read_text("utf-8"))
    course_map = "".join(next(c for c in welcome["cells"] if "## The course map" in
                              "".join(c["source"]))["source"])
    for section in SECTIONS[12:]:
        assert (root / "notebooks" / section.notebook).is_file()
        assert f"| {section.number} | [`notebooks/{section.notebook}`]" in readme
        assert f"| {section.number} | {section.title} |" in course_map
