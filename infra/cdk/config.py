"""Per-stage configuration of the deployment (the only place stages differ)."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.kernel.config import ORDER_CLOCK_MODES, ORDER_INDEX_MODES


@dataclass(frozen=True)
class StageConfig:
    name: str
    region: str
    # The portal's public host name. The attachments bucket's CORS rule, the links in mail
    # and the API's FUWU_PORTAL_URL all use https://<portal_domain>. With a certificate
    # (`-c certificate_arn=...`, an ACM certificate in us-east-1) the CloudFront distribution
    # answers on it; point a DNS CNAME/alias at the distribution's domain name.
    portal_domain: str
    log_level: str = "INFO"
    log_retention: str = "THREE_MONTHS"  # a name of aws_logs.RetentionDays
    retain_data: bool = True  # RETAIN tables/buckets/pool on stack deletion, deletion protection
    api_memory_mb: int = 512
    job_memory_mb: int = 1024
    # API Gateway stage throttling (token bucket), applied to each method (path + verb) of
    # the stage: steady requests per second and burst. ~120 staff at a few calls per screen
    # stay far below it on the busiest method; beyond it API Gateway answers 429 `throttled`
    # (docs/deploy.md "Protection"). The account's regional limit (10 000/s) is shared.
    api_rate_limit: int = 50
    api_burst_limit: int = 100
    # WAF rate-based rule (the portal's web ACL, which covers /api too): requests from one
    # client IP address in any 5-minute window before that address gets 429 for a while. An
    # outlet's staff share one address behind its router, so this is per office, not per person.
    waf_ip_requests_per_5_min: int = 3000
    # How many times the origin secret (the X-Fuwu-Origin value CloudFront adds to /api
    # requests and the API's web ACL requires) has been rotated. Its parity picks the slot
    # CloudFront sends (even: A, odd: B). To rotate: a new value into the other slot, then +1
    # and deploy (docs/deploy.md "The origin secret"). Never +2 at once.
    origin_secret_rotation: int = 0
    # Cognito threat protection for password sign-in (Plus feature plan): "FULL_FUNCTION"
    # (block compromised passwords, act on risky sign-ins), "AUDIT_ONLY" (only log and count
    # risks), or "" (Essentials plan, no threat protection).
    threat_protection: str = "FULL_FUNCTION"
    # The work orders' own indexes (issue 19, docs/deploy.md "Data migrations"): how the app
    # uses them (FUWU_ORDER_INDEXES: "lean"; while the stored orders move "migrating", both key
    # sets written and the old indexes read, then "both", the new ones read), and how many of
    # orders1..orders7 the table has (CloudFormation adds one index to a table per deployment:
    # raise it by one per deploy, migrating).
    order_indexes: str = "lean"
    order_indexes_built: int = 7
    # How the work orders store their clocks (FUWU_ORDER_CLOCKS: "compact"; "whole" for the
    # deploy that brings compact clocks in, docs/deploy.md "Data migrations")
    order_clocks: str = "compact"

    def __post_init__(self) -> None:
        if self.order_clocks not in ORDER_CLOCK_MODES:
            raise SystemExit(f"order_clocks={self.order_clocks!r}: one of "
                             f"{', '.join(ORDER_CLOCK_MODES)}")
        if self.order_indexes not in ORDER_INDEX_MODES:
            raise SystemExit(f"order_indexes={self.order_indexes!r}: one of "
                             f"{', '.join(ORDER_INDEX_MODES)}")
        if not 0 <= self.order_indexes_built <= 7:
            raise SystemExit("order_indexes_built: 0 to 7")
        if self.order_indexes != "migrating" and self.order_indexes_built < 7:
            # the app would read indexes that do not exist yet
            raise SystemExit("order_indexes_built below 7 needs order_indexes=migrating")

    @property
    def portal_url(self) -> str:
        return f"https://{self.portal_domain}"


# The region of everything CloudFront-scoped (its certificate and its WAF web ACL); the
# portal's web ACL lives in a small second stack there, `fuwu-<stage>-edge`.
EDGE_REGION = "us-east-1"
HSTS_MAX_AGE_DAYS = 730  # Strict-Transport-Security max-age (2 years; browsers want >= 1)


STAGES = {
    "dev": StageConfig(name="dev", region="ap-east-1", portal_domain="dev.portal.fuwu.example",
                       log_level="DEBUG", log_retention="TWO_WEEKS", retain_data=False),
    "prod": StageConfig(name="prod", region="ap-east-1", portal_domain="portal.fuwu.example",
                        log_level="INFO", log_retention="ONE_YEAR", retain_data=True),
}


def stage_config(stage: str, **overrides: str | None) -> StageConfig:
    """The stage's configuration; CDK context values (`-c portal_domain=...`) override it."""
    if stage not in STAGES:
        raise SystemExit(f"unknown stage {stage!r}; known: {', '.join(STAGES)}")
    base = STAGES[stage]
    # context values are strings: each becomes the type of the field it overrides
    changes = {k: type(getattr(base, k))(v) for k, v in overrides.items() if v}
    return StageConfig(**{**base.__dict__, **changes}) if changes else base
