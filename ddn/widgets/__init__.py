"""Interactive pictures for the notebooks, built from ipywidgets controls and matplotlib.

Each app keeps its state in plain attributes (so tests can set a control and read the result),
updates its picture in place when a control moves, shows the key numbers as text, and also
offers a PNG of its current state, which is what a reader sees where widgets can't run.
"""
