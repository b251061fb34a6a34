"""Pictures for the course, drawn with matplotlib (imported only when you use them).

Each module draws one kind of picture and returns handles to what it drew, so widgets can
update the picture in place instead of drawing it again:

- figure.py:   a new figure (no pyplot needed), and its PNG bytes
- style.py:    the course's colours
- diagram.py:  a network as nodes and edges, with values written on them
- boundary.py: 2-D data with a decision boundary (a line, or any model's regions)
"""
