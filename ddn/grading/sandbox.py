"""Where a submitted notebook runs: in bubblewrap's sandbox, answering the judge through a pipe.

The judge (gradebook.py and the tasks) trusts nothing a submission writes. It starts the
notebook's runner (runner.py) in a sandbox, waits until its cells have run, then asks it
questions through a dedicated pipe (`Session.function`, `.value`, `.call`: the same caller
interface `check()` uses in a notebook) and compares the answers in its own process.

The sandbox is bubblewrap (Debian package `bubblewrap`), configured so that the notebook sees:

- read-only: the system's programs and libraries, the Python environment, the public `ddn`
  library (a copy without the answer keys: no grading/tasks, no judge, no solutions), its own
  notebook;
- writable but private and small: an empty working folder, home and /tmp (memory-backed,
  thrown away at the end);
- nothing else: not the instructor's home or files, not other submissions, not the network,
  not the grader's processes (a new PID namespace: it can't signal or even see them).

It runs with limits (address space per process, CPU time, processes, file size, open files; a
watchdog for the memory of all its processes together, a deadline for the notebook and one
for each call), and at the end everything it started is killed with it. When the grader runs
as root, the notebook runs as a user id of its own.

Without bubblewrap (macOS, Linux kernels without user namespaces) the runner falls back to a
plain process: its own session, an empty temporary folder, the same resource limits and the
same judge. That isolation level is named in every gradebook row, and a warning says what it
does not protect against (see FALLBACK_WARNING).
"""

from __future__ import annotations

import compileall
import contextlib
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import channel
from .runner import CALL_SECONDS

SANDBOX = "bubblewrap"
PROCESS = "process (no sandbox)"

FALLBACK_WARNING = (
    "WARNING: bubblewrap is not available{why}, so submissions run as plain processes with "
    "your rights. Limits on time, memory and file size still apply and the verdicts are still "
    "computed by the judge, but a notebook can read and change your files (the answer keys, "
    "other submissions, your home), use the network, and signal or outlive the grader. Grade "
    "only notebooks you trust this way, or install bubblewrap (Debian/Ubuntu: apt-get install "
    "bubblewrap).")

BOOT = ("import sys; library = sys.argv.pop(1); sys.path.insert(0, library); import ddn; "
        "assert ddn.__file__.startswith(library), ddn.__file__; "
        "from ddn.grading.runner import main; sys.exit(main())")

# Inside the sandbox: where things are. The home folder is also the working folder.
LIBRARY, NOTEBOOK, HOME, TMP = "/opt/ddn", "/grading", "/home/learner", "/tmp"
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime",
       "/etc/alternatives", "/etc/fonts")

# What of ddn/grading the sandbox needs: the runner and what it imports. Not the tasks (the
# reference answers), not the judge.
GRADING_IN_SANDBOX = ("__init__.py", "feedback.py", "record.py", "channel.py", "runner.py")


@dataclass(frozen=True)
class Limits:
    """What one notebook may use."""

    memory: int = 2 * 1024**3        # bytes of address space of each process (RLIMIT_AS)
    total_memory: int = 2 * 1024**3  # resident bytes of all its processes together (watchdog)
    processes: int = 32              # processes and threads (RLIMIT_NPROC, sandbox only)
    file_size: int = 16 * 1024**2    # bytes in any file it writes (RLIMIT_FSIZE)
    open_files: int = 256            # RLIMIT_NOFILE
    disk: int = 64 * 1024**2         # bytes in each of its writable folders (tmpfs size)
    call_seconds: float = CALL_SECONDS + 2  # the judge's deadline for one answer


JUNK = ("the notebook wrote on the grader's line a message that answers no question (a forged "
        "or garbled message), so it was stopped.")


class Stopped(Exception):
    """The notebook was stopped, or stopped answering; the message says why, for the learner."""


