"""Head office's job-class table (the dispatch gate's policy): read by every staff member,
replaced by head office against the version it saw, every version kept."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.technicians.policy_schemas import SETTINGS_BODY

job_classes = lazy("chalicelib.modules.technicians.job_classes")
bp = Blueprint(__name__)


@endpoint(bp, "/api/technicians/job-classes", "GET", summary="Head office's job-class table: "
          "per class of work the least star level and the certificates it needs; the "
          "certificate types; the expiry warning window", response="JobClassTable",
          errors=(401, 403), permission="technicians.job_classes.read")
def get_job_classes():
    return reply(job_classes.settings_view(actor()))


@endpoint(bp, "/api/technicians/job-classes", "PUT", summary="Replace the job-class table "
          "(head office), checked against the version seen (0: the defaults); every version "
          "is kept", response="JobClassTable", body=SETTINGS_BODY,
          errors=(400, 401, 403, 409), permission="technicians.job_classes.write")
def put_job_classes():
    return reply(job_classes.save_settings(actor(), json_body()))


@endpoint(bp, "/api/technicians/job-classes/versions", "GET", summary="Every saved version of "
          "the job-class table, newest first (who saved it, when)",
          response="JobClassTableVersions", errors=(401, 403),
          permission="technicians.job_classes.read")
def get_job_class_versions():
    return reply(job_classes.history(actor()))
