"""``nghitruong demo-totp USERNAME``: the current 6-digit code of a demo login.

For newcomers without an authenticator app. Works only for the demo logins whose TOTP secret is
still the public demo secret; any other account is refused and nothing about it is printed.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nghitruong.demo.accounts import demo_account, demo_totp_key_hex, demo_totp_secret, totp_code
from nghitruong.demo.selectors import account_user, confirmed_totp_device

NOT_DEMO = (
    "“{u}” không phải tài khoản demo; lệnh này chỉ cho mã của tài khoản demo / "
    "“{u}” is not a demo account; this command only gives codes of demo accounts."
)


class Command(BaseCommand):
    help = (
        "In mã TOTP hiện tại của một tài khoản demo / Print the current TOTP code of a demo login."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--quiet", action="store_true", help="chỉ in mã / print the code only (for scripts)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        if demo_account(username) is None:
            raise CommandError(NOT_DEMO.format(u=username))
        user = account_user(username)
        if user is None:
            raise CommandError(
                f"Chưa có tài khoản “{username}”; chạy `nghitruong demo-data` trước / "
                f"“{username}” does not exist yet; run `nghitruong demo-data` first."
            )
        person = getattr(user, "person", None)
        device = confirmed_totp_device(user)
        demo_secret = device is not None and device.key == demo_totp_key_hex(username)
        if device is None or not demo_secret or (person is not None and not person.is_demo):
            # The name matches a demo login but the account is not (any more) a demo account.
            raise CommandError(NOT_DEMO.format(u=username))
        now = time.time()
        step_now = int(now - device.t0) // device.step
        at = now
        if step_now <= device.last_t:  # this code was already used: it would be refused
            at = device.t0 + (device.last_t + 1) * device.step
        code = totp_code(
            demo_totp_secret(username), step=device.step, t0=device.t0, digits=device.digits, at=at
        )
        if options["quiet"]:
            self.stdout.write(code)
            return
        if at > now:
            wait = int(at - now) + 1
            self.stdout.write(
                f"{code}  (dùng được sau {wait} giây / usable in {wait} s: the current code was "
                "already used)"
            )
            return
        left = device.step - int(now - device.t0) % device.step
        self.stdout.write(f"{code}  (còn {left} giây / valid {left} s more, ±{device.step} s)")
