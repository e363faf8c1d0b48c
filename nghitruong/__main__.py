"""The `nghitruong` console script: Django's management commands plus ours.

Our commands use hyphens on the command line (``nghitruong demo-data``); Django modules cannot, so
the hyphenated name is mapped onto the module name here.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nghitruong.config.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and "-" in args[1] and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
