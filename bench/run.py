"""The side-by-side benchmark: the atlas under gunicorn, driven by wrk, against two references.

Run through `bench/run.sh`, which installs what this needs. For each database it builds an
atlas of synthetic missions and lessons, serves it with gunicorn (production settings, two
workers), measures every page with wrk from a second process, then measures a bare Django
view and Datasette over the same missions in the same way. It writes bench/results/*.json,
a plot of latency against size, and the results blocks of BENCHMARKS.md.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
PROJECT_PYTHON = ROOT / ".venv" / "bin" / "python"
BENCH_BIN = Path(sys.executable).parent
PG_BASE = os.environ.get("BENCH_POSTGRES_URL", "postgres://atlas:atlas@127.0.0.1:5432")
PORT, DATASETTE_PORT, CACHED_PORT = 8911, 8912, 8913
SECRET = "benchmark-only-secret-key-not-for-any-real-deployment-0123456789"  # nosec B105  # noqa: S105

# What a reader or an editor asks for, at the main size. Synthetic values exist at every size.
# The search word is a country code in some synthetic mandates: its matches are a fixed
# share of the missions, as a reader's search for a place would be.
DIRECTORY = "/missions/?organization=synthetic-organization-3&type=traditional&region=africa&q=CD"
# A word in every synthetic mission: the worst case, whose cost grows with the matches.
EVERY_MISSION = DIRECTORY.replace("q=CD", "q=ceasefire")
# Searches for a place named only in the shipped atlas: the same few matches at every size.
PAGES = {
    "home": "/",
    "directory, 3 facets + search": DIRECTORY,
    "directory, search for a named place": "/missions/?q=somalia",
    "directory, 3 facets + a word in every mission": EVERY_MISSION,
    "directory, unfiltered": "/missions/",
    "directory, page 200": "/missions/?page=200",
    "directory, 2 facets (as Datasette)": "/missions/?type=traditional&region=africa",
    "mission detail": "/missions/synthetic-mission-5/",
    "organization detail": "/organizations/synthetic-organization-3/",
    "lessons by theme": "/lessons/themes/mandate/",
    "site search": "/search/?q=ceasefire+CD",
    "site search for a named place": "/search/?q=cyprus",
    "sitemap index": "/sitemap.xml",
    "sitemap, 1,000 missions": "/sitemap-missions.xml",
    "CSV export (3 facets)": DIRECTORY.replace("/missions/?", "/missions/export.csv?"),
    "admin changelist": "/admin/missions/mission/",
}
CACHED_PAGES = [
    "home",
    "directory, 3 facets + search",
    "directory, 2 facets (as Datasette)",
    "mission detail",
]
# Pages whose answer is the same at every size: their cost must not grow with the atlas.
SAME_ANSWER = [
    "directory, 2 facets (as Datasette)",  # a full page of 25 at every size
    "directory, search for a named place",
    "mission detail",
    "site search for a named place",
]
# Searches whose matches are a fixed share of the atlas (100 times more at 100,000).
GROWING_ANSWER = ["directory, 3 facets + search", "site search"]
SCALING_PAGES = SAME_ANSWER + GROWING_ANSWER
BARE = "/_bench/bare/"


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def database_url(backend, missions):
    if backend == "sqlite":
        return f"sqlite:///{WORK / f'atlas-{missions}.sqlite3'}"
    return f"{PG_BASE}/atlas_bench_{missions}"


def django_env(backend, missions, page_cache=False):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SSL_REDIRECT": "0",  # loopback HTTP; TLS is the load balancer's job
        "DATABASE_URL": database_url(backend, missions),
        "ATLAS_PAGE_CACHE_SECONDS": "300" if page_cache else "0",
        "PYTHONPATH": str(ROOT),
    }


def manage(env, *args, capture=False):
    command = [str(PROJECT_PYTHON), str(ROOT / "manage.py"), *args]
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        command, env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return result.stdout.strip() if capture else None


def recreate_postgres(name):
    script = (
        "import psycopg, sys\n"
        "with psycopg.connect(sys.argv[1] + '/postgres', autocommit=True) as c:\n"
        "    c.execute(f'DROP DATABASE IF EXISTS {sys.argv[2]}')\n"
        "    c.execute(f'CREATE DATABASE {sys.argv[2]}')\n"
    )
    subprocess.run([str(PROJECT_PYTHON), "-c", script, PG_BASE, name], check=True)  # noqa: S603


def build(backend, missions, lessons, reuse):
    """An atlas with the shipped data plus `missions` synthetic missions; seconds taken."""
    env = django_env(backend, missions)
    stamp = WORK / f"{backend}-{missions}-{lessons}.built"
    if reuse and stamp.exists():
        log(f"reusing the {backend} atlas with {missions} synthetic missions")
        # Bring it to the current schema and index, as a release would (manage.py setup_atlas
        # also reloads fixtures, which a benchmark atlas does not need).
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "rebuild_search_index")
        analyze(env)
        return json.loads(stamp.read_text())["seconds"]
    log(f"building the {backend} atlas: {missions} missions, {lessons} lessons")
    started = time.monotonic()
    if backend == "sqlite":
        # With its WAL and shared-memory files, which a new file of that name must not inherit.
        for suffix in ("", "-wal", "-shm"):
            (WORK / f"atlas-{missions}.sqlite3{suffix}").unlink(missing_ok=True)
    else:
        recreate_postgres(f"atlas_bench_{missions}")
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "setup_atlas")
    generated_at = time.monotonic()
    manage(
        env, "generate_synthetic", "--missions", str(missions), "--lessons", str(lessons),
        "--seed", "1",
    )  # fmt: skip
    analyze(env)
    seconds = {
        "total": round(time.monotonic() - started, 1),
        "generate_synthetic": round(time.monotonic() - generated_at, 1),
    }
    stamp.write_text(json.dumps({"seconds": seconds}))
    return seconds


def analyze(env):
    """Planner statistics and a vacuumed full-text index, as autovacuum gives a live site
    soon after a bulk load (PostgreSQL's GIN pending list otherwise slows every search)."""
    statement = "VACUUM ANALYZE" if env["DATABASE_URL"].startswith("postgres") else "ANALYZE"
    code = f"from django.db import connection; connection.cursor().execute('{statement}')"
    manage(env, "shell", "--no-imports", "-c", code)


def admin_session(env):
    """A logged-in superuser's session cookie, made the way the login view makes one."""
    script = (
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from django.contrib.auth.models import User\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "user = User.objects.filter(username='bench').first() or "
        "User.objects.create_superuser('bench', None, None)\n"
        "session = SessionStore()\n"
        "session[SESSION_KEY] = str(user.pk)\n"
        "session[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "session[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "session.create()\n"
        "print(session.session_key)\n"
    )
    return manage(env, "shell", "-c", script, capture=True).splitlines()[-1]


class Server:
    """A gunicorn process group, stopped on exit whatever happens."""

    def __init__(self, command, env, port, ready_path, cwd=ROOT):
        self.port = port
        self.process = subprocess.Popen(  # noqa: S603
            command, env=env, cwd=cwd, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=open(WORK / f"server-{port}.log", "a"),  # noqa: SIM115
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url(ready_path), timeout=5) as response:  # nosec B310  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the server on port {port} did not start: see bench/work/")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def atlas_server(backend, missions, page_cache, port=PORT):
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "peacekeeping.wsgi", "--config",
        str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}", "--workers", "2",
    ]  # fmt: skip
    return Server(command, django_env(backend, missions, page_cache), port, BARE)


