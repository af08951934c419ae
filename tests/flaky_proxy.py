"""A TCP proxy in front of the test PostgreSQL that cuts every connection through it on a
timer: a network that drops every few seconds, as a train's Wi-Fi does.

    with FlakyProxy(("127.0.0.1", postgres.port), every=0.4) as proxy:
        url = f"postgresql://analyst@127.0.0.1:{proxy.port}/briefing"

Each connection is two sockets and two threads copying bytes; a cut shuts both sockets down
(the client sees its connection end mid-statement, the server sees its client go). `cuts`
counts the cuts that ended at least one live connection.
"""

from __future__ import annotations

import socket
import threading
from types import TracebackType


class FlakyProxy:
    def __init__(self, target: tuple[str, int], every: float) -> None:
        self.target = target
        self.every = every
        self.cuts = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)  # so that the accepting thread sees the stop
        self.port = int(self._listener.getsockname()[1])
        self._live: list[socket.socket] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.dropping = True  # False: the network holds (the proxy only forwards)
        self._threads = [
            threading.Thread(target=self._accept, daemon=True),
            threading.Thread(target=self._cutter, daemon=True),
        ]

    def __enter__(self) -> FlakyProxy:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._listener.close()
        for thread in self._threads:
            thread.join()
        self.cut()

    def cut(self) -> int:
        """End every connection through the proxy now; how many there were."""
        with self._lock:
            live, self._live = self._live, []
        for sock in live:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        return len(live) // 2

    def _cutter(self) -> None:
        while not self._stop.wait(self.every):
            if self.dropping and self.cut():
                self.cuts += 1

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed: the proxy is done
            client.settimeout(None)
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._live += [client, server]
            if self._stop.is_set():
                continue  # __exit__ cuts it
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=_pipe, args=(a, b), daemon=True).start()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
