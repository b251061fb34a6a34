"""Every exercise check fails on the blank exercise, fails on typical mistakes, passes on the
solution; and no learner answer, however odd, makes `check` raise."""

import numpy as np
import pytest

from conftest import ROOT, code_cells, run_cells
from ddn import check
from ddn.grading.feedback import FAILED, NOT_DONE, PASSED, Feedback
from ddn.grading.tasks import EXERCISE_OF, EXERCISES, TASKS
from ddn.grading.values import difference, show, show_pair

# task id -> [(text in the solution notebook, what a learner wrote instead, expected hint)]
MISTAKES = {
    "weighted_sum": [
        ("return float(np.dot(inputs, weights))", "return np.multiply(inputs, weights)",
         "add them up"),
        ("return float(np.dot(inputs, weights))",
         "total = 0\n    for x in inputs:\n        for w in weights:\n            total += x * w\n"
         "    return total", "multiply each input by its own weight"),
    ],
    "decide": [
        ("return 1 if total > 0 else 0", "return 1 if total >= 0 else 0", "not `>= 0`"),
        ("np.dot(inputs, weights)) + bias", "np.dot(inputs, weights)) - bias", "already negative"),
    ],
    "grades_needed": [
        ("return 18 - 2 * test_score", "return (18 - test_score) / 2", "solves for the test score"),
        ("return 18 - 2 * test_score", "return 2 * test_score - 18", "check the signs"),
    ],
    "friend_neuron": [
        ("friend_bias = -13.5", "friend_bias = 13.5", "Is the bias negative"),
        ("friend_weights = [0, 3, 2, 0]\nfriend_bias = -13.5",
         "friend_weights = [4, 2, 2, 1]\nfriend_bias = -25", "Which factors"),
        ("friend_bias = -13.5", "friend_bias = -1", "not negative enough"),
        ("friend_bias = -13.5", "friend_bias = -50", "too negative"),
        ("friend_weights = [0, 3, 2, 0]", "friend_weights = [3, 2]", "should be 4 numbers"),
    ],
    "step": [
        ("return np.where(z > 0, 1.0, 0.0)", "return 1.0 if z > 0 else 0.0",
         "work on the whole array at once"),
        ("return np.where(z > 0, 1.0, 0.0)", "return np.where(z >= 0, 1.0, 0.0)", "not z >= 0"),
    ],
    "sigmoid": [
        ("e = np.exp(-np.abs(z))\n    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))",
         "return 1 / (1 + np.exp(z))", "sigmoid(−z)"),
    ],
    "relu": [
        ("return np.maximum(z, 0.0)", "return np.max(z, 0)", "np.maximum(z, 0)"),
        ("return np.maximum(z, 0.0)", "return np.abs(z)", "abs(z)"),
    ],
    "sigmoid_derivative": [
        ("s = sigmoid(z)\n    return s * (1 - s)", "return z * (1 - z)", "apply the sigmoid first"),
    ],
    "collapse": [
        ("return W2 @ W1, W2 @ b1 + b2", "return W1 @ W2, W2 @ b1 + b2", "W2 @ W1"),
        ("return W2 @ W1, W2 @ b1 + b2", "return W2 @ W1, b1 + b2", "b = W2 @ b1 + b2"),
        ("return W2 @ W1, W2 @ b1 + b2", "return W2 @ W1, W2 @ b1", "second layer's own bias"),
    ],
    "dense_forward": [
        ("return weights @ x + bias", "return x @ weights + bias", "Each row of weights is one"),
        ("return weights @ x + bias", "return weights @ x", "add the bias"),
    ],
    "driving_test": [
        ("parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = relu(4 * age - 0.5 * sex + 10 * lessons - 220)",
         "parking = 5 * age + 0.5 * sex + 5 * lessons - 200\n"
         "    road = 4 * age - 0.5 * sex + 10 * lessons - 220", "apply ReLU to their whole sum"),
        ("return parking, road, probability", "return parking, road, 100 * probability",
         "not as a percentage"),
        ("return parking, road, probability", "return parking, road", "should be"),
    ],
    "softmax": [
        ("e = np.exp(z - np.max(z))", "e = np.exp(z)", "subtract the largest score"),
        ("e = np.exp(z - np.max(z))\n    return e / e.sum()", "return z / z.sum()",
         "exponentiate first"),
    ],
    "count_parameters": [
        ("total += n_in * n_out + n_out", "total += n_in * n_out", "also has a bias"),
    ],
    "mse": [
        ("return float(np.mean((predictions - targets) ** 2))",
         "return float(np.sum((predictions - targets) ** 2))", "(the 1/N)"),
        ("return float(np.mean((predictions - targets) ** 2))",
         "return float(np.mean(predictions - targets))", "square the differences"),
        ("return float(np.mean((predictions - targets) ** 2))",
         "return float(np.sqrt(np.mean((predictions - targets) ** 2)))", "no square root"),
    ],
    "cross_entropy": [
        ("return float(-np.log(probabilities[label]))",
         "return float(np.log(probabilities[label]))", "with the minus sign"),
        ("return float(-np.log(probabilities[label]))",
         "return float(-np.log10(probabilities[label]))", "natural logarithm"),
        ("return float(-np.log(probabilities[label]))",
         "return float(-np.log(max(probabilities)))", "*correct* label"),
    ],
    "average_cross_entropy": [
        ("return float(np.mean(-np.log(picked)))", "return float(np.sum(-np.log(picked)))",
         "the average over the photos"),
        ("picked = probabilities[np.arange(len(labels)), labels]",
         "picked = probabilities[labels]", "picks whole rows"),
    ],
    "one_hot": [
        ("target[label] = 1.0", "target[label - 1] = 1.0", "count from 0"),
    ],
    "gradient_step": [
        ("return w - learning_rate * gradient", "return w + learning_rate * gradient",
         "step against it"),
        ("return w - learning_rate * gradient", "return w - gradient",
         "scale the step by the learning rate"),
    ],
    "bowl_gradient": [
        ("return 2 * w1, 6 * w2", "return w1, 3 * w2", "don't forget the 2"),
        ("return 2 * w1, 6 * w2", "return 6 * w2, 2 * w1", "in that order"),
    ],
    "max_learning_rate": [
        ("return 2 / curvature", "return 1 / curvature", "up to twice that"),
        ("return 2 / curvature", "return 2 * curvature", "*smaller* steps"),
    ],
    "ravine_learning_rate": [
        ("ravine_learning_rate = 0.1", "ravine_learning_rate = 0.5", "diverges"),
        ("ravine_learning_rate = 0.1", "ravine_learning_rate = 0.01", "too small"),
        ("ravine_learning_rate = 0.1", "ravine_learning_rate = 2 / 15", "bouncing"),
        ("ravine_learning_rate = 0.1", "ravine_learning_rate = '0.1'", "one positive number"),
    ],
    "relu_backward": [
        ("return grad * (z > 0)", "return (z > 0) * 1.0", "multiply by the gradient"),
        ("return grad * (z > 0)", "return grad * np.maximum(z, 0)", "1 or 0, not z"),
        ("return grad * (z > 0)", "return grad * (z >= 0)", "counts as 0"),
    ],
    "sigmoid_backward": [
        ("return grad * s * (1 - s)", "return s * (1 - s)", "multiply by the gradient"),
        ("return grad * s * (1 - s)", "return grad * s", "not s"),
    ],
    "dense_backward": [
        ("grad_w = grad_out.T @ x", "grad_w = x.T @ grad_out", "grad_w is transposed"),
        ("grad_w = grad_out.T @ x\n    grad_b = grad_out.sum(axis=0)",
         "grad_w = np.zeros_like(weights)\n    grad_b = np.zeros(len(weights))\n"
         "    for g, row in zip(grad_out, x):\n        grad_w = np.outer(g, row)\n"
         "        grad_b += g", "add each example's gradient (+=), don't overwrite it (=)"),
        ("grad_b = grad_out.sum(axis=0)", "grad_b = grad_out.mean(axis=0)", "don't average"),
        ("grad_x = grad_out @ weights", "grad_x = -grad_out @ weights", "check the sign"),
    ],
    "perceptron_step": [
        ("sign = 1 if label == 1 else -1", "sign = 1", "move *away*"),
        ("return weights + sign * learning_rate * point, bias + sign * learning_rate",
         "return weights + sign * learning_rate * point, bias", "move the bias too"),
        ("    if said == label:\n        return weights, bias\n", "", "only misclassified"),
    ],
    "final_line": [
        ("for _ in range(1000):", "for _ in range(1):", "still misclassifies"),
        ("new_weights, new_bias = perceptron_step(final_weights, final_bias, point, label, 0.1)",
         "perceptron_step(final_weights, final_bias, point, label, 0.1)\n"
         "        new_weights, new_bias = final_weights, final_bias",
         "store what it returns"),
    ],
    "circles_network": [
        ("circles_network = ddn.Network([ddn.Dense.random(2, 6, rng), ddn.Tanh(),\n"
         "                               ddn.Dense.random(6, 1, rng)])",
         "circles_network = ddn.Network([ddn.Dense.random(2, 1, rng)])",
         "without hidden neurons"),
        ("ddn.Tanh()", "ddn.layers.Activation('linear')", "'linear'"),
        ("epochs=400, learning_rate=0.5", "epochs=3, learning_rate=0.5", "for more epochs"),
        ("ddn.Dense.random(6, 1, rng)])", "ddn.Dense.random(6, 1, rng), ddn.Sigmoid()])",
         "sigmoid is applied twice"),
        ("circles_network = ddn.Network([ddn.Dense.random(2, 6, rng), ddn.Tanh(),\n"
         "                               ddn.Dense.random(6, 1, rng)])\n"
         "ddn.train(circles_network, ddn.SigmoidCrossEntropy(), cx, cy, epochs=400, "
         "learning_rate=0.5)",
         "circles_network = [ddn.Dense.random(2, 6, rng), ddn.Tanh(), ddn.Dense.random(6, 1, rng)]",
         "wrap it in a network"),
    ],
    "convolve": [
        ("out[i, j] = np.sum(patch * kernel)", "out[i, j] = np.sum(patch * kernel[::-1, ::-1])",
         "turned round (flipped)"),
        ("image.shape[0] - kh + 1, image.shape[1] - kw + 1",
         "image.shape[0] - kh, image.shape[1] - kw", "stop one position short"),
        ("out[i, j] = np.sum(patch * kernel)", "out[i, j] = np.mean(patch * kernel)",
         "don't average them"),
    ],
    "map_size": [
        ("return (size + 2 * padding - kernel_size) // stride + 1",
         "return (size + 2 * padding - kernel_size) // stride", "add 1"),
        ("return (size + 2 * padding - kernel_size) // stride + 1",
         "return (size + 2 * padding - kernel_size) / stride + 1", "round the division down"),
    ],
    "max_pool": [
        ("out[i, j] = np.max(block)", "out[i, j] = np.mean(block)", "average pooling"),
        ("out[i, j] = np.max(block)", "out[i, j] = max(0, *block.ravel())", "negative maximum"),
    ],
    "conv_backward": [
        ("kernels = weights.reshape(f, -1)", "kernels = weights[:, :, ::-1, ::-1].reshape(f, -1)",
         "turned round"),
        ("top, left = i * stride, j * stride", "top, left = i, j", "stride is forgotten"),
        ("grad_w += g.T @ patch.reshape(n, -1)", "grad_w += g.T @ patch.reshape(n, -1) / n",
         "sum over the batch, don't average"),
    ],
    "convnet": [
        ("ddn.train(convnet, ddn.SoftmaxCrossEntropy(), x_train, y_train, epochs=6, "
         "batch_size=32,\n          optimizer=ddn.Momentum(0.05, 0.9), seed=0)", "",
         "hardly better than guessing"),
        ("ddn.Dense.random(8 * 4 * 4, 10, rng)])", "ddn.Dense.random(8 * 4 * 4, 10, rng), "
         "ddn.Softmax()])", "softmax is applied twice"),
    ],
    "strongest_digits": [
        ("strength = maps.reshape(len(maps), -1).max(axis=1)",
         "strength = maps.reshape(len(maps), -1).mean(axis=1)", "brightest spot"),
        ("return np.argsort(-strength)[:k]", "return np.argsort(strength)[:k]", "weakest"),
    ],
    "dead_filters": [
        ("silent = np.all(maps == 0, axis=(0, 2, 3))",
         "silent = np.any(np.all(maps == 0, axis=(2, 3)), axis=0)", "silent for *every* digit"),
        ("return np.flatnonzero(silent)", "return silent", "np.flatnonzero(dead)"),
    ],
    "fgsm_step": [
        ("return np.clip(image + epsilon * np.sign(gradient), 0, 1)",
         "return np.clip(image + epsilon * gradient, 0, 1)", "*sign* of the gradient"),
        ("return np.clip(image + epsilon * np.sign(gradient), 0, 1)",
         "return image + epsilon * np.sign(gradient)", "clip after the step"),
        ("return np.clip(image + epsilon * np.sign(gradient), 0, 1)",
         "return np.clip(image - epsilon * np.sign(gradient), 0, 1)", "steps down the loss"),
    ],
    "dream_step": [
        ("size = np.mean(np.abs(gradient))", "size = 1", "divide the gradient by its mean size"),
        ("size = np.mean(np.abs(gradient))", "size = np.mean(gradient)", "cancel out"),
    ],
    "gram_matrix": [
        ("return rows @ rows.T / rows.shape[1]", "return rows @ rows.T",
         "average over the positions"),
        ("return rows @ rows.T / rows.shape[1]", "return rows.T @ rows / rows.shape[1]",
         "compares positions with positions"),
    ],
    "demographic_parity_gap": [
        ("return abs(rate_0 - rate_1)", "return rate_0 - rate_1", "take the absolute value"),
        ("rate_0 = decisions[group == 0].mean()\n    rate_1 = decisions[group == 1].mean()",
         "rate_0 = decisions[group == 0].sum()\n    rate_1 = decisions[group == 1].sum()",
         "*shares*"),
    ],
    "equal_opportunity_gap": [
        ("deserving = qualified == 1", "deserving = qualified >= 0",
         "count only the applicants who are qualified"),
        ("deserving = qualified == 1", "deserving = qualified == 0",
         "You compared the unqualified"),
    ],
    "fair_network": [
        ("fair_columns = [0, 1, 2]", "fair_columns = [0, 1, 2, 3]", "a proxy"),
        ("fair_columns = [0, 1, 2]", "fair_columns = [0, 1, 2, 3, 4]", "reads the group itself"),
    ],
}


