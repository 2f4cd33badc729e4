"""The caller, outlets and staff."""

from chalice import Blueprint

from chalicelib.kernel.actor import ROLES
from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.http import actor, endpoint, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.directory.domain.preferences import PREFERENCES_BODY

directory = lazy("chalicelib.modules.directory.usecases")
bp = Blueprint(__name__)


@endpoint(bp, "/api/me", "GET", summary="The signed-in user", response="Me", errors=(401,),
          permission="directory.read")
def me():
    return reply(directory.me(actor()))


@endpoint(bp, "/api/me/preferences", "GET", summary="How I want work notices",
          response="Preferences", errors=(401, 404), permission="directory.preferences")
def my_preferences():
    return reply(directory.preferences(actor()))


@endpoint(bp, "/api/me/preferences", "PATCH",
          summary="Change how I want work notices (e-mail on/off, language)",
          response="Preferences", body=PREFERENCES_BODY, errors=(400, 401, 404, 409),
          permission="directory.preferences")
def change_my_preferences():
    return reply(directory.update_preferences(actor(), json_body()))


@endpoint(bp, "/api/outlets", "GET", summary="Outlets the caller may see",
          response="OutletList", errors=(401,), permission="directory.read")
def outlets():
    return reply({"items": directory.list_outlets(actor())})


@endpoint(bp, "/api/staff", "GET", summary="Staff of an outlet, optionally of one role",
          response="StaffList", query=("outlet", "role"), errors=(400, 401, 404), permission="directory.read")
def staff():
    params = query()
    role = params.get("role")
    if role and role not in ROLES:
        raise ValidationFailed(fields={"role": ("enum", {"choices": ", ".join(ROLES)})})
    return reply({"items": directory.list_staff(actor(), params.get("outlet"), role)})
