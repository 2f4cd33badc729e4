"""The job queue (one SQS queue, app.py's `export_worker`): which job a message is for, in one
place — a unit import's run, a monthly report rebuild, else a data export. The local stack's
drain (infra/local/queues.py) hands bodies here as the SQS event source does on AWS."""

from __future__ import annotations


def handle(body: str) -> list[str]:
    """Run the job a message body names; what it did (each job's own result words)."""
    from chalicelib.modules.figures import export_job, monthly_job
    from chalicelib.modules.warranty import import_job

    for job in (import_job, monthly_job):
        if job.accepts(body):
            return job.handle([body])
    return export_job.handle([body])
