"""The caller, outlets and staff."""

from chalice import Blueprint

from chalicelib.kernel.actor import ROLES
from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.http import actor, endpoint, query, reply
from chalicelib.kernel.lazy import lazy

directory = lazy("chalicelib.modules.directory.usecases")
bp = Blueprint(__name__)


@endpoint(bp, "/api/me", "GET", summary="The signed-in user", response="Me", errors=(401,),
          permission="directory.read")
def me():
    return reply(directory.me(actor()))


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