def _notebook(folder, exercise):
    return ROOT / folder / f"{exercise}.ipynb"


@pytest.mark.parametrize("task_id", list(TASKS))
def test_passes_on_the_solution(task_id):
    namespace = run_cells(code_cells(_notebook("solutions", EXERCISE_OF[task_id])))
    feedback = check(task_id, namespace)
    assert feedback.status == PASSED, feedback


@pytest.mark.parametrize("task_id", list(TASKS))
def test_is_not_done_on_the_blank_exercise(task_id):
    namespace = run_cells(code_cells(_notebook("exercises", EXERCISE_OF[task_id])))
    feedback = check(task_id, namespace)
    assert feedback.status == NOT_DONE, feedback


def test_every_task_has_typical_mistakes():
    assert set(MISTAKES) == set(TASKS)


@pytest.mark.parametrize("task_id, old, new, hint",
                         [(t, *m) for t, ms in MISTAKES.items() for m in ms])
def test_fails_on_a_typical_mistake_with_its_hint(task_id, old, new, hint):
    sources = code_cells(_notebook("solutions", EXERCISE_OF[task_id]))
    assert sum(source.count(old) for source in sources) == 1, f"{old!r} not found once"
    namespace = run_cells([source.replace(old, new) for source in sources])
    feedback = check(task_id, namespace)
    assert feedback.status == FAILED, feedback
    assert hint in feedback.message, feedback


