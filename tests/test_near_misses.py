"""Near misses: almost-right answers a learner would plausibly write, each as real learner code.

Every one must be rejected (never ✓), and with its own hint: the fragment listed next to it,
which names that slip, not just the generic "returned X, but it should be Y". Several of these
were accepted before the cases that separate them were added (a softmax that subtracts the
smallest score, `decide` with `>= 1`, ReLU as np.clip(z, 0, 200), a relu_backward that zeroes
the caller's grad, a final line found with the wrong rate, start, order or loop, a circles
network ending in a second sigmoid).
"""

import pytest

from ddn import check
from ddn.grading.feedback import FAILED
from ddn.grading.tasks import TASKS

PRELUDE = "import math\nimport numpy as np\nimport ddn\nfrom ddn import relu, sigmoid\n"

# What a learner's notebook has defined before the task (the solution's earlier cells).
SETUP = {
    "final_line": """
from ddn.examples.admissions import admissions_data

def perceptron_step(weights, bias, point, label, learning_rate):
    said = 1 if np.dot(weights, point) + bias > 0 else 0
    if said == label:
        return weights, bias
    sign = 1 if label == 1 else -1
    return weights + sign * learning_rate * point, bias + sign * learning_rate

x, y = admissions_data()
""",
    "convnet": """
from ddn import datasets

x_train, y_train, x_test, y_test = datasets.digits()
rng = np.random.default_rng(0)
""",
    "equal_opportunity_gap": """
from ddn.fairness import demographic_parity_gap
""",
    "fair_network": """
from ddn import fairness

loans = fairness.loan_data(n=2000, seed=0)
""",
    "circles_network": """
from ddn.datasets import circles

cx, cy = circles(200, noise=0.1, seed=0)
rng = np.random.default_rng(0)
""",
}


def _trick(start="np.array([-0.5, 1.0]), 0.0", rate="0.1", points="zip(x, y)",
           passes="1000"):
    """The learner's loop for final_line, with one part changed."""
    return f"""
final_weights, final_bias = {start}
for _ in range({passes}):
    changed = False
    for point, label in {points}:
        new_weights, new_bias = perceptron_step(final_weights, final_bias, point, label, {rate})
        changed = changed or new_bias != final_bias
        final_weights, final_bias = new_weights, new_bias
    if not changed:
        break
"""


def _circles(layers, epochs=400, learning_rate=0.5):
    return (f"circles_network = ddn.Network([{layers}])\n"
            f"ddn.train(circles_network, ddn.SigmoidCrossEntropy(), cx, cy, epochs={epochs}, "
            f"learning_rate={learning_rate})\n")


HIDDEN = "ddn.Dense.random(2, 6, rng), ddn.Tanh(), ddn.Dense.random(6, 1, rng)"


def _convolve(total="np.sum(patch * kernel)",
              size="image.shape[0] - kh + 1, image.shape[1] - kw + 1",
              patch="image[i:i + kh, j:j + kw]", before="", shape="kh, kw = kernel.shape"):
    """The learner's convolve with loops, with one part changed."""
    return (f"def convolve(image, kernel):\n{before}    {shape}\n    out_h, out_w = {size}\n"
            f"    out = np.zeros((out_h, out_w))\n    for i in range(out_h):\n"
            f"        for j in range(out_w):\n            patch = {patch}\n"
            f"            out[i, j] = {total}\n    return out")


def _map_size(formula):
    return f"def map_size(size, kernel_size, stride, padding):\n    return {formula}"


def _max_pool(keep="np.max(block)",
              blocks="feature_map.shape[0] // size, feature_map.shape[1] // size",
              block="feature_map[i * size:(i + 1) * size, j * size:(j + 1) * size]"):
    """The learner's max_pool with loops, with one part changed."""
    return ("def max_pool(feature_map, size):\n"
            f"    rows, cols = {blocks}\n    out = np.zeros((rows, cols))\n"
            "    for i in range(rows):\n        for j in range(cols):\n"
            f"            block = {block}\n            out[i, j] = {keep}\n    return out")


CONV_BACKWARD = """def conv_backward(x, weights, grad_out, stride):
    n, c = x.shape[:2]
    f, _, kh, kw = weights.shape
    kernels = weights.reshape(f, -1)
    grad_x = np.zeros(x.shape)
    grad_w = np.zeros(kernels.shape)
    for i in range(grad_out.shape[2]):
        for j in range(grad_out.shape[3]):
            top, left = i * stride, j * stride
            patch = x[:, :, top:top + kh, left:left + kw]
            g = grad_out[:, :, i, j]
            grad_x[:, :, top:top + kh, left:left + kw] += (g @ kernels).reshape(n, c, kh, kw)
            grad_w += g.T @ patch.reshape(n, -1)
    grad_b = grad_out.sum(axis=(0, 2, 3))
    return grad_x, grad_w.reshape(weights.shape), grad_b"""
GRAD_X = "grad_x[:, :, top:top + kh, left:left + kw] += (g @ kernels).reshape(n, c, kh, kw)"
GRAD_W = "grad_w += g.T @ patch.reshape(n, -1)"


def _conv_backward(old, new):
    """The learner's conv_backward (the exercise's solution) with one line changed."""
    assert CONV_BACKWARD.count(old) == 1, old
    return CONV_BACKWARD.replace(old, new)


STRENGTH = "    strength = maps.reshape(len(maps), -1).max(axis=1)\n"


def _strongest(body, strength=STRENGTH):
    return "def strongest_digits(maps, k):\n" + strength + body


def _dead(body):
    return "def dead_filters(maps):\n" + body


def _fgsm(result):
    return f"def fgsm_step(image, gradient, epsilon):\n    return {result}"


DREAM = "np.clip(image + step_size * gradient / size, 0, 1)"


def _dream(result=DREAM, size="np.mean(np.abs(gradient))"):
    return (f"def dream_step(image, gradient, step_size):\n    size = {size}\n"
            f"    return {result}")


def _gram(result, rows="maps.reshape(len(maps), -1)"):
    return f"def gram_matrix(maps):\n    rows = {rows}\n    return {result}"


RATES = ("    rate_0 = decisions[group == 0].mean()\n"
         "    rate_1 = decisions[group == 1].mean()\n")


def _parity(body):
    return "def demographic_parity_gap(decisions, group):\n" + body


def _opportunity(body):
    return "def equal_opportunity_gap(decisions, qualified, group):\n" + body


QUALIFIED = ("    keep = qualified == 1\n"
             "    d, g = decisions[keep], group[keep]\n")


def _fair(columns, x="loans.x", y="loans.approved", before=""):
    return (f"{before}fair_columns = {columns}\n"
            f"fair_network = fairness.loan_network({x}[:, fair_columns], {y}, seed=0)\n")


CONVNET = ("ddn.Conv2D(1, 8, 3, padding=1, seed=rng), ddn.ReLU(), ddn.MaxPool2D(2), "
           "ddn.Flatten(), ddn.Dense.random(8 * 4 * 4, 10, rng)")


def _convnet(layers, x="x_train", epochs=6, learning_rate=0.05, train=True):
    built = f"convnet = ddn.Network([{layers}])\n"
    if not train:
        return built
    return built + (f"ddn.train(convnet, ddn.SoftmaxCrossEntropy(), {x}, y_train, "
                    f"epochs={epochs}, batch_size=32, optimizer=ddn.Momentum({learning_rate}, "
                    "0.9), seed=0)\n")

