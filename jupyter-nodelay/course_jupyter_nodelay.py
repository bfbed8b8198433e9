"""A Jupyter server extension of the course: kernel messages reach the browser at once.

JupyterLab and Notebook 7 talk to a notebook's kernel over one WebSocket. Jupyter's server
leaves Nagle's algorithm on for it, so a small message sent while an earlier one is not yet
acknowledged waits for the browser's acknowledgement, which the browser's system may delay by
up to about 40 ms ("delayed ACK"). Every widget round trip pays it: a checkbox ticked or a
slider moved, the kernel's new picture back in the page. Measured in JupyterLab in Chromium on
a 2-core machine, a bare checkbox → text round trip took 55–64 ms with Nagle's algorithm (7 of
8 clicks) and 15–36 ms without; the playground's "discretise output" 55–70 ms and 18–42 ms.

This extension turns Nagle's algorithm off (TCP_NODELAY) on each kernel WebSocket, by wrapping
whatever WebSocket connection class the server is configured with. Nothing else changes.
`pip install -r requirements.txt` (or `pip install ./jupyter-nodelay`) enables it for
`jupyter lab` and `jupyter notebook` through
`etc/jupyter/jupyter_server_config.d/course_jupyter_nodelay.json` in the environment;
`jupyter server extension list` shows it. It imports nothing heavy: the server loads it at start.
"""

import logging

NAME = "course_jupyter_nodelay"
#: The server's log once the extension is loaded (a module logger until then).
log = logging.getLogger(NAME)
_failed = []  # the first failure of set_nodelay, so that it is logged once, not per connection


def no_delay(connection_class):
    """A subclass of ``connection_class`` (the server's kernel WebSocket connection) that sets
    TCP_NODELAY on its WebSocket before connecting it to the kernel.

    If setting it fails (a future jupyter_server or Tornado without ``set_nodelay``, a socket
    that refuses the option), the connection goes on as if the extension were not there: a lost
    optimisation must never cost the kernel connection. The failure is logged once.
    """

    class NoDelayConnection(connection_class):
        def connect(self):
            try:
                self.websocket_handler.set_nodelay(True)
            except Exception as error:  # whatever it is, the kernel must still connect
                if not _failed:
                    _failed.append(error)
                    log.warning(
                        f"{NAME}: could not turn Nagle's algorithm off on a kernel WebSocket "
                        f"({type(error).__name__}: {error}); kernel messages may wait up to "
                        "40 ms. Logged once."
                    )
            return super().connect()

    NoDelayConnection.__name__ = NoDelayConnection.__qualname__ = (
        f"NoDelay{connection_class.__name__}"
    )
    return NoDelayConnection


def _jupyter_server_extension_points():
    return [{"module": NAME}]


def _load_jupyter_server_extension(serverapp):
    global log
    log = serverapp.log
    settings = serverapp.web_app.settings
    base = settings.get("kernel_websocket_connection_class")
    if base is None:
        log.warning(
            f"{NAME}: the server has no 'kernel_websocket_connection_class' setting (a "
            "jupyter_server this extension does not know): kernel WebSockets keep Nagle's delay"
        )
        return
    if getattr(base, "_course_no_delay", False):
        return
    settings["kernel_websocket_connection_class"] = no_delay(base)
    settings["kernel_websocket_connection_class"]._course_no_delay = True
    log.info(f"{NAME}: kernel WebSockets send without Nagle's delay (TCP_NODELAY)")
