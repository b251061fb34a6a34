"""The course's worked examples, with their exact numbers.

One small module per example: `festival`, `admissions`, `driving_test`, `houses`, `cats_dogs`,
`cat_rules` and `history`. Every data set is generated in code from a fixed seed, so nothing is
downloaded and every run prints the same numbers.
"""
