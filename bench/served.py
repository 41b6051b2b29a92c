#!/usr/bin/env python
"""
The benchmark as users meet it: the scenarios of bench/run.py through gunicorn over loopback
HTTP, driven by wrk (see bench/README.md, "Through gunicorn").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vksnd_bench_2000 \\
    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/served.py --n 2000

Prepares and seeds the bench database as bench/run.py does, then starts gunicorn (production's
deploy/gunicorn.conf.py, bench settings) twice, one after the other, on a free loopback port:

* the "uncached" server (BENCH_UNCACHED=1: the API's response cache and the public site's page
  cache keep nothing) for the uncached list and detail, Wagtail's stock API, the public page
  and listing;
* the "cached" server (the project's settings) for the cached list and detail, the 304, the
  cached public page and the ceilings it serves itself: fixed bytes, and fixed bytes read from
  Redis (one round trip) for the list and for the page; then the cached list under 20
  concurrent clients, then 10,000 mixed requests, after which the worker's RSS is read.

Each scenario is run by `wrk` (Debian's package, `make bench-tools`) with a Lua script that
turns through the scenario's addresses and prints its figures as JSON. The goals are ratios
within one run. Results go to bench/served-<N>.json.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run

PROJECT_DIR = run.PROJECT_DIR
BENCH_DIR = run.BENCH_DIR
API = run.API
LIST = f"{API}/exemplars/?limit={run.PAGE_SIZE}"
STOCK = f"{run.STOCK}?type={run.EXEMPLAR_TYPE}&limit={run.PAGE_SIZE}"
GOAL_CONCURRENT_TAIL = 3.0
GOAL_RSS_MB = 150
PYCACHE_DIR = PROJECT_DIR / "var" / "bench-pycache"
MIXED_REQUESTS = 10_000

LUA = r"""
local targets = {TARGETS}
local stop_after = {STOP_AFTER}
local i = 0
local seen = 0
request = function()
  i = i + 1
  local t = targets[(i - 1) % #targets + 1]
  return wrk.format("GET", t[1], t[2])
end
{RESPONSE}
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "bytes": %d, "mean_us": %.1f, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency.mean,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
"""
# Only the mixed run stops after a number of answers (a `response` hook slows wrk down). A
# stopped thread sends nothing more, but wrk itself runs until its -d duration with the
# connections left open: a sync worker waiting on one of them was killed by gunicorn after
# its timeout ("WORKER TIMEOUT", "no URI read") and replaced, and the memory read afterwards
# was a fresh worker's. So the hook says so on stdout, and `wrk()` then interrupts wrk
# (SIGINT: it stops at once and still prints its figures).
STOP_HOOK = """
response = function(status, headers, body)
  seen = seen + 1
  if stop_after > 0 and seen == stop_after then
    io.write("WRK-STOPPED\\n")
    io.flush()
    wrk.thread:stop()
  end
end
"""


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lua_targets(targets: list[tuple[str, dict]]) -> str:
    rows = []
    for path, headers in targets:
        fields = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
        rows.append(f"{{{lua_string(path)}, {{{fields}}}}}")
    return "{\n" + ",\n".join(rows) + "\n}"


class Server:
    """One gunicorn with deploy/gunicorn.conf.py and the bench settings, on a free loopback port."""

    def __init__(self, name: str, workers: int, uncached: bool, log_dir: Path, venv: Path):
        self.name = name
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        metrics = Path(tempfile.mkdtemp(prefix=f"vksnd-bench-metrics-{name}-"))
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            # Compiled bytecode, as the production image ships it (deploy/Dockerfile), kept
            # apart from the virtualenv: the first server writes it, the next ones read it.
            # Compiling every module from source at each start costs a worker about 14 MB.
            "PYTHONPYCACHEPREFIX": str(PYCACHE_DIR),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": "1",
            # Workers are not recycled during the run: the RSS measure needs the same worker.
            "GUNICORN_MAX_REQUESTS": "0",
            "GUNICORN_MAX_REQUESTS_JITTER": "0",
            "GUNICORN_LOG_LEVEL": "warning",
            "GUNICORN_PROC_NAME": f"vksnd-bench-{name}",
            "PROMETHEUS_MULTIPROC_DIR": str(metrics),
            "BENCH_UNCACHED": "1" if uncached else "",
        }
        self.metrics = metrics
        self.log = open(log_dir / f"gunicorn-{name}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [str(venv / "bin" / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "vksnd.wsgi"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            start_new_session=True,
        )
        self.wait_ready()

    def wait_ready(self, budget: float = 120) -> None:
        deadline = time.monotonic() + budget
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn ({self.name}) exited with {self.process.returncode}")
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"gunicorn ({self.name}) not ready after {budget:.0f}s")

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
        request = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def rss_mb(self) -> dict[int, float]:
        """Each worker's resident set (VmRSS), in MB."""
        sizes = {}
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[pid] = round(int(line.split()[1]) / 1024, 1)
        return sizes

    def memory_mb(self) -> dict[int, dict[str, float]]:
        """Each worker's RSS, PSS (shared pages divided among sharers) and USS (its own pages), in MB."""
        figures = {}
        for pid in self.workers():
            fields = {}
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
                name, _, rest = line.partition(":")
                fields[name] = int(rest.split()[0]) / 1024
            figures[pid] = {
                "rss": round(fields.get("Rss", 0), 1),
                "pss": round(fields.get("Pss", 0), 1),
                "uss": round(fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0), 1),
            }
        return figures

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.metrics, ignore_errors=True)


