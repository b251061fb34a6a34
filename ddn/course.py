"""The course map, where its notebooks live, and the learner's own course folder.

The notebooks ship in the repository (`notebooks/`, `exercises/`) or, in an installed wheel,
inside the package. `ddn lab` copies them once into a workspace folder (by default
~/ddn-course) so that the learner's work is never overwritten by an update, and updates only
ever add notebooks the learner does not have yet.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import NamedTuple


class Section(NamedTuple):
    number: str
    title: str
    notebook: str              # file in notebooks/
    exercise: str | None       # exercise id: file stem in exercises/ and solutions/


SECTIONS = (
    Section("00", "Welcome", "00_welcome.ipynb", None),
    Section("01", "Rules versus learning", "01_rules_vs_learning.ipynb", None),
    Section("02", "The festival neuron", "02_festival_neuron.ipynb", "02_neuron"),
    Section("03", "Activation functions", "03_activation_functions.ipynb", "03_activations"),
    Section("04", "Networks: the driving test", "04_networks.ipynb", "04_networks"),
    Section("05", "Loss: how wrong is the network?", "05_loss.ipynb", "05_loss"),
    Section("06", "Gradient descent", "06_gradient_descent.ipynb", "06_descent"),
    Section("07", "Backpropagation and training", "07_backpropagation.ipynb", "07_backprop"),
    Section("08", "Perceptrons and non-linear boundaries", "08_perceptrons.ipynb",
            "08_perceptrons"),
    Section("09", "Images are arrays; convolution", "09_images_convolution.ipynb",
            "09_convolution"),
    Section("10", "ConvNets", "10_convnets.ipynb", "10_convnets"),
    Section("11", "Inside a ConvNet", "11_inside_convnet.ipynb", "11_inside"),
    Section("12", "Fooling, dreaming and style", "12_fooling_dreaming_style.ipynb",
            "12_fooling"),
    Section("13", "Bias, and what next", "13_bias_what_next.ipynb", "13_bias"),
)

WELCOME = f"notebooks/{SECTIONS[0].notebook}"
MARKER = ".ddn"             # folder that marks a learner's workspace
PROGRESS_FILE = "progress.json"


def course_root() -> Path:
    """The folder holding notebooks/ and exercises/: the package's copy, else the repository."""
    packaged = Path(__file__).parent / "_course"
    if (packaged / "notebooks").is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent


def default_workspace() -> Path:
    """~/ddn-course, or the folder named by the DDN_WORKSPACE environment variable."""
    return Path(os.environ.get("DDN_WORKSPACE", Path.home() / "ddn-course")).expanduser()


def _course_files(workspace: Path):
    """(source, target, name) for every course notebook and its place in the workspace."""
    source = course_root()
    for folder in ("notebooks", "exercises"):
        for notebook in sorted((source / folder).glob("*.ipynb")):
            yield notebook, workspace / folder / notebook.name, f"{folder}/{notebook.name}"


def missing_notebooks(workspace: Path) -> list[str]:
    """The course notebooks that the workspace does not have yet (nothing is changed)."""
    return [name for _, target, name in _course_files(Path(workspace)) if not target.exists()]


def ensure_workspace(workspace: Path | None = None) -> tuple[Path, list[str]]:
    """Create the workspace if needed and copy in every course notebook it lacks.

    Returns the workspace and the files that were added. Existing files are never touched.
    """
    workspace = Path(workspace or default_workspace()).expanduser().resolve()
    added = []
    for notebook, target, name in _course_files(workspace):
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(notebook, target)
            added.append(name)
    marker = workspace / MARKER
    marker.mkdir(parents=True, exist_ok=True)
    info = marker / "workspace.json"
    if not info.exists():
        info.write_text(json.dumps({"course": "ddn", "source": str(course_root())}, indent=1)
                        + "\n")
    return workspace, added


def find_workspace(start: Path | None = None) -> Path | None:
    """The workspace containing `start` (default: the current folder), if there is one."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER / "workspace.json").is_file():
            return folder
    return None


def source(obj):
    """Show the code of a piece of ddn (a function, class or module) right in the notebook.

    ddn.source(ddn.Neuron) or ddn.source(ddn.examples.driving_test): the library is part of the
    course, and this is the quickest way to read it.
    """
    import inspect

    from IPython.display import Code

    if not (inspect.ismodule(obj) or inspect.isclass(obj) or inspect.isroutine(obj)):
        raise TypeError(f"obj should be a piece of ddn (a function, class or module), such as "
                        f"ddn.Neuron, but it is a {type(obj).__name__}.")
    try:
        return Code(inspect.getsource(obj), language="python")
    except (OSError, TypeError):
        raise TypeError(f"obj: the code of {obj!r} is not available to show (it is built into "
                        "Python or numpy, not written in ddn).") from None
