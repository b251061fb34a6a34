"""The neuron: the festival's arithmetic, its explanation, and errors that teach."""

import numpy as np
import pytest

from ddn import Neuron
from ddn.examples import admissions, festival


def test_festival_numbers_from_the_course():
    assert festival.SCORES == (3, 2, 4, 2)
    assert festival.WEIGHTS == (4, 2, 2, 1)
    assert festival.THRESHOLD == 25 and festival.BIAS == -25
    neuron = festival.festival_neuron()
    assert neuron.weighted_sum(festival.SCORES) == 3 * 4 + 2 * 2 + 4 * 2 + 2 * 1 == 26
    assert neuron.net_input(festival.SCORES) == 1
    assert neuron(festival.SCORES) == 1.0
    assert neuron.decide(festival.SCORES) == "go"


def test_explanation_reads_like_the_course():
    neuron = festival.festival_neuron()
    assert neuron.explain(festival.SCORES) == \
        "3×4 + 2×2 + 4×2 + 2×1 = 26; 26 − 25 = 1 > 0 → go"
    assert festival.festival_neuron(threshold=27).explain(festival.SCORES) == \
        "3×4 + 2×2 + 4×2 + 2×1 = 26; 26 − 27 = −1 ≤ 0 → stay home"


def test_explanation_of_a_sigmoid_neuron_and_negative_weights():
    neuron = Neuron([0.01, 0.025], bias=-3, activation="sigmoid")
    text = neuron.explain([150.5, 179.5])
    assert text == ("150.5×0.01 + 179.5×0.025 = 5.9925; 5.9925 − 3 = 2.9925; "
                    "sigmoid(2.9925) = 0.952234")
    assert Neuron([-0.5], 2, "relu").explain([1]) == "1×(−0.5) = −0.5; −0.5 + 2 = 1.5; " \
                                                      "relu(1.5) = 1.5"


def test_admissions_line():
    neuron = admissions.admissions_neuron()
    assert neuron([8, 3]) == 1.0                    # 16 + 3 − 18 = 1 > 0
    assert neuron([5, 8]) == 0.0                    # exactly on the line: 0, not accepted
    assert neuron.decide([5, 7]) == "reject"
    assert admissions.boundary_grades(4) == 10
    x, y = admissions.admissions_data()
    assert x.shape == (40, 2) and set(np.unique(y)) == {0.0, 1.0}
    np.testing.assert_array_equal(neuron(x), (2 * x[:, 0] + x[:, 1] - 18 > 0))
    assert np.all(np.abs(2 * x[:, 0] + x[:, 1] - 18) >= 1.0)  # separable with a margin


def test_batch_of_examples_gives_one_output_each():
    neuron = festival.festival_neuron()
    out = neuron([[3, 2, 4, 2], [0, 0, 0, 0], [4, 4, 4, 4]])
    assert out.tolist() == [1.0, 0.0, 1.0]


def test_four_weights_three_inputs_names_both_and_the_fix():
    neuron = Neuron([4, 2, 2, 1], bias=-25)
    with pytest.raises(ValueError) as error:
        neuron([3, 2, 4])
    message = str(error.value)
    assert "inputs has 3 values" in message and "4 weights" in message
    assert "give 4 inputs, one per weight" in message


@pytest.mark.parametrize("kwargs, fragment", [
    ({"weights": "heavy"}, "weights should be numbers"),
    ({"weights": [[1, 2], [3, 4]]}, "weights should be a list of numbers"),
    ({"weights": [1, 2], "bias": [1, 2]}, "bias should be a single number"),
    ({"weights": [1, 2], "activation": "softplus"}, "activation should be one of"),
    ({"weights": [1, 2], "labels": ("no",)}, "labels has 1 name but a step neuron has 2 outcomes"),
    ({"weights": [1, 2], "input_names": ("a",)}, "input_names has 1 name"),
])
def test_constructor_errors_speak_to_the_learner(kwargs, fragment):
    with pytest.raises((TypeError, ValueError), match=fragment):
        Neuron(**kwargs)


def test_explain_wants_one_example_and_decide_wants_labels():
    with pytest.raises(ValueError, match="one example at a time"):
        festival.festival_neuron().explain([[3, 2, 4, 2], [1, 1, 1, 1]])
    with pytest.raises(ValueError, match="no labels"):
        Neuron([1]).decide([1])


def test_table_with_wrong_width_says_columns():
    with pytest.raises(ValueError, match="3 columns .* each row should hold 4 inputs"):
        festival.festival_neuron()(np.ones((2, 3)))
