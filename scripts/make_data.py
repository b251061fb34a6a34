"""Build the data files that ship inside ddn (maintainers only; run once, commit the output).

    python scripts/make_data.py WHEELS_FOLDER

WHEELS_FOLDER holds the scikit-learn and scikit-image wheels, fetched with
`pip download --no-deps scikit-learn scikit-image -d WHEELS_FOLDER`. Neither becomes a
dependency of ddn: their data files are read straight out of the wheels (zip files).

- ddn/data/digits.npz: the UCI optical recognition of handwritten digits, 8×8 version
  (1,797 images, 16 grey levels; E. Alpaydin and C. Kaynak, UCI Machine Learning Repository,
  CC BY 4.0), as uint8 pixels 0..16 and labels, with a fixed stratified split: 36 test images
  of each digit (360), the other 1,437 for training.
- ddn/data/photos.npz: small photos from scikit-image's sample data, centre-cropped and
  shrunk to 128×128 RGB: "chelsea" the cat (CC0, Stefan van der Walt), "coffee" (CC0, Rachel
  Michetti), "brick" (CC0, CC0Textures) and "grass" (CC0, CC0Textures).
"""

from __future__ import annotations

import gzip
import io
import sys
import zipfile
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "ddn" / "data"
PHOTOS = ("chelsea", "coffee", "brick", "grass")
SIZE = 128
TEST_PER_DIGIT = 36


def _member(folder: Path, wheel_prefix: str, name: str) -> bytes:
    wheel = next(folder.glob(f"{wheel_prefix}-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(name)


def digits(folder: Path) -> None:
    raw = gzip.decompress(_member(folder, "scikit_learn", "sklearn/datasets/data/digits.csv.gz"))
    table = np.loadtxt(io.StringIO(raw.decode()), delimiter=",", dtype=np.uint8)
    images, labels = table[:, :64].reshape(-1, 8, 8), table[:, 64]
    rng = np.random.default_rng(0)
    test = np.zeros(len(labels), dtype=bool)
    for digit in range(10):
        test[rng.choice(np.flatnonzero(labels == digit), TEST_PER_DIGIT, replace=False)] = True
    np.savez_compressed(OUT / "digits.npz", x_train=images[~test], y_train=labels[~test],
                        x_test=images[test], y_test=labels[test])
    print(f"digits: {int((~test).sum())} training, {int(test.sum())} test images")


def photos(folder: Path) -> None:
    from PIL import Image

    arrays = {}
    for name in PHOTOS:
        image = Image.open(io.BytesIO(_member(folder, "scikit_image",
                                              f"skimage/data/{name}.png"))).convert("RGB")
        side = min(image.size)
        left, top = (image.width - side) // 2, (image.height - side) // 2
        image = image.crop((left, top, left + side, top + side))
        arrays[name] = np.asarray(image.resize((SIZE, SIZE), Image.LANCZOS), dtype=np.uint8)
    np.savez_compressed(OUT / "photos.npz", **arrays)
    print(f"photos: {', '.join(arrays)} at {SIZE}×{SIZE}")


if __name__ == "__main__":
    wheels = Path(sys.argv[1])
    OUT.mkdir(exist_ok=True)
    digits(wheels)
    photos(wheels)
