"""The portal's settings, with the URLs of ``tests/perf/urls.py`` (the bare view)."""

from incluportal.settings import *  # noqa: F403

ROOT_URLCONF = "tests.perf.urls"
