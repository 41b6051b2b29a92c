#!/usr/bin/env python
"""
What the garbage collector costs an app server's requests, with and without the start-up
freeze of deploy/gunicorn.conf.py (`post_worker_init`), run by hand (see bench/README.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vksnd_bench_2000 \\
    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/gc_pauses.py --n 2000

Seeds the bench database as bench/run.py does, then runs the same uncached requests (lists,
details, public pages and the listing, in turn) through Django's WSGI handler in two fresh
processes: one as a worker started before issue 20's freeze, one after gunicorn's
`post_worker_init` hook ran. It records every collection's pause (gc.callbacks) and every
request's latency, and prints both side by side. Writes bench/gc-<N>.json.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))

from bench import run  # noqa: E402

MODES = ("unfrozen", "frozen")


def child(mode: str, requests: int) -> dict:
    os.environ["BENCH_UNCACHED"] = "1"  # every answer built, as on bench/served.py's uncached server
    run.setup_django()
    bench = run.Bench(run.Client())
    bench.discover()
    targets = [f"{run.API}/exemplars/"]
    targets += [f"{run.API}/exemplars/{pk}/" for pk in bench.detail_ids[:100]]
    targets += bench.page_paths[:100] + [bench.listing_path]
    for path in targets:  # one warm-up pass, as a worker's first requests would be
        assert bench.client.get(path).status == 200, path
    if mode == "frozen":
        spec = importlib.util.spec_from_file_location(
            "gunicorn_conf", BENCH_DIR.parent / "deploy" / "gunicorn.conf.py"
        )
        conf = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(conf)
        conf.post_worker_init(None)

    pauses: list[tuple[int, float]] = []
    started: list[float] = []

    def on_collection(phase, info):
        if phase == "start":
            started.append(time.perf_counter())
        else:
            pauses.append((info["generation"], (time.perf_counter() - started.pop()) * 1000))

    gc.callbacks.append(on_collection)
    latencies = []
    for i in range(requests):
        latencies.append(bench.client.get(targets[i % len(targets)]).seconds * 1000)
    gc.callbacks.remove(on_collection)
    latencies.sort()
    return {
        "mode": mode,
        "requests": requests,
        "p50_ms": run.percentile(latencies, 50),
        "p99_ms": run.percentile(latencies, 99),
        "max_ms": latencies[-1],
        "tracked_objects": len(gc.get_objects()),
        "frozen_objects": gc.get_freeze_count(),
        "collections": {
            str(generation): {
                "count": len(ms := sorted(p for g, p in pauses if g == generation)),
                "median_ms": run.percentile(ms, 50),
                "max_ms": ms[-1] if ms else 0.0,
                "total_ms": sum(ms),
            }
            for generation in (0, 1, 2)
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=2_000, help="number of live exemplars (default 2000)")
    parser.add_argument(
        "--requests", type=int, default=6_000, help="measured requests per process (default 6000)"
    )
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.requests)))
        return 0

    database_url = os.environ.setdefault("DATABASE_URL", run.DEFAULT_DATABASE_URL.format(n=args.n))
    os.environ.setdefault("REDIS_URL", run.DEFAULT_REDIS_URL)
    run.ensure_database(database_url, reset=False)
    run.setup_django()
    run.prepare(args.n)
    results = []
    with tempfile.TemporaryDirectory() as metrics:
        # The gunicorn configuration puts prometheus-client in multiprocess mode in this folder.
        env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": metrics}
        for mode in MODES:
            out = subprocess.run(  # noqa: S603 - this script itself, with its own arguments
                [
                    sys.executable,
                    __file__,
                    "--child",
                    mode,
                    "--requests",
                    str(args.requests),
                    "--n",
                    str(args.n),
                ],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))

    print(f"\n{args.requests:,} uncached requests per process (lists, details, pages, the listing)")
    print(
        f"{'':10} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  {'gen 2: n, max ms, total ms':>28}  tracked objects"
    )
    for r in results:
        full = r["collections"]["2"]
        print(
            f"{r['mode']:10} {r['p50_ms']:8.2f} {r['p99_ms']:8.2f} {r['max_ms']:8.2f}  "
            f"{full['count']:>8} {full['max_ms']:9.1f} {full['total_ms']:9.1f}  "
            f"{r['tracked_objects']:,} (+{r['frozen_objects']:,} frozen)"
        )
    (BENCH_DIR / f"gc-{args.n}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
