"""Fuwu (服务) API and jobs: the Chalice app. Wiring only — no business logic here."""

from chalice import Chalice, Rate

from chalicelib.api import (
    auth,
    customers,
    directory,
    evidence,
    meta,
    middleware,
    notifications,
    sla,
    work_orders,
)
from chalicelib.config import settings

app = Chalice(app_name="fuwu")
app.experimental_feature_flags.update(["BLUEPRINTS"])
app.register_middleware(middleware.http_middleware, "http")

for blueprint in (meta.bp, auth.bp, directory.bp, customers.bp, work_orders.bp, evidence.bp,
                  sla.bp, notifications.bp):
    app.register_blueprint(blueprint)


@app.schedule(Rate(5, unit=Rate.MINUTES), name="sla-sweep")
def sla_sweep(event):
    from chalicelib.jobs import sla_sweep as job  # the job's imports stay out of API cold starts

    return job.run(event, getattr(event, "context", None))


@app.on_s3_event(bucket=settings().attachments_bucket, events=["s3:ObjectCreated:*"],
                 prefix="uploads/")
def attachment_uploaded(event):
    """Every browser upload is verified even if the client never confirms it (and what does not
    belong to an upload form is deleted)."""
    from chalicelib.jobs import uploads  # Pillow and friends stay out of API cold starts

    return uploads.handle(event)
