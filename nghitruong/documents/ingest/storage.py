"""Content-addressed storage of original files under MEDIA_ROOT/documents/sources/."""

import os
import tempfile
from pathlib import Path

from django.conf import settings


def source_path(relative: str) -> Path:
    return Path(settings.MEDIA_ROOT) / relative


def store_bytes(data: bytes, sha256: str, suffix: str) -> tuple[str, bool]:
    """Write ``data`` once; return (path relative to MEDIA_ROOT, whether it was newly written)."""
    relative = f"documents/sources/{sha256[:2]}/{sha256}{suffix.lower()}"
    target = source_path(relative)
    if target.exists():
        return relative, False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, target)
    return relative, True


def remove_stored(relative: str) -> None:
    source_path(relative).unlink(missing_ok=True)