@functools.cache
def cpu_meter() -> run.CpuMeter:
    """bench/run.py's CpuMeter: the PostgreSQL server's and Redis's pids, found once."""
    return run.CpuMeter()


def cpu_ticks(server: Server) -> tuple[int, int]:
    """
    CPU ticks spent so far by the server's workers, and by them together with the PostgreSQL
    server and Redis: what the answers cost, whatever else the machine (or its host) does.
    """
    meter = cpu_meter()
    workers = sum(run._process_ticks(pid) for pid in server.workers())
    services = run._postgres_ticks(meter.postmaster) + run._process_ticks(meter.redis_pid)
    return workers, workers + services


def wrk(
    server: Server,
    targets: list[tuple[str, dict]],
    *,
    seconds: float,
    connections: int,
    threads: int = 1,
    stop_after: int = 0,
) -> dict:
    script = LUA.replace("{TARGETS}", lua_targets(targets)).replace("{STOP_AFTER}", str(stop_after))
    script = script.replace("{RESPONSE}", STOP_HOOK if stop_after else "")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = [  # wrk from the system's package (make bench-tools)
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "30s",
        "-s",
        handle.name,
        server.base,
    ]
    ticks_before = cpu_ticks(server)
    try:
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:  # noqa: S603
            output = []
            for line in process.stdout:
                output.append(line)
                if line.startswith("WRK-STOPPED"):
                    process.send_signal(signal.SIGINT)
            if process.wait() != 0:
                raise subprocess.CalledProcessError(process.returncode, command, "".join(output))
    finally:
        os.unlink(handle.name)
    line = next(x for x in output if x.startswith("WRK-JSON "))
    figures = json.loads(line.removeprefix("WRK-JSON "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    # CPU per answer (microseconds): the workers alone, and with PostgreSQL and Redis. Unlike
    # req/s it does not count the time the machine's host took the CPUs away (steal).
    ticks = [after - before for before, after in zip(ticks_before, cpu_ticks(server), strict=True)]
    answers = max(figures["requests"], 1)
    figures["app_cpu_us"] = ticks[0] / run.CLOCK_TICKS * 1e6 / answers
    figures["cpu_us"] = ticks[1] / run.CLOCK_TICKS * 1e6 / answers
    figures["errors"] = sum(
        figures[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return figures


def check(server: Server, targets: list[tuple[str, dict]], expect: int) -> None:
    """The scenario's first addresses answer as it expects (the warm-up then visits them all)."""
    for path, headers in targets[:3]:
        status, body, _headers = server.get(path, headers)
        if status != expect:
            raise SystemExit(f"{server.name}: GET {path} answered {status}, not {expect}: {body[:300]!r}")


def measure(server, scenarios, *, seconds, warmup, rounds, connections) -> dict[str, dict]:
    """
    Interleaved rounds; the round with the most requests per second is kept (noise only adds
    time), with every round's req/s beside it (`rps_by_round`) for the paired goal ratios.
    Every other round runs the scenarios in reverse order, so that a drift of the machine's
    speed during a round favours neither scenario of a pair.
    """
    everything = []
    for targets, expect in scenarios.values():
        check(server, targets, expect)
        everything += targets
    # The worker's first requests import and compile what the scenarios need: not measured.
    wrk(server, everything, seconds=warmup * len(scenarios), connections=connections)
    best: dict[str, dict] = {}
    by_round: dict[str, list[float]] = {name: [0.0] * rounds for name in scenarios}
    cpu_by_round: dict[str, list[float]] = {name: [0.0] * rounds for name in scenarios}
    for round_no in range(rounds):
        order = list(scenarios.items())
        for name, (targets, _expect) in order if round_no % 2 == 0 else reversed(order):
            figures = wrk(server, targets, seconds=seconds, connections=connections)
            figures["round"] = round_no + 1
            print(
                f"  {server.name:9} {name:18} {figures['rps']:9.1f} req/s  p50 {figures['p50_us'] / 1000:7.2f} ms"
                f"  p95 {figures['p95_us'] / 1000:7.2f} ms  p99 {figures['p99_us'] / 1000:7.2f} ms"
                f"  CPU {figures['cpu_us']:6.0f} µs  errors {figures['errors']}",
                flush=True,
            )
            by_round[name][round_no] = figures["rps"]
            cpu_by_round[name][round_no] = figures["cpu_us"]
            if name not in best or figures["rps"] > best[name]["rps"]:
                best[name] = figures
    for name, figures in best.items():
        figures["rps_by_round"] = by_round[name]
        figures["cpu_us_by_round"] = cpu_by_round[name]
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=2_000, help="number of live exemplars (default 2000)")
    parser.add_argument("--seconds", type=float, default=2, help="measured seconds per scenario and round")
    parser.add_argument("--warmup", type=float, default=1, help="warm-up seconds per scenario (all together)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=6,
        help="interleaved rounds: each scenario's best is shown, goal ratios are medians of paired rounds",
    )
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default 4)")
    parser.add_argument("--concurrent", type=int, default=20, help="clients of the tail-latency run")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn sync workers (default 1)")
    parser.add_argument(
        "--venv",
        type=Path,
        default=PROJECT_DIR / ".venv",
        help="virtualenv whose gunicorn serves (default .venv; a virtualenv of requirements.txt "
        "alone has the production image's packages, without the test tools)",
    )
    parser.add_argument("--reset", action="store_true", help="drop and recreate the bench database first")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: run `make bench-tools` (Debian's wrk package)")

    database_url = os.environ.setdefault("DATABASE_URL", run.DEFAULT_DATABASE_URL.format(n=args.n))
    redis_url = os.environ.get("REDIS_URL") or run.DEFAULT_REDIS_URL
    if not run.redis_answers(redis_url):
        raise SystemExit(f"Redis does not answer at {redis_url}; the served benchmark needs it")
    os.environ["REDIS_URL"] = redis_url
    print(f"Database {database_url}, cache {redis_url}")
    run.ensure_database(database_url, args.reset)
    run.setup_django()
    seed_report = run.prepare(args.n)

    from django.db import connections

    # The addresses of the scenarios, as bench/run.py finds them (also puts the ceilings'
    # bytes in the cache, where the gunicorn workers read them).
    bench = run.Bench(run.Client())
    bench.discover()
    connections.close_all()
    details = [(f"{API}/exemplars/{pk}/", {}) for pk in bench.detail_ids]
    pages = [(path, {}) for path in bench.page_paths]
    log_dir = Path(tempfile.mkdtemp(prefix="vksnd-bench-served-"))
    measured = {
        "seconds": args.seconds,
        "warmup": args.warmup,
        "rounds": args.rounds,
        "connections": args.connections,
    }
    results: dict[str, dict] = {}
    rss: dict = {}

    print(f"\nUncached server ({args.workers} sync worker(s), wrk -t1 -c{args.connections})", flush=True)
    server = Server("uncached", args.workers, uncached=True, log_dir=log_dir, venv=args.venv)
    try:
        results.update(
            measure(
                server,
                {
                    "list": ([(LIST, {})], 200),
                    "stock_list": ([(STOCK, {})], 200),
                    "detail": (details, 200),
                    "site_page": (pages, 200),
                    "site_listing": ([(bench.listing_path, {})], 200),
                },
                **measured,
            )
        )
    finally:
        server.stop()

    print(f"\nCached server ({args.workers} sync worker(s), wrk -t1 -c{args.connections})", flush=True)
    server = Server("cached", args.workers, uncached=False, log_dir=log_dir, venv=args.venv)
    try:
        # The worker's memory once started, before its first request: the import-time floor.
        rss["after_start"] = server.memory_mb()
        rss["after_start_mb"] = server.rss_mb()
        print(f"  RSS after start: {rss['after_start_mb']}", flush=True)
        etag = server.get(LIST)[2]["ETag"]
        results.update(
            measure(
                server,
                {
                    # The scenarios a goal compares run one after the other.
                    "not_modified": ([(LIST, {"If-None-Match": etag})], 304),
                    "list_cached": ([(LIST, {})], 200),
                    "ceiling_cache": ([("/api/bench/fixed-cache/", {})], 200),
                    "ceiling": ([("/api/bench/fixed/", {})], 200),
                    "detail_cached": (details, 200),
                    "site_ceiling": ([("/api/bench/fixed-page/", {})], 200),
                    "site_page_cached": ([(bench.page_paths[0], {})], 200),
                    "site_ceiling_cache": ([("/api/bench/fixed-page-cache/", {})], 200),
                },
                **measured,
            )
        )
        print(f"\nCached list under {args.concurrent} concurrent clients", flush=True)
        concurrent = wrk(server, [(LIST, {})], seconds=args.seconds * 2, connections=args.concurrent)
        results["list_cached_concurrent"] = concurrent
        print(
            f"  p50 {concurrent['p50_us'] / 1000:.2f} ms, p99 {concurrent['p99_us'] / 1000:.2f} ms, "
            f"{concurrent['rps']:.1f} req/s, errors {concurrent['errors']}"
        )
        # Mixed traffic: lists (page 1, filtered, search), details, 304s, pages, the listing,
        # the stock API — most answered from the cache after their first request, as in use.
        mixed_targets = []
        searches = [
            (f"{API}/exemplars/?search={urllib.request.quote(w)}&limit=20", {}) for w in run.SEARCH_WORDS
        ]
        for i in range(max(len(details), len(pages))):
            mixed_targets += [
                details[i % len(details)],
                pages[i % len(pages)],
                (LIST, {}),
                (LIST, {"If-None-Match": etag}),
                searches[i % len(searches)],
            ]
            if i % 5 == 0:
                mixed_targets += [(bench.listing_path, {}), (STOCK, {})]
        rss["before_mixed"] = server.memory_mb()
        rss["before_mixed_mb"] = server.rss_mb()
        print(f"\n{MIXED_REQUESTS:,} mixed requests (RSS before: {rss['before_mixed_mb']})", flush=True)
        mixed = wrk(
            server, mixed_targets, seconds=600, connections=args.connections, stop_after=MIXED_REQUESTS
        )
        results["mixed"] = mixed
        rss["after_mixed_mb"] = server.rss_mb()
        rss["after_mixed"] = server.memory_mb()
        print(
            f"  {mixed['requests']:,} requests in {mixed['duration_us'] / 1e6:.1f}s; RSS after: {rss['after_mixed_mb']}"
        )
    finally:
        server.stop()

    goals = goal_checks(results, rss)
    print_table(results)
    for goal in goals:
        print(f"{'PASS' if goal['pass'] else 'FAIL'}  {goal['goal']}: {goal['detail']}")
    out = BENCH_DIR / f"served-{args.n}.json"
    out.write_text(
        json.dumps(
            {
                "n": args.n,
                "seed": seed_report,
                "options": {**vars(args), "venv": str(args.venv)},
                "environment": {**run.environment(), "wrk": wrk_version(), "gunicorn": gunicorn_version()},
                "results": results,
                "rss": rss,
                "goals": goals,
            },
            indent=2,
            default=str,
        )
    )
    print(f"\nWritten {out.relative_to(PROJECT_DIR)}; gunicorn logs in {log_dir}")
    return 0 if all(goal["pass"] for goal in goals) else 1


def goal_checks(results: dict, rss: dict) -> list[dict]:
    def goal(name: str, ok: bool, detail: str) -> dict:
        return {"goal": name, "pass": bool(ok), "detail": detail}

    r = results

    def paired(name: str, other: str) -> float:
        """
        The median, over rounds, of the two scenarios' req/s ratio within a round: paired
        measurements a few seconds apart, so the machine's drift between rounds cancels out.
        """
        return statistics.median(
            mine / max(theirs, 1e-9)
            for mine, theirs in zip(r[name]["rps_by_round"], r[other]["rps_by_round"], strict=True)
        )

    def cheaper(name: str, other: str) -> float:
        """How many times less CPU an answer of `name` costs than one of `other` (median of rounds)."""
        return statistics.median(
            theirs / max(mine, 1e-9)
            for mine, theirs in zip(r[name]["cpu_us_by_round"], r[other]["cpu_us_by_round"], strict=True)
        )

    stock = paired("list", "stock_list")
    cached = paired("list_cached", "ceiling_cache")
    page = paired("site_page_cached", "site_ceiling_cache")
    revalidation = cheaper("not_modified", "list_cached")
    tail = r["list_cached_concurrent"]["p99_us"] / max(1, r["list_cached_concurrent"]["p50_us"])
    worst_rss = max(rss["after_mixed_mb"].values())
    errors = {name: figures["errors"] for name, figures in r.items() if figures["errors"]}
    return [
        goal("uncached list >= 5x the stock API", stock >= 5, f"{stock:.1f}x"),
        goal("cached list >= 85% of the one-Redis-read ceiling", cached >= 0.85, f"{cached:.2f}"),
        goal(
            "a 304 is cheaper than a full cached answer",
            revalidation > 1,
            f"{revalidation:.2f}x less CPU per answer; "
            f"{paired('not_modified', 'list_cached'):.2f}x its req/s",
        ),
        goal("cached page >= 85% of its one-Redis-read ceiling", page >= 0.85, f"{page:.2f}"),
        goal(
            f"cached list p99 within {GOAL_CONCURRENT_TAIL:.0f}x its p50 under concurrency",
            tail <= GOAL_CONCURRENT_TAIL,
            f"{tail:.2f}x",
        ),
        goal(
            f"worker RSS after {MIXED_REQUESTS:,} mixed requests <= {GOAL_RSS_MB} MB",
            worst_rss <= GOAL_RSS_MB,
            f"{worst_rss:.0f} MB",
        ),
        goal("no errors (non-2xx/3xx, socket errors)", not errors, json.dumps(errors) if errors else "none"),
    ]


def print_table(results: dict) -> None:
    print(
        f"\n{'scenario':24} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'n':>7}"
        f" {'CPU µs':>8} {'app µs':>8}"
    )
    for name, f in results.items():
        print(
            f"{name:24} {f['rps']:9.1f} {f['p50_us'] / 1000:8.2f} {f['p95_us'] / 1000:8.2f} "
            f"{f['p99_us'] / 1000:8.2f} {f['requests']:7} {f['cpu_us']:8.0f} {f['app_cpu_us']:8.0f}"
        )


def wrk_version() -> str:
    completed = subprocess.run(["wrk", "--version"], capture_output=True, text=True)  # noqa: S607
    return (completed.stdout or completed.stderr).splitlines()[0]


def gunicorn_version() -> str:
    import gunicorn

    return f"{gunicorn.__version__} ({platform.python_implementation()})"


if __name__ == "__main__":
    sys.exit(main())
