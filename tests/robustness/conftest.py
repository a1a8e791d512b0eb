"""Hypothesis profiles and a bounded-time runner for the robustness tests.

`ci` (the default) keeps property tests quick; the long run is a separate command:

    HYPOTHESIS_PROFILE=long pytest tests/robustness -p no:cacheprovider
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile(
    "long",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: Generous CPU-time bound for work that must finish promptly: it catches a hang
#: (catastrophic backtracking, a quadratic loop), it does not measure speed. CPU time,
#: not wall-clock time, so a busy machine does not fail the test.
HANG_CPU_SECONDS = 20
#: Wall-clock backstop (a child stuck without using CPU).
WALL_SECONDS = 600


def run_bounded(code: str, cpu_seconds: int = HANG_CPU_SECONDS) -> str:
    """Run Python `code` in a child process; fail the test if it hangs or raises.

    A regular expression stuck in C cannot be interrupted by a signal handler in
    the same process, so hang checks run in a child whose CPU time is limited. The
    child's stdout is returned; it prints the name of each case before running it,
    so a hang names the culprit.
    """

    def limit_cpu() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))

    try:
        proc = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=WALL_SECONDS,
            preexec_fn=limit_cpu,
        )
        out, killed = proc.stdout, proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL)
    except subprocess.TimeoutExpired as exc:
        out, killed = (exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""), True
    if killed:
        last = out.strip().splitlines()[-1:] or ["(nothing printed)"]
        raise AssertionError(f"did not finish within {cpu_seconds} s of CPU; last case started: {last[0]}")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out
