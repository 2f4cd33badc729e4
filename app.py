"""Fuwu (服务) API and jobs: the Chalice app. Wiring only — no business logic here."""

from chalice import Chalice, Cron, Rate

from chalicelib.areas import AREAS
from chalicelib.kernel import middleware, routes
from chalicelib.kernel.config import settings

app = Chalice(app_name="fuwu")
app.experimental_feature_flags.update(["BLUEPRINTS"])
app.register_middleware(middleware.http_middleware, "http")
app.register_blueprint(routes.bp)  # health and the OpenAPI document
for area in AREAS:
    for blueprint in area.blueprints:
        app.register_blueprint(blueprint)


@app.schedule(Rate(5, unit=Rate.MINUTES), name="sla-sweep")
def sla_sweep(event):
    from chalicelib.modules.sla import sweep_job as job

    return job.run(event, getattr(event, "context", None))


@app.on_s3_event(bucket=settings().attachments_bucket, events=["s3:ObjectCreated:*"],
                 prefix="uploads/")
def attachment_uploaded(event):
    """Every browser upload is verified even if the client never confirms it (and what does not
    belong to an upload form is deleted)."""
    from chalicelib.modules.evidence import upload_job as uploads

    return uploads.handle(event)


@app.on_sqs_message(queue=settings().export_queue, batch_size=1)
def export_worker(event):
    """Jobs outside the request (the API only queued them): an export's file, a run of a unit
    import or a monthly report rebuild (the message names which: chalicelib/job_queue.py)."""
    from chalicelib import job_queue

    return [result for record in event for result in job_queue.handle(record.body)]


@app.lambda_function(name="mail_sender")
def mail_sender(event, context):
    """New inbox messages and queued mails, e-mailed from the table's stream once their
    transaction committed (infra/resources.py MAIL_SENDER: the stack wires the stream to it)."""
    from chalicelib.modules.notifications import stream_job

    return stream_job.handle(event, context)


@app.schedule(Cron(0, 1, "1,5", "*", "?", "*"), name="monthly-report")
def monthly_report(event):
    """On the 1st at 01:00 UTC (09:00 Beijing): last month's reports, well before the 4th; again
    on the 5th, with the appraisals signed by the 4th (head office is mailed the first time)."""
    from chalicelib.modules.figures import monthly_job as monthly

    return monthly.run(event, getattr(event, "context", None))


@app.schedule(Cron(0, 1, "1-5", "*", "?", "*"), name="complaint-rate")
def complaint_rate(event):
    """On the 1st to the 5th at 01:00 UTC (09:00 Beijing): last month's complaint rate of every
    outlet and the network, ready before the 5th at 17:00 (004 §9); a rerun replaces it and
    tells head office nothing new. Independent of the monthly report, which runs at the same
    time and reads the stored rate or builds it from the same facts."""
    from chalicelib.modules.complaints import rate_job

    return rate_job.run(event, getattr(event, "context", None))


@app.schedule(Cron(30, 0, "*", "*", "?", "*"), name="certificate-expiry")
def certificate_expiry(event):
    """Every morning at 00:30 UTC (08:30 Beijing): each technician is told once of a
    certificate entering the warning window (a rerun tells no one again)."""
    from chalicelib.modules.technicians import expiry_job

    return expiry_job.handle(event, getattr(event, "context", None))


@app.schedule(Cron(0, 1, "1-4", "*", "?", "*"), name="appraisal-reminder")
def appraisal_reminder(event):
    """On the 1st to the 4th at 01:00 UTC (09:00 Beijing): each outlet's managers are told once
    that last month's appraisal is ready to sign (a rerun tells no one again)."""
    from chalicelib.modules.technicians import appraisal_job

    return appraisal_job.handle(event, getattr(event, "context", None))


@app.schedule(Cron(0, 1, "*", "*", "?", "*"), name="cash-handin")
def cash_handin(event):
    """Every morning at 01:00 UTC (09:00 Beijing): each outlet's managers are told once of
    every cash payment not handed in to finance within 3 days (a rerun tells no one again)."""
    from chalicelib.modules.fees import cash_job

    return cash_job.handle(event, getattr(event, "context", None))


@app.schedule(Cron(0, 22, "*", "*", "?", "*"), name="inspection-generator")
def inspection_generator(event):
    """Every morning at 22:00 UTC (06:00 Beijing): the inspection orders of the contracts'
    occurrences due within 7 days, one per occurrence and covered site or unit (a rerun, or two
    runs at once, generate nothing twice)."""
    from chalicelib.modules.contracts import generator

    return generator.handle(event, getattr(event, "context", None))


@app.schedule(Cron(0, 1, "*", "*", "?", "*"), name="contract-reminders")
def contract_reminders(event):
    """Every morning at 01:00 UTC (09:00 Beijing): the outlet's managers and head office are
    told once of each contract (or free maintenance period) ending in 3 months, and its renewal
    task appears (a rerun tells no one again)."""
    from chalicelib.modules.contracts import reminder_job

    return reminder_job.handle(event, getattr(event, "context", None))


@app.schedule(Cron(0, 18, "*", "*", "?", "*"), name="parts-nightly")
def parts_nightly(event):
    """Every night at 18:00 UTC (02:00 Beijing): purchase suggestions for the stock lines that
    changed since the last run, and parts issued but neither used nor returned in time."""
    from chalicelib.modules.parts import jobs

    return jobs.nightly(event, getattr(event, "context", None))


@app.schedule(Cron(0, 19, 1, "*", "?", "*"), name="parts-abc")
def parts_abc(event):
    """On the 1st at 19:00 UTC: each warehouse's ABC classes from 12 months' consumption."""
    from chalicelib.modules.parts import jobs

    return jobs.monthly(event, getattr(event, "context", None))
