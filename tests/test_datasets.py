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


# -- the images shipped with ddn ---------------------------------------------------------------
def test_digits_shapes_split_and_values():
    x_train, y_train, x_test, y_test = datasets.digits()
    assert x_train.shape == (1437, 1, 8, 8) and x_test.shape == (360, 1, 8, 8)
    assert y_train.shape == (1437,) and y_test.shape == (360,)
    assert x_train.dtype == float and x_train.min() >= 0 and x_train.max() == 1.0
    assert x_test.min() >= 0 and x_test.max() == 1.0
    # Pixels are ink counts 0..16 divided by 16: exact sixteenths.
    np.testing.assert_array_equal(x_train * 16, np.round(x_train * 16))
    assert np.bincount(y_test).tolist() == [36] * 10       # stratified: 36 of every digit
    assert set(np.unique(y_train)) == set(range(10)) and np.bincount(y_train).min() > 130
    # The split is fixed: the same images every call, and no image in both halves.
    again = datasets.digits()
    np.testing.assert_array_equal(again[0], x_train)
    seen = {image.tobytes() for image in x_train}
    assert not any(image.tobytes() in seen for image in x_test)


def test_digits_look_like_digits():
    x_train, y_train, _, _ = datasets.digits()
    ones, zeros = x_train[y_train == 1, 0], x_train[y_train == 0, 0]
    # A 0 is a ring: ink around the centre, little in the middle columns' centre rows.
    assert zeros[:, 3:5, 3:5].mean() < zeros[:, 1:7, 1:3].mean()
    # A 1 is narrower than a 0: less ink in the outer columns.
    assert ones[:, :, :2].mean() < zeros[:, :, :2].mean()


@pytest.mark.parametrize("name", list(datasets.PHOTOS))
def test_photos_in_colour_and_grey(name):
    colour = datasets.photo(name)
    grey = datasets.photo(name, grey=True)
    assert colour.shape == (3, 128, 128) and grey.shape == (1, 128, 128)
    assert 0 <= colour.min() < colour.max() <= 1 and colour.std() > 0.02
    np.testing.assert_allclose(grey[0], 0.299 * colour[0] + 0.587 * colour[1]
                               + 0.114 * colour[2])


def test_photo_errors():
    with pytest.raises(ValueError, match="name should be one of 'chelsea'"):
        datasets.photo("dog")
    with pytest.raises(TypeError, match="grey should be True or False"):
        datasets.photo("chelsea", grey="yes")
