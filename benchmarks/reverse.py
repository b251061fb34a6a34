"""Networks run in reverse (notebooks 12-13): how long each takes, against references.

    python benchmarks/reverse.py              timings (one BLAS thread), with the load average
    python benchmarks/reverse.py --threads 2  the same with two BLAS threads
    python benchmarks/reverse.py --seeds      the numbers behind the tests' ranges: the ε table
                                              for seeds 0-9, fooling for 0-9, class
                                              visualisation for 0-9, the loan table for 0-4,
                                              the marker lab for 0-2

Each timing is the median of several runs, interleaved with its reference:

1. FGSM over the 360 test digits (one forward, one backward, a sign) against one plain
   forward pass over them. Target: ≤ 0.2 s.
2. A dream of all channels: channel_gallery of the 16 second-layer channels (200 steps)
   against the same number of forward and backward passes written out by hand (the
   library's overhead). Target: ≤ 2 s.
3. Fooling images for all ten digits; class visualisation of all ten.
4. Style transfer, chelsea 64×64 in the stained glass's style, 100 steps, with its loss curve,
   against the loss-and-gradient evaluations alone (what L-BFGS adds). Target: ≤ 30 s.
5. The loan lab's five interventions, and the marker lab's two trainings.

Not a test: nothing here passes or fails; the load average is printed, since other work on
the same cores slows every measurement.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def _load() -> str:
    return "load average " + ", ".join(f"{v:.1f}" for v in os.getloadavg())


def _median_seconds(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _interleaved(pairs, repeats: int) -> dict:
    """Run every (name, function) in turn, `repeats` rounds; the median seconds of each."""
    times = {name: [] for name, _ in pairs}
    for _ in range(repeats):
        for name, function in pairs:
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def timings(repeats: int) -> None:
    import numpy as np

    from ddn.adversarial import fgsm
    from ddn.datasets import digits, photo
    from ddn.dream import channel_gallery, class_visualisation
    from ddn.examples.convnets import trained_digits
    from ddn.fairness import compare_interventions, digits_network, marked_digits
    from ddn.fooling import fooling_images
    from ddn.style import _Losses, random_features, stained_glass, transfer

    start = time.perf_counter()
    net = trained_digits(0)
    print(f"the course ConvNet, trained once: {time.perf_counter() - start:.2f} s  ({_load()})")
    _, _, x_test, y_test = digits()

    rows = []
    t = _interleaved([("fgsm", lambda: fgsm(net, x_test, y_test, 0.1)),
                      ("forward", lambda: net.forward(x_test))], repeats * 4)
    rows.append(("FGSM, 360 test digits", t["fgsm"], "one forward pass", t["forward"]))

    part = net[:4]
    images = np.zeros((16, 1, 12, 12))

    def by_hand():  # the gallery's passes, without the library around them
        x = images
        for _ in range(200):
            a = part.forward(x)
            g = np.zeros_like(a)
            g[np.arange(16), np.arange(16), 3, 3] = 1.0
            d = part.backward(g)
            x = np.clip(x + 0.03 * d / np.maximum(np.abs(d).mean(), 1e-12), 0, 1)

    t = _interleaved([("gallery", lambda: channel_gallery(net, 3)), ("hand", by_hand)], repeats)
    rows.append(("dream of all 16 channels (gallery)", t["gallery"], "200 passes by hand",
                 t["hand"]))
    rows.append(("fooling images, 10 digits", _median_seconds(lambda: fooling_images(net),
                                                              repeats), "", None))
    rows.append(("class visualisation, 10 digits",
                 _median_seconds(lambda: class_visualisation(net), repeats), "", None))

    cat, glass = photo("chelsea")[:, ::2, ::2], stained_glass()
    start = time.perf_counter()
    result = transfer(cat, glass)
    seconds = time.perf_counter() - start
    losses = _Losses(random_features(), glass, cat, 1000.0, 1.0)
    evaluations = _median_seconds(lambda: losses(cat), 5) * (len(result.style_losses) - 1)
    rows.append(("style transfer 64×64, 100 steps", seconds, "its loss evaluations",
                 evaluations))
    rows.append(("loan lab, 5 interventions",
                 _median_seconds(lambda: compare_interventions(), repeats), "", None))

    def marker_lab():
        for balanced in (False, True):
            x, y, _ = marked_digits(balanced=balanced)
            digits_network(x, y)

    rows.append(("marker lab, 2 trainings", _median_seconds(marker_lab, 1), "", None))

    print(f"\n{'measured':<38} {'seconds':>8}   {'reference':<22} {'seconds':>8} {'ratio':>6}")
    for name, value, reference, ref_value in rows:
        tail = f"{reference:<22} {ref_value:8.3f} {value / ref_value:6.2f}" if ref_value else ""
        print(f"{name:<38} {value:8.3f}   {tail}")
    curve = result.style_losses
    shown = ", ".join(f"{k}: {curve[k]:.3g}" for k in (0, 1, 2, 5, 10, 20, 50, len(curve) - 1))
    print(f"\nstyle loss curve (step: loss): {shown}")
    print(f"style loss down {result.style_drop:.2%}; content loss {result.content_losses[-1]:.3f}")
    print(f"({_load()})")


def seeds() -> None:
    import numpy as np

    from ddn import softmax
    from ddn.adversarial import accuracy_under_attack
    from ddn.datasets import digits
    from ddn.dream import class_visualisation
    from ddn.examples.convnets import trained_digits
    from ddn.fairness import compare_interventions, digits_network, marked_digits, marker_test
    from ddn.fooling import fooling_images, noise_confidence

    x_train, y_train, x_test, y_test = digits()
    means = np.stack([x_train[y_train == d].mean(axis=0) for d in range(10)]).reshape(10, -1)
    print("seed  FGSM accuracy at ε = 0 / 0.05 / 0.1 / 0.2 / 0.3   | fooling: max steps, "
          "min confidence, mean change | noise: mean confidence, > 90% | class vis: own, min p")
    for seed in range(10):
        net = trained_digits(seed)
        table = accuracy_under_attack(net, x_test, y_test)
        fooled = fooling_images(net)
        noise = noise_confidence(net)
        shown = class_visualisation(net)
        correlation = np.corrcoef(shown.images.reshape(10, -1), means)[:10, 10:]
        own = int(np.sum(correlation.argmax(axis=1) == np.arange(10)))
        p = softmax(net.forward(fooled.images))[np.arange(10), np.arange(10)]
        print(f"{seed:>4}  " + " / ".join(f"{a:.1%}" for a in table.accuracies)
              + f" | {fooled.steps.max():3d}, {p.min():.5f}, "
              f"{np.abs(fooled.images - fooled.start).mean():.3f} | "
              f"{noise.confidences.mean():.1%}, {np.mean(noise.confidences > 0.9):.1%} | "
              f"{own}/10, {shown.probabilities.min():.4f}")
    for seed in range(5):
        print(f"\nloan lab, seed {seed}\n{compare_interventions(seed=seed)}")
    for seed in range(3):
        results = []
        for balanced in (False, True):
            x, y, _ = marked_digits(balanced=balanced, seed=seed)
            results.append(marker_test(digits_network(x, y, seed)))
        print(f"\nmarker, seed {seed}: skewed {results[0]}\n                balanced {results[1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seeds", action="store_true", help="the numbers across seeds")
    args = parser.parse_args()
    if "numpy" in sys.modules:
        raise RuntimeError("numpy was imported before the thread count was set")
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(args.threads)
    print(f"benchmarks/reverse.py: {args.threads} BLAS thread(s), {_load()}")
    if args.seeds:
        seeds()
    else:
        timings(args.repeats)


if __name__ == "__main__":
    main()
