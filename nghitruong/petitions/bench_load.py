"""``nghitruong bench petitions --per-minute N --minutes M``: public submissions against a real server.

1. A fresh database: a temporary SQLite file, or (``--database postgres://…``) a temporary database
   ``nt_bench_<random>`` on that PostgreSQL server, created here and dropped afterwards. The
   measuring runs in a child process whose only database is the fresh one (as ``bench retrieval``).
2. ``migrate`` (which loads the field list and holiday calendar), then the reference data a
   citizen's submission needs: one province and one provincial People's Council.
3. The real ASGI server: ``uvicorn nghitruong.config.asgi:application`` (production settings,
   ``DEBUG=false``, one process) on a free loopback port.
4. Open loop: submission i is sent at ``i × 60 / N`` seconds whatever the earlier answers, each on
   a new connection (as citizens' browsers do) to ``POST /api/v1/petitions/public/submit`` with its
   own idempotency key; every ``1 / retry_share``-th submission is sent again with the same key and
   payload (0 to 3 s later, so some retries race the first attempt and some replay it). Half the
   submissions carry petitioner data (a unique e-mail, consent given).
5. After the drain the server stops and the rows are counted: ``stored`` (submissions whose key is
   in the database), ``lost = submitted − stored``, ``duplicates_created`` (rows beyond one per
   submission: each submission's text is unique, so a second row of it is a duplicate whatever its
   key), answered-but-missing submissions and extra petitioner rows.

The rate limits stay the production ones (5 submissions per IP per 10 minutes, 3 per e-mail per
hour): instead of switching them off, each simulated citizen connects from its own loopback
address (Linux routes all of 127.0.0.0/8 to ``lo``, so the client binds 127.10.x.y as its source
and the server sees it as ``REMOTE_ADDR``), and the retry of a submission comes from the same
address. A ``429`` therefore means a real limit was hit and is counted in ``errors``.

Latency is measured from the *scheduled* send time to the last byte of the answer (an open-loop
measure: a client that falls behind does not hide the server's queueing); ``send_lag_p99_ms``
shows how far the client itself fell behind its schedule.
"""

import argparse
import asyncio
import contextlib
import json
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENV_CHILD = "NGHITRUONG_BENCH_PETITIONS_CHILD"
HOST = "127.0.0.1"
PATH = "/api/v1/petitions/public/submit"
BODY_CODE = "hdnd-tinh-do-tai"
PROVINCE_CODE = "01"
RETRY_DELAYS = (0.0, 0.05, 0.3, 1.0, 3.0)  # seconds after the first attempt was sent
SUBJECTS = (
    "Đề nghị sửa chữa cầu treo bản đã xuống cấp, học sinh đi lại nguy hiểm",
    "Đề nghị sớm chi trả tiền bồi thường giải phóng mặt bằng dự án đường tỉnh",
    "Cử tri phản ánh tình trạng ô nhiễm từ cơ sở chế biến nông sản gần khu dân cư",
    "Đề nghị bổ sung giáo viên cho điểm trường lẻ ở thôn vùng cao",
    "Đề nghị nâng cấp trạm y tế xã, bổ sung thuốc thiết yếu",
    "Kiến nghị xem xét hỗ trợ giá giống cây trồng sau đợt lũ",
)
FIELDS = ("giao-thong-xay-dung", "dat-dai-moi-truong", "y-te", "nong-nghiep")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--per-minute", type=int, default=2000, help="offered submissions/min")
    parser.add_argument("--minutes", type=float, default=3.0, help="how long to offer them")
    parser.add_argument("--database", default="", help="postgres://… server for a temporary DB")
    parser.add_argument(
        "--retry-share", type=float, default=0.05, help="share of submissions sent twice"
    )
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="per request, and the drain at the end (s)"
    )


def run(options: dict[str, Any]) -> dict[str, Any]:
    if os.environ.get(ENV_CHILD):
        return _measure(options)
    return _in_fresh_database(options)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile, rounded to 0.1 ms; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)], 1)


