"""The grader under attack: a corpus of hostile submissions (tests/hostile.py) graded in one
batch with `ddn check DIR --csv FILE`, next to correct, blank and wrong ones.

Asserted: one row per file; no credit for any hostile, wrong or blank submission and full
credit for every correct one; every attack really ran (its row shows how it ended); nothing
outside the sandbox created, changed or deleted (checksums of the submissions folder, the
instructor's home, the installed package, the course, the Python environment); no process
left. Then, where cheap, the same attacks against a naive runner without the sandbox (on decoy
files), to show that they are real.

Without a working bubblewrap these tests are skipped, unless DDN_REQUIRE_SANDBOX=1 (CI), where
they fail.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import hostile
import pytest

from ddn.grading.record import text
from ddn.grading.sandbox import SANDBOX, Environment

TIMEOUT = 10  # seconds per notebook: the attacks that hang cost this much each
SITE = next(Path(p) for p in sys.path if p.endswith("site-packages"))


def _sandbox_problem() -> str | None:
    with Environment(warn=None) as environment:
        return None if environment.isolation == SANDBOX else environment.why


@pytest.fixture(scope="module")
def sandbox():
    problem = _sandbox_problem()
    if problem is not None:
        if os.environ.get("DDN_REQUIRE_SANDBOX"):
            pytest.fail(f"the sandbox is required here, but bubblewrap does not work: {problem}")
        pytest.skip(f"bubblewrap does not work here: {problem}")


def _marked_files() -> list[str]:
    """Files an attack may have left in the real /tmp, home or root."""
    found = []
    for top in ("/tmp", os.path.expanduser("~"), "/root", "/"):
        with contextlib.suppress(OSError):
            found += [os.path.join(top, n) for n in os.listdir(top) if hostile.MARK in n]
    return sorted(set(found))


def _leftover_processes() -> list[str]:
    """Processes of any sandbox: a runner's command line, or a sandbox's own user id."""
    left = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            uid = int(Path(f"/proc/{pid}/status").read_text().split("Uid:")[1].split()[0])
        except (OSError, IndexError, ValueError):
            continue
        if "ddn.grading.runner" in cmdline or uid >= 2_000_000_000:
            left.append(f"{pid} (uid {uid}): {cmdline[:120]}")
    return left


@dataclass
class Batch:
    corpus: list
    rows: dict
    before: dict
    after: dict
    marked_before: list
    marked_after: list
    leftovers: list
    seconds: float
    output: str
    course: Path
    grader_ddn: str


@pytest.fixture(scope="module")
def batch(sandbox, tmp_path_factory) -> Batch:
    base = tmp_path_factory.mktemp("hostile")
    submissions, home = base / "submissions", base / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".bashrc").write_text("# the instructor's shell\n")
    (home / ".ssh" / "id_ed25519").write_text("not a real key\n")
    course = hostile.install_course(base / "course")  # the grader runs from this copy
    corpus = hostile.build(submissions, home, course)
    watched = [submissions, home, course]

    def state():
        return {"files": hostile.checksums(*watched), "site": hostile.listing(SITE)}

    env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(course)}
    grader_ddn = subprocess.run([sys.executable, "-c", "import ddn; print(ddn.__file__)"],
                                env=env, cwd=base, capture_output=True, text=True).stdout.strip()
    before, marked_before = state(), _marked_files()
    target = base / "grades.csv"
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "ddn.cli", "check", str(submissions), "--csv",
                           str(target), "--timeout", str(TIMEOUT)],
                          env=env, cwd=base, capture_output=True, timeout=900)
    seconds = time.monotonic() - started
    output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, output[-3000:]
    time.sleep(1)  # let the kernel finish reaping
    rows = {Path(r["notebook"].lstrip("'")).name: r
            for r in csv.DictReader(target.open(encoding="utf-8"))}
    return Batch(corpus, rows, before, state(), marked_before, _marked_files(),
                 _leftover_processes(), seconds, output, course, grader_ddn)


def test_the_corpus_plays_every_kind_of_attack(batch):
    kinds = Counter(s.kind for s in batch.corpus)
    categories = Counter(s.category for s in batch.corpus if s.kind == "hostile")
    assert kinds["hostile"] >= 60 and kinds["correct"] >= 7 and kinds["blank"] >= 7 \
        and kinds["wrong"] >= 7, kinds
    assert set(categories) == {"abort", "credit", "damage", "values"} and \
        min(categories.values()) >= 10, categories
    print(f"\n{len(batch.corpus)} files ({dict(kinds)}; hostile: {dict(categories)}) graded in "
          f"{batch.seconds:.1f} s: {len(batch.corpus) / batch.seconds:.2f} notebooks/s")


def _row(batch, submission):
    return batch.rows[text(submission.file, 4096)]  # names are shown without control codes


def test_every_file_gets_exactly_one_row(batch):
    assert sorted(batch.rows) == sorted(text(s.file, 4096) for s in batch.corpus)


def test_no_hostile_wrong_or_blank_submission_gets_any_credit(batch):
    credited = {s.file: _row(batch, s)["passed"] for s in batch.corpus
                if s.kind != "correct" and _row(batch, s)["passed"] not in ("0", "")}
    assert credited == {}


def test_every_correct_submission_gets_full_credit(batch):
    for s in batch.corpus:
        if s.kind == "correct":
            row = _row(batch, s)
            assert row["passed"] == str(hostile.tasks_of(s)) and not row["problem"], row


def test_every_attack_really_ran_and_its_row_says_how_it_ended(batch):
    for s in batch.corpus:
        if s.kind == "hostile" and s.expect:
            problem = _row(batch, s)["problem"]
            assert any(e in problem for e in s.expect), (s.name, s.expect, problem)


def test_a_row_never_carries_escape_codes_or_formulas(batch):
    for row in batch.rows.values():
        for value in row.values():
            assert value.isprintable() and not value.startswith(("=", "+", "@")), value
    assert "Each notebook ran in" in batch.output and "\x1b" not in batch.output


def test_nothing_outside_the_sandbox_was_created_changed_or_deleted(batch):
    changed = {path for path in batch.before["files"].keys() | batch.after["files"].keys()
               if batch.before["files"].get(path) != batch.after["files"].get(path)}
    assert changed == set()
    assert batch.before["site"] == batch.after["site"]
    assert batch.marked_after == batch.marked_before


def test_no_process_is_left(batch):
    assert batch.leftovers == []


def test_every_row_names_the_real_sandbox(batch):
    assert {row["isolation"] for row in batch.rows.values()} == {SANDBOX}
    assert "Each notebook ran in: bubblewrap." in batch.output
    assert "WARNING" not in batch.output


def test_the_grader_ran_from_the_watched_copy_of_the_course(batch):
    assert batch.grader_ddn.startswith(str(batch.course / "ddn"))


# -- the same attacks without the sandbox: they are real -----------------------------------------
NAIVE_CREDIT = ["credit-import-the-reference", "credit-reference-by-path",
                "credit-reference-in-site-packages", "credit-solutions-from-the-course",
                "credit-solutions-by-path", "credit-run-the-neighbour"]
NAIVE_DAMAGE = ["damage-delete-the-neighbour", "damage-delete-the-submissions",
                "damage-fifo-in-the-submissions", "damage-fifo-for-the-neighbour",
                "damage-write-the-submissions", "damage-write-the-home",
                "damage-append-to-bashrc", "damage-write-the-package", "damage-chmod-the-package",
                "damage-touch-the-solutions", "damage-sitecustomize"]
NAIVE_RUNNER = """
import json, sys
jobs = json.load(open(sys.argv[1]))
report = {}
for job in jobs:
    namespace = {"__name__": "__notebook__"}
    try:
        exec(job["source"], namespace)
        error = None
    except BaseException as e:
        error = f"{type(e).__name__}: {e}"
    right = None
    if "weighted_sum" in namespace:
        try:
            right = float(namespace["weighted_sum"]([3, 2, 4, 2], [4, 2, 2, 1])) == 26.0
        except Exception:
            right = False
    report[job["name"]] = {"error": error, "right": right}
