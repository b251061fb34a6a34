"""Every number of COURSE.md sections 00-04, checked against an independent computation."""

import math

import numpy as np
import pytest
import scipy.linalg
from scipy.special import expit

import ddn
import ddn.examples.admissions
from ddn.examples import cat_rules, cats_dogs, driving_test, festival, history, houses


def test_00_history_and_results():
    events = {m.year: m.event for m in history.MILESTONES}
    assert "4–1" in events[2016] and "Lee Sedol" in events[2016]
    assert "100–0" in events[2017] and "only the rules" in events[2017]
    assert "XOR" in events[1969]
    assert [w[0] for w in history.WAVES] == ["cybernetics", "connectionism", "deep learning"]
    starts = {name: start for name, start, _ in history.WAVES}
    assert 1940 <= starts["cybernetics"] < 1960 and 1980 <= starts["connectionism"] < 1990
    assert 2005 <= starts["deep learning"] < 2010


def test_01_rule_based_cat_detector_fails_on_the_edge_cases():
    verdicts = {name: (said, truth) for name, said, truth in cat_rules.rule_report()}
    assert verdicts["tabby cat"] == (True, True)
    for fooled in ("husky", "fox"):
        assert verdicts[fooled] == (True, False)
    for missed in ("three-legged cat", "Manx cat (no tail)", "Sphynx cat (hairless)"):
        assert verdicts[missed] == (False, True)


def test_01_line_separates_most_and_curve_all():
    x, y, names = cats_dogs.cats_and_dogs()
    wrong = np.flatnonzero(cats_dogs.line_predictions(x, *cats_dogs.LINE) != y)
    assert sorted(names[i] for i in wrong) == ["Maine Coon", "chihuahua", "dachshund"]
    # no straight line gets everything: a perfectly trained linear classifier still fails
    from ddn import Dense, Network, SigmoidCrossEntropy, train
    linear = Network([Dense.random(2, 1, 0)])
    z = (x - x.mean(0)) / x.std(0)
    train(linear, SigmoidCrossEntropy(), z, y, epochs=3000, learning_rate=0.5)
    assert np.sum((linear(z)[:, 0] > 0) != y) >= 2


def test_01_house_prices_template_learns_the_course_numbers():
    assert houses.HAND_RULE == (100, 1000, -30)
    assert houses.LEARNED == (90.3, 1006.2, -40.5)
    x, prices = houses.house_data()
    independent, *_ = scipy.linalg.lstsq(x, prices)
    assert np.round(independent, 1).tolist() == [90.3, 1006.2, -40.5]
    np.testing.assert_allclose(houses.fit_template(x, prices), independent, rtol=1e-9)
    hand = np.sqrt(np.mean((houses.price(houses.HAND_RULE, x) - prices) ** 2))
    learned = np.sqrt(np.mean((houses.price(houses.LEARNED, x) - prices) ** 2))
    assert learned < hand


def test_02_festival_and_admissions():
    assert np.dot(festival.SCORES, festival.WEIGHTS) == 26 > festival.THRESHOLD == 25
    neuron = ddn.examples.admissions.admissions_neuron()
    assert neuron.weights.tolist() == [2, 1] and neuron.bias == -18


def test_04_driving_test_people_from_the_formulas():
    def by_hand(age, sex, lessons):
        parking = max(0, 5 * age + 0.5 * sex + 5 * lessons - 200)
        road = max(0, 4 * age - 0.5 * sex + 10 * lessons - 220)
        z = 0.01 * parking + 0.025 * road - 3
        return parking, road, z, float(expit(z))

    net = driving_test.driving_test_network()
    a, b = by_hand(*driving_test.PERSON_A), by_hand(*driving_test.PERSON_B)
    assert driving_test.PERSON_A == (20, 0, 10) and driving_test.PERSON_B == (50, 1, 20)
    assert a[:3] == (0, 0, -3) and f"{a[3]:.2%}" == "4.74%"
    assert b[:2] == (150.5, 179.5) and b[2] == pytest.approx(2.9925)
    assert f"{b[3]:.2%}" == "95.22%"
    assert net(driving_test.PERSON_A)[0] == pytest.approx(a[3], rel=1e-12)
    assert net(driving_test.PERSON_B)[0] == pytest.approx(b[3], rel=1e-12)


def test_04_softmax_of_minus_4_and_5_2():
    p = ddn.softmax([-4, 5.2])
    assert p[1] == pytest.approx(math.exp(5.2) / (math.exp(-4) + math.exp(5.2)))
    assert 0 < p[0] < 1 and 0 < p[1] < 1 and p.sum() == pytest.approx(1)


def test_05_cat_photo_and_one_hot_digit():
    from ddn.examples import hot_dog

    assert hot_dog.CAT_PHOTO_OUTPUT == (0.38, 0.62) and hot_dog.CAT_PHOTO_TARGET == (1.0, 0.0)
    losses = hot_dog.cat_photo_losses()
    assert losses["squared error"] == pytest.approx(0.5 * (0.62 ** 2 + 0.62 ** 2))  # 0.3844
    assert losses["cross-entropy"] == pytest.approx(-math.log(0.38))               # 0.9676
    assert ddn.one_hot([8], 10)[0].tolist() == [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]


