"""Petition pages: the public portal (``public``) and the staff screens (``staff``)."""
