"""A real SMTP server (aiosmtpd) for the mail tests, serving on a socket the test already holds."""

from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


@dataclass
class Inbox:
    """An aiosmtpd handler that keeps every message (envelope) it receives."""

    port: int
    messages: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted"


class SocketController(Controller):
    """aiosmtpd's threaded controller, serving on a socket bound beforehand.

    ``Controller`` binds host and port itself, so a test would have to find a free port, let it
    go and hope nobody takes it first; with the socket, the port is held from the start.
    """

    def __init__(self, handler, sock, **kwargs):
        host, port = sock.getsockname()
        super().__init__(handler, hostname=host, port=port, **kwargs)
        self.socket = sock

    def _create_server(self):
        # aiosmtpd's documented hook for how the server is bound.
        return self.loop.create_server(
            self._factory_invoker, sock=self.socket, ssl=self.ssl_context
        )
