"""`marsad run` and `marsad demo` start a real server; an empty store is never a blank screen."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str], port: int) -> subprocess.Popen:
    env = {**os.environ, "MARSAD_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "-m", "marsad", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except httpx.HTTPError:
            if proc.poll() is not None:
                raise AssertionError(proc.stdout.read()) from None
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("server did not start in 60 s")


def stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out


def test_run_on_an_empty_store_serves_guidance(tmp_path):
    port = free_port()
    proc = start(["--db", str(tmp_path / "m.db"), "run"], port)
    try:
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=10)
        assert page.status_code == 200
        assert 'dir="rtl"' in page.text
        for hint in ("marsad sources add", "marsad ingest", "marsad demo"):
            assert hint in page.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/search?q=test", timeout=10).json()["total"] == 0
    finally:
        out = stop(proc)
    assert "marsad sources add" in out  # the CLI says it too


def test_demo_serves_the_sample_stories():
    port = free_port()
    proc = start(["--quiet", "demo", "--port", str(port)], port)
    try:
        home = httpx.get(f"http://127.0.0.1:{port}/", timeout=10)
        assert home.status_code == 200 and "الجراد" in home.text
        hits = httpx.get(f"http://127.0.0.1:{port}/api/search", params={"q": "الجراد"}, timeout=10).json()
        assert hits["total"] >= 3
    finally:
        stop(proc)