def test_naive_sigmoid_passes_with_a_note_about_the_overflow_warning():
    namespace = {"np": __import__("numpy")}
    exec("def sigmoid(z):\n    return 1 / (1 + np.exp(-z))", namespace)
    feedback = check("sigmoid", namespace)
    assert feedback.passed and "overflow" in feedback.message


@pytest.mark.parametrize("code, fragment", [
    ("def weighted_sum(inputs, weights):\n    return 'twenty-six'", "returned 'twenty-six'"),
    ("def weighted_sum(inputs, weights):\n    total = sum(inputs)", "forget the `return`"),
    ("def weighted_sum(inputs):\n    return 26", "raised TypeError"),
    ("def weighted_sum(inputs, weights):\n    return inputs + weights", "returned [3, 2, 4, 2, 4"),
    ("def weighted_sum(inputs, weights):\n    raise ValueError('oops')", "raised ValueError: oops"),
    ("def weighted_sum(inputs, weights):\n    return [26]", "should be 26"),
    ("weighted_sum = 26", "should be a function"),
    ("weighted_sum = ...", "not written yet"),
])
def test_odd_answers_get_kind_feedback_never_a_traceback(code, fragment):
    namespace = {}
    exec(code, namespace)
    feedback = check("weighted_sum", namespace)
    assert feedback.status != PASSED
    assert fragment in feedback.message, feedback


