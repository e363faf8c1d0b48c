"""Database backends: Django's own with connection reuse for ASGI (``settings.DATABASES``)."""
