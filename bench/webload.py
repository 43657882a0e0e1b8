"""A small HTTP load generator for the benchmarks: N client threads with a logged-in
session against a real gunicorn server on 127.0.0.1, bounded in count and time."""

from __future__ import annotations

import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(
    env: dict[str, str], workers: int = 2, threads: int = 4, settings: str = "bench_settings"
):
    """gunicorn on a free port of 127.0.0.1 with ``settings`` (a module in bench/ or the
    project), started and stopped around the block."""
    port = free_port()
    cmd = [
        str(ROOT / ".venv/bin/gunicorn"),
        "zhongshu.wsgi:application",
        "--pythonpath",
        f"{ROOT / 'src'},{ROOT / 'bench'}",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--log-level",
        "warning",
    ]
    full_env = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": settings}
    proc = subprocess.Popen(cmd, env=full_env, cwd=ROOT)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/bench/bare/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def login(port: int, username: str, password: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    body = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = f"username={username}&password={password}&csrfmiddlewaretoken={token}&next=/"
    conn.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    response = conn.getresponse()
    response.read()
    cookies = response.getheader("Set-Cookie", "")
    session = re.search(r"sessionid=([^;]+)", cookies)
    if not session:
        raise RuntimeError(f"login failed for {username}: {response.status}")
    return f"sessionid={session.group(1)}; csrftoken={csrf_cookie}"


def measure(
    port: int,
    path: str,
    cookie: str,
    clients: int = 20,
    requests_per_client: int = 25,
    warmup: int = 3,
    think: float = 0.0,
) -> dict:
    """``think`` seconds (randomised ±50 %) between a client's requests, as a person reading
    the page; 0 is a closed loop that saturates the server, where p95 measures the queue."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for i in range(requests_per_client + warmup):
            started = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                with lock:
                    errors.append(f"{path}: HTTP {response.status}")
                return
            if i >= warmup:
                mine.append(elapsed * 1000)
            if think:
                time.sleep(think * random.uniform(0.5, 1.5))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    wall = time.perf_counter() - started
    if errors:
        raise RuntimeError(errors[0])
    latencies.sort()
    return {
        "path": path,
        "requests": len(latencies),
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1],
        "rps": len(latencies) / wall,
    }


def print_table(rows: list[dict], bare_p95: float) -> None:
    print(f"{'path':<28}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}{'p95/bare':>10}")
    for row in rows:
        print(
            f"{row['path']:<28}{row['requests']:>9}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['rps']:>9.0f}{row['p95_ms'] / bare_p95:>10.2f}"
        )
    sys.stdout.flush()
