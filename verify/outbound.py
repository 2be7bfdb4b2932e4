"""Outbound HTTP that cannot be turned inward: resolve once, check, connect to what was checked.

A host is looked up once; every address it gives must be public, and the connection goes to
the first of those addresses with the original Host header and TLS server name. Looking it up
again to connect would let DNS answer differently the second time (rebinding). Redirects are
never followed by `send`: a redirect is an answer. `get` follows a few, checking each hop
as it checked the first. The whole exchange, connect and read, ends at one
deadline, so that a receiver that answers slowly cannot hold a worker.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

# IPv6 prefixes that carry an IPv4 address: NAT64 (RFC 6052) and 6to4 (RFC 3056).
NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


class Refused(Exception):
    """The destination is not one Verify may connect to; retrying will not change that."""


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4), if any."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip in NAT64 or ip in NAT64_LOCAL:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour


def non_public(address: str) -> bool:
    """Whether an address is loopback, private, reserved or multicast, or carries one that is."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and (inner := embedded_ipv4(ip)) is not None:
        return non_public(str(inner))
    return not ip.is_global or ip.is_multicast


# Whether non-public addresses may be reached: never (False), all (True), or only these networks.
AllowPrivate = bool | tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def allow_private_setting(raw: str) -> AllowPrivate:
    """Read a VERIFY_*_ALLOW_PRIVATE value: "1" or "true" for any, or networks, comma-separated."""
    raw = raw.strip()
    if raw in ("", "0", "false"):
        return False
    if raw in ("1", "true"):
        return True
    try:
        return tuple(ipaddress.ip_network(part.strip()) for part in raw.split(","))
    except ValueError:
        raise ValueError(f"not 1, true or a list of networks: {raw!r}") from None


def refused_address(address: str, allow_private: AllowPrivate) -> bool:
    """Whether an address may not be reached under the setting."""
    if allow_private is True or not non_public(address):
        return False
    if allow_private is False:
        return True
    ip = ipaddress.ip_address(address.split("%")[0])
    return not any(ip in network for network in allow_private)


def url_problem(url: str, allow_private: AllowPrivate) -> str | None:
    """Why Verify may not send to a URL, judged without looking the host up."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Must be an http or https URL with a host."
    if parts.username or parts.password:
        return "Must not carry credentials; sign with the secret instead."
    try:
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        return "Must have a port from 1 to 65535."
    if allow_private is True:
        return None
    host = parts.hostname
    if not allow_private and (host == "localhost" or host.endswith(".localhost")):
        return "Must not point at this machine."
    try:
        if refused_address(host, allow_private):
            return "Must not be a loopback, private or reserved address."
    except ValueError:
        return None  # a name: its addresses are checked when it is looked up
    return None


def resolve(host: str, port: int, allow_private: AllowPrivate) -> str:
    """The address to connect to; Refused when the host has any non-public address."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise OSError(f"no address for {host}")
    if any(refused_address(address, allow_private) for address in addresses):
        raise Refused("the host resolves to a non-public address")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to a fixed address, whatever the host name resolves to now."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = self.held = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a fixed address, with the host name for SNI and certificate checks."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        # Held before the handshake too, so that the deadline can cut a slow one.
        self.sock = socket.create_connection((self.address, self.port), self.timeout)
        self.held = self.sock
        self.sock = self.held = self._context.wrap_socket(self.sock, server_hostname=self.host)


def _cut(connection: http.client.HTTPConnection, fired: threading.Event) -> None:
    """End a connection's exchange now: blocked reads and writes return at once."""
    fired.set()
    # The connection hands its socket to a response that reads until the server closes
    # (no Content-Length) and forgets it; the socket it held is cut all the same.
    sock = getattr(connection, "held", None) or connection.sock
    if sock is None:
        return
    # Already closed when the exchange finished first: then there is nothing left to cut.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


@dataclass(frozen=True)
class Response:
    """A whole answer to a GET: status, headers (lower-case names), body and the final URL."""

    status: int
    reason: str
    headers: dict
    body: bytes
    url: str


class TooLarge(Exception):
    """The answer is longer than the caller allows; retrying will not change that."""


REDIRECTS = (301, 302, 303, 307, 308)


def _read(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """The body, refused as soon as it passes max_bytes (declared or sent)."""
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"the answer declares {int(declared):,} bytes; at most {max_bytes:,}")
    chunks, size = [], 0
    while chunk := response.read(65536):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"the answer passed {max_bytes:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _exchange(
    method: str,
    url: str,
    body: bytes | None,
    headers: dict,
    timeout: float,
    allow_private: AllowPrivate,
    max_bytes: int | None,
) -> Response:
    """One request to one checked address, all within `timeout`; reads the body if max_bytes."""
    if problem := url_problem(url, allow_private):
        raise Refused(problem)
    deadline = time.monotonic() + timeout
    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    address = resolve(parts.hostname, port, allow_private)
    kind = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
    connection = kind(parts.hostname, port, address, timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    # One deadline for everything: a server sending a byte at a time defeats a per-read timeout.
    fired = threading.Event()
    watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _cut, (connection, fired))
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = _read(response, max_bytes) if max_bytes is not None else b""
        answer = Response(
            response.status,
            response.reason,
            {name.lower(): value for name, value in response.getheaders()},
            content,
            url,
        )
        response.close()
    except (OSError, http.client.HTTPException) as error:
        if fired.is_set():
            raise TimeoutError(f"no answer within {timeout:g} s") from error
        raise
    finally:
        watchdog.cancel()
        connection.close()
    if fired.is_set():
        # Cut mid-answer, a truncated reply can still parse: it is not an answer.
        raise TimeoutError(f"no whole answer within {timeout:g} s")
    return answer


def send(
    method: str, url: str, body: bytes, headers: dict, timeout: float, allow_private: AllowPrivate
) -> Answer:
    """Send one request and read the status, all within `timeout` seconds.

    Raises Refused for a destination that may not be reached, and OSError or
    http.client.HTTPException when the exchange fails (worth retrying).
    """
    answer = _exchange(method, url, body, headers, timeout, allow_private, None)
    return Answer(answer.status, answer.reason)


def get(
    url: str,
    headers: dict,
    *,
    timeout: float,
    allow_private: AllowPrivate,
    max_bytes: int,
    max_redirects: int = 5,
) -> Response:
    """GET a URL, following at most max_redirects redirects, each hop checked as the first.

    Each hop has its own `timeout`. Raises Refused (a destination that may not be reached, or
    too many redirects), TooLarge, and OSError or http.client.HTTPException.
    """
    for _ in range(max_redirects + 1):
        answer = _exchange("GET", url, None, headers, timeout, allow_private, max_bytes)
        location = answer.headers.get("location")
        if answer.status not in REDIRECTS or not location:
            return answer
        url = urljoin(url, location.strip())
    raise Refused(f"more than {max_redirects} redirects")