def test_05_hot_dog_models_the_better_one_has_the_lower_loss():
    from ddn.examples import hot_dog

    for model, probabilities in hot_dog.MODELS.items():
        by_hand = [-math.log(p[t]) for p, t in zip(probabilities, hot_dog.TRUTH)]
        assert hot_dog.photo_losses(model) == pytest.approx(by_hand)
        assert hot_dog.total_loss(model) == pytest.approx(sum(by_hand) / len(by_hand))
    assert round(hot_dog.total_loss("model A"), 3) == 0.212
    assert round(hot_dog.total_loss("model B"), 3) == 0.841


def test_05_line_of_best_fit_through_four_points():
    from ddn.examples.landscapes import FOUR_POINTS

    slope, intercept = np.polyfit(*FOUR_POINTS, 1)
    assert (slope, intercept) == pytest.approx((1.0, 0.75))
    x, y = np.array(FOUR_POINTS)
    assert ddn.mse(slope * x + intercept, y) == pytest.approx(0.3125)


def test_06_bowl_of_a_linear_neuron_and_its_learning_rate_limit():
    from ddn.examples.landscapes import landscapes

    surfaces = landscapes()
    assert surfaces["bowl"].max_stable_learning_rate == 1.0          # 2 / curvature 2
    fit = surfaces["line fit"]
    w = np.array([0.3, 2.0])
    eigen = np.linalg.eigvalsh(fit.matrix)
    assert np.all(eigen > 0), "the loss of a linear neuron with two weights is a bowl"
    step = w - 0.05 * fit.gradient(w)
    assert fit.loss(*step) < fit.loss(*w)                             # downhill is downhill


def test_08_single_neuron_fails_xor_and_a_hidden_layer_solves_it():
    from ddn import datasets

    x, y = datasets.xor(200, noise=0.05, seed=0)
    loss = ddn.SigmoidCrossEntropy()
    single = ddn.Network([ddn.Dense.random(2, 1, 0)])
    ddn.train(single, loss, x, y, epochs=300, learning_rate=0.5)
    rng = np.random.default_rng(0)
    hidden = ddn.Network([ddn.Dense.random(2, 4, rng), ddn.Tanh(), ddn.Dense.random(4, 1, rng)])
    ddn.train(hidden, loss, x, y, epochs=300, learning_rate=0.5)
    assert ddn.accuracy(single, loss, x, y) < 0.8
    assert ddn.accuracy(hidden, loss, x, y) > 0.95


def test_01_regression_versus_classification():
    from ddn.examples import ratings

    assert ratings.REGRESSION_RATING == 3.71
    assert ratings.STARS == (1, 2, 3, 4, 5)
    assert ratings.predicted_class() == 4
    assert ratings.predicted_class((0.9, 0.05, 0.03, 0.01, 0.01)) == 1


def test_00_milestones_the_articles_name():
    events = {m.year: (m.wave, m.event) for m in history.MILESTONES}
    assert len(events) == len(history.MILESTONES), "one milestone per year (the timeline's slider)"
    assert "postal codes" in events[1989][1] and events[1989][0] == "connectionism"
    assert "Deep Blue" in events[1997][1] and "Kasparov" in events[1997][1]
    assert events[1997][0] == history.NOT_A_NETWORK             # search, not a neural network
    assert "ImageNet Challenge" in events[2012][1]              # the competition, not the data set
    assert "Atari" in events[2013][1] and "pixels" in events[2013][1]
    assert "human games" in events[2016][1]                     # AlphaGo bootstrapped from people
    assert "deepfakes" in events[2018][1] and "shut down" in events[2018][1]
    assert "DotA" in events[2019][1] and "high-ranking" in events[2019][1]
    for year, (wave, _) in events.items():                      # every wave label fits its years
        spans = {name: (start, end) for name, start, end in history.WAVES}
        if wave in spans:
            assert spans[wave][0] <= year <= spans[wave][1], year


def test_01_house_data_in_square_metres_and_metres():
    x, prices = houses.house_data()
    size, stories, distance = x.T
    assert size.min() >= 60 and size.max() <= 240                # square metres, not square feet
    assert set(stories) <= {1, 2, 3} and distance.min() >= 20 and distance.max() <= 400
    assert np.all(prices > 0)
    # the hand rule for one house, worked out by hand: 100·120 + 1000·2 − 30·150 = 9,500
    assert houses.price(houses.HAND_RULE, [120, 2, 150]) == 9_500
    assert houses.price(houses.LEARNED, [120, 2, 150]) == pytest.approx(
        90.3 * 120 + 1006.2 * 2 - 40.5 * 150)                     # 6,773.4


def test_05_an_untrained_network_guesses_7_for_an_8():
    from ddn.examples import hot_dog

    guess = hot_dog.UNTRAINED_EIGHT
    assert guess == (0, 0.25, 0.05, 0, 0, 0, 0, 0.7, 0, 0)
    assert math.isclose(sum(guess), 1.0) and max(range(10), key=guess.__getitem__) == 7
    assert guess[8] == 0                                          # nothing at all for the 8
