from django.urls import path

from nghitruong.accounts.views import account, login

app_name = "accounts"

urlpatterns = [
    path("", account.account_view, name="account"),
    path("login/", login.login_view, name="login"),
    path("login/otp/", login.otp_view, name="otp"),
    path("logout/", login.logout_view, name="logout"),
    path("2fa/setup/", login.setup_view, name="setup"),
    path("2fa/recovery-codes/", account.recovery_codes_view, name="recovery_codes"),
    path("tokens/", account.tokens_view, name="tokens"),
    path("tokens/<int:token_id>/revoke/", account.token_revoke_view, name="token_revoke"),
]
