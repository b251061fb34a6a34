"""The judge: what crosses from a notebook is data, read defensively; fresh cases catch answers
learned by heart; gradient tasks judge each named part; the sandbox shows a notebook nothing
but its own."""

import json
import os
import struct
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ddn
from ddn import check
from ddn.grading import channel
from ddn.grading.caller import LocalCaller
from ddn.grading.feedback import FAILED, NOT_DONE, PASSED
from ddn.grading.record import (
    Foreign,
    decode,
    encode,
    read_call,
    read_function,
    read_value,
    text,
)
from ddn.grading.task import GradientTask, Mistake, Part, ShapeHint, judge
from ddn.grading.tasks import TASKS

# -- data from the notebook is read defensively --------------------------------------------
json_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["t", "v", "shape", "dtype", "error", "value", "changed", "missing",
                         "function", "params", "not_callable", "spec", "x"]), inner,
        max_size=4),
    max_leaves=20)
kinds = st.sampled_from(["none", "bool", "int", "number", "array", "list", "tuple", "str",
                         "function", "network", "layer", "other", "ellipsis", "?"])


@settings(max_examples=300, deadline=None)
@given(json_data, kinds, json_data)
def test_whatever_comes_back_reads_as_data_never_as_an_exception(data, kind, inner):
    shaped = {"t": kind, "v": inner, "shape": data, "dtype": inner}
    for candidate in (data, shaped, {"value": shaped}, {"value": data, "changed": inner}):
        call = read_call(candidate, 3)
        assert set(call) in ({"value", "changed", "warnings"}, {"error", "message", "where"})
        assert set(read_value(candidate)) <= {"missing", "value"}
        assert set(read_function(candidate)) <= {"missing", "not_callable", "function",
                                                 "params", "library"}


@pytest.mark.parametrize("data", [
    {"t": "array", "shape": [10**9, 10**9], "v": []},
    {"t": "array", "shape": [2], "v": [1.0, "2"]},
    {"t": "array", "shape": [2], "dtype": "object", "v": [1, 2]},
    {"t": "number", "v": "1e400"},
    {"t": "number", "v": True},
    {"t": "int", "v": 1.5},
    {"t": "list", "v": {"a": 1}},
    {"t": "eval", "v": "__import__('os').system('true')"},
    json.loads("[" * 500 + "]" * 500),
])
def test_malformed_values_are_refused(data):
    with pytest.raises(ValueError):
        decode(data)
    assert read_call({"value": data}, 1)["error"] == "UnreadableAnswer"


def test_a_call_record_cannot_claim_impossible_things():
    assert read_call({"value": {"t": "int", "v": 1}, "changed": [7]}, 2)["error"] == \
        "UnreadableAnswer"
    forged = read_call({"error": "\x1b[2J=cmd|' /C calc'!A0", "message": "x\ny\x07" * 500}, 1)
    assert forged["error"] == "" or forged["error"] == "Error"
    assert "\n" not in forged["message"] and "\x07" not in forged["message"]
    assert len(forged["message"]) <= 300
    assert text("\x1b[31mred\x1b[0m") == " [31mred [0m"


@pytest.mark.parametrize("task_id", sorted(TASKS))
def test_every_case_crosses_the_pipe_unchanged(task_id):
    """Whole numbers stay whole and arrays keep their kind, so a learner's function gets in
    the sandbox exactly the arguments the task wrote (labels stay integers)."""
    task = TASKS[task_id]
    rng = np.random.default_rng(0)
    cases = list(getattr(task, "cases", []))
    if getattr(task, "fresh", None):
        cases += [task.fresh(rng, i) for i in range(5)]
    for args in cases:
        again = [decode(a) for a in json.loads(json.dumps([encode(a) for a in args]))]
        for before, after in zip(args, again):
            assert type(after) is type(before) or (isinstance(before, np.floating)
                                                   and type(after) is float)
            if isinstance(before, np.ndarray):
                assert after.dtype.kind == before.dtype.kind and np.array_equal(after, before)
            else:
                assert repr(after) == repr(before) or after == before


# -- fresh cases, library functions, gradients ---------------------------------------------
def _learned_by_heart(task):
    """A function that returns the reference answer for the task's teaching cases only."""
    table = {json.dumps(encode(args)): task.reference(*args) for args in task.cases}

    def answer(*args):
        return table.get(json.dumps(encode(tuple(args))), 0.0)
    return answer


@pytest.mark.parametrize("task_id", [t for t in TASKS if getattr(TASKS[t], "fresh", None)])
def test_answers_learned_by_heart_pass_the_examples_but_not_fresh_cases(task_id, monkeypatch):
    task = TASKS[task_id]
    namespace = {task.name: _learned_by_heart(task)}
    feedback = check(task_id, namespace)
    assert feedback.status == FAILED, feedback
    assert "not on a new case" in feedback.message
    monkeypatch.setattr(task, "fresh", None)  # without fresh cases the table would pass
    assert check(task_id, namespace).status == PASSED


