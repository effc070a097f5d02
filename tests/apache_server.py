"""A real Apache httpd (Debian's ``apache2``: mod_rewrite, mod_headers, mod_mime, mod_dir) serving a
folder on 127.0.0.1, for the tests of the static site's ``.htaccess``.

``start_apache(folder)`` writes a minimal server configuration (``AllowOverride All`` on the
folder, so its ``.htaccess`` applies), starts ``apache2 -DFOREGROUND`` on a free port and waits
until it answers; ``stop_apache`` stops it by its process id. Tests skip, with the reason, when
Apache or a module is missing (``apt-get install apache2``; ``.ci/run`` does it).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from oxigraph_server import free_port

MODULES = Path("/usr/lib/apache2/modules")
NEEDED = {
    "mpm_event_module": "mod_mpm_event.so",
    "authz_core_module": "mod_authz_core.so",
    "mime_module": "mod_mime.so",
    "dir_module": "mod_dir.so",
    "rewrite_module": "mod_rewrite.so",
    "headers_module": "mod_headers.so",
}
CONFIG = """ServerRoot "{root}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{root}/httpd.pid"
ErrorLog "{root}/error.log"
LogLevel warn rewrite:warn
{modules}
{user}
TypesConfig /etc/mime.types
DocumentRoot "{site}"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "{site}">
    Options FollowSymLinks
    AllowOverride All
    Require all granted
</Directory>
"""


@dataclass(frozen=True)
class Apache:
    base: str
    process: subprocess.Popen
    root: Path

    def error_log(self) -> str:
        path = self.root / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""


def apache_binary() -> str:
    binary = shutil.which("apache2") or shutil.which("apache2", path="/usr/sbin")
    if binary is None:
        pytest.skip("Apache httpd is not installed (apt-get install apache2)")
    missing = [f for f in NEEDED.values() if not (MODULES / f).is_file()]
    if missing:
        pytest.skip(f"Apache modules missing in {MODULES}: {', '.join(missing)}")
    return binary


def _answers(base: str) -> bool:
    try:
        urllib.request.urlopen(base + "/", timeout=1)
        return True
    except urllib.error.HTTPError:
        return True  # any HTTP answer means it is up
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def start_apache(site: Path, root: Path) -> Apache:
    """Serve ``site`` (readable by the server's user) with Apache; config and logs in ``root``."""
    binary = apache_binary()
    port = free_port()
    modules = "\n".join(f"LoadModule {name} {MODULES / f}" for name, f in NEEDED.items())
    # as root, Apache's workers run as www-data, who must be able to read the site
    user = "User www-data\nGroup www-data" if os.geteuid() == 0 else ""
    root.mkdir(parents=True, exist_ok=True)
    config = root / "httpd.conf"
    config.write_text(CONFIG.format(root=root, port=port, modules=modules, user=user, site=site))
    process = subprocess.Popen(
        [binary, "-f", str(config), "-DFOREGROUND"],
        stdout=subprocess.DEVNULL,
        stderr=(root / "stderr.log").open("wb"),
        env={**os.environ, "APACHE_RUN_DIR": str(root), "APACHE_LOCK_DIR": str(root)},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not _answers(base):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_apache(process)
            detail = (root / "stderr.log").read_text(errors="replace")[-1500:]
            pytest.fail(f"apache2 did not start: {detail}")
        time.sleep(0.2)
    return Apache(base, process, root)


def stop_apache(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)  # the parent stops its children
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
