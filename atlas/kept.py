"""What a process builds once per content version and keeps until the version moves on.

The facet index, the country index and the search vocabulary each read every published
record; a process builds them once per key (the content version, and what else the
built value depends on), and a request that finds the key moved on builds the new one.
"""

import threading


class KeptForKey:
    """The value `build()` returns, kept for the latest key asked.

    Two threads asking for a new key at once build it once: the second waits for the
    first's value. Only the latest key's value is kept, so an old version's is freed.
    """

    def __init__(self, build):
        self.build = build
        self.lock = threading.Lock()
        self.kept = {}

    def get(self, key):
        value = self.kept.get(key)
        if value is None:
            with self.lock:
                value = self.kept.get(key)
                if value is None:
                    value = self.build()
                    self.kept = {key: value}
        return value
