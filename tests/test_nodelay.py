"""The course's Jupyter server extension (jupyter-nodelay/): it is installed and enabled, and it
turns Nagle's algorithm off on each kernel WebSocket, whatever connection class the server uses.

On a real Jupyter server (pytest-jupyter's, in this process, on loopback): a kernel WebSocket
opened through it has TCP_NODELAY set on the server's own socket (the file descriptor whose local
port is the server's and whose peer is the WebSocket client); where setting it fails, the kernel
connection still works (a lost optimisation, logged once). The module tested is the one in
jupyter-nodelay/ (put first on the path), not a copy installed earlier.

Its effect on the widgets' round trip is measured in a real browser and printed by
``tests/browser/test_playground_live.py::test_control_to_picture`` (README, "The playground").
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "jupyter-nodelay"))
sys.modules.pop("course_jupyter_nodelay", None)
import course_jupyter_nodelay as ext  # noqa: E402 - the source, not an installed copy

# pytest-jupyter's fixtures for THIS module only (as `pytest_plugins` they would be registered for
# the whole session, and their autouse fixtures would start an event loop and clean up a server
# around every other test too)
from pytest_jupyter.jupyter_server import *  # noqa: E402, F403


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
    from jupyter_server.services.kernels.connection import channels  # pinned: never skipped

    wrapped = ext.no_delay(channels.ZMQChannelsWebsocketConnection)
    assert issubclass(wrapped, channels.ZMQChannelsWebsocketConnection)
    assert "connect" in vars(wrapped)


def test_a_server_without_the_setting_starts_unchanged_and_says_so(caplog):
    app = server_app(None)
    del app.web_app.settings["kernel_websocket_connection_class"]
    with caplog.at_level(logging.WARNING, logger="test-nodelay"):
        ext._load_jupyter_server_extension(app)
    assert "kernel_websocket_connection_class" not in app.web_app.settings
    assert any("no 'kernel_websocket_connection_class'" in r.getMessage() for r in caplog.records)


def test_extension_point_names_the_module():
    assert ext._jupyter_server_extension_points() == [{"module": "course_jupyter_nodelay"}]


def test_the_install_enables_it_for_jupyter():
    """`pip install -r requirements.txt` put the enabling JSON into a Jupyter config folder."""
    from jupyter_core import paths

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


# ------------------------------------------------------------------- on a real server
@pytest.fixture
def jp_server_config():
    return {"ServerApp": {"jpserver_extensions": {"course_jupyter_nodelay": True}}}


def server_socket_for(port):
    """The server-side socket of the one connection to ``port`` opened by this process's client:
    (server socket, its TCP_NODELAY). Both ends live in this process."""
    ends = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            sock = socket.socket(fileno=os.dup(int(fd)))
        except OSError:
            continue
        try:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                ends.append((sock.getsockname()[:2], sock.getpeername()[:2], sock))
                continue
        except OSError:
            pass
        sock.close()
    clients = {local for local, peer, _ in ends if peer[1] == port}
    servers = [s for local, peer, s in ends if local[1] == port and peer in clients]
    try:
        assert len(servers) == 1, f"expected one connection to port {port}, found {len(servers)}"
        return servers[0].getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        for *_, s in ends:
            s.close()


async def start_kernel(jp_fetch):
    reply = await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": "python3"}))
    return json.loads(reply.body)["id"]


async def open_kernel_websocket(jp_ws_fetch, kernel_id):
    """Open a WebSocket to the kernel and do one round trip (kernel_info) through it."""
    ws = await jp_ws_fetch("api", "kernels", kernel_id, "channels")
    request = {
        "header": {"msg_id": "nodelay-1", "msg_type": "kernel_info_request", "session": "t",
                   "username": "t", "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell", "buffers": [],
    }  # fmt: skip
    await ws.write_message(json.dumps(request))
    for _ in range(50):
        message = json.loads(await asyncio.wait_for(ws.read_message(), 30))
        if message["msg_type"] == "kernel_info_reply":
            return ws
    raise AssertionError("no kernel_info_reply through the kernel WebSocket")


def test_kernel_websocket_sends_without_nagle(jp_serverapp, jp_fetch, jp_ws_fetch, jp_asyncio_loop):
    jp_asyncio_loop.run_until_complete(sends_without_nagle(jp_serverapp, jp_fetch, jp_ws_fetch))


async def sends_without_nagle(jp_serverapp, jp_fetch, jp_ws_fetch):
    settings = jp_serverapp.web_app.settings
    assert settings["kernel_websocket_connection_class"].__name__.startswith("NoDelay")
    kernel_id = await start_kernel(jp_fetch)
    ws = await open_kernel_websocket(jp_ws_fetch, kernel_id)
    try:
        assert server_socket_for(jp_serverapp.port) != 0, "TCP_NODELAY is off on the server"
    finally:
        ws.close()
        await jp_fetch("api", "kernels", kernel_id, method="DELETE")


def test_a_failing_set_nodelay_costs_nothing_but_a_log_line(
    jp_serverapp, jp_fetch, jp_ws_fetch, jp_asyncio_loop, monkeypatch, caplog
):
    """set_nodelay removed (as a future Tornado might): the kernel still connects and answers,
    the socket keeps Nagle's algorithm, and the failure is logged once for two connections."""
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    def removed(self, value):
        raise AttributeError("'KernelWebsocketHandler' object has no attribute 'set_nodelay'")

    monkeypatch.setattr(KernelWebsocketHandler, "set_nodelay", removed)
    monkeypatch.setattr(ext, "_failed", [])
    jp_asyncio_loop.run_until_complete(two_connections(jp_serverapp, jp_fetch, jp_ws_fetch))
    warnings = [r for r in caplog.records if "could not turn Nagle" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in caplog.records]


async def two_connections(jp_serverapp, jp_fetch, jp_ws_fetch):
    for _ in range(2):
        kernel_id = await start_kernel(jp_fetch)
        ws = await open_kernel_websocket(jp_ws_fetch, kernel_id)
        assert server_socket_for(jp_serverapp.port) == 0
        ws.close()
        await jp_fetch("api", "kernels", kernel_id, method="DELETE")