def datasette_server(sqlite_path):
    command = [
        str(BENCH_BIN / "gunicorn"), "bench.datasette_app:app", "--bind",
        f"127.0.0.1:{DATASETTE_PORT}", "--workers", "2", "--worker-class",
        "uvicorn.workers.UvicornWorker", "--log-level", "warning",
    ]  # fmt: skip
    env = {**os.environ, "BENCH_SQLITE": str(sqlite_path), "PYTHONPATH": str(ROOT)}
    # Started from bench/, so gunicorn does not pick up the atlas's own gunicorn.conf.py.
    return Server(command, env, DATASETTE_PORT, "/-/versions.json", cwd=ROOT / "bench")


def measure(url, duration, connections, cookie=None):
    """Requests per second and latency percentiles for one URL, from wrk."""
    for _ in range(3):  # warm the workers, and see that the page works at all
        headers = {"Cookie": cookie} if cookie else {}
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http://127.0.0.1 only
        with urllib.request.urlopen(request, timeout=60) as response:  # nosec B310  # noqa: S310
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
    command = [
        "wrk", "--threads", "1", "--connections", str(connections), "--timeout", "30s",
        "--script", str(ROOT / "bench" / "report.lua"),
    ]  # fmt: skip
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    # Four seconds of the same load first, so every worker has built its facet index and
    # filled its cache: the numbers are the steady state, not the first request after a start.
    subprocess.run([*command, "--duration", "4s", url], capture_output=True, check=True)  # noqa: S603
    command += ["--duration", f"{duration}s"]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    numbers = json.loads(output.strip().splitlines()[-1])
    seconds = numbers.pop("duration_us") / 1e6
    numbers["rps"] = round(numbers["requests"] / seconds, 1)
    for key in ("mean_ms", "p50_ms", "p95_ms", "p99_ms", "max_ms"):
        numbers[key] = round(numbers[key], 2)
    return numbers


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    versions = subprocess.run(  # noqa: S603
        [str(PROJECT_PYTHON), "-c",
         "import django, sqlite3; print(django.get_version(), sqlite3.sqlite_version)"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout  # noqa: S607
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": versions[0],
        "sqlite": versions[1],
        "wrk": wrk.split()[1] if wrk else "",
    }


def techniques(backend, size):
    """Each technique's before and after, measured in-process (bench/techniques.py)."""
    log(f"measuring each technique before and after on {backend}")
    output = subprocess.run(  # noqa: S603
        [str(PROJECT_PYTHON), str(ROOT / "bench" / "techniques.py")],
        env=django_env(backend, size), cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def run_backend(backend, args):
    log(f"=== {backend} ===")
    main_size = args.size
    result = {
        "backend": backend,
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "settings": {
            "server": "gunicorn, 2 sync workers, production settings (DEBUG off)",
            "load": f"wrk, 1 thread, {args.connections} connections, {args.duration} s per URL",
            "missions": main_size,
            "lessons": args.lessons,
        },
        "build_seconds": build(backend, main_size, args.lessons, args.reuse),
        "pages": {},
        "cached": {},
        "scaling": {},
    }
    if backend == "postgres":
        result["machine"]["postgres"] = manage(
            django_env(backend, main_size), "shell", "-c",
            "from django.db import connection; print(connection.cursor().connection.info"
            ".server_version)", capture=True,
        ).strip().splitlines()[-1]  # fmt: skip
    env = django_env(backend, main_size)
    cookie = f"sessionid={admin_session(env)}"

    def run(server, name, path, **kwargs):
        numbers = measure(server.url(path), args.duration, args.connections, **kwargs)
        log(f"{name:40} {numbers['rps']:8.1f} req/s  p50 {numbers['p50_ms']:7.2f} ms  "
            f"p95 {numbers['p95_ms']:7.2f} ms  p99 {numbers['p99_ms']:7.2f} ms")  # fmt: skip
        return {"path": path, **numbers}

    with atlas_server(backend, main_size, page_cache=False) as server:
        result["bare"] = run(server, "bare Django view", BARE)
        for name, path in PAGES.items():
            result["pages"][name] = run(
                server, name, path, cookie=cookie if name.startswith("admin") else None
            )
    with atlas_server(backend, main_size, page_cache=True) as server:
        result["bare_cached_server"] = run(server, "bare Django view (cache on)", BARE)
        for name in CACHED_PAGES:
            result["cached"][name] = run(server, f"{name} (cached)", PAGES[name])

    result["techniques"] = techniques(backend, main_size)

    sqlite_path = WORK / f"atlas-{main_size}.sqlite3"
    if not sqlite_path.exists():
        build("sqlite", main_size, args.lessons, reuse=True)
    table = f"/atlas-{main_size}/missions_mission"
    datasette_selected = (
        f"{table}?operation_type=traditional&region=africa&_facet=operation_type&_facet=region"
    )
    with datasette_server(sqlite_path) as server:
        result["datasette"] = {
            "unfiltered, 2 facets": run(
                server, "Datasette, 2 facets", f"{table}?_facet=operation_type&_facet=region"
            ),
            "2 facets selected": run(server, "Datasette, 2 facets selected", datasette_selected),
        }

    # The targets that compare two measurements, or that sit near their line, are taken
    # again in adjacent rounds with every server up: this machine's speed drifts by up to a
    # third over minutes, so a ratio of numbers taken minutes apart measures the drift.
    result["rounds"] = []
    with (
        atlas_server(backend, main_size, page_cache=False) as uncached,
        atlas_server(backend, main_size, page_cache=True, port=CACHED_PORT) as cached,
        datasette_server(sqlite_path) as datasette,
    ):
        for number in range(1, args.rounds + 1):
            log(f"round {number} of {args.rounds}")
            result["rounds"].append(
                {
                    "bare": run(uncached, "bare Django view", BARE),
                    "directory, 2 facets (as Datasette)": run(
                        uncached, "directory, 2 facets", PAGES["directory, 2 facets (as Datasette)"]
                    ),
                    "Datasette, 2 facets selected": run(
                        datasette, "Datasette, 2 facets selected", datasette_selected
                    ),
                    "mission detail": run(uncached, "mission detail", PAGES["mission detail"]),
                    "cached": {
                        name: run(cached, f"{name} (cached)", PAGES[name]) for name in CACHED_PAGES
                    },
                }
            )

    for size in args.sizes:
        # The main size keeps its lessons; the others get one lesson per two missions.
        lessons = args.lessons if size == main_size else max(size // 2, 500)
        build(backend, size, lessons, args.reuse or size == main_size)
        with atlas_server(backend, size, page_cache=False) as server:
            result["scaling"][str(size)] = {
                name: run(server, f"{name} @ {size}", PAGES[name]) for name in SCALING_PAGES
            }
    return result


def write_json(backend, result):
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{backend}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    log(f"wrote {path.relative_to(ROOT)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--size", type=int, default=10_000, help="missions at the main size")
    parser.add_argument("--lessons", type=int, default=50_000)
    parser.add_argument("--sizes", default="1000,10000,100000", help="sizes for the plot")
    parser.add_argument("--duration", type=int, default=8, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument(
        "--rounds", type=int, default=3, help="adjacent rounds for the paired targets"
    )
    parser.add_argument("--reuse", action="store_true", help="keep databases already built")
    parser.add_argument(
        "--techniques-only",
        action="store_true",
        help="only re-measure the techniques, into the results already written",
    )
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",") if size]
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: run bench/run.sh, which installs it")
    WORK.mkdir(parents=True, exist_ok=True)
    manage(django_env("sqlite", args.size), "collectstatic", "--noinput", "--verbosity", "0")
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        if args.techniques_only:
            result = json.loads((RESULTS / f"{backend}.json").read_text())
            result["techniques"] = techniques(backend, args.size)
        else:
            result = run_backend(backend, args)
        write_json(backend, result)
    subprocess.run([sys.executable, str(ROOT / "bench" / "render.py")], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
