"""Network.save and Network.load with a student's files (issue 21): every broken file gets one
clear message naming the file and what is wrong; nothing half-written replaces a good file."""

import os
import pickle
import zipfile

import numpy as np
import pytest

from helpers import Network, network_io


@pytest.fixture
def net():
    network = Network([3, 4, 2], hidden_activation="tanh", seed=1)
    for b in network.biases:
        b += 0.5
    return network


@pytest.fixture
def saved(net, tmp_path):
    """A good file written by save: its path."""
    return net.save(tmp_path / "my_net.npz", verbose=False)


def arrays_of(path):
    with np.load(path) as data:
        return {name: data[name] for name in data.files}


def assert_same(a, b):
    assert repr(a) == repr(b)
    for p, q in zip(a.weights + a.biases, b.weights + b.biases, strict=True):
        np.testing.assert_array_equal(p, q)


# ------------------------------------------------------------------------------ saving
def test_save_says_where_it_wrote_and_returns_the_path(net, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    where = net.save("my_net")
    assert where == tmp_path.resolve() / "my_net.npz" and where.is_file()
    assert capsys.readouterr().out == f"saved the network to {where}\n"
    net.save("quiet.npz", verbose=False)
    assert capsys.readouterr().out == ""


def test_load_finds_the_file_save_wrote_under_the_same_name(net, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    net.save("my_net", verbose=False)  # wrote my_net.npz
    assert_same(Network.load("my_net"), net)
    assert_same(Network.load("my_net.npz"), net)


@pytest.mark.parametrize("path", [None, 42, "", "  ", ["a.npz"]])
def test_save_needs_a_file_name(net, path):
    with pytest.raises(TypeError, match=r'save needs a file name such as "my_network.npz", got'):
        net.save(path)


def test_save_into_a_missing_folder_says_so(net, tmp_path):
    with pytest.raises(FileNotFoundError, match=r"the folder '.*no_such_folder' does not exist"):
        net.save(tmp_path / "no_such_folder" / "net.npz")


def test_save_onto_a_folder_says_so(net, tmp_path):
    (tmp_path / "folder.npz").mkdir()
    with pytest.raises(IsADirectoryError, match="it is a folder, not a file name"):
        net.save(tmp_path / "folder.npz")


def test_a_save_that_fails_leaves_the_good_file_and_no_leftovers(net, saved, monkeypatch):
    before = saved.read_bytes()
    other = Network([3, 4, 2], hidden_activation="tanh", seed=2)

    def broken_savez(file, **arrays):
        file.write(b"PK\x03\x04 half an archive")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(network_io.np, "savez", broken_savez)
    with pytest.raises(OSError, match="No space left"):
        other.save(saved, verbose=False)
    assert saved.read_bytes() == before  # the good file is untouched
    assert sorted(os.listdir(saved.parent)) == [saved.name]  # no temporary file left
    monkeypatch.undo()
    assert_same(Network.load(saved), net)


def test_save_replaces_an_older_file(net, saved):
    other = Network([3, 4, 2], hidden_activation="tanh", seed=2)
    other.save(saved, verbose=False)
    assert_same(Network.load(saved), other)


# ----------------------------------------------------------------------- broken files
def test_a_missing_file_is_named_with_the_npz_tried_too(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no file '.*nothing' nor '.*nothing.npz'"):
        Network.load(tmp_path / "nothing")
    with pytest.raises(FileNotFoundError, match=r"no file '.*nothing.npz' \(looked in"):
        Network.load(tmp_path / "nothing.npz")


def test_load_needs_a_file_name():
    with pytest.raises(TypeError, match="load needs a file name"):
        Network.load(None)


def test_a_folder_is_not_a_network(tmp_path):
    with pytest.raises(IsADirectoryError, match="is a folder, not a file saved by Network.save"):
        Network.load(tmp_path)


def test_an_empty_file(tmp_path):
    (tmp_path / "empty.npz").write_bytes(b"")
    with pytest.raises(ValueError, match=r"'.*empty.npz' is empty \(0 bytes\)"):
        Network.load(tmp_path / "empty.npz")


def test_a_truncated_file_is_damaged(saved):
    saved.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2])
    with pytest.raises(ValueError, match=r"'.*my_net.npz' is damaged .*save the network again"):
        Network.load(saved)


def test_a_corrupted_file_is_damaged(saved):
    data = bytearray(saved.read_bytes())
    with zipfile.ZipFile(saved) as archive:  # overwrite the stored bytes of W1
        info = archive.getinfo("W1.npy")
    start = info.header_offset + 30 + len(info.filename) + 20
    data[start : start + 40] = b"\xff" * 40
    saved.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=r"'.*my_net.npz' is damaged \(its archive cannot"):
        Network.load(saved)


def test_a_pickle_is_not_read(net, tmp_path):
    path = tmp_path / "net.pkl"
    path.write_bytes(pickle.dumps(net))
    with pytest.raises(ValueError, match=r"'.*net.pkl' is not a network .*: it is a pickle"):
        Network.load(path)


def test_a_single_array_file_is_not_a_network(tmp_path):
    np.save(tmp_path / "weights.npy", np.zeros((3, 4)))
    with pytest.raises(ValueError, match="it is a single NumPy array"):
        Network.load(tmp_path / "weights.npy")


def test_a_text_file_is_not_a_network(tmp_path):
    (tmp_path / "notes.npz").write_text("my network", encoding="utf-8")
    with pytest.raises(ValueError, match="it is not a NumPy .npz file"):
        Network.load(tmp_path / "notes.npz")


def test_an_npz_of_something_else(tmp_path):
    np.savez(tmp_path / "data.npz", X=np.zeros((5, 2)), y=np.arange(5))
    with pytest.raises(ValueError, match=r"not a network saved by Network.save: .*\['X', 'y'\]"):
        Network.load(tmp_path / "data.npz")


@pytest.mark.parametrize(
    ("drop", "what"), [("W2", "layer 2's weights W2"), ("b1", "layer 1's biases b1")]
)
def test_a_layer_missing(saved, drop, what):
    arrays = arrays_of(saved)
    del arrays[drop]
    np.savez(saved, **arrays)
    with pytest.raises(ValueError, match=rf"'.*my_net.npz' is damaged: {what} are missing"):
        Network.load(saved)


def test_a_layer_of_the_wrong_shape(saved):
    arrays = arrays_of(saved)
    arrays["W1"] = np.zeros((4, 3))
    np.savez(saved, **arrays)
    with pytest.raises(
        ValueError, match=r"layer 1's weights W1 have shape \(4, 3\) .* need \(3, 4\)"
    ):
        Network.load(saved)


def test_nan_weights_are_refused_with_the_reason(net, tmp_path):
    net.weights[1][0, 0] = np.nan
    path = net.save(tmp_path / "diverged.npz", verbose=False)
    with pytest.raises(
        ValueError,
        match=r"NaN or infinite numbers in layer 2's weights W2: .*"
        r"diverged",
    ):
        Network.load(path)


def test_settings_network_does_not_take_name_the_file(saved):
    arrays = arrays_of(saved)
    arrays["hidden_activation"] = np.array("swish")
    np.savez(saved, **arrays)
    with pytest.raises(
        ValueError,
        match=r"'.*my_net.npz' holds settings Network does not take: "
        r"hidden_activation must be one of",
    ):
        Network.load(saved)


def test_a_file_saved_before_the_rename_of_output_still_loads(net, saved):
    arrays = arrays_of(saved)
    arrays["output"] = arrays.pop("output_activation")
    np.savez(saved, **arrays)
    assert_same(Network.load(saved), net)
