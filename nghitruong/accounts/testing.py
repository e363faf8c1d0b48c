"""Helpers for other apps' tests: log a client in as a user who passed the second factor.

    from nghitruong.accounts.testing import login_verified
    login_verified(client, user)   # creates a confirmed TOTP device if the user has none

Pages guarded by ``verified_login_required`` and the API's ``api_auth`` then accept the client.
"""

from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from nghitruong.accounts.models import User
from nghitruong.accounts.services.auth import LAST_SEEN_KEY


def login_verified(client: Client, user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LAST_SEEN_KEY] = int(timezone.now().timestamp())
    session.save()
    return device
