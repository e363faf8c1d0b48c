"""Every write in the voting app (house rule 2). Import from here: ``voting.services.ballot_cast``."""

from nghitruong.voting.services.ballots import ballot_cast, ballots_announce, ballots_record
from nghitruong.voting.services.config import voting_rules_set
from nghitruong.voting.services.paper import paper_count_record
from nghitruong.voting.services.polls import (
    poll_create,
    poll_publish,
    poll_reset,
    poll_start,
    poll_stop,
)

__all__ = [
    "ballot_cast",
    "ballots_announce",
    "ballots_record",
    "paper_count_record",
    "poll_create",
    "poll_publish",
    "poll_reset",
    "poll_start",
    "poll_stop",
    "voting_rules_set",
]
