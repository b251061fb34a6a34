"""What next (notebook 13): words to explore, why deep learning took off now, and the course in
one map.

Every word comes with a one-line meaning and a pointer: where it appears in this course, or a
well-known free resource, named rather than linked (names outlast addresses).
"""

from __future__ import annotations

from typing import NamedTuple


class Word(NamedTuple):
    word: str
    meaning: str
    pointer: str


WORDS = (
    Word("unsupervised learning",
         "learning from examples that come without answers: finding groups, or a shorter "
         "description of the data",
         "the opposite of notebook 01's supervised learning; chapter 14 (autoencoders) of "
         "the book Deep Learning by Goodfellow, Bengio and Courville, free to read online"),
    Word("pooling",
         "shrinking feature maps, e.g. keeping the largest value of each 2 × 2 block",
         "notebook 10 (max pooling)"),
    Word("strides",
         "how far a kernel jumps between positions: stride 2 halves the feature map",
         "notebook 09 (padding and stride)"),
    Word("stochastic",
         "random: stochastic gradient descent steps on the gradient of a random few "
         "examples, not of all the data",
         "notebook 07 (the four steps) and notebook 08's playground"),
    Word("batch",
         "the examples that go through the network together for one step (a mini-batch: a "
         "small random share of the data)",
         "notebook 10 (mini-batches of 32 digits)"),
    Word("dropout",
         "switching off a random share of neurons at every training step, so the network "
         "cannot lean on any one of them",
         "Srivastava et al. (2014); the CS231n course notes (Stanford), free online"),
    Word("regularisation",
         "whatever keeps a network from memorising its examples: a penalty on large "
         "weights, dropout, more data",
         "the gap between training and test accuracy in notebooks 08 and 10"),
    Word("transfer learning",
         "starting from a network trained on a big data set and retraining only its last "
         "layers for a new task",
         "fast.ai's free course Practical Deep Learning for Coders starts with it"),
    Word("recurrent networks",
         "networks with an internal state that read a sequence one step at a time (speech, "
         "text); speech assistants used them",
         "Andrej Karpathy's essay The Unreasonable Effectiveness of Recurrent Neural "
         "Networks; Christopher Olah's Understanding LSTM Networks"),
    Word("generative adversarial networks (GANs)",
         "two networks in a zero-sum game: one makes fakes (photographs, text, other "
         "inputs), the other tells fakes from real ones, and both get better",
         "Goodfellow et al. (2014); notebook 00's deepfakes, notebook 12's adversarial "
         "examples"),
    Word("TensorFlow and PyTorch",
         "libraries that do what ddn does (layers, forward, backward, training) with "
         "automatic gradients, on graphics cards, at any size",
         "their official tutorials (PyTorch's Learn the Basics); ddn's benchmarks/convnet.py "
         "times our ConvNet against PyTorch"),
)


class Reason(NamedTuple):
    reason: str
    evidence: str


WHY_NOW = (
    Reason("better-than-human image classification",
           "2015: ResNet's top-5 error on ImageNet, 3.57%, below the ~5% of a trained person "
           "(notebook 10)"),
    Reason("GPUs",
           "graphics cards do thousands of multiplications at once: AlexNet (2012), 60 million "
           "weights, trained on two of them in five to six days"),
    Reason("abundant data",
           "ImageNet's 1.2 million labelled training photos in 1,000 classes, and the "
           "internet's photos, texts and recordings"),
)

#: AlexNet's size against the course's digits ConvNet (1,898 weights and biases).
ALEXNET_WEIGHTS, OUR_CONVNET_WEIGHTS = 60_000_000, 1_898

#: "A plain 4-layer ConvNet goes a long way" (a practitioner's remark the articles quote).
PLAIN_CONVNET_LAYERS = 4

#: The open question the articles end with, in their words.
MENTAL_INNOVATION = "more of a mental innovation than a mechanical one"

#: What each section leaves you with, for the closing map.
TAKEAWAYS = {
    "00": "three waves of neural networks, and why people care",
    "01": "rules break; a template with blanks, filled from examples, learns",
    "02": "a neuron: weights × inputs, plus a bias, through an activation",
    "03": "step, sigmoid, tanh, ReLU: without them, layers collapse into one",
    "04": "layers of neurons: a driving test, curved regions, softmax",
    "05": "the loss says how wrong: squared error, cross-entropy",
    "06": "gradient descent walks downhill; the learning rate is the step",
    "07": "backpropagation: the chain rule, backwards; the four steps of training",
    "08": "the perceptron trick, XOR, hidden neurons for messy data",
    "09": "pictures are arrays; convolution slides a kernel; receptive fields",
    "10": "convolutional neurons, pooling, a ConvNet that reads digits",
    "11": "kernels and feature maps as pictures: edges, then parts, then digits",
    "12": "the gradient for the input: fooling, dreaming, painting in a style",
    "13": "a network learns its data's biases; test edge cases; what next",
}

#: The arcs of the course: a name and the sections in it.
ARCS = (
    ("why learn at all", ("00", "01")),
    ("one neuron", ("02", "03")),
    ("networks and how they learn", ("04", "05", "06", "07", "08")),
    ("networks that see", ("09", "10", "11")),
    ("what it means", ("12", "13")),
)