# task id -> [(what the learner wrote, a fragment of the hint it must get)]
NEAR_MISSES = {
    "weighted_sum": [
        ("def weighted_sum(inputs, weights):\n    total = 0\n"
         "    for i in range(len(inputs) - 1):\n        total += inputs[i] * weights[i]\n"
         "    return total", "stops one input short"),
        ("def weighted_sum(inputs, weights):\n    total = 0\n"
         "    for i in range(1, len(inputs)):\n        total += inputs[i] * weights[i]\n"
         "    return total", "skips the first input"),
        ("def weighted_sum(inputs, weights):\n    total = 0\n"
         "    for x, w in zip(inputs, weights):\n        total = x * w\n    return total",
         "instead of replacing it"),
        ("def weighted_sum(inputs, weights):\n    total = 0\n"
         "    for x, w in zip(inputs, weights):\n        total += x * w\n        return total",
         "the `return` is inside the loop"),
        ("def weighted_sum(inputs, weights):\n"
         "    return np.mean(np.array(inputs) * np.array(weights))", "average of the products"),
        ("def weighted_sum(inputs, weights):\n    return int(np.dot(inputs, weights))",
         "keep the fractional part"),
        ("def weighted_sum(inputs, weights):\n"
         "    return round(sum(x * w for x, w in zip(inputs, weights)))",
         "keep the fractional part"),
        ("def weighted_sum(inputs, weights):\n    return inputs @ weights",
         "`@` works on numpy arrays, not on Python lists"),
        ("def weighted_sum(inputs, weights):\n    return np.sum(inputs * weights)",
         "Lists don't do arithmetic"),
        ("def weighted_sum(inputs, weights):\n    for i in range(len(inputs)):\n"
         "        inputs[i] = inputs[i] * weights[i]\n    return sum(inputs)",
         "also changes `inputs` in place"),
        ("def weighted_sum(inputs, weights):\n"
         "    return [x * w for x, w in zip(inputs, weights)]", "add them up"),
        ("def weighted_sum(inputs, weights):\n"
         "    return sum(x * w for x in inputs for w in weights)",
         "multiply each input by its own weight"),
    ],
    "decide": [
        ("def decide(inputs, weights, bias):\n"
         "    return 1 if np.dot(inputs, weights) + bias >= 1 else 0", "compare the total with 0"),
        ("def decide(inputs, weights, bias):\n"
         "    return 1 if np.dot(inputs, weights) + bias > 0.5 else 0", "compare the total with 0"),
        ("def decide(inputs, weights, bias):\n"
         "    return 1 if np.dot(inputs, weights) + bias >= 0 else 0", "not `>= 0`"),
        ("def decide(inputs, weights, bias):\n    return np.sign(np.dot(inputs, weights) + bias)",
         "'stay home' is 0, not −1"),
        ("def decide(inputs, weights, bias):\n"
         "    return 1 if np.dot(inputs, weights) + bias > 0 else -1", "'stay home' is 0, not −1"),
        ("def decide(inputs, weights, bias):\n"
         "    return 1 if np.dot(inputs, weights) + bias < 0 else 0", "the other way round"),
        ("def decide(inputs, weights, bias):\n"
         "    return 1 if np.dot(inputs, weights) - bias > 0 else 0", "already negative"),
        ("def decide(inputs, weights, bias):\n    return 1 if np.dot(inputs, weights) > 0 else 0",
         "remember the bias"),
        ("def decide(inputs, weights, bias):\n    return np.dot(inputs, weights) + bias",
         "not the sum itself"),
        ("def decide(inputs, weights, bias):\n    total = bias\n"
         "    for i in range(len(inputs) - 1):\n        total += inputs[i] * weights[i]\n"
         "    return 1 if total > 0 else 0", "leaves out the last input"),
    ],
    "grades_needed": [
        ("def grades_needed(test_score):\n    return int(18 - 2 * test_score)",
         "keep the fractional part"),
        ("def grades_needed(test_score):\n    return round(18 - 2 * test_score)",
         "keep the fractional part"),
        ("def grades_needed(test_score):\n    return max(0, 18 - 2 * test_score)",
         "don't clip the answer"),
        ("def grades_needed(test_score):\n    return np.clip(18 - 2 * test_score, 0, 10)",
         "don't clip the answer"),
        ("def grades_needed(test_score):\n    return 9 - test_score", "that is half of it"),
        ("def grades_needed(test_score):\n    return (18 - test_score) / 2",
         "solves for the test score"),
        ("def grades_needed(test_score):\n    return 18 - test_score", "has weight 2"),
        ("def grades_needed(test_score):\n    return 2 * test_score - 18", "check the signs"),
    ],
    "friend_neuron": [
        ("friend_weights = [0, 3, 2, 0]\nfriend_bias = 13.5", "Is the bias negative"),
        ("friend_weights = [0, 3, 2, 0]\nfriend_bias = -1", "not negative enough"),
        ("friend_weights = [0, 3, 2, 0]\nfriend_bias = -50", "too negative"),
        ("friend_weights = [4, 2, 2, 1]\nfriend_bias = -25", "Which factors"),
        ("friend_weights = [0, 3, 2, 0]\nfriend_bias = [-13.5]",
         "friend_bias should be one number, but it is [-13.5]"),
        ("friend_weights = [0, 3, 2, 0, -13.5]\nfriend_bias = 0", "should be 4 numbers"),
    ],
    "step": [
        ("def step(z):\n    return np.where(z >= 0, 1.0, 0.0)", "not z >= 0"),
        ("def step(z):\n    return np.sign(z)", "not −1"),
        ("def step(z):\n    return np.heaviside(z, 0.5)", "not 0.5"),
        ("def step(z):\n    return np.clip(z, 0, 1)", "np.clip(z, 0, 1) keeps values"),
        ("def step(z):\n    return 1.0 if z > 0 else 0.0", "work on the whole array at once"),
        ("def step(z):\n    z[z > 0] = 1\n    z[z <= 0] = 0\n    return z",
         "also changes `z` in place"),
        ("def step(z):\n    return np.maximum(z, 0)", "looks like ReLU"),
    ],
    "sigmoid": [
        ("def sigmoid(z):\n    return 1 / (1 + np.exp(z))", "sigmoid(−z)"),
        ("def sigmoid(z):\n    return 1 / (1 - np.exp(-z))", "with a plus"),
        ("def sigmoid(z):\n    return np.exp(z) / (1 + np.exp(z))", "inf / inf is nan"),
        ("def sigmoid(z):\n    e = np.exp(-np.abs(z))\n    return 1 / (1 + e)",
         "the sigmoid of |z|"),
        ("def sigmoid(z):\n    return 1 / (1 + 2.718 ** (-z))", "2.718281828"),
        ("def sigmoid(z):\n    return np.array([1 / (1 + math.exp(-v)) for v in z])",
         "math.exp(-z) overflows for z = −1000"),
        ("def sigmoid(z):\n    return 1 / (1 + math.exp(-z))", "take one number at a time"),
        ("def sigmoid(z):\n    z *= -1\n    return 1 / (1 + np.exp(z))",
         "also changes `z` in place"),
        ("def sigmoid(z):\n    return np.round(1 / (1 + np.exp(-z)), 3)",
         "rounded to 3 decimal places"),
    ],
    "relu": [
        ("def relu(z):\n    return np.clip(z, 0, 200)", "ReLU has no ceiling"),
        ("def relu(z):\n    return np.clip(z, 0, 1000)", "ReLU has no ceiling"),
        ("def relu(z):\n    return np.minimum(z, 0)", "np.minimum keeps the smaller value"),
        ("def relu(z):\n    return np.maximum(z, 0.01 * z)", "leaky ReLU"),
        ("def relu(z):\n    return np.where(z > 0, z, 0.1 * z)", "leaky ReLU"),
        ("def relu(z):\n    return np.max(z, 0)", "gives the largest value along an axis"),
        ("def relu(z):\n    return np.abs(z)", "abs(z)"),
        ("def relu(z):\n    return (z > 0) * 1.0", "that is the step"),
        ("def relu(z):\n    z[z < 0] = 0\n    return z", "also changes `z` in place"),
        ("def relu(z):\n    return max(z, 0)", "work on the whole array at once"),
    ],
    "sigmoid_derivative": [
        ("def sigmoid_derivative(z):\n    return np.exp(-z) / (1 + np.exp(-z)) ** 2",
         "inf / inf is nan"),
        ("def sigmoid_derivative(z):\n    return z * (1 - z)", "apply the sigmoid first"),
        ("def sigmoid_derivative(z):\n    return sigmoid(z)", "that is the sigmoid itself"),
        ("def sigmoid_derivative(z):\n    s = sigmoid(z)\n    return s * (1 + s)",
         "with a minus"),
        ("def sigmoid_derivative(z):\n    return 1 - sigmoid(z)", "only (1 − s)"),
        ("def sigmoid_derivative(z):\n    s = sigmoid(z)\n    return 1 - s ** 2",
         "tanh's slope"),
        ("def sigmoid_derivative(z):\n    return sigmoid(z) * (1 - z)", "not s·(1 − z)"),
        ("def sigmoid_derivative(z):\n    s = sigmoid(z)\n    return s * 1 - s", "brackets"),
        ("def sigmoid_derivative(z):\n"
         "    s = np.array([1 / (1 + math.exp(-v)) for v in z])\n    return s * (1 - s)",
         "math.exp overflows at z = ±1000"),
    ],
    "collapse": [
        ("def collapse(W1, b1, W2, b2):\n    return W1 @ W2, W2 @ b1 + b2", "W = W2 @ W1"),
        ("def collapse(W1, b1, W2, b2):\n    return W2 @ W1, b1 + b2", "passes through W2"),
        ("def collapse(W1, b1, W2, b2):\n    return W2 @ W1, W2 @ b1",
         "second layer's own bias"),
        ("def collapse(W1, b1, W2, b2):\n    return W2 @ W1, b1 @ W2 + b2", "b = W2 @ b1 + b2"),
        ("def collapse(W1, b1, W2, b2):\n    return W2 * W1, W2 * b1 + b2",
         "combine the matrices with @"),
    ],
    "dense_forward": [
        ("def dense_forward(x, weights, bias):\n    return x @ weights + bias",
         "row of weights is one neuron"),
        ("def dense_forward(x, weights, bias):\n    return weights @ x", "add the bias"),
        ("def dense_forward(x, weights, bias):\n    return weights @ x - bias",
         "don't subtract it"),
        ("def dense_forward(x, weights, bias):\n    return np.maximum(weights @ x + bias, 0)",
         "no activation yet"),
        ("def dense_forward(x, weights, bias):\n"
         "    return np.array([weights[i] @ x + bias[i] for i in range(len(weights) - 1)])",
         "the last neuron is missing"),
        ("def dense_forward(x, weights, bias):\n"
         "    return np.array([weights[i] @ x + bias[i] for i in range(1, len(weights))])",
         "the first neuron is missing"),
        ("def dense_forward(x, weights, bias):\n    return (weights * x).sum(axis=0) + bias",
         "(weights * x).sum(axis=1)"),
        ("def dense_forward(x, weights, bias):\n    bias += weights @ x\n    return bias",
         "also changes `bias` in place"),
    ],
    "driving_test": [
        ("def driving_test(age, sex, lessons):\n"
         "    parking = 5 * age + 0.5 * sex + 5 * lessons - 200\n"
         "    road = 4 * age - 0.5 * sex + 10 * lessons - 220\n"
         "    return parking, road, sigmoid(0.01 * parking + 0.025 * road - 3)",
         "apply ReLU to their whole sum"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = 4 * age - 0.5 * sex + 10 * lessons - 220\n"
         "    return parking, road, sigmoid(0.01 * parking + 0.025 * road - 3)",
         "parking and road alike"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = relu(4 * age - 0.5 * sex + 10 * lessons - 220)\n"
         "    return parking, road, 100 * sigmoid(0.01 * parking + 0.025 * road - 3)",
         "not as a percentage"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = relu(4 * age - 0.5 * sex + 10 * lessons - 220)\n"
         "    return parking, road, 0.01 * parking + 0.025 * road - 3", "uses a sigmoid"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = relu(4 * age - 0.5 * sex + 10 * lessons - 220)\n"
         "    return parking, road, relu(0.01 * parking + 0.025 * road - 3)", "not ReLU"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = sigmoid(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = sigmoid(4 * age - 0.5 * sex + 10 * lessons - 220)\n"
         "    return parking, road, sigmoid(0.01 * parking + 0.025 * road - 3)",
         "hidden neurons use ReLU"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = relu(4 * age - 0.5 * sex + 10 * lessons - 220)\n"
         "    return parking, road, sigmoid(0.025 * parking + 0.01 * road - 3)",
         "parking has weight 0.01"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = relu(4 * age - 0.5 * sex + 10 * lessons - 220)\n"
         "    return parking, road, sigmoid(0.01 * parking + 0.025 * road)",
         "the output neuron's bias"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = relu(4 * age + 0.5 * sex + 10 * lessons - 220)\n"
         "    return parking, road, sigmoid(0.01 * parking + 0.025 * road - 3)",
         "the sign of sex in road"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = relu(4 * age - 0.5 * sex + 10 * lessons - 220)\n"
         "    return parking, road, sigmoid(0.01 * parking + 0.025 * road - 3) > 0.5",
         "not the decision"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = relu(4 * age - 0.5 * sex + 10 * lessons - 220)\n"
         "    return parking, road, round(sigmoid(0.01 * parking + 0.025 * road - 3), 2)",
         "rounded to 2 decimal places"),
        ("def driving_test(age, sex, lessons):\n"
         "    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)\n"
         "    road = relu(4 * age - 0.5 * sex + 10 * lessons - 220)\n"
         "    return parking, road", "It should be 3 values, but it has 2"),
    ],
    "softmax": [
        ("def softmax(z):\n    e = np.exp(z - np.min(z))\n    return e / e.sum()",
         "not the smallest"),
        ("def softmax(z):\n    e = np.exp(z - np.mean(z))\n    return e / e.sum()",
         "not the mean"),
        ("def softmax(z):\n    e = np.exp(z - z[0])\n    return e / e.sum()",
         "not the first one"),
        ("def softmax(z):\n    return np.exp(z - np.max(z))", "divide by the sum"),
        ("def softmax(z):\n    return np.exp(z)", "divide by the sum"),
        ("def softmax(z):\n    return np.exp(z) / np.sum(np.exp(z))",
         "subtract the largest score from every score first"),
        ("def softmax(z):\n    return np.exp(z - np.max(z)) / np.sum(np.exp(z))",
         "in the sum too"),
        ("def softmax(z):\n    return 1 / (1 + np.exp(-z))", "the sigmoid of each score"),
        ("def softmax(z):\n    e = np.exp(z - np.max(z))\n    return 100 * e / e.sum()",
         "not percentages"),
        ("def softmax(z):\n    e = [math.exp(v) for v in z]\n    return np.array(e) / sum(e)",
         "math.exp(1000) is too big"),
        ("def softmax(z):\n    z -= np.max(z)\n    e = np.exp(z)\n    return e / e.sum()",
         "also changes `z` in place"),
        ("def softmax(z):\n    return z / z.sum()", "exponentiate first"),
    ],
    "count_parameters": [
        ("def count_parameters(layer_sizes):\n    total = 0\n"
         "    for i in range(len(layer_sizes) - 2):\n"
         "        total += layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1]\n"
         "    return total", "stops one layer short"),
        ("def count_parameters(layer_sizes):\n    total = 0\n"
         "    for i in range(1, len(layer_sizes) - 1):\n"
         "        total += layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1]\n"
         "    return total", "skips the first pair of layers"),
        ("def count_parameters(layer_sizes):\n    total = 0\n"
         "    for i in range(len(layer_sizes)):\n"
         "        total += layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1]\n"
         "    return total", "An index ran past the end"),
        ("def count_parameters(layer_sizes):\n    weights = sum(a * b for a, b in "
         "zip(layer_sizes[:-1], layer_sizes[1:]))\n    return weights + sum(layer_sizes)",
         "in the layers after the first only"),
        ("def count_parameters(layer_sizes):\n    return np.prod(layer_sizes)", "pair by pair"),
        ("def count_parameters(layer_sizes):\n"
         "    return sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))",
         "also has a bias"),
        ("def count_parameters(layer_sizes):\n    return sum(layer_sizes)", "that counts neurons"),
        ("def count_parameters(layer_sizes):\n"
         "    return sum(a * b + a for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))",
         "inputs × neurons weights"),
        ("def count_parameters(layer_sizes):\n    total = 0\n    while len(layer_sizes) > 1:\n"
         "        n_in = layer_sizes.pop(0)\n        total += n_in * layer_sizes[0] + "
         "layer_sizes[0]\n    return total", "change the caller's list"),
    ],
    "mse": [
        ("def mse(predictions, targets):\n"
         "    return np.sum((predictions - targets) ** 2)", "(the 1/N)"),
        ("def mse(predictions, targets):\n    return np.mean(predictions - targets)",
         "square the differences"),
        ("def mse(predictions, targets):\n    return np.mean(np.abs(predictions - targets))",
         "absolute differences"),
        ("def mse(predictions, targets):\n"
         "    return np.sqrt(np.mean((predictions - targets) ** 2))", "no square root"),
        ("def mse(predictions, targets):\n"
         "    return np.mean((predictions - targets) ** 2) / 2", "half the mean"),
        ("def mse(predictions, targets):\n    total = 0\n"
         "    for i in range(len(predictions) - 1):\n"
         "        total += (predictions[i] - targets[i]) ** 2\n"
         "    return total / len(predictions)", "stops one point short"),
        ("def mse(predictions, targets):\n    total = 0\n"
         "    for i in range(1, len(predictions)):\n"
         "        total += (predictions[i] - targets[i]) ** 2\n"
         "    return total / len(predictions)", "skips the first point"),
        ("def mse(predictions, targets):\n    total = 0.0\n"
         "    for p, t in zip(predictions, targets):\n        total += float(p - t) ** 2\n"
         "    return total / (len(predictions) - 1)", "not N − 1"),
        ("def mse(predictions, targets):\n"
         "    return np.sum((predictions - targets) ** 2) / (len(predictions) - 1)",
         "not N − 1"),
        ("def mse(predictions, targets):\n    return np.mean(predictions - targets) ** 2",
         "square each difference first"),
        ("def mse(predictions, targets):\n    return np.mean((predictions - targets) * 2)",
         "`** 2` squares"),
        ("def mse(predictions, targets):\n    return (predictions - targets) ** 2",
         "average the squares into one number"),
        ("def mse(predictions, targets):\n    return np.var(predictions - targets)",
         "np.var measures the spread"),
        ("def mse(predictions, targets):\n    total = 0\n"
         "    for p, t in zip(predictions, targets):\n        total = (p - t) ** 2\n"
         "    return total / len(predictions)", "instead of replacing it"),
        ("def mse(predictions, targets):\n    predictions -= targets\n"
         "    return np.mean(predictions ** 2)", "also changes `predictions` in place"),
    ],
    "cross_entropy": [
        ("def cross_entropy(probabilities, label):\n    return np.log(probabilities[label])",
         "with the minus sign"),
        ("def cross_entropy(probabilities, label):\n    return -np.log10(probabilities[label])",
         "not log base 10"),
        ("def cross_entropy(probabilities, label):\n    return -np.log2(probabilities[label])",
         "not log base 2"),
        ("def cross_entropy(probabilities, label):\n    return -np.log(max(probabilities))",
         "*correct* label"),
        ("def cross_entropy(probabilities, label):\n"
         "    return -np.log(1 - probabilities[label])", "−log(1 − p)"),
        ("def cross_entropy(probabilities, label):\n"
         "    return -np.log(probabilities[1 - label])", "the other class's probability"),
        ("def cross_entropy(probabilities, label):\n    return -np.sum(np.log(probabilities))",
         "not the sum of −log over every class"),
        ("def cross_entropy(probabilities, label):\n"
         "    return -np.log(probabilities[label]) / len(probabilities)",
         "don't divide by the number of classes"),
        ("def cross_entropy(probabilities, label):\n    return 1 - probabilities[label]",
         "take the logarithm"),
        ("def cross_entropy(probabilities, label):\n    p = probabilities[label]\n"
         "    return -p * np.log(p)", "without the extra factor p"),
        ("def cross_entropy(probabilities, label):\n    return -np.log(probabilities)",
         "takes the log of every probability"),
    ],
    "average_cross_entropy": [
        ("def average_cross_entropy(probabilities, labels):\n"
         "    picked = probabilities[np.arange(len(labels)), labels]\n"
         "    return np.sum(-np.log(picked))", "the average over the photos"),
        ("def average_cross_entropy(probabilities, labels):\n"
         "    return np.mean(-np.log(probabilities[labels]))", "picks whole rows"),
        ("def average_cross_entropy(probabilities, labels):\n"
         "    picked = probabilities[np.arange(len(labels)), labels]\n"
         "    return np.mean(np.log(picked))", "keep the minus sign"),
        ("def average_cross_entropy(probabilities, labels):\n    total = 0\n"
         "    for i in range(len(labels) - 1):\n"
         "        total += -np.log(probabilities[i, labels[i]])\n    return total / len(labels)",
         "stops one photo short"),
        ("def average_cross_entropy(probabilities, labels):\n    total = 0\n"
         "    for i in range(1, len(labels)):\n"
         "        total += -np.log(probabilities[i, labels[i]])\n    return total / len(labels)",
         "skips the first photo"),
        ("def average_cross_entropy(probabilities, labels):\n"
         "    picked = probabilities[np.arange(len(labels)), labels]\n"
         "    return np.sum(-np.log(picked)) / probabilities.shape[1]",
         "not the number of classes"),
        ("def average_cross_entropy(probabilities, labels):\n"
         "    return np.mean(-np.log(probabilities))", "every probability in the table"),
        ("def average_cross_entropy(probabilities, labels):\n"
         "    picked = probabilities[np.arange(len(labels)), labels]\n"
         "    return -np.log(np.mean(picked))", "not −log of the mean"),
        ("def average_cross_entropy(probabilities, labels):\n"
         "    return np.mean(-np.log(probabilities[:, labels]))", "a square table"),
        ("def average_cross_entropy(probabilities, labels):\n"
         "    return np.mean(-np.log(probabilities.max(axis=1)))", "not its largest one"),
        ("def average_cross_entropy(probabilities, labels):\n    total = 0\n"
         "    for i in range(len(labels) + 1):\n"
         "        total += -np.log(probabilities[i, labels[i]])\n    return total / len(labels)",
         "a loop goes one photo too far"),
    ],
    "one_hot": [
        ("def one_hot(label, n_classes):\n    target = np.zeros(n_classes)\n"
         "    target[label - 1] = 1.0\n    return target",
         "label 8 of 10 puts its 1 at position 8"),
        ("def one_hot(label, n_classes):\n    target = np.zeros(n_classes)\n"
         "    target[(label + 1) % n_classes] = 1.0\n    return target",
         "label 0 puts its 1 in the first place"),
        ("def one_hot(label, n_classes):\n    target = np.zeros(label + 1)\n"
         "    target[label] = 1.0\n    return target", "one entry per class"),
        ("def one_hot(label, n_classes):\n    target = np.ones(n_classes)\n"
         "    target[label] = 0.0\n    return target", "the other way round"),
        ("def one_hot(label, n_classes):\n    target = np.zeros(n_classes)\n"
         "    target[-label - 1] = 1.0\n    return target", "count positions from the left"),
        ("def one_hot(label, n_classes):\n    target = np.zeros(n_classes - 1)\n"
         "    target[label] = 1.0\n    return target", "An index ran past the end"),
    ],
    "gradient_step": [
        ("def gradient_step(w, gradient, learning_rate):\n"
         "    return w + learning_rate * gradient", "step against it"),
        ("def gradient_step(w, gradient, learning_rate):\n    return w - gradient",
         "scale the step by the learning rate"),
        ("def gradient_step(w, gradient, learning_rate):\n    return -learning_rate * gradient",
         "return the new weights"),
        ("def gradient_step(w, gradient, learning_rate):\n    return w - gradient / learning_rate",
         "don't divide"),
        ("def gradient_step(w, gradient, learning_rate):\n    return w - learning_rate * w",
         "not w − rate·w"),
        ("def gradient_step(w, gradient, learning_rate):\n"
         "    return learning_rate * (w - gradient)", "scales the gradient only"),
        ("def gradient_step(w, gradient, learning_rate):\n    w -= learning_rate * gradient\n"
         "    return w", "writes into the caller's w"),
    ],
    "bowl_gradient": [
        ("def bowl_gradient(w1, w2):\n    return w1, 3 * w2", "don't forget the 2"),
        ("def bowl_gradient(w1, w2):\n    return w1 ** 2, 3 * w2 ** 2", "the loss's parts"),
        ("def bowl_gradient(w1, w2):\n    return 6 * w2, 2 * w1", "in that order"),
        ("def bowl_gradient(w1, w2):\n    return 6 * w1, 6 * w2", "multiplies w2² only"),
        ("def bowl_gradient(w1, w2):\n    return 2 * w1, 3 * w2",
         "the 2 from the square multiplies the 3"),
        ("def bowl_gradient(w1, w2):\n    return 2 * w1, 2 * w2", "the 3 stays"),
        ("def bowl_gradient(w1, w2):\n    return 2 * w1 + 6 * w2", "not their sum"),
        ("def bowl_gradient(w1, w2):\n    return -2 * w1, -6 * w2", "points uphill, with a plus"),
    ],
    "max_learning_rate": [
        ("def max_learning_rate(curvature):\n    return 1 / curvature", "up to twice that"),
        ("def max_learning_rate(curvature):\n    return 2 * curvature", "*smaller* steps"),
        ("def max_learning_rate(curvature):\n    return curvature / 2", "not curvature / 2"),
        ("def max_learning_rate(curvature):\n    return 1.99 / curvature",
         "without a safety margin"),
        ("def max_learning_rate(curvature):\n    return 0.95 * 2 / curvature",
         "without a safety margin"),
    ],
    "ravine_learning_rate": [
        ("ravine_learning_rate = 0.5", "diverges"),
        ("ravine_learning_rate = 0.01", "too small"),
        ("ravine_learning_rate = 2 / 15", "bouncing"),
        ("ravine_learning_rate = '0.1'", "one positive number"),
        ("ravine_learning_rate = -0.1", "one positive number"),
        ("ravine_learning_rate = [0.1]", "one positive number, but it is [0.1]"),
    ],
    "relu_backward": [
        ("def relu_backward(z, grad):\n    grad[z <= 0] = 0\n    return grad",
         "other layers may share that gradient"),
        ("def relu_backward(z, grad):\n    grad *= z > 0\n    return grad",
         "other layers may share that gradient"),
        ("def relu_backward(z, grad):\n    return (z > 0) * 1.0", "multiply by the gradient"),
        ("def relu_backward(z, grad):\n    return grad * np.maximum(z, 0)", "1 or 0, not z"),
        ("def relu_backward(z, grad):\n    return grad * (z >= 0)", "counts as 0"),
        ("def relu_backward(z, grad):\n    return grad * (z < 0)", "the other way round"),
        ("def relu_backward(z, grad):\n    return grad * (grad > 0)", "not on grad"),
        ("def relu_backward(z, grad):\n    return np.maximum(grad, 0)", "not on grad"),
    ],
    "sigmoid_backward": [
        ("def sigmoid_backward(z, grad):\n    s = sigmoid(z)\n    return s * (1 - s)",
         "multiply by the gradient"),
        ("def sigmoid_backward(z, grad):\n    s = sigmoid(grad)\n    return s * (1 - s)",
         "apply the sigmoid to z"),
        ("def sigmoid_backward(z, grad):\n    return grad * sigmoid(z)", "not s"),
        ("def sigmoid_backward(z, grad):\n    return grad * np.exp(-z) / (1 + np.exp(-z)) ** 2",
         "inf / inf is nan"),
        ("def sigmoid_backward(z, grad):\n    return grad * z * (1 - z)",
         "z·(1 − z) is not the slope"),
        ("def sigmoid_backward(z, grad):\n    return grad * (1 - sigmoid(z))",
         "you used only (1 − s)"),
        ("def sigmoid_backward(z, grad):\n    s = sigmoid(z)\n    return grad * s * (1 + s)",
         "with a minus"),
        ("def sigmoid_backward(z, grad):\n    s = sigmoid(z)\n    return grad * s * 1 - s",
         "brackets"),
        ("def sigmoid_backward(z, grad):\n"
         "    s = np.array([[1 / (1 + math.exp(-v)) for v in row] for row in z])\n"
         "    return grad * s * (1 - s)", "math.exp overflows at z = ±800"),
        ("def sigmoid_backward(z, grad):\n    s = sigmoid(z)\n    grad *= s * (1 - s)\n"
         "    return grad", "also changes `grad` in place"),
    ],
    "dense_backward": [
        ("def dense_backward(x, weights, grad_out):\n"
         "    return grad_out @ weights, x.T @ grad_out, grad_out.sum(axis=0)",
         "grad_w is transposed"),
        ("def dense_backward(x, weights, grad_out):\n    grad_w = np.zeros_like(weights)\n"
         "    grad_b = np.zeros(len(weights))\n    for g, row in zip(grad_out, x):\n"
         "        grad_w = np.outer(g, row)\n        grad_b += g\n"
         "    return grad_out @ weights, grad_w, grad_b", "don't overwrite it (=)"),
        ("def dense_backward(x, weights, grad_out):\n"
         "    return grad_out @ weights, grad_out.T @ x, grad_out.mean(axis=0)",
         "sum over the batch, don't average"),
        ("def dense_backward(x, weights, grad_out):\n"
         "    return grad_out @ weights, grad_out.T @ x / len(x), grad_out.sum(axis=0)",
         "don't average over the batch"),
        ("def dense_backward(x, weights, grad_out):\n"
         "    return -grad_out @ weights, grad_out.T @ x, grad_out.sum(axis=0)",
         "check the sign"),
        ("def dense_backward(x, weights, grad_out):\n    grad_w = np.zeros_like(weights)\n"
         "    grad_b = np.zeros(len(weights))\n    for i in range(len(x) - 1):\n"
         "        grad_w += np.outer(grad_out[i], x[i])\n        grad_b += grad_out[i]\n"
         "    return grad_out @ weights, grad_w, grad_b", "stops one example short"),
        ("def dense_backward(x, weights, grad_out):\n    grad_w = np.zeros_like(weights)\n"
         "    grad_b = np.zeros(len(weights))\n    for i in range(1, len(x)):\n"
         "        grad_w += np.outer(grad_out[i], x[i])\n        grad_b += grad_out[i]\n"
         "    return grad_out @ weights, grad_w, grad_b", "skips the first example"),
        ("def dense_backward(x, weights, grad_out):\n"
         "    return grad_out @ weights, grad_out.T @ x, grad_out.sum(axis=1)",
         "not over the neurons (axis=1)"),
        ("def dense_backward(x, weights, grad_out):\n"
         "    return grad_out @ weights, grad_out.T @ x, grad_out",
         "still has one row per example"),
        ("def dense_backward(x, weights, grad_out):\n"
         "    return grad_out @ weights, grad_out.T @ x, grad_out.sum()",
         "adds up everything"),
    ],
    "perceptron_step": [
        ("def perceptron_step(weights, bias, point, label, learning_rate):\n"
         "    said = 1 if np.dot(weights, point) + bias > 0 else 0\n"
         "    if said == label:\n        return weights, bias\n"
         "    return weights + learning_rate * point, bias + learning_rate", "move *away*"),
        ("def perceptron_step(weights, bias, point, label, learning_rate):\n"
         "    said = 1 if np.dot(weights, point) + bias > 0 else 0\n"
         "    if said == label:\n        return weights, bias\n"
         "    sign = 1 if label == 1 else -1\n"
         "    return weights + sign * learning_rate * point, bias", "move the bias too"),
        ("def perceptron_step(weights, bias, point, label, learning_rate):\n"
         "    sign = 1 if label == 1 else -1\n"
         "    return weights + sign * learning_rate * point, bias + sign * learning_rate",
         "only misclassified"),
        ("def perceptron_step(weights, bias, point, label, learning_rate):\n"
         "    said = 1 if np.dot(weights, point) + bias > 0 else 0\n"
         "    if said == label:\n        return weights, bias\n"
         "    sign = 1 if label == 1 else -1\n    return weights + sign * point, bias + sign",
         "scale the move by the learning rate"),
        ("def perceptron_step(weights, bias, point, label, learning_rate):\n"
         "    said = 1 if np.dot(weights, point) + bias >= 0 else 0\n"
         "    if said == label:\n        return weights, bias\n"
         "    sign = 1 if label == 1 else -1\n"
         "    return weights + sign * learning_rate * point, bias + sign * learning_rate",
         "not >= 0"),
        ("def perceptron_step(weights, bias, point, label, learning_rate):\n"
         "    said = 1 if np.dot(weights, point) + bias > 0 else 0\n"
         "    if said == label:\n        return weights, bias\n"
         "    sign = 1 if label == 0 else -1\n"
         "    return weights + sign * learning_rate * point, bias + sign * learning_rate",
         "the wrong way round"),
        ("def perceptron_step(weights, bias, point, label, learning_rate):\n"
         "    said = 1 if np.dot(weights, point) + bias > 0 else 0\n"
         "    if said == label:\n        return weights, bias\n"
         "    sign = 1 if label == 1 else -1\n"
         "    return weights + sign * learning_rate * point, bias + sign",
         "scale the bias's move by the learning rate"),
        ("def perceptron_step(weights, bias, point, label, learning_rate):\n"
         "    said = 1 if np.dot(weights, point) + bias > 0 else 0\n"
         "    if said != label:\n        sign = 1 if label == 1 else -1\n"
         "        weights += sign * learning_rate * point\n"
         "        bias += sign * learning_rate\n    return weights, bias",
         "writes into the caller's weights"),
    ],
    "final_line": [
        (_trick(rate="1.0"), "learning rate of 1.0"),
        (_trick(start="np.zeros(2), 0.0"), "starts from zeros"),
        (_trick(points="zip(x[::-1], y[::-1])"), "backwards"),
        (_trick(points="((x[i], y[i]) for i in range(len(x) - 1))"),
         "stops one applicant short"),
        (_trick(points="((x[i], y[i]) for i in range(1, len(x)))"),
         "skips the first applicant"),
        (_trick(passes="1"), "after 1 pass, but it needs 16"),
        (_trick(passes="10"), "after 10 passes, but it needs 16"),
        ("final_weights, final_bias = np.array([2.0, 1.0]), -18.0",
         "not the line this procedure ends at"),
        ("final_weights, final_bias = np.array([-0.5, 1.0]), 0.0\n"
         "for point, label in zip(x, y):\n"
         "    perceptron_step(final_weights, final_bias, point, label, 0.1)",
         "store what it returns"),
    ],
    "circles_network": [
        # trained long enough that its sigmoid outputs sort 98% of fresh points at 0.5
        (_circles(HIDDEN + ", ddn.Sigmoid()", epochs=1000, learning_rate=2.0),
         "Remove the last Sigmoid"),
        (_circles(HIDDEN + ", ddn.Sigmoid()"), "the sigmoid is applied twice"),
        (_circles("ddn.Dense.random(2, 1, rng)"), "without hidden neurons"),
        (_circles(HIDDEN.replace("ddn.Tanh()", "ddn.layers.Activation('linear')")), "'linear'"),
        (_circles(HIDDEN, epochs=3), "for more epochs"),
        (f"circles_network = [{HIDDEN}]", "wrap it in a network"),
        (_circles("ddn.Dense.random(2, 6, rng), ddn.Tanh(), ddn.Dense.random(6, 2, rng)")
         .split("\nddn.train")[0], "give 1 output"),
    ],
    "convolve": [
        (_convolve(total="np.sum(patch * kernel[::-1, ::-1])"), "turned round (flipped)"),
        (_convolve(total="np.sum(patch * np.flip(kernel))"), "turned round (flipped)"),
        ("def convolve(image, kernel):\n    return ddn.convolve(image, kernel[::-1, ::-1])",
         "turned round (flipped)"),
        (_convolve(size="image.shape[0] - kh, image.shape[1] - kw"), "stop one position short"),
        (_convolve(size="image.shape[0] - kh + 1, image.shape[1] - kw"),
         "stop one position short"),
        (_convolve(before="    image = np.pad(image, 1)\n"), "no padding here"),
        (_convolve(before="    image = np.pad(image, [(kernel.shape[0] // 2,) * 2, "
                          "(kernel.shape[1] // 2,) * 2])\n"), "no padding here"),
        (_convolve(patch="image[j:j + kh, i:i + kw]"), "rows and columns are swapped"),
        (_convolve(total="np.mean(patch * kernel)"), "don't average them"),
        (_convolve(total="np.sum(patch @ kernel)"), "`@` is the matrix product"),
        (_convolve(total="patch * kernel"), "add up the products, np.sum(patch * kernel)"),
        (_convolve(size="image.shape"), "never cut short"),
        (_convolve(shape="kw, kh = kernel.shape"), "(rows, then columns)"),
    ],
    "map_size": [
        (_map_size("(size + 2 * padding - kernel_size) // stride"), "add 1"),
        (_map_size("(size + padding - kernel_size) // stride + 1"), "on both sides"),
        (_map_size("(size + 2 * padding - kernel_size) / stride + 1"), "round the division down"),
        (_map_size("math.ceil((size + 2 * padding - kernel_size) / stride) + 1"),
         "round the division down"),
        (_map_size("round((size + 2 * padding - kernel_size) / stride) + 1"),
         "round the division down"),
        (_map_size("(size - kernel_size) // stride + 1"), "padding is missing"),
        (_map_size("size + 2 * padding - kernel_size + 1"), "stride is missing"),
        (_map_size("(size - 2 * padding - kernel_size) // stride + 1"), "not smaller"),
        (_map_size("(size + 2 * padding - kernel_size + 1) // stride"), "add the 1 after dividing"),
        (_map_size("size + 2 * padding - kernel_size // stride + 1"), "brackets"),
    ],
    "max_pool": [
        (_max_pool(keep="np.mean(block)"), "average pooling"),
        (_max_pool(keep="np.sum(block)"), "doesn't add them up"),
        (_max_pool(blocks="feature_map.shape[0] - size + 1, feature_map.shape[1] - size + 1",
                   block="feature_map[i:i + size, j:j + size]"), "the blocks overlap"),
        (_max_pool(blocks="math.ceil(feature_map.shape[0] / size), "
                          "math.ceil(feature_map.shape[1] / size)"),
         "beyond the last whole block"),
        (_max_pool(blocks="feature_map.shape[0] // size - 1, feature_map.shape[1] // size - 1"),
         "one block short"),
        (_max_pool(keep="max(0, *block.ravel())"), "negative maximum"),
        ("def max_pool(feature_map, size):\n    return np.max(feature_map)",
         "not one for the whole map"),
        (_max_pool(block="feature_map[j * size:(j + 1) * size, i * size:(i + 1) * size]"),
         "came out empty"),
        ("def max_pool(feature_map, size):\n    h, w = feature_map.shape\n"
         "    return feature_map.reshape(h // size, size, w // size, size).max(axis=(1, 3))",
         "whole blocks only"),
    ],
    "conv_backward": [
        (_conv_backward("kernels = weights.reshape(f, -1)",
                        "kernels = weights[:, :, ::-1, ::-1].reshape(f, -1)"), "turned round"),
        (_conv_backward(GRAD_X, "for k in range(f):\n"
                                "                share = np.outer(g[:, k], kernels[k])"
                                ".reshape(n, c, kh, kw)\n"
                                "            grad_x[:, :, top:top + kh, left:left + kw] += share"),
         "only the last filter (output channel) counts"),
        (_conv_backward("top, left = i * stride, j * stride", "top, left = i, j"),
         "the stride is forgotten"),
        (_conv_backward(GRAD_X, GRAD_X.replace("+=", "=")), "don't overwrite it (=)"),
        (_conv_backward(GRAD_X, GRAD_X.replace("+=", "-=")), "check the sign"),
        (_conv_backward(GRAD_W, "for e in range(n):\n"
                                "                share = np.outer(g[e], patch[e].ravel())\n"
                                "            grad_w += share"),
         "only the last example counts"),
        (_conv_backward(GRAD_W, GRAD_W + " / n"), "sum over the batch, don't average"),
        (_conv_backward(GRAD_W, GRAD_W.replace("+=", "=")), "only the last position counts"),
        (_conv_backward("grad_out.sum(axis=(0, 2, 3))", "grad_out.mean(axis=(0, 2, 3))"),
         "sum, don't average"),
        (_conv_backward("grad_out.sum(axis=(0, 2, 3))", "grad_out.sum(axis=(2, 3))"),
         "one row per example"),
        (_conv_backward("grad_out.sum(axis=(0, 2, 3))", "grad_out.sum(axis=0)"),
         "a map per filter"),
        (_conv_backward("grad_out.sum(axis=(0, 2, 3))", "grad_out.sum()"), "adds up everything"),
        (_conv_backward("return grad_x, grad_w.reshape(weights.shape), grad_b",
                        "return grad_x, grad_w, grad_b"), "still flat"),
        (_conv_backward(GRAD_W, "grad_w += patch.reshape(n, -1).T @ g"),
         "Each gradient has the shape of what it belongs to"),
    ],
    "convnet": [
        (_convnet(CONVNET, train=False), "hardly better than guessing"),
        (_convnet(CONVNET + ", ddn.Softmax()"), "the softmax is applied twice"),
        (_convnet("ddn.Dense.random(64, 32, rng), ddn.ReLU(), ddn.Dense.random(32, 10, rng)",
                  x="x_train.reshape(len(x_train), 64)", epochs=12),
         "reads rows of 64 numbers"),
        # notebook 10's plain network: 97% of the test digits, but no convolution
        (_convnet("ddn.Flatten(), ddn.Dense.random(64, 32, rng), ddn.ReLU(), "
                  "ddn.Dense.random(32, 10, rng)", epochs=12), "no convolutional layer"),
        (_convnet("ddn.Flatten(), ddn.Dense.random(64, 10, rng)", epochs=1),
         "no convolutional layer"),
        (_convnet("ddn.Conv2D(1, 8, 3, seed=rng), ddn.ReLU(), ddn.MaxPool2D(2), ddn.Flatten(), "
                  "ddn.Dense.random(8 * 13 * 13, 10, rng)", train=False),
         "can't read the digits"),
        (_convnet(CONVNET.replace("Conv2D(1, 8", "Conv2D(3, 8"), train=False),
         "can't read the digits"),
        (_convnet(CONVNET.replace("8 * 4 * 4, 10", "8 * 4 * 4, 2"), train=False), "10 scores"),
        (_convnet(CONVNET, epochs=1, learning_rate=0.01), "train it for more epochs"),
        (_convnet(CONVNET, epochs=3, learning_rate=50.0), "learning rate was too high"),
        (f"convnet = [{CONVNET}]", "wrap it in a network"),
    ],
    "strongest_digits": [
        (_strongest("    return np.argsort(-strength)[:k]",
                    strength="    strength = maps.reshape(len(maps), -1).mean(axis=1)\n"),
         "brightest spot"),
        (_strongest("    return np.argsort(-strength)[:k]",
                    strength="    strength = maps.sum(axis=(1, 2))\n"), "brightest spot"),
        (_strongest("    return np.argsort(strength)[:k]"), "those are the weakest digits"),
        (_strongest("    return np.argsort(strength)[-k:]"), "the strongest comes last"),
        (_strongest("    return np.argsort(-strength)[:k + 1]"), "one digit too many"),
        (_strongest("    return np.argsort(-strength)[:k - 1]"), "one digit too few"),
        (_strongest("    return np.argsort(-strength)[1:k]"), "the strongest digit is missing"),
        (_strongest("    return np.argsort(-strength)[1:k + 1]"),
         "the strongest digit is missing"),
        (_strongest("    return np.sort(strength)[::-1][:k]"), "not their strengths"),
        (_strongest("    return np.argsort(-maps.ravel())[:k]", strength=""),
         "not single positions"),
        (_strongest("    return np.argmax(strength)"), "not only the single strongest"),
    ],
    "dead_filters": [
        (_dead("    return np.flatnonzero(np.any(np.all(maps == 0, axis=(2, 3)), axis=0))"),
         "silent for *every* digit"),
        (_dead("    return np.flatnonzero(np.any(maps == 0, axis=(0, 2, 3)))"),
         "a 0 here and there is normal after ReLU"),
        (_dead("    return np.all(maps == 0, axis=(0, 2, 3))"), "np.flatnonzero(dead)"),
        (_dead("    return np.flatnonzero(maps.max(axis=(0, 2, 3)) > 0)"), "the other way round"),
        (_dead("    return np.flatnonzero(np.all(maps[0] == 0, axis=(1, 2)))"),
         "not only the first"),
        (_dead("    return np.flatnonzero(np.all(maps == 0, axis=(1, 2, 3)))"),
         "axis 1 holds the filters"),
        (_dead("    return int(np.sum(np.all(maps == 0, axis=(0, 2, 3))))"), "not how many"),
        (_dead("    dead = []\n    for f in range(maps.shape[1]):\n"
               "        if maps[:, f].max() == 0:\n            dead.append(f)\n"
               "            return dead\n    return dead"), "is the `return` inside the loop"),
    ],
    "fgsm_step": [
        (_fgsm("np.clip(image + epsilon * gradient, 0, 1)"), "*sign* of the gradient"),
        (_fgsm("image + epsilon * np.sign(gradient)"), "clip after the step"),
        (_fgsm("np.clip(image, 0, 1) + epsilon * np.sign(gradient)"), "clip after the step"),
        (_fgsm("np.clip(image + epsilon * np.sign(gradient), image - epsilon, image + epsilon)"),
         "clip after the step"),
        (_fgsm("np.clip(image - epsilon * np.sign(gradient), 0, 1)"), "steps down the loss"),
        (_fgsm("np.clip(image + epsilon * np.where(gradient > 0, 1, -1), 0, 1)"),
         "its sign is 0 and the pixel stays"),
        (_fgsm("np.clip(image + epsilon * np.where(gradient >= 0, 1, -1), 0, 1)"),
         "its sign is 0 and the pixel stays"),
        (_fgsm("np.clip(image + epsilon * gradient / np.abs(gradient), 0, 1)"),
         "divides 0 by 0"),
        (_fgsm("epsilon * np.sign(gradient)"), "not the change alone"),
        (_fgsm("np.clip(epsilon * np.sign(gradient), 0, 1)"), "not the change alone"),
    ],
    "dream_step": [
        (_dream("np.clip(image + step_size * gradient, 0, 1)"),
         "divide the gradient by its mean size"),
        (_dream(size="np.max(np.abs(gradient))"), "not by its largest value"),
        (_dream(size="np.mean(gradient)"), "cancel out"),
        (_dream(size="np.sum(np.abs(gradient))"), "not the sum"),
        (_dream(size="np.linalg.norm(gradient)"), "np.linalg.norm"),
        (_dream(DREAM.replace("+ step_size", "- step_size")), "a dream climbs"),
        (_dream("image + step_size * gradient / size"), "clip the result"),
        (_dream("np.clip(image + step_size * np.sign(gradient), 0, 1)"), "that is an FGSM step"),
        (_dream("np.clip(image + step_size * gradient * size, 0, 1)"), "don't multiply"),
    ],
    "gram_matrix": [
        (_gram("rows @ rows.T"), "average over the positions"),
        (_gram("rows @ rows.T / rows.size"), "by the number of positions, h·w, only"),
        (_gram("rows @ rows.T / len(maps)"), "not the number of maps"),
        (_gram("rows.T @ rows / rows.shape[1]"), "compares positions with positions"),
        (_gram("rows.T @ rows"), "compares positions with positions"),
        ("def gram_matrix(maps):\n    return maps @ maps.transpose(0, 2, 1) / maps.shape[2]",
         "each map into one row first"),
        ("def gram_matrix(maps):\n    return maps @ maps.T", "each map into one row first"),
        (_gram("rows.T @ rows / len(rows)", rows="maps.reshape(-1, len(maps))"),
         "reshape(-1, c)"),
        (_gram("np.cov(rows, bias=True)"), "don't subtract the means"),
        (_gram("np.corrcoef(rows)"), "np.corrcoef"),
    ],
    "demographic_parity_gap": [
        (_parity(RATES + "    return rate_0 - rate_1"), "take the absolute value"),
        (_parity(RATES + "    return rate_1 - rate_0"), "take the absolute value"),
        (_parity("    return abs(decisions[group == 0].sum() - decisions[group == 1].sum())"),
         "compare the *shares* approved"),
        (_parity("    n = len(decisions)\n"
                 "    return abs(decisions[group == 0].sum() / n - "
                 "decisions[group == 1].sum() / n)"),
         "by the size of *that group*"),
        (_parity("    approved = decisions == 1\n"
                 "    return abs(np.mean(group[approved] == 0) - np.mean(group[approved] == 1))"),
         "conditioned the other way round"),
        (_parity(RATES + "    return rate_1 / rate_0"), "not their ratio"),
        (_parity(RATES + "    return rate_0 / rate_1"), "not their ratio"),
        (_parity(RATES + "    return 100 * abs(rate_0 - rate_1)"), "not a percentage"),
    ],
    "equal_opportunity_gap": [
        (_opportunity("    return demographic_parity_gap(decisions, group)"),
         "count only the applicants who are qualified"),
        (_opportunity("    keep = qualified == 0\n"
                      "    return demographic_parity_gap(decisions[keep], group[keep])"),
         "You compared the unqualified"),
        (_opportunity(QUALIFIED + "    return d[g == 0].mean() - d[g == 1].mean()"),
         "take the absolute value"),
        (_opportunity(QUALIFIED + "    return d[g == 1].mean() - d[g == 0].mean()"),
         "take the absolute value"),
        # positives among everyone in the group, not among its qualified
        (_opportunity("    both = decisions * qualified\n"
                      "    return abs(both[group == 0].mean() - both[group == 1].mean())"),
         "divide by the number of *qualified* people"),
        (_opportunity("    approved = decisions == 1\n"
                      "    q0 = qualified[approved & (group == 0)].mean()\n"
                      "    q1 = qualified[approved & (group == 1)].mean()\n"
                      "    return abs(q0 - q1)"), "conditioned the other way round"),
        (_opportunity("    return demographic_parity_gap(qualified, group)"),
         "not how many of each group are qualified"),
    ],
    "fair_network": [
        (_fair("[0, 1, 2, 3, 4]"), "it reads the group itself"),
        (_fair("[0, 1, 2, 3]"), "the postcode (column 3)"),
        (_fair("[0, 1, 2, 3]", x="x", y="y",
               before="x, y, _ = fairness.reweigh(loans.x, loans.approved, loans.group)\n"),
         "the postcode (column 3)"),
        ("fair_columns = [0, 1, 2]\n"
         "fair_network = ddn.Network([ddn.Dense(np.zeros((1, 3)), np.ones(1))])",
         "Fair, perhaps, but not useful"),
        ("fair_columns = [0, 1, 2]\n"
         "fair_network = ddn.Network([ddn.Dense.random(3, 8, np.random.default_rng(0)), "
         "ddn.ReLU(), ddn.Dense.random(8, 1, np.random.default_rng(1))])",
         "Fair, perhaps, but not useful"),
        ("fair_columns = [0, 1, 2]\n"
         "fair_network = fairness.loan_network(loans.x[:, :4], loans.approved, seed=0)",
         "takes 4 inputs"),
        ("fair_columns = ['income', 'credit history', 'debt']\n"
         "fair_network = fairness.loan_network(loans.x[:, :3], loans.approved, seed=0)",
         "should list the numbers of the columns"),
        (_fair("[0, 1, 2]") + "fair_network = ddn.Network(fair_network.layers + [ddn.Sigmoid()])",
         "ends with a Sigmoid"),
        # fair decisions for the given applicants only: nothing to ask about new ones
        ("network = fairness.loan_network(loans.x, loans.approved, seed=0)\n"
         "fair_columns = [0, 1, 2, 3, 4]\n"
         "fair_network = fairness.group_thresholds(network(loans.x)[:, 0], loans.group)",
         "decisions for the applicants you have"),
        ("fair_columns = [0, 1, 2]\n"
         "fair_network = [ddn.Dense.random(3, 1, np.random.default_rng(0))]",
         "wrap it in a network"),
    ],
}


def _answer(task_id, code):
    namespace: dict = {}
    exec(PRELUDE + SETUP.get(task_id, "") + code, namespace)
    return namespace


def test_every_task_has_near_misses():
    assert set(NEAR_MISSES) == set(TASKS)


@pytest.mark.parametrize("task_id, code, hint",
                         [(t, code, hint) for t, misses in NEAR_MISSES.items()
                          for code, hint in misses])
def test_a_near_miss_is_rejected_with_its_own_hint(task_id, code, hint):
    feedback = check(task_id, _answer(task_id, code))
    assert feedback.status == FAILED, feedback
    assert hint in feedback.message, feedback
