"""Every write in the accounts app (house rule 2). Import from here: ``accounts.services.user_create``.

All functions are keyword-only and write one audit entry (``core.audit.audit_record``); passwords,
one-time codes and token secrets are never written to the audit log.
"""

from nghitruong.accounts.services.auth import (
    AccountLockedError,
    InvalidCredentialsError,
    InvalidOtpError,
    LoginThrottledError,
    login_check_password,
    session_login,
    session_logout,
    session_mark_verified,
)
from nghitruong.accounts.services.otp import (
    recovery_codes_generate,
    second_factor_verify,
    totp_device_confirm,
    totp_device_create,
)
from nghitruong.accounts.services.tokens import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    api_tokens_mark_used,
    api_tokens_resolve,
)
from nghitruong.accounts.services.users import (
    agency_officer_assign,
    membership_create,
    membership_end,
    person_create,
    person_update,
    user_create,
    user_deactivate,
    user_set_password,
)

__all__ = [
    "AccountLockedError",
    "InvalidCredentialsError",
    "InvalidOtpError",
    "LoginThrottledError",
    "agency_officer_assign",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "api_tokens_mark_used",
    "api_tokens_resolve",
    "login_check_password",
    "membership_create",
    "membership_end",
    "person_create",
    "person_update",
    "recovery_codes_generate",
    "second_factor_verify",
    "session_login",
    "session_logout",
    "session_mark_verified",
    "totp_device_confirm",
    "totp_device_create",
    "user_create",
    "user_deactivate",
    "user_set_password",
]
