"""A ``Network``'s file: write and read the ``.npz`` file of ``Network.save`` / ``Network.load``.

Apparatus, not lesson: what matters here is that a student's file either loads or says, in one
sentence naming the file, what is wrong with it. The file is a plain NumPy ``.npz`` archive
(no pickle): the settings ``sizes``, ``hidden_activation``, ``output_activation``, ``loss`` and
``seed``, then W1, b1, W2, b2, ... (Wˡ = ``weights[l-1]``).

Writing goes to a temporary file in the same folder that is then renamed over the target, so a
save that fails half-way (a full disk, an interrupt) never replaces a good file with a broken one.
"""

import os
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

SETTINGS = ("sizes", "hidden_activation", "output_activation", "loss", "seed")
#: Settings under the names of files written before a rename: old name -> current name.
OLD_NAMES = {"output": "output_activation"}
SAVE_AGAIN = "save the network again with net.save(...)"


def _as_path(path, verb):
    """``path`` as a ``Path``, or a TypeError that says what a file name looks like."""
    if isinstance(path, (str, os.PathLike)) and str(path).strip():
        return Path(path).expanduser()
    raise TypeError(f'{verb} needs a file name such as "my_network.npz", got {path!r}')


def write_network(path, settings, weights, biases):
    """Write a network's ``settings`` (a dict of SETTINGS) and arrays to ``path`` (".npz" added
    when missing, as NumPy does). Returns the absolute path written."""
    path = _as_path(path, "save")
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(
            f"cannot save to '{path}': the folder '{folder}' does not exist "
            f"(create it first, e.g. Path('{folder}').mkdir(parents=True))"
        )
    if path.is_dir():
        raise IsADirectoryError(f"cannot save to '{path}': it is a folder, not a file name")
    arrays = {name: np.asarray(value) for name, value in settings.items()}
    for l, (W, b) in enumerate(zip(weights, biases, strict=True), start=1):
        arrays[f"W{l}"], arrays[f"b{l}"] = W, b
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            np.savez(file, **arrays)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)  # atomic: the old file stays whole until this moment
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path.resolve()


def read_network(path):
    """Read the file ``Network.save`` wrote: returns (path, settings, weights, biases).

    ``path`` without ".npz" also finds "path.npz". Every problem raises one exception whose
    message names the file and what is wrong: FileNotFoundError, IsADirectoryError, or
    ValueError for a file that is empty, damaged, not a saved network, incomplete, or holds
    NaN or infinite weights.
    """
    path = _found(_as_path(path, "load"))
    arrays = _arrays(path)
    for old, new in OLD_NAMES.items():
        if old in arrays and new not in arrays:
            arrays[new] = arrays.pop(old)
    missing = [name for name in SETTINGS if name not in arrays]
    if missing:
        raise ValueError(
            f"'{path}' is not a network saved by Network.save: it holds the arrays "
            f"{sorted(arrays)} but not {missing}"
        )
    settings = {name: arrays[name] for name in SETTINGS}
    sizes = np.asarray(settings["sizes"])
    if sizes.ndim != 1 or sizes.dtype.kind not in "iu" or len(sizes) < 2 or np.any(sizes < 1):
        raise ValueError(f"'{path}' is damaged: its sizes {sizes.tolist()} are not layer sizes")
    seed = str(settings["seed"])
    settings = {
        "sizes": sizes.tolist(),
        "hidden_activation": str(settings["hidden_activation"]),
        "output_activation": str(settings["output_activation"]),
        "loss": str(settings["loss"]),
        "seed": None if seed == "None" else int(seed) if seed.isdigit() else seed,
    }
    weights, biases = _layers(path, arrays, settings["sizes"])
    return path, settings, weights, biases


def _found(path):
    """The file at ``path``, or at ``path`` + ".npz"; else a FileNotFoundError that says so."""
    if not path.exists() and path.suffix != ".npz" and path.with_name(path.name + ".npz").exists():
        path = path.with_name(path.name + ".npz")
    if path.is_dir():
        raise IsADirectoryError(
            f"'{path}' is a folder, not a file saved by Network.save: give the file's name"
        )
    if not path.exists():
        tried = f"'{path}'" if path.suffix == ".npz" else f"'{path}' nor '{path}.npz'"
        raise FileNotFoundError(
            f"no file {tried} (looked in {path.parent.resolve()}): check the name, or "
            "save the network first with net.save(...)"
        )
    if path.stat().st_size == 0:
        raise ValueError(f"'{path}' is empty (0 bytes): it holds no network; {SAVE_AGAIN}")
    return path


def _arrays(path):
    """Every array of the .npz file at ``path``, read now; a clear error for anything else."""
    try:
        with open(path, "rb") as file:
            head = file.read(4)
    except OSError as error:
        raise OSError(f"cannot read '{path}': {error.strerror or error}") from error
    if head != b"PK\x03\x04":  # every zip archive (and so every .npz file) starts so
        if head[:1] == b"\x80":
            kind = "a pickle (pickle.dump), which Network.load does not read"
        elif head == b"\x93NUM":
            kind = "a single NumPy array (np.save)"
        else:
            kind = "not a NumPy .npz file"
        raise ValueError(f"'{path}' is not a network saved by Network.save: it is {kind}")
    try:
        with np.load(path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError, OSError) as error:
        raise ValueError(
            f"'{path}' is damaged (its archive cannot be read: {error}); {SAVE_AGAIN}"
        ) from error


def _layers(path, arrays, sizes):
    """W1, b1, ... as lists, each checked against ``sizes``: present, shaped, finite."""
    weights, biases = [], []
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True), start=1):
        for name, shape, into in ((f"W{l}", (n_in, n_out), weights), (f"b{l}", (n_out,), biases)):
            what = f"layer {l}'s {'weights' if name[0] == 'W' else 'biases'} {name}"
            if name not in arrays:
                raise ValueError(f"'{path}' is damaged: {what} are missing; {SAVE_AGAIN}")
            array = arrays[name]
            if array.shape != shape or array.dtype.kind not in "fiu":
                raise ValueError(
                    f"'{path}' is damaged: {what} have shape {array.shape} but sizes {sizes} "
                    f"need {shape}; {SAVE_AGAIN}"
                )
            if not np.all(np.isfinite(array)):
                raise ValueError(
                    f"'{path}' holds NaN or infinite numbers in {what}: that network was "
                    "saved after its training diverged. Train it again (with a smaller "
                    "learning rate) and save it again."
                )
            into.append(array.astype(float))
    return weights, biases