def test_an_answer_that_changes_its_inputs_cannot_change_the_task():
    namespace = {}
    exec("def weighted_sum(inputs, weights):\n    inputs.clear()\n    return 26.0", namespace)
    assert check("weighted_sum", namespace).status == FAILED
    exec("def weighted_sum(inputs, weights):\n    return sum(i * w for i, w in zip(inputs, "
         "weights))", namespace)
    assert check("weighted_sum", namespace).passed


def test_missing_answer_and_unknown_task():
    assert check("weighted_sum", {}).status == NOT_DONE
    assert "run the cell that defines it" in check("weighted_sum", {}).message
    unknown = check("weighted_sums", {})
    assert unknown.status == FAILED and "Did you mean 'weighted_sum'" in unknown.message


def test_check_finds_answers_among_the_callers_variables():
    def weighted_sum(inputs, weights):  # noqa: F841 - found by name in this frame's globals?
        return 26.0

    # check() reads the caller's *globals*, like a notebook's variables; a local is not found
    assert check("weighted_sum").status == NOT_DONE


def test_a_fault_in_the_checker_is_reported_kindly(monkeypatch):
    task = TASKS["weighted_sum"]
    monkeypatch.setattr(task, "reference", lambda *args: 1 / 0)
    namespace = {}
    exec("def weighted_sum(i, w):\n    return 26.0", namespace)
    feedback = check("weighted_sum", namespace)
    assert feedback.status == FAILED and "checker could not judge" in feedback.message


