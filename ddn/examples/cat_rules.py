"""A cat detector written as rules, the conventional-programming way, and where it breaks.

IF furry AND has a tail AND four legs AND pointy ears AND whiskers THEN cat.

The rules say "cat" to a husky or a fox, and "not a cat" to a three-legged cat, a tailless Manx
or a hairless Sphynx. Every fix adds another rule and another edge case; a network instead
works the features out from many labelled examples.
"""

from __future__ import annotations

from typing import NamedTuple

from .._validate import as_instance

RULES = (
    ("furry", lambda a: a["furry"]),
    ("has a tail", lambda a: a["tail"]),
    ("four legs", lambda a: a["legs"] == 4),
    ("pointy ears", lambda a: a["pointy_ears"]),
    ("whiskers", lambda a: a["whiskers"]),
)

FEATURES = ("furry", "tail", "legs", "pointy_ears", "whiskers")

# Each animal: its features and whether it really is a cat.
ANIMALS = {
    "tabby cat": dict(furry=True, tail=True, legs=4, pointy_ears=True, whiskers=True, cat=True),
    "husky": dict(furry=True, tail=True, legs=4, pointy_ears=True, whiskers=True, cat=False),
    "fox": dict(furry=True, tail=True, legs=4, pointy_ears=True, whiskers=True, cat=False),
    "three-legged cat": dict(furry=True, tail=True, legs=3, pointy_ears=True, whiskers=True,
                             cat=True),
    "Manx cat (no tail)": dict(furry=True, tail=False, legs=4, pointy_ears=True, whiskers=True,
                               cat=True),
    "Sphynx cat (hairless)": dict(furry=False, tail=True, legs=4, pointy_ears=True,
                                  whiskers=True, cat=True),
    "goldfish": dict(furry=False, tail=True, legs=0, pointy_ears=False, whiskers=False,
                     cat=False),
}


class Verdict(NamedTuple):
    says_cat: bool
    failed_rule: str | None  # the first rule that said no, or None if all passed


def rules_verdict(animal: dict) -> Verdict:
    """Run the chained IF rules on an animal's features."""
    as_instance(animal, "animal", dict, "a dict of features like ANIMALS['husky']")
    missing = [key for key in FEATURES if key not in animal]
    if missing:
        raise ValueError(f"animal lacks the feature{'s' * (len(missing) > 1)} "
                         f"{', '.join(missing)}: give all of {', '.join(FEATURES)}.")
    for name, rule in RULES:
        if not rule(animal):
            return Verdict(False, name)
    return Verdict(True, None)


def rule_report() -> list[tuple[str, bool, bool]]:
    """(animal, what the rules say, the truth) for every animal in ANIMALS."""
    return [(name, rules_verdict(a).says_cat, a["cat"]) for name, a in ANIMALS.items()]
