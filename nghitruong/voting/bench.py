"""`nghitruong bench voting`: N deputies vote over HTTP while M observers watch the live stream.

1. A fresh database: a temporary SQLite file, or (``--database postgres://…``) a temporary
   database on that PostgreSQL server, migrated; this process's default connection is switched
   to it. Nothing touches the configured database.
2. Through the services: a body, a secretariat officer, N deputies with accounts, memberships and
   personal API tokens (the deputies' "log in": each uses his own token), one poll.
3. The real ASGI server (``uvicorn`` subprocess, ``--workers K``) on a free loopback port.
4. The poll is opened over HTTP; M observers connect to its public SSE stream (raw asyncio
   streams, a few KiB each); every deputy casts once, all at the same moment, while D duplicate
   attempts race them from second connections; then a second burst of D duplicates. The ballots
   carry Bearer tokens, so the served stack answers them in the ballot lane (decision 0007); every
   attempt, duplicates included, counts in the latency percentiles.
5. The poll is stopped and published over HTTP; each observer's time from the stop request to
   seeing the published tally is measured, and the tally it saw is checked.
6. The stored votes are compared with what each accepted request sent (``votes_lost``).
Prints one JSON object; stops the server and removes the temporary database.
"""

import argparse
import asyncio
import contextlib
import gc
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from nghitruong.realtime.client import Connection, sse_events
from nghitruong.realtime.testing import free_port

HOST = "127.0.0.1"
MEANINGS = ("for", "for", "for", "for", "for", "for", "for", "against", "against", "abstain")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deputies", type=int, default=500)
    parser.add_argument("--observers", type=int, default=2000)
    parser.add_argument("--duplicates", type=int, default=None, help="default: deputies / 5")
    parser.add_argument("--database", default="", help="postgres://… server for a temporary DB")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0, help="per phase, seconds")
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="deputies press within this many seconds (uniform); 0: all at the same moment",
    )


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index], 1)


