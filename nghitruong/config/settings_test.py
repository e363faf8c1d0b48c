"""Settings for the test suite: the same as production but fast hashing and immediate tasks."""

import os

os.environ.setdefault("NGHITRUONG_ALLOW_INSECURE_KEY", "1")

from nghitruong.config.settings import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  # speed; Argon2 is tested explicitly
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True

# pytest-django gives each xdist worker its own test database by suffixing the name, and treats only
# Django's own engine path as SQLite; with our pooled SQLite engine it would suffix the file path
# ("test_/…/nghitruong.sqlite3_gw0"). Name the in-memory test database explicitly instead, as
# Django's default is: one private in-memory database per worker process.
if DATABASES["default"]["ENGINE"] == "nghitruong.core.backends.sqlite3":  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = ":memory:"  # noqa: F405
