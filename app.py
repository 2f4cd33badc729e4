"""Fuwu (服务) API and jobs: the Chalice app. Wiring only — no business logic here."""

from chalice import Chalice, Cron, Rate

from chalicelib.kernel import middleware
from chalicelib.kernel import routes as meta
from chalicelib.kernel.config import settings
from chalicelib.modules.customers import routes as customers
from chalicelib.modules.directory import auth_routes as auth
from chalicelib.modules.directory import routes as directory
from chalicelib.modules.evidence import routes as evidence
from chalicelib.modules.figures import routes as figures
from chalicelib.modules.notifications import routes as notifications
from chalicelib.modules.orders import routes as work_orders
from chalicelib.modules.sla import routes as sla

app = Chalice(app_name="fuwu")
app.experimental_feature_flags.update(["BLUEPRINTS"])
app.register_middleware(middleware.http_middleware, "http")

for blueprint in (meta.bp, auth.bp, directory.bp, customers.bp, work_orders.bp, evidence.bp,
                  sla.bp, notifications.bp, figures.bp):
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
    """Write an export's file outside the request (the API only queued the job)."""
    from chalicelib.modules.figures import export_job as exports

    return exports.handle(record.body for record in event)


@app.schedule(Cron(0, 1, 1, "*", "?", "*"), name="monthly-report")
def monthly_report(event):
    """On the 1st at 01:00 UTC (09:00 Beijing): last month's reports, well before the 4th."""
    from chalicelib.modules.figures import monthly_job as monthly

    return monthly.run(event, getattr(event, "context", None))