def test_whole_exercise_report():
    namespace = run_cells(code_cells(_notebook("solutions", "02_neuron")))
    report = check("02_neuron", namespace)
    assert report.tally == "4 of 4 tasks passed"
    assert "✓ weighted_sum" in str(report) and "4 of 4" in report._repr_html_()


def test_exercise_notebooks_declare_their_exercise():
    import json

    for exercise in EXERCISES:
        for folder in ("solutions", "exercises"):
            meta = json.loads(_notebook(folder, exercise).read_text())["metadata"]
            assert meta["ddn"]["exercise"] == exercise


@pytest.mark.parametrize("task_id", [t for t in TASKS if TASKS[t].__class__.__name__ ==
                                     "FunctionTask"])
def test_every_typical_mistake_played_as_an_answer_gets_its_own_hint(task_id):
    """A learner whose answer *is* a listed mistake gets that mistake's hint: the cases tell
    every listed mistake apart from the right answer and from the mistakes listed before it."""
    task = TASKS[task_id]
    for mistake in task.mistakes:
        def answer(*args, mistake=mistake):
            try:
                wrong = mistake.produces(*args)
            except Exception:  # the mistake doesn't reach this case: answer correctly
                wrong = None
            return task.reference(*args) if wrong is None else wrong

        feedback = check(task_id, {task.name: answer})
        assert feedback.status == FAILED, (mistake.hint, feedback)
        assert feedback.message == mistake.hint, (mistake.hint, feedback)


# -- what the feedback shows -----------------------------------------------------------------
@pytest.mark.parametrize("value, text", [
    (-3.0, "-3"),
    (26.0, "26"),
    (-0.5, "-0.5"),
    (0.000101029, "0.000101029"),
    (float("nan"), "np.nan"),
    (float("-inf"), "-np.inf"),
    (np.array([-4.0, 5.2]), "np.array([-4, 5.2])"),
    (np.array([[1.0, -1.0], [0.0, 4.5]]), "np.array([[1, -1], [0, 4.5]])"),
    (np.array([np.nan, 1.0]), "np.array([np.nan, 1])"),
    ([3, -2], "[3, -2]"),
    ((150.5, -179.5), "(150.5, -179.5)"),
    ((np.array([1.0, -1.0]), -0.25), "(np.array([1, -1]), -0.25)"),
    (None, "None"),
])
def test_values_are_shown_as_a_learner_could_paste_them_back(value, text):
    assert show(value) == text
    if isinstance(value, np.ndarray) and not np.isnan(value).any():
        assert np.array_equal(eval(show(value), {"np": np}), value)  # noqa: S307 - our own text


