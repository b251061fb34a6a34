"""The 2-D data sets: shapes, labels, seeds, noise, and their defining geometry."""

import numpy as np
import pytest

from ddn import datasets


@pytest.mark.parametrize("name", list(datasets.DATASETS))
def test_shapes_labels_and_frame(name):
    x, y = datasets.make(name, 200, noise=0.1, seed=3)
    assert x.shape == (200, 2) and y.shape == (200,)
    assert set(np.unique(y)) == {0.0, 1.0}
    assert abs(y.mean() - 0.5) < 0.1
    low, high = datasets.LIMITS
    assert np.all((x > low) & (x < high)), "points must fit the common picture frame"


@pytest.mark.parametrize("name", list(datasets.DATASETS))
def test_same_seed_same_points_other_seed_other_points(name):
    a, b, c = (datasets.make(name, 50, 0.1, seed=s)[0] for s in (1, 1, 2))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_geometry_without_noise():
    x, y = datasets.xor(300, noise=0.0)
    np.testing.assert_array_equal(y, (np.sign(x[:, 0]) != np.sign(x[:, 1])).astype(float))
    x, y = datasets.circles(300, noise=0.0)
    radius = np.hypot(x[:, 0], x[:, 1])
    assert radius[y == 1].max() < 0.46 and radius[y == 0].min() > 0.84
    x, y = datasets.blobs(300, noise=0.2)
    assert np.all((x.sum(axis=1) > 0) == (y == 1))


def test_more_noise_spreads_the_points():
    calm, _ = datasets.circles(400, noise=0.0, seed=0)
    rough, _ = datasets.circles(400, noise=0.3, seed=0)
    assert np.std(np.hypot(*rough.T)) > np.std(np.hypot(*calm.T))


def test_train_test_split_keeps_every_point_once():
    x, y = datasets.moons(100, seed=0)
    xt, yt, xs, ys = datasets.train_test_split(x, y, 0.3, seed=1)
    assert len(xt) == 70 and len(xs) == 30
    together = np.vstack([xt, xs])
    assert sorted(map(tuple, together)) == sorted(map(tuple, x))


@pytest.mark.parametrize("call, fragment", [
    (lambda: datasets.make("donut"), "name should be one of"),
    (lambda: datasets.moons(0), "n should be greater than 0"),
    (lambda: datasets.moons(10, noise=-1), "noise should be at least 0"),
    (lambda: datasets.train_test_split(np.ones((4, 2)), np.ones(3)), "4 points but y has 3"),
    (lambda: datasets.train_test_split(np.ones((4, 2)), np.ones(4), 1.5), "and below 1"),
])
def test_errors(call, fragment):
    with pytest.raises((TypeError, ValueError), match=fragment):
        call()
