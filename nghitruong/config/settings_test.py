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
