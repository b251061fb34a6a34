"""Networks as plain data (ddn/spec.py): every course layer goes there and back, and a spec
from anywhere is rebuilt only through the layers' own checked constructors."""

import doctest
import json

import numpy as np
import pytest

import ddn.spec
from ddn.layers import (
    Activation,
    Conv2D,
    Dense,
    Flatten,
    Layer,
    MaxPool2D,
    ReLU,
    Sigmoid,
    Softmax,
    Standardize,
    Step,
    Tanh,
)
from ddn.network import Network
from ddn.spec import (
    KINDS,
    layer_from_spec,
    layer_spec,
    network_from_spec,
    network_spec,
    register,
)

X = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])


def _every_layer_network():
    rng = np.random.default_rng(0)
    return Network([Standardize([1.0, 0.0, -1.0], [2.0, 1.0, 0.5]),
                    Dense.random(3, 4, rng, names=["a", "b", "c", "d"]), ReLU(),
                    Dense.random(4, 4, rng), Tanh(), Dense.random(4, 4, rng), Sigmoid(),
                    Dense.random(4, 4, rng), Step(), Dense.random(4, 3, rng),
                    Activation("linear"), Softmax()],
                   input_names=["age", "sex", "lessons"])


def test_every_course_layer_goes_there_and_back_through_json():
    net = _every_layer_network()
    spec = json.loads(json.dumps(network_spec(net)))
    again = network_from_spec(spec)
    assert [type(layer) for layer in again.layers] == [type(layer) for layer in net.layers]
    assert np.array_equal(again.forward(X), net.forward(X))
    assert again.input_names == ("age", "sex", "lessons")
    assert again.layers[1].names == ("a", "b", "c", "d")
    assert network_spec(again) == spec


def test_a_convnet_goes_there_and_back():
    net = Network([Conv2D(1, 2, 3, padding=1, seed=0), ReLU(), MaxPool2D(2), Flatten(),
                   Dense.random(2 * 4 * 4, 10, 0)])
    x = np.random.default_rng(1).normal(size=(3, 1, 8, 8))
    again = network_from_spec(json.loads(json.dumps(network_spec(net))))
    assert np.array_equal(again.forward(x), net.forward(x))
    assert (again.layers[0].stride, again.layers[0].padding, again.layers[2].size) == (1, 1, 2)
    bad = network_spec(net)
    bad["layers"][0]["padding"] = 7
    with pytest.raises(ValueError, match="padding"):
        network_from_spec(bad)


def test_a_spec_is_names_and_numbers_only():
    spec = network_spec(Network([Dense([[5, 0.5, 5], [4, -0.5, 10]], [-200, -220]), ReLU()]))
    assert spec == {"format": "ddn.network/1", "layers": [
        {"kind": "dense", "weights": [[5.0, 0.5, 5.0], [4.0, -0.5, 10.0]],
         "bias": [-200.0, -220.0]},
        {"kind": "activation", "function": "relu"}]}


def test_the_module_examples_run():
    assert doctest.testmod(ddn.spec).failed == 0


def test_a_subclass_is_written_down_as_its_registered_kind():
    class Mine(Dense):
        def forward(self, x):  # whatever it does, the spec holds only its numbers
            return np.zeros((len(x), 1))

    assert layer_spec(Mine([[1.0, 2.0]], [3.0]))["kind"] == "dense"
    assert type(layer_from_spec(layer_spec(Mine([[1.0, 2.0]], [3.0])))) is Dense


def test_a_layer_without_a_kind_is_refused_by_name():
    class Strange(Layer):
        pass

    with pytest.raises(TypeError, match="Strange has no spec"):
        network_spec(Network([Dense([[1.0]]), Strange()]))
    with pytest.raises(TypeError, match="should be a ddn Network"):
        network_spec([Dense([[1.0]])])


@pytest.mark.parametrize("spec, error, fragment", [
    ([], TypeError, "a dict with a list of 'layers'"),
    ({"layers": "dense"}, TypeError, "a dict with a list of 'layers'"),
    ({"format": "ddn.network/9", "layers": []}, ValueError, "format"),
    ({"layers": [{"kind": "conv9d"}]}, ValueError, "'conv9d' layer can't be rebuilt"),
    ({"layers": ["dense"]}, TypeError, "a dict with a 'kind'"),
    ({"layers": [{"kind": "dense", "weights": [[1, 2], [3]], "bias": [0, 0]}]}, TypeError,
     "same length"),
    ({"layers": [{"kind": "dense", "weights": "[[1]]", "bias": [0]}]}, TypeError, "numbers"),
    ({"layers": [{"kind": "dense", "weights": [[float("nan")]], "bias": [0]}]}, ValueError,
     "NaN"),
    ({"layers": [{"kind": "dense", "weights": [1, 2], "bias": [0]}]}, ValueError, "2 axes"),
    ({"layers": [{"kind": "dense", "weights": [[1, 2]], "bias": [0, 1]}]}, ValueError,
     "one bias per neuron"),
    ({"layers": [{"kind": "activation", "function": "os.system"}]}, ValueError,
     "activation should be one of"),
    ({"layers": [{"kind": "standardize", "mean": [0.0], "std": [0.0]}]}, ValueError,
     "every std above 0"),
    ({"layers": [{"kind": "dense", "weights": [[1.0]], "bias": [0.0]},
                 {"kind": "dense", "weights": [[1.0, 2.0]], "bias": [0.0]}]}, ValueError,
     "expects 2 inputs"),
    ({"layers": [{"kind": "dense", "weights": [[[[[[[[[[[[[[1]]]]]]]]]]]]]]}]}, ValueError,
     "nested too deeply"),
])
def test_a_bad_spec_gets_the_constructors_own_error(spec, error, fragment):
    with pytest.raises(error, match=fragment):
        network_from_spec(spec)


def test_a_spec_too_big_to_rebuild_is_refused_early(monkeypatch):
    monkeypatch.setattr(ddn.spec, "MAX_NUMBERS", 100)
    with pytest.raises(ValueError, match="more than 100 numbers"):
        network_from_spec({"layers": [{"kind": "dense", "weights": [[0.0] * 11] * 10,
                                       "bias": [0.0] * 10}]})


def test_a_new_kind_of_layer_registers_in_one_line():
    class Scale(Layer):
        def __init__(self, factor):
            super().__init__()
            self.factor = float(factor)

        def _forward(self, x):
            self._input = x
            return x * self.factor

    register("scale", Scale, lambda layer: {"factor": layer.factor},
             lambda spec: Scale(spec["factor"]))
    try:
        again = network_from_spec(network_spec(Network([Dense([[1.0, 2.0]]), Scale(3)])))
        assert np.array_equal(again.forward([[1.0, 1.0]]), [[9.0]])
    finally:
        del KINDS["scale"]

