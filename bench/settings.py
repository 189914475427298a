"""The production settings plus one route for the benchmark's reference page."""

from peacekeeping.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