# -- the public library, without the answer keys ---------------------------------------------
def public_library(target: Path) -> Path:
    """Copy the ddn package into `target`/ddn, leaving out what the sandbox must not see: the
    tasks (reference answers and hints), the judge, the bundled course notebooks."""
    import ddn

    source = Path(ddn.__file__).resolve().parent
    skip_top = {"_course", "__pycache__"}

    def ignore(folder, names):
        folder = Path(folder)
        if folder == source:
            return [n for n in names if n in skip_top]
        if folder == source / "grading":
            return [n for n in names if n not in GRADING_IN_SANDBOX]
        return [n for n in names if n == "__pycache__" or n.endswith(".pyc")]

    shutil.copytree(source, target / "ddn", ignore=ignore, symlinks=False)
    compileall.compile_dir(target / "ddn", quiet=2)  # compiled once here, not in every notebook
    for path in [target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def _within(path: Path, tree: Path) -> bool:
    return path == tree or tree in path.parents


class Environment:
    """What a batch of notebooks shares: the public library's copy, the isolation level, and
    the sandbox's settings. Use as a context manager; `start` runs one notebook."""

    def __init__(self, isolation: str | None = None, limits: Limits = Limits(),
                 protect=(), warn=None):
        self.limits = limits
        self.folder = Path(tempfile.mkdtemp(prefix="ddn-judge-"))
        self.folder.chmod(0o755)
        self.library = public_library(self.folder / "library")
        self.protect = [Path(p).resolve() for p in protect]
        self.root = hasattr(os, "geteuid") and os.geteuid() == 0
        self._options = set()  # what this bwrap understands, among the optional ones
        base = 2_000_000_000 + (os.getpid() % 50_000) * 64
        self._uids: queue.Queue = queue.Queue()
        for uid in range(base, base + 64):
            self._uids.put(uid)
        try:
            self.isolation, self.why = self._choose(isolation)
        except BaseException:
            self.close()
            raise
        if self.isolation == PROCESS and warn is not None:
            warn(FALLBACK_WARNING.format(why=f" ({self.why})" if self.why else ""))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- choosing the isolation ---------------------------------------------------------------
    def _choose(self, wanted):
        if wanted == PROCESS:
            return PROCESS, "asked for"
        problem = self._probe()
        if problem is None:
            return SANDBOX, ""
        if wanted == SANDBOX:
            raise RuntimeError(f"bubblewrap was required but does not work here: {problem}")
        return PROCESS, problem

    def _probe(self) -> str | None:
        """None if a trivial notebook-less sandbox starts and runs Python; else why not."""
        if not sys.platform.startswith("linux"):
            return f"it needs Linux, and this is {sys.platform}"
        if shutil.which("bwrap") is None:
            return "the bwrap command is not installed"
        help_text = subprocess.run(["bwrap", "--help"], capture_output=True, text=True).stdout
        self._options = {o for o in ("--disable-userns", "--size") if o in help_text}
        empty = self.folder / "probe"
        empty.mkdir(mode=0o755)
        command = self._bwrap(empty, uid=None, writable=empty) + \
            [sys.executable, "-I", "-c", "pass"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bwrap could not start ({error})"
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            return f"bwrap failed: {last}"
        return None

    # -- the sandbox's command line -----------------------------------------------------------
    def _trees(self) -> list[Path]:
        """The Python environment's folders, to be mounted read-only (beside SYSTEM)."""
        paths = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                             sys.base_exec_prefix)}
        paths.add(Path(sys.executable).resolve().parent.parent)
        paths = {p for p in paths if not any(_within(p, Path(s)) for s in SYSTEM)}
        return sorted(p for p in paths if not any(p != q and _within(p, q) for q in paths))

    def _masks(self, trees) -> list[Path]:
        """Folders that must stay invisible although they lie inside a mounted tree: the real
        ddn package (its tasks), the course's answer keys, the submissions, home, here."""
        import ddn

        package = Path(ddn.__file__).resolve().parent
        secret = [package, package.parent / "solutions", Path.cwd().resolve(), *self.protect]
        with contextlib.suppress(RuntimeError, KeyError):  # no home at all
            secret.append(Path.home().resolve())
        mounted = [*trees, *(Path(s) for s in SYSTEM)]
        return sorted({p for p in secret if p.is_dir() and any(_within(p, t) for t in mounted)})

    def _bwrap(self, notebook: Path, uid: int | None, writable: Path) -> list[str]:
        """The bwrap command line for one notebook. `writable` is a folder of its own on the
        grader's disk, used for its home and /tmp only where bwrap is too old (before 0.7) to
        limit the size of a memory-backed folder."""
        command = ["bwrap", "--die-with-parent", "--new-session", "--unshare-pid",
                   "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                   "--hostname", "sandbox"]
        if self.root:  # no user namespace: the runner itself becomes `uid` (see runner.py)
            command += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        else:
            command += ["--unshare-user"] + (["--disable-userns"]
                                             if "--disable-userns" in self._options else [])
        for folder in Path(HOME).parents:
            if str(folder) != "/":
                command += ["--perms", "0755", "--dir", str(folder)]
        for inside in (TMP, HOME):  # first, so that a tree inside one is mounted on top
            if "--size" in self._options:
                command += ["--perms", "1777", "--size", str(self.limits.disk), "--tmpfs", inside]
            else:
                folder = writable / inside.strip("/").replace("/", "-")
                folder.mkdir(exist_ok=True)
                folder.chmod(0o1777)
                command += ["--bind", str(folder), inside]
        trees = self._trees()
        folders = sorted({str(a) for t in [*trees, Path(LIBRARY), Path(NOTEBOOK), *map(Path, ETC)]
                          for a in t.parents if str(a) != "/"}, key=len)
        for folder in folders:  # readable by the sandbox's user, not root's 0700
            command += ["--perms", "0755", "--dir", folder]
        for top in SYSTEM:
            if os.path.islink(top):
                command += ["--symlink", os.readlink(top), top]
            elif os.path.isdir(top):
                command += ["--ro-bind", top, top]
        for path in ETC:
            command += ["--ro-bind-try", path, path]
        for tree in trees:
            command += ["--ro-bind", str(tree), str(tree)]
        for mask in self._masks(trees):
            command += ["--tmpfs", str(mask)]
        command += ["--ro-bind", str(self.library), LIBRARY,
                    "--ro-bind", str(notebook), NOTEBOOK,
                    "--proc", "/proc", "--dev", "/dev"]
        return command + ["--chdir", HOME]

    def _limits(self, timeout: float, sandboxed: bool) -> dict:
        """The resource limits the runner sets on itself before the notebook's first cell."""
        limits = self.limits
        chosen = {"memory": limits.memory, "cpu_seconds": int(2 * timeout + 30),
                  "file_size": limits.file_size, "open_files": limits.open_files, "core": 0}
        if sandboxed:  # counted per user (namespace): outside the sandbox, all of yours
            chosen["processes"] = limits.processes
        return chosen

    def start(self, sources: list[str], raw: bytes, timeout: float) -> Session:
        return Session(self, sources, raw, timeout)


class Session:
    """One notebook running in the environment: its process, its pipe to the judge, its
    watchdog. It is the judge's caller (`function`, `value`, `call`); it never raises while
    answering: when the notebook stops, `dead` says why and every later answer says so too."""

    def __init__(self, environment: Environment, sources, raw: bytes, timeout: float):
        self.environment, self.limits = environment, environment.limits
        self.timeout = timeout
        self.dead: str | None = None
        self.missing: list[str] = []  # names the notebook did not define
        self.uid = environment._uids.get() if environment.root else None
        self.folder = Path(tempfile.mkdtemp(prefix="notebook-", dir=environment.folder))
        self.folder.chmod(0o755)
        notebook = self.folder / "notebook"
        notebook.mkdir(mode=0o755)
        (notebook / "cells.json").write_text(json.dumps(sources), encoding="utf-8")
        (notebook / "submission.ipynb").write_bytes(raw)
        for path in notebook.iterdir():
            path.chmod(0o644)
        to_runner, self._requests = os.pipe()
        self._answers, from_runner = os.pipe()
        sandboxed = environment.isolation == SANDBOX
        if sandboxed:
            command = environment._bwrap(notebook, self.uid, writable=self.folder)
            cells, library, work = f"{NOTEBOOK}/cells.json", LIBRARY, self.folder
            home, tmp = HOME, TMP
        else:
            work = self.folder / "work"
            (work / "home").mkdir(parents=True)
            command, cells, library = [], str(notebook / "cells.json"), str(environment.library)
            home, tmp = str(work / "home"), str(work)
        command += [sys.executable, "-I", "-c", BOOT, library, cells,
                    "--channel", f"{to_runner},{from_runner}",
                    "--limits", json.dumps(environment._limits(timeout, sandboxed))]
        if sandboxed and self.uid is not None:
            command += ["--uid", str(self.uid)]
        self._stderr = open(self.folder / "stderr", "w+b")  # noqa: SIM115 - closed in close()
        self.started = time.monotonic()
        try:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=self._stderr, pass_fds=(to_runner, from_runner), cwd=work,
                env=_environment(home, tmp), start_new_session=True)
        except BaseException:
            self._release()
            raise
        finally:
            os.close(to_runner)
            os.close(from_runner)
        os.set_blocking(self._requests, False)
        os.set_blocking(self._answers, False)
        self._checked = 0.0

    # -- the conversation -------------------------------------------------------------------
    def ready(self) -> list:
        """Wait until the notebook's cells have run (within the timeout); their errors."""
        deadline = self.started + self.timeout
        while True:
            message = self._receive(deadline, f"the notebook ran for more than "
                                              f"{self.timeout:g} s and was stopped: look for a "
                                              "loop that never ends.")
            if message.get("ready") is not True:
                raise self._stop(JUNK)
            errors = message.get("cell_errors")
            return [e for e in errors if isinstance(e, dict)][:100] \
                if isinstance(errors, list) else []

    def function(self, name: str):
        return self._noted(name, self._ask({"op": "function", "name": name}, {"missing": True}))

    def value(self, name: str):
        return self._noted(name, self._ask({"op": "value", "name": name}, {"missing": True}))

    def _noted(self, name, answer):
        if isinstance(answer, dict) and answer.get("missing") is True:
            self.missing.append(name)  # the gradebook blames a crashed cell for it
        return answer

    def call(self, name: str, args):
        from .record import encode

        return self._ask({"op": "call", "name": name, "args": [encode(a) for a in args]},
                         {"error": "Stopped", "message": self.dead or "", "where": ""})

    def _ask(self, request: dict, lost):
        if self.dead:
            return lost
        request["id"] = secrets.randbits(48)  # the judge's own number: stale or forged replies
        deadline = time.monotonic() + self.limits.call_seconds  # don't carry it
        what = f"`{request['name']}`" if request["op"] == "call" else "the notebook"
        try:
            channel.send(self._requests, request, deadline)
        except (TimeoutError, channel.ChannelError):
            self._stop(f"{what} stopped answering the grader, so the notebook was stopped.")
            return lost
        try:
            message = self._receive(deadline, f"{what} did not answer within "
                                              f"{self.limits.call_seconds:g} s, so the "
                                              "notebook was stopped.")
            if message.get("id") != request["id"] or "answer" not in message:
                raise self._stop(JUNK)  # one question at a time: any other message is forged
        except Stopped:
            return lost
        return message["answer"]

    def _receive(self, deadline: float, too_late: str) -> dict:
        try:
            return channel.receive(self._answers, channel.LIMIT, deadline, idle=self._watch)
        except TimeoutError:
            raise self._stop(too_late) from None
        except channel.ChannelError as error:
            if self.process.poll() is not None or str(error) == "the pipe closed":
                raise self._stop(self._ended()) from None
            raise self._stop(f"the notebook wrote something on the grader's line that is not "
                             f"an answer ({error}), so it was stopped.") from None

    def _watch(self):
        """Called while waiting: stop a notebook whose processes use too much memory."""
        now = time.monotonic()
        if now - self._checked < 0.5:
            return
        self._checked = now
        used = _tree_memory(self.process.pid)
        if used > self.limits.total_memory:
            raise self._stop(f"the notebook used more than {self.limits.total_memory / 1e9:.1f} "
                             "GB of memory and was stopped.")

    def _ended(self) -> str:
        self._kill()
        self._stderr.seek(0, os.SEEK_END)
        self._stderr.seek(max(0, self._stderr.tell() - 4096))
        tail = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
        from .record import text

        last = text(tail[-1], 200) if tail else f"its process ended (exit code " \
                                                f"{self.process.returncode})"
        return f"the notebook could not be run to the end: {last}"

    def _stop(self, why: str) -> Stopped:
        if not self.dead:
            self.dead = why
        self._kill()
        return Stopped(self.dead)

    def _kill(self):
        """Kill everything the notebook started: its process group and, with bubblewrap, its
        whole PID namespace (which dies with bwrap)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def close(self):
        if self.process.poll() is None and not self.dead:
            with contextlib.suppress(TimeoutError, channel.ChannelError):
                channel.send(self._requests, {"op": "bye"}, time.monotonic() + 1)
        self._kill()
        self._release()

    def _release(self):
        for fd in (self._requests, self._answers):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._stderr.close()
        if self.uid is not None:
            self.environment._uids.put(self.uid)
            self.uid = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _environment(home: str, tmp: str) -> dict:
    """The notebook's environment variables: nothing of the grader's own."""
    return {"PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin",
                                     "/usr/bin", "/bin"]),
            "HOME": home, "TMPDIR": tmp, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "DDN_GRADING": "1", "MPLBACKEND": "Agg", "MPLCONFIGDIR": f"{tmp}/matplotlib",
            "IPYTHONDIR": f"{tmp}/ipython", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _tree_memory(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc; 0 elsewhere)."""
    if not os.path.isdir("/proc"):
        return 0
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    parent = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, todo, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            with open(f"/proc/{current}/statm", "rb") as f:
                total += int(f.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
    return total