def source_address(i: int) -> str:
    """A distinct loopback address per simulated citizen: 127.10.0.1, …, 127.10.0.254, 127.10.1.1…"""
    a, b = divmod(i, 254)
    return f"127.{10 + a // 254}.{a % 254}.{b + 1}"


def payload(run_id: str, i: int, field_codes: tuple[str, ...] = FIELDS) -> dict[str, Any]:
    """Submission i: its own key and a text no other submission has."""
    data: dict[str, Any] = {
        "idempotency_key": f"bench-{run_id}-{i:08d}",
        "body_code": BODY_CODE,
        "province_code": PROVINCE_CODE,
        "field_code": field_codes[i % len(field_codes)],
        "content": f"{SUBJECTS[i % len(SUBJECTS)]} (phiếu đo tải số {i}).",
    }
    if i % 2 == 0:
        data["petitioner"] = {"full_name": f"Cử tri số {i}", "email": f"cu-tri-{i}@example.vn"}
        data["consent"] = True
    return data


# -- the parent: a fresh database, then the child -----------------------------------------------
def _in_fresh_database(options: dict[str, Any]) -> dict[str, Any]:
    import psycopg

    with tempfile.TemporaryDirectory(prefix="nt-bench-petitions-") as tmp:
        server = options.get("database") or ""
        env = dict(os.environ, **{ENV_CHILD: "1"})
        env.setdefault("DJANGO_SETTINGS_MODULE", "nghitruong.config.settings")
        env.setdefault("NGHITRUONG_ALLOW_INSECURE_KEY", "1")
        name = ""
        if server:
            name = f"nt_bench_{secrets.token_hex(4)}"
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = server.rsplit("/", 1)[0] + "/" + name
        else:
            env["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        argv = [sys.executable, "-m", "nghitruong", "bench", "petitions"]
        argv += ["--per-minute", str(options["per_minute"]), "--minutes", str(options["minutes"])]
        argv += ["--retry-share", str(options["retry_share"]), "--timeout", str(options["timeout"])]
        try:
            proc = subprocess.run(  # noqa: S603 - our own interpreter and module
                argv, env=env, cwd=tmp, capture_output=True, text=True, check=False
            )
        finally:
            if server:
                with psycopg.connect(server, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if proc.returncode != 0:
            raise RuntimeError(f"bench child failed:\n{proc.stderr[-4000:]}")
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        return result


# -- the child: reference data, server, load, accounting ----------------------------------------
def _reference_data() -> None:
    import datetime as dt

    from nghitruong.core.models import AdministrativeUnit
    from nghitruong.core.services import body_create

    # No service creates administrative units (they come from the reference import); the
    # benchmark's own throwaway database gets the one province it needs directly.
    province = AdministrativeUnit.objects.create(
        code=PROVINCE_CODE,
        name="Thành phố Hà Nội",
        short_name="Hà Nội",
        level="province",
        unit_type="thanh_pho",
        effective_from=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết 202/2025/QH15",
    )
    body_create(
        code=BODY_CODE,
        name="Hội đồng nhân dân thành phố Hà Nội (đo tải)",
        kind="provincial_council",
        level="provincial",
        admin_unit=province,
        actor=None,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _start_server(workdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    from django.conf import settings

    port = _free_port()
    env = dict(os.environ)
    env.pop(ENV_CHILD, None)
    env.update(
        DJANGO_SETTINGS_MODULE="nghitruong.config.settings",  # production settings, not tests'
        NGHITRUONG_ALLOW_INSECURE_KEY="1",
        DEBUG="false",
        # ASGI runs each request in its own thread (see voting bench); connections are reused
        # through the pool unless DB_POOL=false is in the environment (settings.DATABASES).
        DB_CONN_MAX_AGE="0",
        NGHITRUONG_DATA_DIR=str(workdir / "data"),
    )
    cmd = [sys.executable, "-m", "uvicorn", "nghitruong.config.asgi:application"]
    cmd += ["--host", HOST, "--port", str(port), "--workers", "1", "--lifespan", "off"]
    cmd += ["--log-level", "warning", "--no-access-log", "--backlog", "8192"]
    cmd += ["--timeout-graceful-shutdown", "5"]
    log = (workdir / "server.log").open("wb")
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and the project's application
        cmd, env=env, cwd=str(settings.BASE_DIR), stdout=log, stderr=subprocess.STDOUT
    )
    return proc, port


@dataclass
class Answer:
    index: int
    retry: bool
    status: int = 0  # 0: no HTTP answer (connection error or timeout)
    latency_ms: float = 0.0
    lag_ms: float = 0.0
    finished: float = 0.0
    tracking_code: str = ""
    created: bool = False
    kind: str = ""


async def _post(port: int, source: str, body: bytes) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection(HOST, port, local_addr=(source, 0))
    try:
        head = (
            f"POST {PATH} HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        writer.write(head.encode("latin-1") + body)
        await writer.drain()
        raw = await reader.read()  # Connection: close — the server ends the answer with EOF
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    head_bytes, _, content = raw.partition(b"\r\n\r\n")
    if not head_bytes:
        raise ConnectionError("empty answer")
    return int(head_bytes.split(b" ", 2)[1]), content


async def _submit(port: int, answer: Answer, at: float, body: bytes, timeout: float) -> Answer:
    loop = asyncio.get_running_loop()
    await asyncio.sleep(max(0.0, at - loop.time()))
    answer.lag_ms = (loop.time() - at) * 1000
    try:
        status, content = await asyncio.wait_for(
            _post(port, source_address(answer.index), body), timeout
        )
    except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError, IndexError) as exc:
        answer.kind = type(exc).__name__
    else:
        answer.status = status
        try:
            data = json.loads(content)
        except ValueError:
            data = {}
        if status in (200, 201):
            answer.tracking_code, answer.created = data["tracking_code"], bool(data["created"])
        else:
            answer.kind = f"{status}:{data.get('code', '') if isinstance(data, dict) else ''}"
    answer.finished = loop.time()
    answer.latency_ms = (answer.finished - at) * 1000
    return answer


async def _wait_ready(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(f"GET /welcome/ HTTP/1.1\r\nHost: {HOST}:{port}\r\n".encode())
            writer.write(b"Connection: close\r\n\r\n")
            status_line = await reader.readline()
            writer.close()
            if b" 200 " in status_line:
                return
        await asyncio.sleep(0.2)
    raise RuntimeError("the server did not start")


async def _drive(
    port: int, bodies: list[bytes], retried: list[int], per_minute: int, timeout: float
) -> tuple[list[Answer], float, float]:
    await _wait_ready(port, 60.0)
    loop = asyncio.get_running_loop()
    interval = 60.0 / per_minute
    t0 = loop.time() + 0.2
    tasks = [
        asyncio.create_task(_submit(port, Answer(i, False), t0 + i * interval, body, timeout))
        for i, body in enumerate(bodies)
    ]
    for k, i in enumerate(retried):
        at = t0 + i * interval + RETRY_DELAYS[k % len(RETRY_DELAYS)]
        tasks.append(asyncio.create_task(_submit(port, Answer(i, True), at, bodies[i], timeout)))
    answers = await asyncio.gather(*tasks)
    return list(answers), t0, loop.time()


def _account(run_id: str, answers: list[Answer], submitted: int) -> dict[str, Any]:
    """What the database holds, against what was sent and what the server answered."""
    from nghitruong.petitions.models import Petition, Petitioner

    rows = list(Petition.objects.values_list("idempotency_key", "content", "tracking_code"))
    sent_keys = {payload(run_id, i)["idempotency_key"]: i for i in range(submitted)}
    sent_texts = {payload(run_id, i)["content"] for i in range(submitted)}
    stored = {sent_keys[key] for key, _, _ in rows if key in sent_keys}
    code_of = {sent_keys[key]: code for key, _, code in rows if key in sent_keys}
    acknowledged = [a for a in answers if a.status in (200, 201)]
    return {
        "stored": len(stored),
        "lost": submitted - len(stored),
        "lost_acknowledged": len({a.index for a in acknowledged if a.index not in stored}),
        "duplicates_created": len(rows) - len({text for _, text, _ in rows}),
        "unexpected_rows": sum(1 for _, text, _ in rows if text not in sent_texts),
        "answers_wrong_code": sum(
            1 for a in acknowledged if code_of.get(a.index) != a.tracking_code
        ),
        "answers_created": sum(1 for a in acknowledged if a.created),
        "petitioner_rows_extra": Petitioner.objects.count() - sum(1 for i in stored if i % 2 == 0),
    }


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process (Linux ``/proc``); 0.0 where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measure(options: dict[str, Any]) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from nghitruong.config.env import env_bool
    from nghitruong.petitions.models import PetitionField

    per_minute, minutes = int(options["per_minute"]), float(options["minutes"])
    share, timeout = float(options["retry_share"]), float(options["timeout"])
    if per_minute < 1 or minutes <= 0 or not 0 <= share <= 1:
        raise SystemExit("--per-minute ≥ 1, --minutes > 0, 0 ≤ --retry-share ≤ 1")
    call_command("migrate", verbosity=0, interactive=False)
    _reference_data()
    field_codes = tuple(c for c in FIELDS if PetitionField.objects.filter(code=c).exists())
    run_id = secrets.token_hex(4)
    submitted = round(per_minute * minutes)
    bodies = [json.dumps(payload(run_id, i, field_codes)).encode() for i in range(submitted)]
    step = round(1 / share) if share else 0
    retried = [i for i in range(submitted) if step and i % step == step - 1]
    workdir = Path(tempfile.mkdtemp(prefix="nt-bench-petitions-server-"))
    connection.close()  # the server gets the database to itself during the run
    proc, port = _start_server(workdir)
    try:
        answers, t0, t_end = asyncio.run(_drive(port, bodies, retried, per_minute, timeout))
    finally:
        server_cpu_s = _cpu_seconds(proc.pid)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        tail = (workdir / "server.log").read_text(errors="replace")[-3000:]
        shutil.rmtree(workdir, ignore_errors=True)
    if "Traceback" in tail:
        print(tail, file=sys.stderr)  # noqa: T201 - the server's error, for the operator
    firsts = [a for a in answers if not a.retry]
    ok_firsts = [a for a in firsts if a.status in (200, 201)]
    last_ok = max((a.finished for a in ok_firsts), default=t0)
    errors = [a for a in answers if a.status not in (200, 201)]
    kinds: dict[str, int] = {}
    for a in errors:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    latencies = [a.latency_ms for a in answers if a.status in (200, 201)]
    return {
        "benchmark": "petitions",
        "database": connection.vendor,
        "offered_per_minute": per_minute,
        "minutes": minutes,
        "submitted": submitted,
        "retries": len(retried),
        **_account(run_id, answers, submitted),
        "errors": len(errors),
        "error_kinds": dict(sorted(kinds.items())),
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "max_ms": percentile(latencies, 100),
        "send_lag_p99_ms": percentile([a.lag_ms for a in answers], 99),
        "server_cpu_ms_per_request": round(server_cpu_s * 1000 / max(len(answers), 1), 1),
        "achieved_per_minute": round(len(ok_firsts) / max(last_ok - t0, 1e-9) * 60, 1),
        "wall_s": round(t_end - t0, 1),
        "load_average_1m": round(os.getloadavg()[0], 1),
        "db_pool": env_bool("DB_POOL", default=True),
    }
