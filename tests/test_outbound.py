"""Outbound HTTP: private addresses refused, one DNS lookup, no redirects, one deadline."""

import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest

from verify import outbound


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b:1::a9fe:a9fe",  # local-use NAT64 of 169.254.169.254
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "224.0.0.1",
    ],
)
def test_is_an_address_that_leads_inward_non_public(address):
    assert outbound.non_public(address)
    assert outbound.url_problem(
        f"http://[{address}]/x" if ":" in address else f"http://{address}/x", False
    )


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1"]
)
def test_is_a_public_address_public(address):
    assert not outbound.non_public(address)


class Server:
    """A TCP server on 127.0.0.1 that answers each connection with a scripted reply."""

    def __init__(self, reply: bytes, pause: float = 0.0):
        self.reply, self.pause = reply, pause
        self.requests: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                self.requests.append(self._read_request(connection))
                try:
                    for byte in self.reply:
                        connection.sendall(bytes([byte]))
                        time.sleep(self.pause)
                except OSError:
                    continue  # the client hung up, as it should at its deadline

    @staticmethod
    def _read_request(connection) -> bytes:
        """The whole request, headers and body, so that closing after the reply is clean."""
        data = b""
        while b"\r\n\r\n" not in data and (chunk := connection.recv(65536)):
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        while len(body) < length and (chunk := connection.recv(65536)):
            body += chunk
        return data

    def close(self):
        self.listener.close()


@pytest.fixture
def rebinding_dns(monkeypatch):
    """DNS at the edge of the world: rebind.test answers 127.0.0.1 once, then a dead address."""
    answers = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        address = "127.0.0.1" if not answers else "10.255.255.1"
        answers.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def test_is_the_checked_address_the_one_connected_to(rebinding_dns):
    server = Server(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
    try:
        answer = outbound.send(
            "POST", f"http://rebind.test:{server.port}/hook", b"{}", {}, 5, allow_private=True
        )
    finally:
        server.close()
    assert answer.status == 204
    assert rebinding_dns == ["127.0.0.1"]  # looked up once
    assert f"Host: rebind.test:{server.port}".encode() in server.requests[0]


def test_is_a_host_resolving_inward_refused_before_connecting(rebinding_dns):
    server = Server(b"HTTP/1.1 204 No Content\r\n\r\n")
    try:
        with pytest.raises(outbound.Refused, match="non-public"):
            outbound.send("POST", f"http://rebind.test:{server.port}/", b"", {}, 5, False)
    finally:
        server.close()
    assert server.requests == []


def test_is_a_redirect_not_followed():
    server = Server(b"HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n")
    try:
        answer = outbound.send("POST", f"http://127.0.0.1:{server.port}/hook", b"{}", {}, 5, True)
        time.sleep(0.2)
    finally:
        server.close()
    assert answer.status == 302
    assert len(server.requests) == 1 and server.requests[0].startswith(b"POST /hook ")


def test_does_a_receiver_answering_a_byte_at_a_time_meet_the_deadline():
    # Every byte comes well within a per-read timeout; the whole answer takes about 3 s.
    reply = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Padding: slow\r\n\r\n"
    server = Server(reply, pause=3.0 / len(reply))
    try:
        with pytest.raises(TimeoutError):
            outbound.send("POST", f"http://127.0.0.1:{server.port}/", b"{}", {}, 1.0, True)
    finally:
        server.close()


def test_is_a_url_with_a_bad_port_refused():
    assert outbound.url_problem("https://hooks.example.org:99999/x", allow_private=False)
    with pytest.raises(outbound.Refused):
        outbound.send("POST", "http://127.0.0.1:99999/x", b"", {}, 1, True)


@pytest.fixture
def tls_certificate(tmp_path):
    """A self-signed certificate for rebind.test, trusted as the only authority."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=rebind.test", "-addext", "subjectAltName=DNS:rebind.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_is_https_sent_to_the_checked_address_with_the_host_name(
    rebinding_dns, tls_certificate, monkeypatch
):
    cert, key = tls_certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    names = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _socket, name, _context: names.append(name)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve():
        raw, _ = listener.accept()
        with context.wrap_socket(raw, server_side=True) as connection:
            Server._read_request(connection)
            connection.sendall(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        answer = outbound.send("POST", f"https://rebind.test:{port}/", b"{}", {}, 5, True)
    finally:
        thread.join(5)
        listener.close()
    assert answer.status == 204
    assert names == ["rebind.test"]  # the TLS server name is the host's, not the address
    assert rebinding_dns == ["127.0.0.1"]
