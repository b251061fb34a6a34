"""ddn: Demystifying Deep Nets, a hands-on course on how neural networks work.

The library is part of the course: open any file and read it. Start with `neuron.py`, then
`activations.py`, `layers.py`, `network.py`, `losses.py` and `training.py`.

`import ddn` loads only numpy; pictures (`ddn.plots`) and widgets (`ddn.widgets`) load
matplotlib and ipywidgets when you import them.
"""

from . import _threads
from .activations import (
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    step,
    step_derivative,
    tanh,
    tanh_derivative,
)
from .adversarial import accuracy_under_attack, fgsm, input_gradient, iterative_fgsm
from .convolution import convolve
from .course import source
from .dream import channel_gallery, class_visualisation, dream
from .fairness import demographic_parity_gap, equal_opportunity_gap, flip_effect
from .fooling import fooling_images, noise_confidence
from .gradcheck import check_layer, gradient_check, numerical_gradient
from .grading import check, finished
from .layers import (
    Conv2D,
    Dense,
    Flatten,
    MaxPool2D,
    ReLU,
    Sigmoid,
    Softmax,
    Standardize,
    Step,
    Tanh,
)
from .losses import (
    MSE,
    SigmoidCrossEntropy,
    SoftmaxCrossEntropy,
    cross_entropy,
    log_loss,
    mse,
    one_hot,
    softmax,
    squared_error,
)
from .network import Network
from .neuron import Neuron
from .optim import GradientDescent, Momentum
from .style import gram_matrix
from .style import transfer as style_transfer
from .training import History, Trainer, accuracy, train

__version__ = "0.1.0"

__all__ = [
    "accuracy", "check", "check_layer", "Conv2D", "convolve", "cross_entropy", "Dense",
    "finished", "Flatten", "gradient_check", "GradientDescent", "History", "log_loss",
    "MaxPool2D", "Momentum", "MSE", "mse", "Network", "Neuron", "numerical_gradient", "one_hot",
    "ReLU", "relu", "relu_derivative", "sigmoid", "Sigmoid", "sigmoid_derivative",
    "SigmoidCrossEntropy", "Softmax", "softmax", "SoftmaxCrossEntropy", "source",
    "squared_error", "Standardize", "step", "Step", "step_derivative", "Tanh", "tanh",
    "tanh_derivative", "train", "Trainer",
    # notebooks 12-13: the input's gradient at work (fooling, dreaming, style) and bias
    "accuracy_under_attack", "channel_gallery", "class_visualisation",
    "demographic_parity_gap", "dream", "equal_opportunity_gap", "fgsm", "flip_effect",
    "fooling_images", "gram_matrix", "input_gradient", "iterative_fgsm", "noise_confidence",
    "style_transfer",
]

_threads.one_blas_thread()  # small matrices: one BLAS thread is faster (see _threads.py)