def test_the_librarys_own_function_passes_with_a_note():
    feedback = check("sigmoid", {"sigmoid": ddn.sigmoid})
    assert feedback.status == PASSED
    assert "the library's own `ddn.activations.sigmoid`" in feedback.message


SCALE = GradientTask(
    id="scale_backward",
    title="A layer that multiplies each input by its own weight, backward",
    cases=[(np.array([[1.0, 2.0], [3.0, -1.0]]), np.array([0.5, -2.0]),
            np.array([[1.0, 1.0], [0.5, -1.0]]))],
    fresh=lambda rng, i: (rng.normal(size=(3, 2)), rng.normal(size=2),
                          rng.normal(size=(3, 2))),
    forward=lambda x, w: x * w,
    point=lambda x, w, g: ({"x": x, "w": w}, g),
    parts=(Part("grad_x", of="x", like="the input x", hint="It should be grad_out * w."),
           Part("grad_w", of="w", like="the weights w",
                hint="It should be (grad_out * x) summed over the examples.",
                mistakes=(Mistake("sum over the examples, don't average.",
                                  lambda x, w, g: (g * x).mean(axis=0)),),
                shape_hints=(ShapeHint(lambda got, right, x, w, g: got == x.shape,
                                       "grad_w has one row per example {got}: sum the rows, "
                                       "for shape {right}."),))),
    praise="correct.",
)


@pytest.mark.parametrize("code, status, fragment", [
    ("def f(x, w, g):\n    return g * w, (g * x).sum(axis=0)", PASSED, "correct."),
    ("def f(x, w, g):\n    return g * w, (g * x).mean(axis=0)", FAILED,
     "Likely mistake: sum over the examples, don't average."),
    ("def f(x, w, g):\n    return g * w, g * x", FAILED, "grad_w has one row per example (2, 2)"),
    ("def f(x, w, g):\n    return g * w, (g * x).sum(axis=0) + 1", FAILED,
     "It should be (grad_out * x) summed"),
    ("def f(x, w, g):\n    return g * w, np.zeros(3)", FAILED,
     "grad_w has shape (3,) but should have shape (2,), like the weights w."),
    ("def f(x, w, g):\n    return g * w", FAILED, "return two arrays (grad_x, grad_w)"),
    ("def f(x, w, g):\n    return g * w, 'grad'", FAILED, "grad_w should be an array of numbers"),
    ("def f(x, w, g):\n    raise NotImplementedError()", NOT_DONE, "not written yet"),
])
def test_a_gradient_task_judges_each_named_part(code, status, fragment):
    namespace = {"np": np}
    exec(code, namespace)
    feedback = judge(SCALE, LocalCaller({"scale_backward": namespace["f"]}))
    assert feedback.status == status and fragment in feedback.message, feedback


def test_a_gradient_answer_right_on_the_examples_only_fails_on_fresh_cases():
    x, w, g = SCALE.cases[0]
    right = (g * w, (g * x).sum(axis=0))
    feedback = judge(SCALE, LocalCaller({"scale_backward": lambda *args: right}))
    assert feedback.status == FAILED and "not on a new case" in feedback.message


# -- the channel -----------------------------------------------------------------------------
def _pipe_with(data: bytes):
    read, write = os.pipe()
    os.write(write, data)
    os.close(write)
    os.set_blocking(read, False)
    return read


@pytest.mark.parametrize("data, fragment", [
    (struct.pack(">I", 2**31) + b"{}", "more than the"),
    (struct.pack(">I", 3) + b"\xff\xfe\x00", "not JSON"),
    (struct.pack(">I", 6) + b"[1, 2]", "not a JSON object"),
    (struct.pack(">I", 100) + b'{"id":', "closed"),
    (b"\x00\x00", "closed"),
])
def test_the_judge_refuses_what_is_not_a_message(data, fragment):
    fd = _pipe_with(data)
    with pytest.raises(channel.ChannelError, match=fragment):
        channel.receive(fd, channel.LIMIT, time.monotonic() + 5)
    os.close(fd)


def test_the_judge_does_not_wait_past_its_deadline():
    read, write = os.pipe()
    os.set_blocking(read, False)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        channel.receive(read, channel.LIMIT, started + 0.3)
    assert time.monotonic() - started < 2
    os.close(read)
    os.close(write)


def test_a_message_goes_there_and_back():
    read, write = os.pipe()
    channel.send(write, {"id": 7, "answer": [1, "two"]})
    assert channel.receive(read, channel.LIMIT) == {"id": 7, "answer": [1, "two"]}
    os.close(read)
    os.close(write)


def test_foreign_values_are_shown_by_type():
    assert decode(encode(object())).type_name == "object"
    assert isinstance(decode(encode(print)), Foreign)
