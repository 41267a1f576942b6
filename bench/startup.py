"""Start-up time of the command line and the REPL.

Prints, as medians over several runs: a bare interpreter, ``import symcalc``, a
one-shot ``symcalc diff x^3 x``, and the time from launching ``python -m symcalc`` in a
pseudo-terminal until its prompt appears (the goal is under 0.5 s), and until the first
result of a statement comes back. Standard library only::

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import time

PROMPT = b"symcalc> "


def timed_run(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _read_until(fd: int, token: bytes, seen: bytearray, timeout: float = 20.0) -> None:
    deadline = time.perf_counter() + timeout
    while token not in seen:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"no {token!r} after {timeout} s; got {bytes(seen[-200:])!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                raise TimeoutError("the REPL exited") from None
            if not chunk:
                raise TimeoutError("the REPL exited")
            seen.extend(chunk)


def time_to_prompt() -> tuple[float, float]:
    """Seconds until the prompt shows, and until the result of ``diff(x^3, x)``."""
    master, slave = pty.openpty()
    env = dict(os.environ, SYMCALC_HISTORY="", PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "symcalc"], stdin=slave, stdout=slave,
                            stderr=slave, env=env, close_fds=True)
    os.close(slave)
    seen = bytearray()
    try:
        _read_until(master, PROMPT, seen)
        t_prompt = time.perf_counter() - t0
        seen.clear()
        t1 = time.perf_counter()
        os.write(master, b"diff(x^3, x)\r")
        _read_until(master, "3·x²".encode(), seen)
        t_first = t_prompt + time.perf_counter() - t1
        del seen[:seen.index("3·x²".encode())]
        _read_until(master, PROMPT, seen)  # the next prompt, after the result
        time.sleep(0.05)
        os.write(master, b"\x04")  # Ctrl-D at the prompt leaves
        try:
            while True:  # drain the terminal until the REPL exits
                _read_until(master, b"\x00never", seen, timeout=10)
        except TimeoutError:
            pass
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return t_prompt, t_first


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    n = ap.parse_args().runs
    py = sys.executable
    rows = [
        ("python -c pass", [timed_run([py, "-c", "pass"]) for _ in range(n)]),
        ("import symcalc", [timed_run([py, "-c", "import symcalc"]) for _ in range(n)]),
        ("import prompt_toolkit", [timed_run([py, "-c", "import prompt_toolkit"])
                                   for _ in range(n)]),
        ("symcalc diff x^3 x", [timed_run([py, "-m", "symcalc", "diff", "x^3", "x"])
                                for _ in range(n)]),
    ]
    prompts = [time_to_prompt() for _ in range(n)]
    rows.append(("REPL: launch to prompt", [p for p, _ in prompts]))
    rows.append(("REPL: launch to first result", [f for _, f in prompts]))
    print(f"{'what':32} {'median':>9} {'min':>9}   ({n} runs)")
    for name, ts in rows:
        print(f"{name:32} {statistics.median(ts) * 1e3:7.0f} ms {min(ts) * 1e3:6.0f} ms")
    p = statistics.median(t for t, _ in prompts)
    print(f"\nprompt within 0.5 s: {'yes' if p < 0.5 else 'NO'} ({p * 1e3:.0f} ms)")


if __name__ == "__main__":
    main()
