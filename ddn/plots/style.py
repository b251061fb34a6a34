"""The course's colours, so the same idea always has the same colour."""

CLASS_COLOURS = ("#3574c4", "#e0612d")   # class 0 (cat, reject, stay) and class 1 (dog, accept)
REGION_CMAP = "coolwarm"                  # the same two sides, as shaded regions
GO, STOP = "#2e8540", "#8a8f98"           # a positive and a negative decision
HIGHLIGHT = "#f2b705"                     # the thing the learner is looking at
INK = "#263238"                           # text and lines
FACTOR_COLOURS = ("#f2b705", "#7b4fb3", "#2a9d8f", "#d1495b")  # festival factors
