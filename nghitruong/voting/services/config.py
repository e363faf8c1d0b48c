"""Per-body voting configuration (``VotingRules``)."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from nghitruong.accounts.permissions import require_staff
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.models import ElectedBody
from nghitruong.voting import rules
from nghitruong.voting.models import VotingRules


def voting_rules_set(
    *,
    actor: Any,
    body: ElectedBody,
    option_set: str = "",
    total_basis: str = VotingRules.TotalBasis.SEATED,
    majority_overrides: Mapping[str, str] | None = None,
) -> VotingRules:
    """Create or replace the body's voting configuration. Overrides may only be stricter."""
    require_staff(actor, body)
    if option_set not in VotingRules.OptionSet.values:
        raise ApplicationError("Bộ phương án không hợp lệ / Unknown option set", code="invalid")
    if total_basis not in VotingRules.TotalBasis.values:
        raise ApplicationError("Cơ sở tính tổng số không hợp lệ / Unknown basis", code="invalid")
    overrides = dict(majority_overrides or {})
    for matter, majority in overrides.items():
        try:
            default = rules.rule_for(body_kind=body.kind, matter=matter).majority
            wanted = rules.MajorityKind(majority)
        except ValueError as exc:  # unknown matter or kind, or a matter the body does not have
            raise ApplicationError(
                "Ngưỡng riêng không hợp lệ / Invalid threshold override",
                code="invalid_override",
                detail={"matter": matter, "majority": majority},
            ) from exc
        if default == rules.MajorityKind.TWO_THIRDS and wanted != default:
            raise ApplicationError(
                "Không được hạ ngưỡng luật định / A statutory threshold cannot be lowered",
                code="override_below_law",
                detail={"matter": matter},
            )
    with transaction.atomic():
        config, created = VotingRules.objects.select_for_update().get_or_create(body=body)
        before = (
            None
            if created
            else {
                "option_set": config.option_set,
                "total_basis": config.total_basis,
                "majority_overrides": config.majority_overrides,
            }
        )
        config.option_set = option_set
        config.total_basis = total_basis
        config.majority_overrides = overrides
        config.save()
        audit_record(
            actor=actor,
            action="voting_rules.set",
            obj=config,
            body=body,
            before=before,
            after={
                "option_set": option_set,
                "total_basis": total_basis,
                "majority_overrides": overrides,
            },
        )
    return config