# -- a fresh database --------------------------------------------------------------------------
@contextlib.contextmanager
def fresh_database(url: str, workdir: Path) -> Iterator[str]:
    """Point the default connection at a new, migrated database; yield its URL."""
    if url:
        base: dict[str, Any] = dict(dj_database_url.parse(url))
        name = f"nt_bench_{secrets.token_hex(4)}"
        admin = {k: base[k] for k in ("HOST", "PORT", "USER", "PASSWORD") if base.get(k)}
        conninfo = {k.lower(): v for k, v in admin.items()} | {"dbname": base["NAME"] or "postgres"}
        with psycopg.connect(**conninfo, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        new_url = url.rsplit("/", 1)[0] + "/" + name
    else:
        new_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    original = connections.settings["default"]
    db = dict(original)
    parsed: dict[str, Any] = dict(dj_database_url.parse(new_url))
    db.update({k: parsed[k] for k in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")})
    # Keep the configured SQLite options (WAL) for a SQLite run; never hand PostgreSQL options
    # (e.g. the connection pool) to SQLite when the configured database is PostgreSQL.
    from_sqlite = "sqlite" in str(original["ENGINE"])
    db["OPTIONS"] = dict(original["OPTIONS"]) if not url and from_sqlite else {}
    connections["default"].close()
    connections.settings["default"] = db
    del connections["default"]
    try:
        call_command("migrate", verbosity=0, interactive=False)
        yield new_url
    finally:
        connections["default"].close()
        connections.settings["default"] = original
        del connections["default"]
        if url:
            with psycopg.connect(**conninfo, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build_chamber(deputies: int) -> dict[str, Any]:
    import datetime as dt

    from nghitruong.accounts.models import Role
    from nghitruong.accounts.services import (
        api_token_create,
        membership_create,
        person_create,
        user_create,
    )
    from nghitruong.core.services import body_create
    from nghitruong.voting import services

    start = dt.date(2026, 7, 1)
    body = body_create(
        code="qh-bench", name="Quốc hội (đo tải)", kind="na", level="central", actor=None
    )

    def member(username: str, name: str, role: str) -> str:
        user = user_create(username=username, password=None, actor=None, full_name=name)
        person = person_create(full_name=name, actor=None, user=user)
        membership_create(person=person, body=body, role=role, start_date=start, actor=None)
        return api_token_create(user=user, name="bench")[1]

    staff_token = member("vp-bench", "Chuyên viên Văn phòng", Role.SECRETARIAT)
    tokens = [member(f"db-{i}", f"Đại biểu số {i}", Role.DEPUTY) for i in range(1, deputies + 1)]
    from nghitruong.accounts.models import User

    staff = User.objects.get(username="vp-bench")
    poll = services.poll_create(
        actor=staff, body=body, title="Thông qua Luật (đo tải)", kind="electronic_aggregate"
    )
    options = {o.meaning: o.pk for o in poll.options.all()}
    return {"poll_id": poll.pk, "staff_token": staff_token, "tokens": tokens, "options": options}


# -- the server --------------------------------------------------------------------------------
def start_server(db_url: str, workers: int, workdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE=os.environ.get(
            "DJANGO_SETTINGS_MODULE", "nghitruong.config.settings"
        ),
        NGHITRUONG_ALLOW_INSECURE_KEY="1",
        DEBUG="false",
        DB_CONN_MAX_AGE="0",  # ASGI: a thread per request, persistent connections would leak
        NGHITRUONG_DATA_DIR=str(workdir / "data"),
    )
    cmd = [sys.executable, "-m", "uvicorn", "nghitruong.config.asgi:application"]
    cmd += ["--host", HOST, "--port", str(port), "--workers", str(workers), "--lifespan", "off"]
    cmd += ["--log-level", "warning", "--no-access-log", "--backlog", "8192"]
    cmd += ["--timeout-graceful-shutdown", "3", "--timeout-keep-alive", "300"]
    log = (workdir / "server.log").open("wb")
    proc = subprocess.Popen(  # noqa: S603
        cmd, env=env, cwd=str(settings.BASE_DIR), stdout=log, stderr=subprocess.STDOUT
    )
    return proc, port


def peak_rss_mb(pid: int) -> float:
    """VmHWM of the server and its worker processes, in MiB."""
    pids = [pid]
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    total_kb = 0
    for p in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total_kb += int(line.split()[1])
    return round(total_kb / 1024, 1)


# -- the load ----------------------------------------------------------------------------------
async def wait_ready(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = await Connection(HOST, port).open()
            response = await conn.request("GET", "/welcome/")
            await conn.close()
            if response.status == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError("the server did not start")


class Observer:
    def __init__(self, port: int, path: str) -> None:
        self.conn = Connection(HOST, port)
        self.path = path
        self.ready = asyncio.Event()
        self.final: dict[str, Any] | None = None
        self.seen_at = 0.0
        self.task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        await self.conn.open()
        await self.conn.send("GET", self.path, headers={"Accept": "text/event-stream"})
        head = await self.conn.read_head()
        if head.status != 200:
            raise RuntimeError(f"stream answered {head.status}")
        async for event, data in sse_events(self.conn):
            self.ready.set()
            if event == "state" and data.get("state") == "published" and data.get("result"):
                self.final, self.seen_at = data["result"], time.perf_counter()
                return


async def connect_observers(port: int, path: str, count: int, timeout: float) -> list[Observer]:
    observers = [Observer(port, path) for _ in range(count)]
    for start in range(0, count, 200):  # in waves, not to overflow the listen backlog
        for obs in observers[start : start + 200]:
            obs.task = asyncio.create_task(obs.run())
        await asyncio.wait_for(
            asyncio.gather(*(o.ready.wait() for o in observers[start : start + 200])), timeout
        )
    return observers


async def cast(
    conn: Connection, path: str, option: int, delay: float = 0.0
) -> tuple[int, float, str]:
    if delay:
        await asyncio.sleep(delay)
    began = time.perf_counter()
    try:
        response = await conn.request("POST", path, json_body={"option_id": option})
    except (OSError, asyncio.IncompleteReadError) as exc:
        return 0, (time.perf_counter() - began) * 1000, type(exc).__name__
    elapsed = (time.perf_counter() - began) * 1000
    code = ""
    if response.status != 201:
        try:
            code = str(response.json().get("code", ""))
        except ValueError:
            code = f"http_{response.status}"
    return response.status, elapsed, code


async def load(options: dict[str, Any], port: int, chamber: dict[str, Any]) -> dict[str, Any]:
    timeout = float(options["timeout"])
    n = len(chamber["tokens"])
    dupes = options["duplicates"] if options["duplicates"] is not None else n // 5
    poll_id = chamber["poll_id"]
    api = f"/api/v1/voting/polls/{poll_id}"
    await wait_ready(port, timeout)
    staff = await Connection(HOST, port, default_headers=_bearer(chamber["staff_token"])).open()
    assert (await staff.request("POST", f"{api}/start")).status == 200  # noqa: S101

    t0 = time.perf_counter()
    observers = await connect_observers(
        port, f"/voting/public/polls/{poll_id}/events/", options["observers"], timeout
    )
    connect_s = time.perf_counter() - t0

    choice = [chamber["options"][MEANINGS[i % len(MEANINGS)]] for i in range(n)]
    deputies = [Connection(HOST, port, default_headers=_bearer(t)) for t in chamber["tokens"]]
    racers = [Connection(HOST, port, default_headers=_bearer(t)) for t in chamber["tokens"][:dupes]]
    await asyncio.gather(*(c.open() for c in deputies + racers))
    # Each deputy has his poll on screen before the vote: one read each, a few at a time.
    gate = asyncio.Semaphore(16)

    async def look(conn: Connection) -> int:
        async with gate:
            return (await conn.request("GET", api)).status

    looked = await asyncio.gather(*(look(c) for c in deputies + racers))
    if set(looked) != {200}:
        raise RuntimeError(f"reading the poll failed: {sorted(set(looked))}")
    # The client is the measuring instrument: its own garbage collector must not pause it in the
    # middle of the burst (a full collection of its 2,700 connections takes ~200 ms). Its heap is
    # frozen for the casting; the server's collector is left to the server.
    gc.collect()
    gc.freeze()
    t1 = time.perf_counter()
    spread = float(options.get("spread") or 0.0)
    delays = [spread * ((i * 7919) % n) / n for i in range(n)]  # deterministic, uniform
    firsts = [cast(c, f"{api}/ballots", choice[i], delays[i]) for i, c in enumerate(deputies)]
    races = [cast(c, f"{api}/ballots", choice[i], delays[i]) for i, c in enumerate(racers)]
    results = await asyncio.wait_for(asyncio.gather(*firsts, *races), timeout)
    cast_wall_s = time.perf_counter() - t1
    second = [cast(deputies[i], f"{api}/ballots", choice[i]) for i in range(dupes)]
    results += await asyncio.wait_for(asyncio.gather(*second), timeout)
    gc.unfreeze()
    accepted = [r for r in results if r[0] == 201]
    # Whose vote the server accepted (first attempt or racing duplicate), for votes_lost.
    voters = list(range(n)) + list(range(dupes)) + list(range(dupes))
    accepted_for = sorted({voters[i] for i, r in enumerate(results) if r[0] == 201})
    rejected = [r for r in results if r[0] == 409 and r[2] == "already_voted"]
    errors = len(results) - len(accepted) - len(rejected)
    error_kinds = sorted({f"{r[0]}:{r[2]}" for r in results if r not in accepted + rejected})

    t_close = time.perf_counter()
    stop = await staff.request("POST", f"{api}/stop")
    publish = await staff.request("POST", f"{api}/publish")
    tasks = [o.task for o in observers if o.task is not None]
    if tasks:
        await asyncio.wait(tasks, timeout=timeout)
    expected = {
        "for": choice.count(chamber["options"]["for"]),
        "against": choice.count(chamber["options"]["against"]),
        "abstain": choice.count(chamber["options"]["abstain"]),
    }
    good = [
        o
        for o in observers
        if o.final is not None and all(o.final[k] == v for k, v in expected.items())
    ]
    visible = [(o.seen_at - t_close) * 1000 for o in good]
    for conn in [staff, *deputies, *racers, *(o.conn for o in observers)]:
        await conn.close()
    for obs in observers:
        if obs.task is not None and not obs.task.done():
            obs.task.cancel()
    return {
        "votes_accepted": len(accepted),
        "duplicates_attempted": 2 * dupes,
        "duplicates_rejected": len(rejected),
        "other_errors": errors,
        "error_kinds": error_kinds,
        "cast_p50_ms": percentile([r[1] for r in results], 50),
        "cast_p95_ms": percentile([r[1] for r in results], 95),
        "cast_p99_ms": percentile([r[1] for r in results], 99),
        "cast_max_ms": percentile([r[1] for r in results], 100),
        "first_cast_p95_ms": percentile([r[1] for r in results[:n]], 95),
        "cast_wall_s": round(cast_wall_s, 2),
        "result_visible_p50_ms": percentile(visible, 50),
        "result_visible_p95_ms": percentile(visible, 95),
        "observers_missed": len(observers) - len(good),
        "observers_connect_s": round(connect_s, 2),
        "stop_status": stop.status,
        "publish_status": publish.status,
        "expected": expected,
        "sent": {str(i): choice[i] for i in accepted_for},
    }


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def votes_lost(poll_id: int, sent: dict[str, int], expected: dict[str, int]) -> int:
    """Accepted votes missing from (or different in) the database and the stored result."""
    from nghitruong.voting.models import PollResult, Vote

    stored = dict(
        Vote.objects.filter(poll_id=poll_id).values_list("voter__user__username", "option_id")
    )
    lost = sum(1 for i, option in sent.items() if stored.get(f"db-{int(i) + 1}") != option)
    result = PollResult.objects.filter(poll_id=poll_id).first()
    if result is None:
        return len(sent)
    got = {"for": result.votes_for, "against": result.votes_against, "abstain": result.abstained}
    return lost + sum(abs(got[k] - v) for k, v in expected.items())


def run(options: dict[str, Any]) -> dict[str, Any]:
    if options["workers"] > 1 and not options["database"]:
        raise SystemExit("--workers > 1 needs --database postgres://… (SQLite is one process)")
    workdir = Path(tempfile.mkdtemp(prefix="nt-bench-voting-"))
    proc = None
    try:
        with fresh_database(options["database"], workdir) as db_url:
            t0 = time.perf_counter()
            chamber = build_chamber(options["deputies"])
            setup_s = time.perf_counter() - t0
            proc, port = start_server(db_url, options["workers"], workdir)
            try:
                out = asyncio.run(load(options, port, chamber))
            finally:
                tail = (workdir / "server.log").read_text(errors="replace")[-3000:]
                if "Traceback" in tail:
                    print(tail, file=sys.stderr)  # noqa: T201
            rss = peak_rss_mb(proc.pid)
            proc.send_signal(signal.SIGTERM)
            proc.wait(20)
            sent, expected = out.pop("sent"), out["expected"]
            out["votes_lost"] = votes_lost(chamber["poll_id"], sent, expected)
            out["peak_rss_mb"] = rss
            vendor = connections["default"].vendor
        return {
            "benchmark": "voting",
            "database": vendor,
            "deputies": options["deputies"],
            "observers": options["observers"],
            "workers": options["workers"],
            "spread_s": options.get("spread") or 0.0,
            "setup_s": round(setup_s, 1),
            **out,
        }
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
        shutil.rmtree(workdir, ignore_errors=True)