def test_a_long_array_is_shortened_on_one_line():
    text = show(np.arange(30.0) - 15)
    assert text == "np.array([-15, -14, -13, ..., 12, 13, 14])"


def test_a_wrong_array_names_the_call_and_the_first_wrong_element():
    namespace = {"np": np}
    exec("def relu(z):\n    return np.where(z > 0, z / 2, 0)", namespace)
    feedback = check("relu", namespace)
    assert feedback.message == (
        "`relu(np.array([-3, -0.5, 0, 0.5, 2]))` returned np.array([0, 0, 0, 0.25, 1]), but it "
        "should be np.array([0, 0, 0, 0.5, 2]). The first difference is at index 3: 0.25 "
        "instead of 0.5.")


def test_a_wrong_value_in_a_tuple_is_named_by_its_place():
    namespace = {}
    exec("def driving_test(age, sex, lessons):\n    return 0.0, 0.0, 0.5", namespace)
    feedback = check("driving_test", namespace)
    assert feedback.message.startswith("`driving_test(20, 0, 10)` returned (0, 0, 0.5), but it "
                                       "should be (0, 0, 0.0474259).")
    assert "The first difference is value 3 of 3: 0.5 instead of 0.0474259." in feedback.message


def test_a_wrong_element_of_an_array_inside_a_tuple_is_named_by_both_places():
    namespace = {}
    exec("def collapse(W1, b1, W2, b2):\n    return W2 @ W1, W2 @ b1 + b2 + [0, 1]", namespace)
    feedback = check("collapse", namespace)
    assert "The first difference is value 2 of 2, at index 1:" in feedback.message, feedback


def test_values_too_close_for_six_digits_are_shown_with_more():
    assert show_pair(0.95224145, 0.9522414) == ("0.95224145", "0.9522414")
    assert difference(2000.005, 2000.0) == "2000.005, but it should be 2000."
    assert difference(np.array([1.0, 2000.005]), np.array([1.0, 2000.0])) == (
        "np.array([1, 2000.005]), but it should be np.array([1, 2000]). The first difference "
        "is at index 1: 2000.005 instead of 2000.")


def test_feedback_shows_code_spans_as_code_in_html_and_stays_plain_text():
    feedback = Feedback("relu", FAILED, "use `np.maximum(z, 0)`, not `z < 0 & z > 1` or <b>")
    assert str(feedback) == "✗ relu: use `np.maximum(z, 0)`, not `z < 0 & z > 1` or <b>"
    html = feedback._repr_html_()
    assert ("use <code>np.maximum(z, 0)</code>, not <code>z &lt; 0 &amp; z &gt; 1</code> or "
            "&lt;b&gt;</div>") in html
    assert "`" not in html


def test_a_lone_backtick_is_left_as_it_is():
    html = Feedback("x", FAILED, "a ` alone")._repr_html_()
    assert "a ` alone" in html and "<code>" not in html


def test_a_right_answer_that_changes_its_arguments_fails_and_says_which():
    namespace = {"np": np}
    exec("def relu_backward(z, grad):\n    grad[z <= 0] = 0\n    return grad", namespace)
    feedback = check("relu_backward", namespace)
    assert feedback.status == FAILED
    assert "also changes `grad` in place" in feedback.message
    exec("def relu_backward(z, grad):\n    grad = grad.copy()\n    grad[z <= 0] = 0\n"
         "    return grad", namespace)
    assert check("relu_backward", namespace).passed


def test_an_argument_changed_by_a_function_without_names_is_counted():
    task = TASKS["gradient_step"]

    def step(*args):
        args[0][...] = args[0] - args[2] * args[1]
        return args[0]

    feedback = check("gradient_step", {task.name: step})
    assert feedback.status == FAILED and "argument number 1" in feedback.message, feedback


