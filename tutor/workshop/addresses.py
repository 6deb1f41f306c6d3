"""Which address a workshop listens on, and which one its join link names.

Plain Python (stdlib ``socket`` and ``ipaddress``); the LAN address is found without sending
anything: ``connect()`` on a UDP socket only chooses a route and a source address.
"""

from __future__ import annotations

import contextlib
import ipaddress
import secrets
import socket
from dataclasses import dataclass

LOCAL = "127.0.0.1"
ANY = ("0.0.0.0", "::")
#: A private address no packet is sent to: it only makes the kernel choose a route.
_ROUTE_PROBE = ("10.255.255.255", 1)
#: Join codes avoid look-alikes (0/O, 1/I/L) since they are read off a projector.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 4


class AddressError(ValueError):
    """A ``--host`` or ``--code`` that cannot be used; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Listen:
    """Where to bind, the host the join link names, and a warning to print (or "")."""

    bind: str
    public: str
    warning: str = ""


def lan_address() -> str | None:
    """This machine's address on its local network, or None when it has no route."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(_ROUTE_PROBE)  # UDP: no packet leaves, a route is chosen
        address = str(probe.getsockname()[0])
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return None


def choose(host: str) -> Listen:
    """``--host``: 127.0.0.1 (the default), ``auto`` (the LAN address) or an address."""
    if host == "auto":
        found = lan_address()
        if found is None:
            return Listen(LOCAL, LOCAL, "no local network found; serving on this computer only "
                                        f"({LOCAL})")
        return Listen(found, found)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise AddressError(f"--host {host!r}: give an IP address of this computer, 'auto' "
                           f"(its local network address) or {LOCAL}") from None
    if str(address) in ANY:
        public = lan_address() or LOCAL
        return Listen(str(address), public,
                      f"listening on every network interface ({address}): anyone who can "
                      "reach this computer and knows the code can join; prefer --host auto")
    return Listen(str(address), str(address))


def url_host(address: str) -> str:
    """An address as the host part of a URL (IPv6 in brackets)."""
    return f"[{address}]" if ":" in address else address


def new_code() -> str:
    """A fresh join code, like K7Q2."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def check_code(code: str) -> str:
    """``--code`` in the form the server compares (upper case); 4 to 32 letters or digits."""
    if not (4 <= len(code) <= 32 and code.isascii() and code.isalnum()):
        raise AddressError(f"--code {code!r}: use 4 to 32 letters or digits (e.g. K7Q2)")
    return code.upper()
