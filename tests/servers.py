"""Real app servers for the multi-server tests: gunicorn processes on loopback ports that
share one database and one Redis, set up the way the README's Deploy section says."""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "atlas.test"  # what a load balancer would pass on to every server


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds=60, what="a server"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {seconds} s")


class Redis:
    def __init__(self):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is missing: run `make system-packages`")
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: socket.create_connection(("127.0.0.1", self.port), 1), what="Redis")
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class Deployment:
    """A database with the shipped atlas, collected static files, Redis, and N servers."""

    def __init__(self, tmp_path, servers=2, database_url=None):
        self.tmp_path = tmp_path
        self.redis = Redis()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "peacekeeping.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "multi-server-test-key-not-secret",
            "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_SSL_REDIRECT": "0",  # loopback HTTP; TLS ends at the load balancer
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
            "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'atlas.sqlite3'}",
            "REDIS_URL": self.redis.url,
            "ATLAS_PAGE_CACHE_SECONDS": "600",
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests, never deployed
        self.manage("migrate", "--verbosity", "0")
        self.manage("setup_atlas", "--no-import")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.servers = [self.start_server() for _ in range(servers)]

    def manage(self, *args):
        return subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def start_server(self):
        port = free_port()
        # Servers are separate machines: none shares its temporary folder with another.
        tmpdir = self.tmp_path / f"tmp-{port}"
        tmpdir.mkdir()
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "peacekeeping.wsgi",
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],  # fmt: skip
            env={**self.env, "TMPDIR": str(tmpdir)},
            cwd=ROOT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: get(url + "/robots.txt").status == 200, what=f"gunicorn on {port}")
        return {"url": url, "process": process}

    def stop(self):
        for server in self.servers:
            if server["process"].poll() is None:
                os.killpg(server["process"].pid, signal.SIGTERM)
                server["process"].wait(30)
        self.redis.stop()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def get(url, opener=None, data=None, headers=None):
    """A request to one of our loopback servers, as the load balancer would forward it."""
    request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
        url, data=data, headers={"Host": HOST, **(headers or {})}
    )
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=30) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class AdminSession:
    """A browser-like admin session on one server: cookies, CSRF token, form posts."""

    def __init__(self, base_url, username, password):
        self.base = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        page = get(f"{self.base}/admin/login/", self.opener)
        response = self.post("/admin/login/?next=/admin/", page.text, {
            "username": username, "password": password, "next": "/admin/",
        })  # fmt: skip
        if response.status != 302:
            raise RuntimeError(f"could not log in as {username}: {response.status}")

    def on(self, base_url):
        """The same browser (same cookies), its next requests routed to another server."""
        other = object.__new__(AdminSession)
        other.base, other.jar, other.opener = base_url, self.jar, self.opener
        return other

    def post(self, path, form_page, fields):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page)[1]
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}, doseq=True)
        return get(
            f"{self.base}{path}",
            self.opener,
            data=data.encode(),
            headers={"Referer": f"http://{HOST}{path}", "Origin": f"http://{HOST}"},
        )

    def post_file(self, path, form_page, fields, name, file_name, content):
        """A multipart form post with one file, as a browser's file upload."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page)[1]
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
            for key, value in {"csrfmiddlewaretoken": token, **fields}.items()
        ]
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{file_name}"\r\nContent-Type: text/csv\r\n\r\n'
        )
        body = (
            "".join(parts).encode() + head.encode() + content + f"\r\n--{boundary}--\r\n".encode()
        )
        return get(
            f"{self.base}{path}",
            self.opener,
            data=body,
            headers={
                "Referer": f"http://{HOST}{path}",
                "Origin": f"http://{HOST}",
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
        )

    def get(self, path):
        return get(f"{self.base}{path}", self.opener)
