"""The ordered steps of ``nghitruong demo-data``.

Adding demo data for a new area (meetings, petitions, …): write ``seed_<area>(*, say) -> StepResult``
in ``nghitruong/demo/seed_<area>.py`` and append it here. A step must be idempotent — look first,
write only what is missing, through the owning app's services — so that a second run of the
command creates nothing and writes no audit entry. Wrap the step's writes in one transaction.
New demo logins belong in ``nghitruong.demo.accounts.DEMO_ACCOUNTS``: the command refuses to run on
a database with any other account, and ``demo-totp`` serves only the accounts listed there.
"""

from collections.abc import Callable
from dataclasses import dataclass

from nghitruong.demo.common import Say, StepResult
from nghitruong.demo.seed_accounts import seed_accounts
from nghitruong.demo.seed_activity import seed_meetings, seed_petitions, seed_polls, seed_tracking
from nghitruong.demo.seed_councils import seed_councils
from nghitruong.demo.seed_documents import seed_documents
from nghitruong.demo.seed_na import seed_national_assembly
from nghitruong.demo.seed_structure import seed_reference


@dataclass(frozen=True)
class Step:
    title: str
    run: Callable[..., StepResult]  # run(*, say: Say) -> StepResult


STEPS: tuple[Step, ...] = (
    Step("Dữ liệu danh mục / reference data", seed_reference),
    Step("Quốc hội khóa XVI / National Assembly XVI", seed_national_assembly),
    Step("HĐND TP. Hà Nội, TP. Hồ Chí Minh và 8 HĐND cấp xã / People's Councils", seed_councils),
    Step("Tài khoản demo / demo accounts", seed_accounts),
    Step("Văn bản / documents", seed_documents),
    Step("Kỳ họp / sessions", seed_meetings),
    Step("Biểu quyết / votes", seed_polls),
    Step("Theo dõi thi hành / implementation tracking", seed_tracking),
    Step("Kiến nghị cử tri / voter petitions", seed_petitions),
)

__all__ = ["STEPS", "Say", "Step"]
