"""Settings from environment variables, read once.

The same code talks to moto (locally, in tests) or to AWS: only `AWS_ENDPOINT_URL` and the
names below differ. Nothing in the domain code branches on "local".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    stage: str
    region: str
    endpoint_url: str | None
    table_name: str
    attachments_bucket: str
    user_pool_id: str
    app_client_id: str
    jwks_url: str
    issuer: str
    default_timezone: str
    portal_url: str
    mail_from: str
    ses_region: str  # SES is not offered in every region (not in ap-east-1)
    max_upload_bytes: int  # the largest attachment accepted (FUWU_MAX_UPLOAD_MB, default 15)
    upload_url_seconds: int  # how long a presigned upload form is valid (at most 600)
    download_url_seconds: int  # how long a presigned download link is valid
    report_font: str  # a TrueType font (.ttf/.ttc) covering CJK, embedded in service reports
    export_queue: str  # the SQS queue of export jobs (its name, for the worker's trigger)
    export_queue_url: str
    # Head-office accounts must set up TOTP before using the portal (FUWU_REQUIRE_HQ_MFA, on
    # unless "0"/"false"/"off"; infra/local turns it off so the demo hq_admin signs in as is).
    require_hq_mfa: bool = True
    # The app client's refresh token validity in days (FUWU_REFRESH_TOKEN_DAYS, default 30), set
    # by the CDK stack and the local stack from infra/resources.py's UserPool: the refresh
    # cookie lives as long as the token in it.
    refresh_token_days: int = 30
    # How the orders use their own indexes (FUWU_ORDER_INDEXES; issue 19, docs/deploy.md "Data
    # migrations"): "lean" (the default) reads and writes only orders1..orders7; while the
    # stored orders move, "migrating" writes both key sets and reads the old gsi1..gsi7, then
    # "both" reads the new ones and still writes both (a rollback to "migrating" stays whole).
    order_indexes: str = "lean"
    # How a work order stores its SLA clocks (FUWU_ORDER_CLOCKS; issue 19, docs/deploy.md "Data
    # migrations"): "compact" (the default: each clock's state on the order, its detail in an
    # item of its own); "whole", as releases before stored them, for the deploy that brings
    # this release in (both shapes are read either way, so the release before can still take
    # over, and a step back from "compact" to "whole" loses nothing).
    order_clocks: str = "compact"

    @property
    def aws_kwargs(self) -> dict:
        """Keyword arguments for boto3 clients (endpoint only when one is configured)."""
        kwargs: dict = {"region_name": self.region}
        if self.endpoint_url:
            kwargs["endpoint_url"] = self.endpoint_url
        return kwargs


# WenQuanYi Micro Hei (Debian's fonts-wqy-microhei, Apache-2.0): TrueType outlines for all of
# GB 18030's common characters. The deployment bundles the file and sets FUWU_REPORT_FONT.
DEFAULT_REPORT_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


ORDER_INDEX_MODES = ("lean", "both", "migrating")
ORDER_CLOCK_MODES = ("compact", "whole")


def _mode(name: str, value: str, modes: tuple[str, ...]) -> str:
    mode = value.strip().lower()
    if mode not in modes:  # a typo must not silently read or write the wrong shape
        raise ValueError(f"{name}={value!r}: one of {', '.join(modes)}")
    return mode


@lru_cache(maxsize=1)
def settings() -> Settings:
    env = os.environ
    region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "ap-east-1"
    pool = env.get("FUWU_USER_POOL_ID", "")
    issuer = env.get("FUWU_ISSUER") or f"https://cognito-idp.{region}.amazonaws.com/{pool}"
    return Settings(
        stage=env.get("FUWU_STAGE", "dev"),
        region=region,
        endpoint_url=env.get("AWS_ENDPOINT_URL") or None,
        table_name=env.get("FUWU_TABLE", "fuwu-dev-main"),
        attachments_bucket=env.get("FUWU_ATTACHMENTS_BUCKET", "fuwu-dev-attachments"),
        user_pool_id=pool,
        app_client_id=env.get("FUWU_APP_CLIENT_ID", ""),
        # moto serves the JWKS at its own address while minting the real-looking issuer,
        # so the JWKS URL is configurable apart from the issuer.
        jwks_url=env.get("FUWU_JWKS_URL") or f"{issuer}/.well-known/jwks.json",
        issuer=issuer,
        default_timezone=env.get("FUWU_TIMEZONE", "Asia/Shanghai"),
        portal_url=env.get("FUWU_PORTAL_URL", "http://localhost:8000").rstrip("/"),
        mail_from=env.get("FUWU_MAIL_FROM", "noreply@fuwu.example"),
        ses_region=env.get("FUWU_SES_REGION", "ap-southeast-1"),
        max_upload_bytes=int(float(env.get("FUWU_MAX_UPLOAD_MB", "15")) * 1024 * 1024),
        upload_url_seconds=min(int(env.get("FUWU_UPLOAD_URL_SECONDS", "600")), 600),
        download_url_seconds=int(env.get("FUWU_DOWNLOAD_URL_SECONDS", "300")),
        report_font=env.get("FUWU_REPORT_FONT", DEFAULT_REPORT_FONT),
        export_queue=env.get("FUWU_EXPORT_QUEUE", "fuwu-dev-exports"),
        export_queue_url=env.get("FUWU_EXPORT_QUEUE_URL", ""),
        require_hq_mfa=env.get("FUWU_REQUIRE_HQ_MFA", "1").strip().lower()
        not in ("0", "false", "off", "no"),
        refresh_token_days=int(env.get("FUWU_REFRESH_TOKEN_DAYS", "30")),
        order_indexes=_mode("FUWU_ORDER_INDEXES", env.get("FUWU_ORDER_INDEXES", "lean"),
                            ORDER_INDEX_MODES),
        order_clocks=_mode("FUWU_ORDER_CLOCKS", env.get("FUWU_ORDER_CLOCKS", "compact"),
                           ORDER_CLOCK_MODES),
    )