def test_the_final_line_is_the_one_the_procedure_gives():
    """The check runs the perceptron trick itself: its own line passes, and a line from a
    different start is told apart by the procedure, not by a stored answer."""
    from ddn.examples.admissions import admissions_data
    from ddn.grading.tasks.perceptrons import perceptron_trick

    x, y = admissions_data()
    w, b = perceptron_trick(x, y)[-1]
    assert check("final_line", {"final_weights": w, "final_bias": b}).passed
    w, b = perceptron_trick(x, y, start=((0.0, 0.0), 0.0))[-1]
    assert "starts from zeros" in check("final_line", {"final_weights": w,
                                                       "final_bias": b}).message


def test_a_double_sigmoid_is_refused_even_when_it_sorts_the_points():
    import ddn
    from ddn.datasets import circles

    cx, cy = circles(200, noise=0.1, seed=0)
    net = ddn.Network([ddn.Dense.random(2, 6, np.random.default_rng(0)), ddn.Tanh(),
                       ddn.Dense.random(6, 1, np.random.default_rng(1)), ddn.Sigmoid()])
    ddn.train(net, ddn.SigmoidCrossEntropy(), cx, cy, epochs=1000, learning_rate=2.0)
    x, y = circles(400, noise=0.1, seed=2024)
    assert np.mean((net.forward(x)[:, 0] > 0.5) == y) >= 0.9  # would pass read as probabilities
    feedback = check("circles_network", {"circles_network": net})
    assert feedback.status == FAILED and "Remove the last Sigmoid" in feedback.message


def test_a_convnet_whose_scores_overflow_is_told_that_training_diverged():
    import ddn

    net = ddn.Network([ddn.Conv2D.from_kernels(np.ones((2, 1, 3, 3))), ddn.Flatten(),
                       ddn.Dense(np.full((10, 72), 1e308), np.zeros(10))])
    feedback = check("convnet", {"convnet": net})
    assert feedback.status == FAILED and "training diverged" in feedback.message, feedback


@pytest.mark.parametrize("columns, reweighed, passes", [
    ([0, 1, 2], False, True),     # the finances only: parity gap 0.00-0.02 on new applicants
    ([0, 1, 2, 3], True, False),  # reweighed, the group dropped, the postcode kept: 0.08-0.10
])
def test_a_fair_network_is_judged_on_new_applicants_drawn_at_each_check(columns, reweighed,
                                                                          passes):
    """The verdict draws its applicants when it runs, so nothing fitted to the given 2,000 can
    pass by luck; the margins hold whichever applicants are drawn."""
    from ddn import fairness
    from ddn.grading.record import decode, encode
    from ddn.grading.tasks.bias import _fair_verdict

    loans = fairness.loan_data(n=2000, seed=0)
    x, y = loans.x, loans.approved
    if reweighed:
        x, y, _ = fairness.reweigh(x, y, loans.group)
    network = fairness.loan_network(x[:, columns], y, seed=0)
    values = {"fair_columns": columns, "fair_network": decode(encode(network))}
    verdicts = [_fair_verdict(values, np.random.default_rng(seed)) for seed in range(4)]
    assert all(passed == passes for passed, _ in verdicts), verdicts
    if not passes:
        assert len({message for _, message in verdicts}) > 1  # other applicants, other numbers


def test_under_nbgraders_autograder_a_failed_check_cell_fails(monkeypatch):
    """nbgrader counts a test cell as passed unless it raises: a single-task check raises when
    the task is not passed; the whole-exercise summary never does."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="weighted_sum"):
        check("weighted_sum", {})
    namespace = {}
    exec("def weighted_sum(i, w):\n    return float(sum(a * b for a, b in zip(i, w)))", namespace)
    assert check("weighted_sum", namespace).passed
    assert check("02_neuron", {}).passed == 0       # the summary reports, it doesn't raise


@pytest.mark.parametrize("name, namespace, fragment", [
    (3, None, "name should be a task or exercise id"),
    ("weighted_sum", [1, 2], "namespace should be a dict"),
])
def test_check_given_the_wrong_kind_of_argument_says_which(name, namespace, fragment):
    with pytest.raises(TypeError, match=fragment):
        check(name, namespace)


def test_a_gradient_with_nan_in_it_is_named_not_a_checker_fault():
    namespace = {"np": __import__("numpy")}
    exec("def dense_backward(x, weights, grad_out):\n"
         "    return np.full(x.shape, np.nan), grad_out.T @ x, grad_out.sum(axis=0)", namespace)
    feedback = check("dense_backward", namespace)
    assert feedback.status == FAILED and "grad_x contains nan" in feedback.message, feedback
