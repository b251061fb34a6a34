"""Loss surfaces: analytic gradients against finite differences, the 2/curvature limit against
the Hessian's eigenvalues, and gradient descent that says what happened."""

import numpy as np
import pytest

from ddn.examples.landscapes import FOUR_POINTS, landscapes
from ddn.surfaces import LineFit, Quadratic, Saddle, bowl, descend, ravine

POINTS = [(-1.3, 0.7), (0.4, -1.1), (1.6, 1.2), (0.05, 0.02)]


@pytest.mark.parametrize("name", list(landscapes()))
def test_gradient_matches_finite_differences(name):
    surface = landscapes()[name]
    eps = 1e-6
    for w in POINTS:
        w = np.array(w)
        numeric = [(surface.loss(*(w + e)) - surface.loss(*(w - e))) / (2 * eps)
                   for e in np.eye(2) * eps]
        np.testing.assert_allclose(surface.gradient(w), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("surface", [bowl(), ravine(), LineFit(*FOUR_POINTS)])
def test_largest_stable_rate_is_two_over_the_largest_hessian_eigenvalue(surface):
    eps = 1e-4
    w = np.array(surface.start)
    hessian = np.array([(surface.gradient(w + e) - surface.gradient(w - e)) / (2 * eps)
                        for e in np.eye(2) * eps])
    largest = np.linalg.eigvalsh((hessian + hessian.T) / 2).max()
    assert surface.max_stable_learning_rate == pytest.approx(2 / largest, rel=1e-6)
    limit = surface.max_stable_learning_rate
    assert descend(surface, None, 0.9 * limit, 3000).losses[-1] < 1e-3 + getattr(
        surface, "offset", 0)
    grows = descend(surface, None, 1.05 * limit, 400)
    assert grows.status == "diverged"


def test_bowl_course_numbers_and_messages():
    b = bowl()
    assert b.max_stable_learning_rate == 1.0
    assert descend(b, learning_rate=0.5, steps=100).status == "converged"
    tiny = descend(b, learning_rate=0.01, steps=30)
    assert tiny.status == "descending" and "tiny" in tiny.message
    bouncing = descend(b, learning_rate=1.0, steps=30)
    assert bouncing.status == "bouncing" and "stuck" in bouncing.message
    settled = descend(ravine(), None, 0.1, 300, momentum=0.9)   # swings, then settles
    assert settled.status == "converged"
    blown = descend(b, learning_rate=2.5, steps=50)
    assert blown.status == "diverged" and len(blown.path) < 51
    assert blown.message.startswith("the loss grew to ") and "e+" in blown.message
    assert "is too large" in blown.message and "2/curvature = 1" in blown.message


def test_line_fit_is_the_real_mse_of_a_line():
    surface = LineFit(*FOUR_POINTS)
    slope, intercept = np.polyfit(*FOUR_POINTS, 1)
    assert surface.minimum == pytest.approx((slope, intercept))
    assert (slope, intercept) == pytest.approx((1.0, 0.75))
    assert surface.loss(slope, intercept) == pytest.approx(0.3125)
    x, y = np.array(FOUR_POINTS)
    assert surface.loss(0.3, 2.0) == pytest.approx(np.mean((0.3 * x + 2.0 - y) ** 2))


def test_saddle_walker_stays_on_the_ridge_or_rolls_off():
    s = Saddle()
    on_ridge = descend(s, (1.0, 0.0), 0.1, 200)
    assert "saddle point" in on_ridge.message
    nudged = descend(s, (1.0, 0.01), 0.1, 400)
    assert nudged.end == pytest.approx((0.0, 1.0), abs=1e-3)


def test_valleys_depend_on_the_start():
    v = landscapes()["valleys"]
    ends = {tuple(np.round(descend(v, start, 0.3, 400).end, 1))
            for start in ((-2.5, 2.5), (2.5, 2.5), (-2.5, -2.5))}
    assert len(ends) >= 2


def test_momentum_crosses_the_ravine_faster():
    r = ravine()
    plain = descend(r, None, 0.05, 60)
    rolling = descend(r, None, 0.05, 60, momentum=0.8)
    assert rolling.losses[-1] < 0.1 * plain.losses[-1]


@pytest.mark.parametrize("call, fragment", [
    (lambda: descend(bowl(), learning_rate=0), "learning_rate should be greater than 0"),
    (lambda: descend(bowl(), momentum=1.0), "momentum should be at least 0 and below 1"),
    (lambda: descend(bowl(), start=(1, 2, 3)), "start should be two weights"),
    (lambda: bowl().gradient([1.0]), "w should be two weights"),
    (lambda: LineFit([1], [2]), "at least 2 numbers"),
])
def test_errors(call, fragment):
    with pytest.raises((TypeError, ValueError), match=fragment):
        call()


def test_quadratic_is_half_wt_a_w():
    q = Quadratic("q", "", [[2.0, 0.5], [0.5, 1.0]], centre=(1.0, -1.0))
    w = np.array([0.3, 0.4]) - q.centre
    assert q.loss(0.3, 0.4) == pytest.approx(0.5 * w @ q.matrix @ w)
