"""The course's Jupyter server extension (jupyter-nodelay/): it is installed and enabled, and it
turns Nagle's algorithm off on each kernel WebSocket, whatever connection class the server uses.

Its effect on the widgets' round trip is measured in a real browser and printed by
``tests/browser/test_playground_live.py::test_control_to_picture`` (README, "The playground").
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import SimpleNamespace

import course_jupyter_nodelay as ext
import pytest

ROOT = Path(__file__).resolve().parents[1]


class Handler:
    def __init__(self):
        self.calls = []

    def set_nodelay(self, value):
        self.calls.append(("nodelay", value))


class Connection:
    """Stands for jupyter_server's ZMQChannelsWebsocketConnection."""

    def __init__(self, handler):
        self.websocket_handler = handler

    def connect(self):
        self.websocket_handler.calls.append(("connect",))
        return "connected"


def server_app(connection_class):
    return SimpleNamespace(
        web_app=SimpleNamespace(settings={"kernel_websocket_connection_class": connection_class}),
        log=logging.getLogger("test-nodelay"),
    )


def test_no_delay_sets_tcp_nodelay_before_connecting():
    handler = Handler()
    result = ext.no_delay(Connection)(handler).connect()
    assert result == "connected"
    assert handler.calls == [("nodelay", True), ("connect",)]


def test_loading_wraps_the_configured_class_once():
    app = server_app(Connection)
    ext._load_jupyter_server_extension(app)
    wrapped = app.web_app.settings["kernel_websocket_connection_class"]
    assert issubclass(wrapped, Connection) and wrapped is not Connection
    ext._load_jupyter_server_extension(app)  # loaded twice: not wrapped twice
    assert app.web_app.settings["kernel_websocket_connection_class"] is wrapped


def test_wraps_jupyter_servers_own_connection_class():
    channels = pytest.importorskip("jupyter_server.services.kernels.connection.channels")
    wrapped = ext.no_delay(channels.ZMQChannelsWebsocketConnection)
    assert issubclass(wrapped, channels.ZMQChannelsWebsocketConnection)
    assert "connect" in vars(wrapped)


def test_extension_point_names_the_module():
    assert ext._jupyter_server_extension_points() == [{"module": "course_jupyter_nodelay"}]


def test_the_install_enables_it_for_jupyter():
    """`pip install -r requirements.txt` put the enabling JSON into a Jupyter config folder."""
    paths = pytest.importorskip("jupyter_core.paths")
    found = [
        Path(d, "jupyter_server_config.d", "course_jupyter_nodelay.json")
        for d in paths.jupyter_config_path()
    ]
    found = [f for f in found if f.is_file()]
    assert found, (
        "course_jupyter_nodelay.json is in no Jupyter config folder: install the course with "
        "`pip install -r requirements.txt` (it installs ./jupyter-nodelay as a regular package)"
    )
    config = json.loads(found[0].read_text(encoding="utf-8"))
    assert config["ServerApp"]["jpserver_extensions"]["course_jupyter_nodelay"] is True
    shipped = json.loads(
        (ROOT / "jupyter-nodelay" / "course_jupyter_nodelay.json").read_text(encoding="utf-8")
    )
    assert config == shipped
