"""Secret ballots: after a secret poll, no row of ANY table links a voter to a choice.

The inspection dumps every row of every table in the database (``introspection.table_names()``),
including the audit log, and looks for a row holding both an identifier of a voter (person id, user
id, username, name) and an identifier of an option of the poll (option id, label). Identifiers are
made distinctive (ids in the millions, unique names) so a match cannot be a coincidence. The same
inspection applied to a NAMED poll finds the links, which proves the inspection can fail.
"""

import re

import pytest
from django.db import connection

from nghitruong.voting import services
from nghitruong.voting.models import Poll, PollOption, SecretTally, VoteParticipation
from nghitruong.voting.tests.conftest import add_members, make_body

pytestmark = pytest.mark.django_db

VOTERS = 4
CHOICES = ["for", "against", "for", "abstain"]


def _dump_all_tables() -> dict[str, list[str]]:
    dumped: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            dumped[table] = [" | ".join(str(value) for value in row) for row in cursor.fetchall()]
    return dumped


def _contains_any(text: str, numbers: set[int], words: set[str]) -> bool:
    if any(re.search(rf"(?<![0-9]){n}(?![0-9])", text) for n in numbers):
        return True
    return any(word in text for word in words)


def _links(poll: Poll, voters: list, options: list[PollOption]) -> list[tuple[str, str]]:
    """(table, row) pairs in which some voter and some option of the poll appear together."""
    option_numbers = {o.pk for o in options}
    option_words = {o.label for o in options}
    found = []
    for table, rows in _dump_all_tables().items():
        for row in rows:
            if not _contains_any(row, option_numbers, option_words):
                continue
            for user in voters:
                person = user.person
                if _contains_any(row, {user.pk, person.pk}, {user.username, person.full_name}):
                    found.append((table, row))
    return found


def _run_poll(kind: str, code: str, id_base: int) -> tuple[Poll, list, list[PollOption]]:
    body = make_body(code)
    staff = add_members(body, 1, role="secretariat", prefix=f"vp{code}")[0]
    voters = add_members(body, VOTERS, prefix=f"kin{code}", id_base=id_base)
    poll = services.poll_create(actor=staff, body=body, title="Bầu Chủ tịch", kind=kind)
    # Distinctive option ids (nothing refers to the options before the poll starts).
    for option in list(poll.options.all()):
        PollOption.objects.filter(pk=option.pk).update(id=id_base + 500_000 + option.position)
    services.poll_start(actor=staff, poll=poll)
    options = list(poll.options.order_by("position"))
    by_meaning = {o.meaning: o for o in options}
    for user, meaning in zip(voters, CHOICES, strict=True):
        services.ballot_cast(poll=poll, user=user, option=by_meaning[meaning])
    services.poll_stop(actor=staff, poll=poll)
    services.poll_publish(actor=staff, poll=poll)
    return poll, voters, options


def test_no_table_links_a_voter_to_a_choice_after_a_secret_poll() -> None:
    poll, voters, options = _run_poll("secret", "bk", 7_000_000)
    assert _links(poll, voters, options) == []
    # The poll did record who voted and what was voted, separately.
    assert VoteParticipation.objects.filter(poll=poll).count() == VOTERS
    assert dict(SecretTally.objects.filter(poll=poll).values_list("option__meaning", "count")) == {
        "for": 2,
        "against": 1,
        "abstain": 1,
    }
    assert poll.result.participants == VOTERS


def test_the_inspection_finds_the_links_of_a_named_poll() -> None:
    poll, voters, options = _run_poll("named", "gd", 8_000_000)
    tables = {table for table, _row in _links(poll, voters, options)}
    # The votes themselves and the audit entries of the casts link voter and option.
    assert tables == {"voting_vote", "core_auditentry"}


def test_secret_storage_does_not_depend_on_who_chose_what() -> None:
    """Two deputies swapping their choices leave identical secret-ballot tables."""
    body = make_body("hoan-doi")
    staff = add_members(body, 1, role="secretariat", prefix="vp")[0]
    a, b = add_members(body, 2)
    states = []
    for first, second in (("for", "against"), ("against", "for")):
        poll = services.poll_create(actor=staff, body=body, title="Phiếu", kind="secret")
        services.poll_start(actor=staff, poll=poll)
        services.ballot_cast(poll=poll, user=a, option=poll.options.get(meaning=first))
        services.ballot_cast(poll=poll, user=b, option=poll.options.get(meaning=second))
        states.append(
            (
                sorted(
                    VoteParticipation.objects.filter(poll=poll).values_list("voter_id", flat=True)
                ),
                sorted(
                    SecretTally.objects.filter(poll=poll).values_list("option__meaning", "count")
                ),
            )
        )
    assert (
        states[0]
        == states[1]
        == ([a.person.pk, b.person.pk], [("abstain", 0), ("against", 1), ("for", 1)])
    )
