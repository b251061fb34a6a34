"""ConvNet benchmarks on the digits (issue 8, section 5): ratios measured in one run.

    python benchmarks/convnet.py            epoch time, batch convolution, accuracy per seed
    python benchmarks/convnet.py --quick    fewer repeats (a rough look)

1. Epoch: conv(8, 3×3)-ReLU-pool-conv(16, 3×3)-ReLU-pool-dense(10) on the 1,437 training
   digits, batch 32, SGD with momentum: ddn against PyTorch on the CPU (if it is installed;
   `pip install torch==2.13.0` takes the CPU wheel here) and against the same network with
   every convolution done per image by scipy. Each framework trains in its own process, on one
   thread (BLAS and PyTorch pinned), the processes interleaved, the first epoch of each dropped.
   Target: ddn ≤ 0.6 × PyTorch.
2. Batch convolution: 256 images of 28×28, 8 kernels of 3×3 (padding 1, so that both sides
   compute the same 28×28 maps, checked): Conv2D.forward against scipy.ndimage.correlate called
   per image and kernel (the fastest scipy way for one image). Target: ≤ 0.12 ×.
3. Accuracy: ddn.examples.convnets.train_digits(seed) for seeds 0-9: test accuracy and
   seconds each. Target: ≥ 97% for every seed, each in ≤ 2 s.

Not a test: nothing here passes or fails. The machine's load average is printed with the
results, since other work on the same cores slows every measurement (the ratios less so: they
are measured side by side).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                     "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")}
os.environ.update(ONE_THREAD)  # this process too (numpy is imported later, inside functions)
BATCH, LEARNING_RATE, MOMENTUM = 32, 0.05, 0.9


def _load() -> str:
    return "load average " + ", ".join(f"{v:.1f}" for v in os.getloadavg())


# -- the three trainers, each run in a process of its own -----------------------------------------
def _epochs_ddn(epochs: int, seed: int) -> list[float]:
    import ddn
    from ddn.datasets import digits
    from ddn.examples.convnets import digits_convnet

    x, y, _, _ = digits()
    net = digits_convnet(seed)
    trainer = ddn.Trainer(net, ddn.SoftmaxCrossEntropy(), x, y, batch_size=BATCH, seed=seed,
                          optimizer=ddn.Momentum(LEARNING_RATE, MOMENTUM),
                          evaluate_every=10 ** 6)  # training only, as the others do
    return [_wall_and_cpu(lambda: trainer.run(1)) for _ in range(epochs)]


def _epochs_torch(epochs: int, seed: int) -> list[float]:
    import torch
    from torch import nn

    from ddn.datasets import digits

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    x, y, _, _ = digits()
    x, y = torch.tensor(x, dtype=torch.float32), torch.tensor(y)
    model = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(64, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)
    loss = nn.CrossEntropyLoss()

    def epoch():
        order = torch.randperm(len(x))
        for start in range(0, len(x), BATCH):
            idx = order[start:start + BATCH]
            optimizer.zero_grad()
            loss(model(x[idx]), y[idx]).backward()
            optimizer.step()

    return [_wall_and_cpu(epoch) for _ in range(epochs)]


def _epochs_scipy(epochs: int, seed: int) -> list[float]:
    """The same network and training, every convolution (forward and both gradients) done per
    image and channel by scipy; pooling, ReLU and the dense layer in plain numpy."""
    import numpy as np
    from scipy import ndimage, signal

    from ddn.datasets import digits

    x, y, _, _ = digits()
    rng = np.random.default_rng(seed)
    onehot = np.eye(10)[y]
    params = [rng.normal(0, np.sqrt(2 / 9), (8, 1, 3, 3)), np.zeros(8),
              rng.normal(0, np.sqrt(2 / 72), (16, 8, 3, 3)), np.zeros(16),
              rng.normal(0, np.sqrt(2 / 64), (10, 64)), np.zeros(10)]
    velocity = [np.zeros_like(p) for p in params]

    def conv(images, w, b):  # 'same' maps: padding 1 for a 3×3 kernel
        out = np.empty((len(images), len(w), *images.shape[2:]))
        for n, image in enumerate(images):
            for f, kernel in enumerate(w):
                out[n, f] = sum(ndimage.correlate(image[c], kernel[c], mode="constant")
                                for c in range(len(image))) + b[f]
        return out

    def conv_backward(images, w, grad):
        padded = np.pad(images, ((0, 0), (0, 0), (1, 1), (1, 1)))
        dw = np.zeros_like(w)
        dx = np.zeros_like(images)
        for n in range(len(images)):
            for f in range(len(w)):
                for c in range(images.shape[1]):
                    dw[f, c] += signal.correlate2d(padded[n, c], grad[n, f], mode="valid")
                    dx[n, c] += ndimage.convolve(grad[n, f], w[f, c], mode="constant")
        return dx, dw, grad.sum(axis=(0, 2, 3))

    def pool(maps):  # 2×2 blocks: (n, c, h, w) -> (n, c, h/2, w/2, 4), then the largest
        n, c, h, w = maps.shape
        blocks = maps.reshape(n, c, h // 2, 2, w // 2, 2).transpose(0, 1, 2, 4, 3, 5)
        blocks = blocks.reshape(n, c, h // 2, w // 2, 4)
        out = blocks.max(axis=-1)
        is_max = blocks == out[..., None]
        return out, is_max & (np.cumsum(is_max, axis=-1) == 1)  # one winner per block

    def pool_backward(winner, grad):
        n, c, h, w = grad.shape
        routed = (winner * grad[..., None]).reshape(n, c, h, w, 2, 2)
        return routed.transpose(0, 1, 2, 4, 3, 5).reshape(n, c, 2 * h, 2 * w)

    def step(xb, tb):
        w1, b1, w2, b2, w3, b3 = params
        z1 = conv(xb, w1, b1)
        p1, m1 = pool(np.maximum(z1, 0))
        z2 = conv(p1, w2, b2)
        p2, m2 = pool(np.maximum(z2, 0))
        flat = p2.reshape(len(xb), -1)
        scores = flat @ w3.T + b3
        e = np.exp(scores - scores.max(axis=1, keepdims=True))
        g = (e / e.sum(axis=1, keepdims=True) - tb) / len(xb)
        dw3, db3 = g.T @ flat, g.sum(axis=0)
        g2 = pool_backward(m2, (g @ w3).reshape(p2.shape)) * (z2 > 0)
        dp1, dw2, db2 = conv_backward(p1, w2, g2)
        g1 = pool_backward(m1, dp1) * (z1 > 0)
        _, dw1, db1 = conv_backward(xb, w1, g1)
        for p, v, d in zip(params, velocity, (dw1, db1, dw2, db2, dw3, db3)):
            v *= MOMENTUM
            v -= LEARNING_RATE * d
            p += v

    def epoch():
        order = rng.permutation(len(x))
        for start in range(0, len(x), BATCH):
            idx = order[start:start + BATCH]
            step(x[idx], onehot[idx])

    return [_wall_and_cpu(epoch) for _ in range(epochs)]


WORKERS = {"ddn": _epochs_ddn, "torch": _epochs_torch, "scipy": _epochs_scipy}


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _wall_and_cpu(function) -> tuple[float, float]:
    """Wall-clock seconds, and the CPU seconds this process used (less sensitive to other work
    on the machine, and to a framework starting helper threads)."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def _worker(name: str, epochs: int, seed: int) -> list[float]:
    """Epoch times from a fresh process with one thread; the first epoch (warming up) dropped."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import convnet, "
            f"json; print(json.dumps(convnet.WORKERS[{name!r}]({epochs}, {seed})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, **ONE_THREAD}, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])[1:]


def _has_torch() -> bool:
    done = subprocess.run([sys.executable, "-c", "import torch"], capture_output=True)
    return done.returncode == 0


def epoch_ratios(rounds: int, epochs: int) -> None:
    names = ["ddn", "torch", "scipy"] if _has_torch() else ["ddn", "scipy"]
    times = {name: [] for name in names}
    for r in range(rounds):  # interleaved: every round runs each framework once
        for name in names:
            count = 3 if name == "scipy" else epochs  # scipy is slow: fewer epochs per round
            times[name] += _worker(name, count, seed=r)
    wall = {name: statistics.median(w for w, _ in t) for name, t in times.items()}
    cpu = {name: statistics.median(c for _, c in t) for name, t in times.items()}
    print(f"== epoch: digits ConvNet, batch {BATCH}, one thread each, {rounds} interleaved "
          f"rounds, medians of {', '.join(f'{len(t)} {n}' for n, t in times.items())} epochs "
          f"({_load()})")
    for name in names:
        low, high = min(w for w, _ in times[name]), max(w for w, _ in times[name])
        print(f"   {name:<6} {wall[name] * 1000:8.1f} ms per epoch, {cpu[name] * 1000:8.1f} ms "
              f"CPU  (wall range {low * 1000:.0f}-{high * 1000:.0f} ms)")
    if "torch" in wall:
        print(f"   ddn / PyTorch     = {wall['ddn'] / wall['torch']:.2f} wall, "
              f"{cpu['ddn'] / cpu['torch']:.2f} CPU   (target ≤ 0.6)")
    else:
        print("   PyTorch is not installed: no PyTorch ratio (pip install torch==2.13.0)")
    print(f"   ddn / scipy loop  = {wall['ddn'] / wall['scipy']:.3f} wall, "
          f"{cpu['ddn'] / cpu['scipy']:.3f} CPU")


def batch_convolution(repeats: int) -> None:
    import numpy as np
    from scipy import ndimage, signal

    import ddn

    rng = np.random.default_rng(0)
    images, kernels = rng.random((256, 1, 28, 28)), rng.normal(size=(8, 1, 3, 3))
    layer = ddn.Conv2D.from_kernels(kernels, padding=1)

    def with_ndimage():
        return np.array([[ndimage.correlate(image[0], kernel[0], mode="constant")
                          for kernel in kernels] for image in images])

    def with_correlate2d():
        return np.array([[signal.correlate2d(image[0], kernel[0], mode="same")
                          for kernel in kernels] for image in images])

    for reference in (with_ndimage, with_correlate2d):  # the same numbers, so the same work
        np.testing.assert_allclose(layer.forward(images), reference(), atol=1e-12)
    times = {"ours": [], "ndimage": [], "correlate2d": []}
    for _ in range(repeats):
        times["ours"].append(_timed(lambda: layer.forward(images)))
        times["ndimage"].append(_timed(with_ndimage))
        times["correlate2d"].append(_timed(with_correlate2d))
    ours, ndi, c2d = (statistics.median(times[k]) for k in times)
    print(f"== batch convolution: 256 images 28×28, 8 kernels 3×3 (padding 1), median of "
          f"{repeats} interleaved ({_load()})")
    print(f"   Conv2D.forward (checked)             {ours * 1000:7.2f} ms")
    print(f"   scipy.ndimage.correlate per image    {ndi * 1000:7.2f} ms   ratio {ours / ndi:.3f}"
          "   (target ≤ 0.12)")
    print(f"   scipy.signal.correlate2d per image   {c2d * 1000:7.2f} ms   ratio {ours / c2d:.3f}")


def accuracy_per_seed() -> None:
    code = ("import json, time; from ddn.datasets import digits; "
            "from ddn.examples.convnets import train_digits; "
            "out = []\nfor seed in range(10):\n"
            "    start = time.perf_counter(); net, _ = train_digits(seed)\n"
            "    seconds = time.perf_counter() - start\n"
            "    x, y = digits()[2:]\n"
            "    out.append((seed, float((net.forward(x).argmax(axis=1) == y).mean()), seconds))\n"
            "print(json.dumps(out))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, **ONE_THREAD}, cwd=ROOT, check=True)
    rows = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"== accuracy: train_digits(seed), one thread ({_load()})")
    for seed, accuracy, seconds in rows:
        print(f"   seed {seed}   test accuracy {accuracy:.2%}   {seconds:.2f} s")
    print(f"   lowest {min(r[1] for r in rows):.2%} (target ≥ 97%), slowest "
          f"{max(r[2] for r in rows):.2f} s (target ≤ 2 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    epoch_ratios(rounds=2 if args.quick else 5, epochs=4 if args.quick else 6)
    batch_convolution(repeats=5 if args.quick else 15)
    accuracy_per_seed()


if __name__ == "__main__":
    main()
