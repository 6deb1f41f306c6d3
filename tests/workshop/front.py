"""A real nginx terminating TLS in front of a workshop server, with the very configuration
the README's "Several servers, one database" section gives a trainer, and a self-signed
certificate made by the ``openssl`` command when the test runs (no key kept in the repository).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.paths import REPO

NGINX = shutil.which("nginx")
OPENSSL = shutil.which("openssl")

# Around the README's own nginx block: everything that keeps nginx inside the test's folder.
# One process (no master): it runs as whoever runs the tests, root or not.
_CONFIG = """\
daemon off;
master_process off;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
{readme}
}}
"""


def readme_config(upstream: str, port: int, folder: Path) -> str:
    """The README's nginx block, word for word but for its addresses and certificate:
    one upstream server, a local port, and the test's certificate in ``folder``."""
    text = (REPO / "README.md").read_text("utf-8")
    block = text.split("```nginx\n", 1)[1].split("```", 1)[0]
    changes = [
        (r"(?ms)^upstream tutor_workshop \{.*?^\}",
         f"upstream tutor_workshop {{\n    server {upstream};\n}}"),
        (r"listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
        (r"ssl_certificate\s+\S+;", f"ssl_certificate {folder / 'cert.pem'};"),
        (r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {folder / 'key.pem'};"),
    ]
    for pattern, replacement in changes:
        block, found = re.subn(pattern, replacement.replace("\\", r"\\"), block)
        assert found == 1, f"the README's nginx block no longer has {pattern!r}"
    return block


@dataclass
class TlsFront:
    """A running nginx (started by :func:`start_tls_front`)."""

    process: subprocess.Popen[bytes]
    base: str  # https://127.0.0.1:PORT
    folder: Path

    def stop(self) -> None:
        """Stop nginx and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_tls_front(folder: Path, upstream_url: str) -> TlsFront:
    """nginx serving https on 127.0.0.1 and passing everything to ``upstream_url``."""
    assert NGINX is not None and OPENSSL is not None
    folder.mkdir()
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True, capture_output=True)
    port = _free_port()
    config = folder / "nginx.conf"
    readme = readme_config(urlsplit(upstream_url).netloc, port, folder)
    config.write_text(_CONFIG.format(dir=folder, readme=readme), "utf-8")
    process = subprocess.Popen([NGINX, "-p", str(folder), "-e", str(folder / "error.log"),
                                "-c", str(config)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    front = TlsFront(process, f"https://127.0.0.1:{port}", folder)
    deadline = time.monotonic() + 20
    while not _listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            front.stop()
            log = (folder / "error.log").read_text("utf-8", "replace")
            raise AssertionError(f"nginx did not start: {log}")
        time.sleep(0.05)
    return front


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True
