"""Two commits side by side: the same pages, served by each, measured in alternating rounds.

    .venv/bin/python bench/compare.py BEFORE [AFTER] [--missions 10000] [--rounds 6]

Each commit is checked out into its own worktree under bench/work/, gets its own atlas built
by its own code (the shipped data plus the same synthetic missions, seed 1) and its own
gunicorn server (two sync workers, production settings, page cache off), both up at once.
wrk then asks each page of each server in turn, round after round, the order flipping every
round, so a drift in this machine's speed lands on both codes alike. A ratio of two
`make bench` runs taken at different times measures the machine as much as the code; this
measures the code. Prints a table of medians and writes bench/results/compare.json.

With --cached both servers keep the page cache on (as in production), so the rounds measure
what a reader gets once a page has been asked for: compare-cached.json.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import BARE, PAGES, RESULTS, ROOT, SECRET, WORK, Server, log, measure  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
COMPARED = {
    "bare Django view": BARE,
    "mission detail": PAGES["mission detail"],
    "directory, unfiltered": PAGES["directory, unfiltered"],
    "directory, 3 facets + search": PAGES["directory, 3 facets + search"],
    "site search": PAGES["site search"],
    "home": PAGES["home"],
}


def git(*args, cwd=ROOT):
    command = ["git", *args]  # noqa: S607 - git from PATH, as a developer runs it
    found = subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True)  # noqa: S603
    return found.stdout.strip()


def checkout(revision):
    """A worktree of `revision` under bench/work/, made once and reused."""
    sha = git("rev-parse", "--short", revision)
    tree = WORK / f"code-{sha}"
    if not tree.exists():
        git("worktree", "add", "--detach", str(tree), sha)
    return sha, tree


def environment(tree, database, cached=False):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{database}",
        "ATLAS_PAGE_CACHE_SECONDS": "600" if cached else "0",
        "PYTHONPATH": str(tree),
    }


def build(sha, tree, missions, lessons, cached=False):
    """The commit's own atlas, built by its own code; reused when built before."""
    database = WORK / f"compare-{sha}-{missions}-{lessons}.sqlite3"
    stamp = database.with_suffix(".built")
    env = environment(tree, database, cached)

    def manage(*args):
        subprocess.run(  # noqa: S603
            [str(PYTHON), "manage.py", *args], cwd=tree, env=env, check=True, capture_output=True
        )

    if not stamp.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        log(f"building {sha}'s atlas: {missions} missions, {lessons} lessons")
        manage("migrate", "--verbosity", "0")
        manage("setup_atlas")
        manage(
            "generate_synthetic", "--missions", str(missions), "--lessons", str(lessons),
            "--seed", "1",
        )  # fmt: skip
        analyze = "from django.db import connection; connection.cursor().execute('ANALYZE')"
        manage("shell", "--no-imports", "-c", analyze)
        stamp.touch()
    manage("collectstatic", "--noinput", "--verbosity", "0")
    return env


def serve(tree, env, port):
    command = [
        str(GUNICORN), "peacekeeping.wsgi", "--config", str(tree / "gunicorn.conf.py"),
        "--bind", f"127.0.0.1:{port}", "--workers", "2",
    ]  # fmt: skip
    return Server(command, env, port, BARE, cwd=tree)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="the commit to compare against")
    parser.add_argument("after", nargs="?", default="HEAD")
    parser.add_argument("--missions", type=int, default=10_000)
    parser.add_argument("--lessons", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--duration", type=int, default=6, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--cached", action="store_true", help="with the page cache on")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    codes = [checkout(args.before), checkout(args.after)]
    with ThreadPoolExecutor(max_workers=2) as pool:  # one build per core
        sizes = (args.missions, args.lessons, args.cached)
        envs = list(pool.map(lambda code: build(*code, *sizes), codes))
    numbers = {sha: {name: [] for name in COMPARED} for sha, _ in codes}
    with serve(codes[0][1], envs[0], 8921) as first, serve(codes[1][1], envs[1], 8922) as second:
        servers = [(codes[0][0], first), (codes[1][0], second)]
        for number in range(1, args.rounds + 1):
            log(f"round {number} of {args.rounds}")
            for name, path in COMPARED.items():
                for sha, server in servers if number % 2 else reversed(servers):
                    result = measure(server.url(path), args.duration, args.connections)
                    numbers[sha][name].append(result)
                    log(f"  {sha} {name:24} {result['rps']:8.1f} req/s  "
                        f"p50 {result['p50_ms']:6.2f}  p95 {result['p95_ms']:6.2f} ms")  # fmt: skip
    before, after = codes[0][0], codes[1][0]
    table = {}
    print(f"\n| page | {before} p95 | {after} p95 | ratio | {before} p50 | {after} p50 | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in COMPARED:
        row = {}
        for key in ("p95_ms", "p50_ms", "rps"):
            old = statistics.median(r[key] for r in numbers[before][name])
            new = statistics.median(r[key] for r in numbers[after][name])
            row[key] = {"before": old, "after": new, "ratio": round(new / old, 2)}
        table[name] = row
        p95, p50 = row["p95_ms"], row["p50_ms"]
        print(f"| {name} | {p95['before']:.2f} | {p95['after']:.2f} | {p95['ratio']:.2f}× "
              f"| {p50['before']:.2f} | {p50['after']:.2f} | {p50['ratio']:.2f}× |")  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / ("compare-cached.json" if args.cached else "compare.json")).write_text(
        json.dumps(
            {
                "date": datetime.date.today().isoformat(),
                "before": before,
                "after": after,
                "missions": args.missions,
                "lessons": args.lessons,
                "page_cache": args.cached,
                "load": f"wrk, 1 thread, {args.connections} connections, {args.duration} s",
                "medians": table,
                "rounds": numbers,
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
