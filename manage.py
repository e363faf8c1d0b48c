#!/usr/bin/env python
"""Django's manage.py; the same as the `nghitruong` console script."""

from nghitruong.__main__ import main

if __name__ == "__main__":
    main()
