"""Where a page's time goes: pyinstrument over repeated in-process requests.

    DATABASE_URL=sqlite:///bench/work/atlas-10000.sqlite3 .venv/bin/python bench/profile.py \
        /missions/ /missions/synthetic-mission-5/

writes bench/results/profile-<page>.txt for each path (production settings, cache off).
With BENCH_PROFILE_CACHED=1 the page cache is on and the files are named profile-cached-*:
what a cached hit still costs.
"""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "profile-only-key-not-secret-" * 3)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
os.environ["DJANGO_SSL_REDIRECT"] = "0"
CACHED = os.environ.get("BENCH_PROFILE_CACHED") == "1"
os.environ["ATLAS_PAGE_CACHE_SECONDS"] = "600" if CACHED else "0"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

REPEAT = 2000 if CACHED else 20


def main(paths):
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths:
        client.get(path)  # warm: facet index, template cache, connections
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(REPEAT):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)  # nosec B101
        profiler.stop()
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
        backend = "postgres" if "postgres" in os.environ.get("DATABASE_URL", "") else "sqlite"
        kind = "cached-" if CACHED else ""
        target = ROOT / "bench" / "results" / f"profile-{kind}{backend}-{name}.txt"
        text = profiler.output_text(unicode=False, color=False, show_all=False)
        target.write_text(f"{REPEAT} requests of {path}\n\n{text}")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["/missions/"])
