"""`make run`: the whole product on http://localhost:8000 with demo data (state in memory)."""

from __future__ import annotations

import argparse
import logging
import os
import threading
import time

from .demo_data import DEMO_PASSWORD, STAFF
from .stack import start_local_aws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("FUWU_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("FUWU_PORT", "8000")))
    args = parser.parse_args()

    started = time.perf_counter()
    # Links in e-mails name the portal as it runs here (any port), unless configured otherwise.
    os.environ.setdefault("FUWU_PORTAL_URL", f"http://localhost:{args.port}")
    moto, env = start_local_aws()
    from app import app
    from infra.local.server import make_server

    server = make_server(app, args.host, args.port)
    from . import queues, streams

    streams.poll()  # from the stream's end: the demo data is not mailed, the first sweep's is
    start_schedules()
    queues.poll()
    print(f"\nFuwu 服务 is running: http://localhost:{args.port}   "
          f"(local AWS on {moto.url}, ready in {time.perf_counter() - started:.1f}s)")
    print(f"Demo data: {env['summary']}. State lives in memory and is re-seeded at each start.")
    print(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for username, name, role, outlet, _, _ in STAFF:
        print(f"  {username:<14} {name:<6} {role:<12} {outlet}")
    print("Press Ctrl+C to stop.\n", flush=True)
    try:
        server.server.serve_forever()
    except KeyboardInterrupt:
        pass


def start_schedules() -> None:
    """What EventBridge does on AWS: run each scheduled job at its rate (and once now)."""
    from chalicelib.modules.sla import sweep_job as sla_sweep
    from infra.resources import SCHEDULES

    jobs = {"sla_sweep": sla_sweep.run}

    def loop(job, minutes: int) -> None:
        while True:
            try:
                job({"source": "local-scheduler"}, None)
            except Exception:  # noqa: BLE001 - a failed run is retried at the next tick, as on AWS
                logging.exception("scheduled job failed")
            time.sleep(minutes * 60)

    for name, minutes in SCHEDULES:
        threading.Thread(target=loop, args=(jobs[name], minutes), daemon=True, name=name).start()


if __name__ == "__main__":
    main()
