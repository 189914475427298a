"""What a process keeps per content version (the facet index, the country index, the
search vocabulary) is built once per version, however many requests ask at once."""

import threading
import time

from atlas.kept import KeptForKey


def test_threads_asking_at_once_build_the_value_once():
    builds = []

    def build():
        builds.append(1)
        time.sleep(0.05)  # long enough for the other threads to arrive while it builds
        return object()

    kept = KeptForKey(build)
    found = []
    threads = [threading.Thread(target=lambda: found.append(kept.get("v1"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    assert len({id(value) for value in found}) == 1


def test_a_new_version_is_built_and_the_old_one_let_go():
    values = iter(["first", "second", "third"])
    kept = KeptForKey(lambda: next(values))
    assert kept.get("v1") == kept.get("v1") == "first"
    assert kept.get("v2") == "second"
    assert list(kept.kept) == ["v2"]
    # Back to an old version (a rolled-back deploy): built again, not the stale value.
    assert kept.get("v1") == "third"
