"""Outlets, staff and signing in (网点与人员)."""

from chalicelib.kernel.access import ALL_OUTLETS
from chalicelib.kernel.actor import ROLES
from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.directory import auth_routes, routes, schemas
from chalicelib.modules.directory.models import Outlet, Staff, StaffEvent
from chalicelib.modules.directory.vocabulary import VOCABULARY


def _authenticate(authorization: str | None, method: str, route: str):
    from chalicelib.modules.directory import identity

    return identity.authenticate(authorization, method, route)


AREA = Area(
    name="directory",
    blueprints=(routes.bp, auth_routes.bp),
    models=(Outlet, Staff, StaffEvent),
    permissions={"directory.read": EVERYONE,
                 ALL_OUTLETS: ("head_office",),  # may read and pick any outlet
                 "directory.mfa": EVERYONE,
                 "directory.preferences": EVERYONE},  # one's own notice preferences
    query={"role": {"enum": list(ROLES)}},
    authenticator=_authenticate,
    vocabulary=VOCABULARY,
    schemas=schemas.SCHEMAS,
)
