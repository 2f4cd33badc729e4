"""Per-stage configuration of the deployment (the only place stages differ)."""

from __future__ import annotations

from dataclasses import dataclass


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

    @property
    def portal_url(self) -> str:
        return f"https://{self.portal_domain}"


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
    changes = {k: v for k, v in overrides.items() if v}
    return StageConfig(**{**base.__dict__, **changes}) if changes else base
