"""Concurrent casts by one deputy over separate database connections: exactly one vote counts.

Threads each open their own connection (Django connections are per thread). On PostgreSQL the poll
row lock and the unique constraint decide; on SQLite immediate transactions serialise the writers.

SQLite's test database is in memory with a shared cache, where a connection that meets another's
table lock gets "database table is locked" at once instead of waiting (the busy timeout of the
file database used in production does not apply). ``_cast`` retries that error only, which is what
the busy timeout does; each attempt is a fresh transaction that changed nothing.
"""

import threading
import time
from collections.abc import Callable

import pytest
from django.db import OperationalError, connection, connections

from nghitruong.core.exceptions import ConflictError
from nghitruong.core.models import AuditEntry
from nghitruong.voting import services
from nghitruong.voting.models import Poll, PollOption, SecretTally, Vote, VoteParticipation
from nghitruong.voting.tests.conftest import Chamber

THREADS = 8


def _cast(poll: Poll, user: object, option: PollOption) -> None:
    for _attempt in range(2000):
        try:
            services.ballot_cast(poll=poll, user=user, option=option)
            return
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
            time.sleep(0.002)
    raise AssertionError("SQLite stayed locked")


def _race(poll: Poll, user: object, options: list[PollOption]) -> list[str]:
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            _cast(poll, user, options[index % len(options)])
            outcome = "ok"
        except ConflictError as exc:
            outcome = exc.code
        except Exception as exc:  # any other failure must show up in the assertion
            outcome = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["named", "secret"])
def test_concurrent_double_vote_by_one_deputy_counts_once(
    chamber: Chamber, make_poll: Callable[..., Poll], kind: str
) -> None:
    poll = make_poll(kind=kind)
    deputy = chamber.deputies[0]
    options = list(poll.options.all())
    outcomes = _race(poll, deputy, options)
    assert outcomes == ["already_voted"] * (THREADS - 1) + ["ok"]
    if kind == "named":
        assert Vote.objects.filter(poll=poll).count() == 1
    else:
        assert VoteParticipation.objects.filter(poll=poll).count() == 1
        assert sum(SecretTally.objects.filter(poll=poll).values_list("count", flat=True)) == 1
    assert AuditEntry.objects.filter(action="ballot.cast").count() == 1
    result = services.poll_stop(actor=chamber.staff, poll=poll)
    assert result.participants == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_of_many_deputies_all_count(
    chamber_factory: Callable[..., Chamber],
) -> None:
    ch = chamber_factory(code="qh-dong-thoi", deputies=THREADS)
    poll = services.poll_create(actor=ch.staff, body=ch.body, title="Luật", kind="secret")
    services.poll_start(actor=ch.staff, poll=poll)
    option = ch.option(poll, "for")
    barrier = threading.Barrier(THREADS)
    errors: list[str] = []

    def worker(user: object) -> None:
        try:
            barrier.wait(timeout=30)
            _cast(poll, user, option)
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(u,)) for u in ch.deputies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    result = services.poll_stop(actor=ch.staff, poll=poll)
    assert (result.participants, result.votes_for) == (THREADS, THREADS)
