"""For maintainers: execute the course notebooks and store them with their outputs.

Stored notebooks must read well before anything runs (on GitHub, in nbviewer, or in JupyterLab
before the kernel starts), and nbval compares their printed numbers on every test run. So each
notebook is executed top to bottom, then cleaned:

- widget views are removed from the outputs: without a live kernel they can only show "Error
  displaying widget". Every ddn widget also offers a PNG picture of its first state and a text
  summary in the same output, and those stay, so the reader sees the picture instead;
- the saved widget state (metadata.widgets) is dropped: its ids change on every run, and so
  are the cells' execution timestamps (they would make every re-run a diff);
- pictures are stored with a 256-colour palette when that makes them smaller (plots use few
  colours, so they look the same at a quarter of the size).
"""

from __future__ import annotations

from pathlib import Path

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def clean(notebook) -> None:
    """Drop widget views and widget state, and shrink pictures (in place)."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        kept = []
        for output in cell.outputs:
            data = output.get("data")
            if data is not None and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                if not (set(data) - {"text/plain"}):
                    continue  # a bare widget with no picture: nothing worth keeping
            if data is not None and "image/png" in data:
                data["image/png"] = smaller_png(data["image/png"])
            kept.append(output)
        cell.outputs = kept


def smaller_png(encoded: str) -> str:
    """The base64 PNG with a 256-colour palette, if that is smaller; else unchanged."""
    import base64
    import io

    from PIL import Image

    original = base64.b64decode(encoded)
    buffer = io.BytesIO()
    Image.open(io.BytesIO(original)).convert("RGB").quantize(256).save(buffer, "PNG",
                                                                      optimize=True)
    smaller = buffer.getvalue()
    return base64.b64encode(smaller).decode("ascii") if len(smaller) < len(original) \
        else encoded


def execute(path, timeout: int = 600) -> None:
    """Run a notebook top to bottom in its own folder and store it, cleaned, in place."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    clean(notebook)
    nbformat.write(notebook, path)
