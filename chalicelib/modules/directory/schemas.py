"""What the directory answers: the caller, outlets, staff and the session (OpenAPI components)."""

from __future__ import annotations

from chalicelib.kernel.actor import ROLES
from chalicelib.kernel.schemas import (
    BOOL,
    INT,
    NINT,
    NNUM,
    NSTR,
    STR,
    array,
    enum,
    items_of,
    nullable,
    obj,
    ref,
)
from chalicelib.modules.directory.domain.preferences import LANGUAGES
from chalicelib.modules.directory.domain.signin import CHALLENGES

SCHEMAS: dict[str, dict] = {
    "Role": enum(ROLES),
    "Me": obj({"username": STR, "name": STR, "role": ref("Role"),
               "outlet": STR, "outlet_name": STR, "outlet_name_en": STR,
               # the caller's keys of the permission table (GET /api/me); the SPA's menus,
               # routes and buttons follow them
               "permissions": array(STR)}),
    # refresh_token is always null: the refresh token travels only in the HttpOnly cookie
    # (docs/api.md); access_token is always null: page scripts never get Cognito's access token
    # (with it a script could turn TOTP off or change the recovery e-mail). Both fields stay
    # for older clients.
    # mfa: "totp" when the user's TOTP is enabled (Cognito asks for a code at every sign-in);
    # mfa_required: a head-office user without it, whom the API refuses everything but GET
    # /api/me and /api/auth/* (403 `mfa_required`) and the SPA sends to set it up first.
    "Tokens": obj({"id_token": STR, "access_token": {"type": "null"},
                   "refresh_token": {"type": "null"},
                   "expires_in": INT, "user": ref("Me"),
                   "mfa": nullable(enum(["totp"])), "mfa_required": BOOL},
                  required=["id_token", "access_token", "refresh_token", "user", "mfa",
                            "mfa_required"]),
    # A sign-in that needs one more step (POST /api/auth/challenge): no token, no cookie yet.
    "LoginChallenge": obj({"challenge": enum(CHALLENGES.values()), "session": STR,
                           "user": {"type": "null"}}),
    "LoginResult": {"oneOf": [ref("Tokens"), ref("LoginChallenge")]},
    "TotpSetup": obj({"secret": STR, "otpauth_uri": STR}),
    "MfaStatus": obj({"mfa": enum(["totp"])}),
    "Outlet": obj({"code": STR, "name": STR, "name_en": STR, "city": STR, "lat": NNUM,
                   "lng": NNUM, "timezone": STR, "is_head_office": BOOL}),
    "Staff": obj({"username": STR, "name": STR, "role": ref("Role"),
                  "outlet": STR, "star_level": NINT, "phone": NSTR}),
    # how the caller wants work notices: in the app always, by e-mail when `email` (to
    # `email_address`, null when none is on record), in `language`
    "Preferences": obj({"email": BOOL, "language": enum(LANGUAGES), "email_address": NSTR,
                        "version": INT}),
    "OutletList": items_of("Outlet"),
    "StaffList": items_of("Staff"),
}