print(json.dumps(report))
"""


def test_without_the_sandbox_the_same_attacks_get_credit_and_do_damage(tmp_path):
    """A naive runner (the cells executed in a plain process with the instructor's rights, as
    graders such as nbgrader and otter do) is fooled and damaged by the very same code: here
    against decoys of the course, the submissions and the home."""
    attacks = {s.name: s for s in hostile.attacks()}
    jobs, decoys = [], {}
    for name in NAIVE_CREDIT + NAIVE_DAMAGE:
        targets = hostile.naive_targets(tmp_path / name)
        source = hostile.PRELUDE + attacks[name].cells[0]
        for key, value in targets.items():
            source = source.replace(f"@{key}@", str(value))
        jobs.append({"name": name, "source": source})
        decoys[name] = (tmp_path / name, hostile.checksums(tmp_path / name))
    (tmp_path / "jobs.json").write_text(json.dumps(jobs))
    done = subprocess.run([sys.executable, "-c", NAIVE_RUNNER, str(tmp_path / "jobs.json")],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for name in NAIVE_CREDIT:
        assert report[name]["right"] is True, (name, report[name])
    for name in NAIVE_DAMAGE:
        folder, before = decoys[name]
        assert hostile.checksums(folder) != before, (name, report[name])


def test_without_the_sandbox_a_submission_kills_its_parent_and_breaks_text_output(tmp_path):
    attacks = {s.name: s for s in hostile.attacks()}
    cell = tmp_path / "cell.py"
    cell.write_text(hostile.PRELUDE + attacks["abort-kill-the-parent"].cells[0])
    parent = subprocess.run(["sh", "-c", f'"{sys.executable}" "{cell}"; sleep 30'], timeout=60,
                            capture_output=True)
    assert parent.returncode == -9  # the shell standing in for the grader was killed
    cell.write_text(hostile.PRELUDE + attacks["abort-stdout-0xff"].cells[0])
    with pytest.raises(UnicodeDecodeError):  # what the old runner did with the output
        subprocess.run([sys.executable, str(cell)], capture_output=True, text=True, timeout=60)


# -- what the sandbox shows a notebook -----------------------------------------------------------
VIEW = r'''
import os, socket, json
def view(_):
    def attempt(f):
        try:
            return repr(f())[:80]
        except BaseException as e:
            return type(e).__name__
    limits = {line[:26].strip(): line[26:].split()[0] for line in
              open("/proc/self/limits").read().splitlines()[1:]}
    text = json.dumps({
        "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
        "uid": os.getuid(), "home": sorted(os.listdir(os.path.expanduser("~"))),
        "ddn": __import__("ddn").__file__,
        "grading": sorted(os.listdir("/opt/ddn/ddn/grading")),
        "network": attempt(lambda: socket.create_connection(("1.1.1.1", 53), timeout=2)),
        "write_python": attempt(lambda: open(os.path.join(os.path.dirname(os.__file__), "x"), "w")),
        "limits": limits,
        "env": sorted(os.environ)})
    return [text[i:i + 250] for i in range(0, len(text), 250)]  # texts travel 300 at most
'''


@pytest.mark.parametrize("old_bwrap", [False, True], ids=["tmpfs", "bwrap-before-0.7"])
def test_what_the_sandbox_shows_a_notebook(sandbox, old_bwrap):
    from ddn.grading.record import read_call

    with Environment(warn=None) as environment:
        if old_bwrap:  # no --size: home and /tmp are folders of the grader's own, bound in
            environment._options.discard("--size")
        with environment.start([VIEW], b"{}", 30) as session:
            assert session.ready() == []
            seen = json.loads("".join(read_call(session.call("view", (0,)), 1)["value"]))
    assert seen["pids"] == [1, 2]  # bwrap's init and the runner: nothing else exists
    assert seen["uid"] != 0 and seen["home"] == []
    assert seen["ddn"] == "/opt/ddn/ddn/__init__.py"
    assert seen["grading"] == ["__init__.py", "__pycache__", "channel.py", "feedback.py",
                               "record.py", "runner.py"]  # no tasks, no judge
    assert seen["network"] == "OSError" and seen["write_python"] in ("OSError",
                                                                     "PermissionError")
    limits = seen["limits"]
    assert limits["Max processes"] == "32" and limits["Max open files"] == "256"
    assert limits["Max file size"] == str(16 * 1024**2)
    assert limits["Max address space"] == str(2 * 1024**3) and limits["Max cpu time"] == "90"
    assert "HOME" in seen["env"] and not any(k.startswith(("SSH", "GIT", "PYTEST"))
                                             for k in seen["env"])
