"""What stands in front of the app: WAF web ACLs, API Gateway's own error replies, the portal's
security headers. The numbers (throttling, the per-IP rate) are per stage in `config.py`.

- Two WAF v2 web ACLs. CLOUDFRONT on the portal's distribution (SPA and /api alike): IP
  reputation, the per-IP rate, the common rules. A CLOUDFRONT web ACL can only be created in
  us-east-1, so it lives in `EdgeStack` (`fuwu-<stage>-edge`, region `config.EDGE_REGION`),
  and the main stack reads its ARN through CDK's cross-region references. REGIONAL on the
  API Gateway stage (in the main stack): first it refuses every request that lacks the
  origin secret CloudFront adds (`origin_secret()`), so the public execute-api address only
  serves what came through the portal's distribution and its web ACL; then the common rules.
- API Gateway answers some requests itself (unknown path, throttled, WAF-blocked, too
  large, ...): `gateway_responses()` gives those answers the app's error envelope.
- `security_headers()` is the response headers policy of every portal behavior (SPA and /api).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import aws_cdk as cdk
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from chalicelib.kernel.messages import ERRORS
from infra.cdk.config import EDGE_REGION, HSTS_MAX_AGE_DAYS, StageConfig

# --- the error envelope for refusals that never reach the app ---------------------------------

# API Gateway cannot choose a language per caller (no Accept-Language here), so these messages
# are bilingual, "中文 / English". Codes and texts shared with the app come from its messages.
OWN_MESSAGES = {
    "bad_request": ("请求无法处理", "The request could not be processed"),
    "access_denied": ("拒绝访问", "Access denied"),
    "throttled": ("请求过于频繁，请稍后重试", "Too many requests; please try again shortly"),
    "request_blocked": ("请求被安全规则拦截", "The request was blocked by a security rule"),
}


def message(code: str) -> str:
    zh, en = OWN_MESSAGES.get(code) or (ERRORS["zh"][code], ERRORS["en"][code])
    return f"{zh} / {en}"


def envelope(code: str, message_code: str | None = None) -> str:
    """The app's error body, `{"error": {"code", "message", "fields"}}`, as ASCII JSON."""
    return json.dumps({"error": {"code": code, "message": message(message_code or code),
                                 "fields": {}}})


# API Gateway response type → (status, or None to keep API Gateway's, error code, and the
# message's code when it is not the error code's own).
# MISSING_AUTHENTICATION_TOKEN is what API Gateway answers for a path or method no route has
# (the app has no API Gateway authorizer, so it never means a missing token here): 404.
GATEWAY_RESPONSES: dict[str, tuple[int | None, str, str | None]] = {
    "DEFAULT_4XX": (None, "bad_request", None),
    "DEFAULT_5XX": (None, "internal_error", None),
    "MISSING_AUTHENTICATION_TOKEN": (404, "not_found", "route_not_found"),
    "ACCESS_DENIED": (403, "access_denied", None),
    "UNSUPPORTED_MEDIA_TYPE": (415, "unsupported_media_type", None),
    "REQUEST_TOO_LARGE": (413, "payload_too_large", None),
    "THROTTLED": (429, "throttled", None),
    "WAF_FILTERED": (403, "request_blocked", None),
}


def gateway_responses() -> dict:
    """The `GatewayResponses` property of the SAM API (SAM writes them into the API definition,
    so a change redeploys the stage)."""
    responses = {}
    for kind, (status, code, message_code) in GATEWAY_RESPONSES.items():
        response: dict = {
            "ResponseParameters": {"Headers": {"Cache-Control": "'no-store'"}},
            "ResponseTemplates": {"application/json": envelope(code, message_code)},
        }
        if status is not None:
            response["StatusCode"] = str(status)
        responses[kind] = response
    return responses


def method_settings(config: StageConfig) -> list[dict]:
    """Stage-level throttling, the same limits for each method (the `MethodSettings` of the
    SAM API; `/*` + `*` is API Gateway's "every method of the stage")."""
    return [{"ResourcePath": "/*", "HttpMethod": "*",
             "ThrottlingRateLimit": config.api_rate_limit,
             "ThrottlingBurstLimit": config.api_burst_limit}]


# --- WAF -----------------------------------------------------------------------------------

# The CommonRuleSet blocks request bodies over 8 KB (SizeRestrictions_BODY). The API's JSON
# bodies may legitimately be larger, up to the app's own 256 KB limit: a new work order's
# description and impact, or a completion's fault cause and solution, are up to 2 000
# characters each (6 KB apiece as UTF-8 Chinese), plus up to 50 parts lines; an SLA policy
# has up to 200 rules. (Files go to S3 by presigned POST, never through the API.) So that one
# rule only counts; the rest of the group still inspects the first 8 KB of every body.
COUNTED_COMMON_RULES = ("SizeRestrictions_BODY",)
REPUTATION_RULES = "AWSManagedRulesAmazonIpReputationList"
COMMON_RULES = "AWSManagedRulesCommonRuleSet"
RATE_RULE = "RateLimitPerIp"
ORIGIN_RULE = "RequireCloudFrontOrigin"

# --- only the portal's CloudFront may call the API --------------------------------------------

# CloudFront adds this header to every request it forwards to the API (replacing one a viewer
# sent under the same name); the API's web ACL refuses any request without the exact value.
ORIGIN_HEADER = "X-Fuwu-Origin"
ORIGIN_SLOTS = ("A", "B")  # two secrets: CloudFront sends one, the web ACL accepts both
ORIGIN_SECRET_LENGTH = 64  # letters and digits: ~380 bits; WAF takes up to 200 bytes


@dataclass(frozen=True)
class OriginSecret:
    """The shared secret between the distribution's /api origin and the API's web ACL.

    Each slot is a Secrets Manager secret whose value CloudFormation generates at creation; the
    template only holds `{{resolve:secretsmanager:<arn>:SecretString:::}}` references, which
    CloudFormation resolves when it creates or updates the resource holding them (the
    distribution's origin header, the web ACL's byte match), never into the template itself.
    CloudFront sends slot `config.origin_secret_rotation % 2`; the web ACL accepts both, so a
    rotation (new value into the idle slot, rotation + 1, deploy) never refuses the value
    CloudFront is sending at that moment (docs/deploy.md "The origin secret")."""

    rotation: int
    secrets: tuple[secretsmanager.Secret, ...]  # one per ORIGIN_SLOTS entry
    accepted: tuple[str, ...]  # dynamic references, in slot order
    sent: str  # the one CloudFront adds

    @property
    def sent_slot(self) -> str:
        return ORIGIN_SLOTS[self.rotation % len(ORIGIN_SLOTS)]


def origin_secret(scope: Construct, config: StageConfig) -> OriginSecret:
    secrets = tuple(secretsmanager.Secret(
        scope, f"OriginSecret{slot}",
        description=(f"Fuwu {config.name}: {ORIGIN_HEADER} value, slot {slot}, that CloudFront "
                     "adds to /api requests and the API's web ACL requires (docs/deploy.md)"),
        generate_secret_string=secretsmanager.SecretStringGenerator(
            password_length=ORIGIN_SECRET_LENGTH, exclude_punctuation=True, include_space=False),
        removal_policy=cdk.RemovalPolicy.DESTROY)
        for slot in ORIGIN_SLOTS)
    # unsafe_unwrap() gives the dynamic reference, not the value: the value never reaches
    # the template, only the properties CloudFormation resolves it into.
    accepted = tuple(secret.secret_value.unsafe_unwrap() for secret in secrets)
    return OriginSecret(rotation=config.origin_secret_rotation, secrets=secrets,
                        accepted=accepted,
                        sent=accepted[config.origin_secret_rotation % len(ORIGIN_SLOTS)])


def _visibility(metric: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, sampled_requests_enabled=True, metric_name=metric)


def _has_origin_value(value: str) -> wafv2.CfnWebACL.StatementProperty:
    return wafv2.CfnWebACL.StatementProperty(
        byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(
                single_header={"Name": ORIGIN_HEADER.lower()}),
            positional_constraint="EXACTLY", search_string=value,
            text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(
                priority=0, type="NONE")]))


def _origin_rule(origin: OriginSecret, priority: int) -> wafv2.CfnWebACL.RuleProperty:
    """Block (403, the error envelope) every request whose origin header is not exactly one of
    the accepted values: a direct call to the execute-api address, whatever else it claims."""
    accepted = [_has_origin_value(value) for value in origin.accepted]
    one_of = (wafv2.CfnWebACL.StatementProperty(
        or_statement=wafv2.CfnWebACL.OrStatementProperty(statements=accepted))
        if len(accepted) > 1 else accepted[0])
    return wafv2.CfnWebACL.RuleProperty(
        name=ORIGIN_RULE, priority=priority,
        statement=wafv2.CfnWebACL.StatementProperty(
            not_statement=wafv2.CfnWebACL.NotStatementProperty(statement=one_of)),
        action=wafv2.CfnWebACL.RuleActionProperty(block=wafv2.CfnWebACL.BlockActionProperty(
            custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                response_code=403, custom_response_body_key="request_blocked"))),
        visibility_config=_visibility(ORIGIN_RULE))


def _managed(group: str, priority: int) -> wafv2.CfnWebACL.RuleProperty:
    overrides = [wafv2.CfnWebACL.RuleActionOverrideProperty(
        name=rule, action_to_use=wafv2.CfnWebACL.RuleActionProperty(
            count=wafv2.CfnWebACL.CountActionProperty()))
        for rule in COUNTED_COMMON_RULES] if group == COMMON_RULES else None
    return wafv2.CfnWebACL.RuleProperty(
        name=group, priority=priority,
        statement=wafv2.CfnWebACL.StatementProperty(
            managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                vendor_name="AWS", name=group, rule_action_overrides=overrides)),
        override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
        visibility_config=_visibility(group))


def _rate_rule(config: StageConfig, priority: int) -> wafv2.CfnWebACL.RuleProperty:
    """Per source address: on the CLOUDFRONT web ACL that is the viewer's own address."""
    return wafv2.CfnWebACL.RuleProperty(
        name=RATE_RULE, priority=priority,
        statement=wafv2.CfnWebACL.StatementProperty(
            rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                aggregate_key_type="IP", limit=config.waf_ip_requests_per_5_min,
                evaluation_window_sec=300)),
        action=wafv2.CfnWebACL.RuleActionProperty(block=wafv2.CfnWebACL.BlockActionProperty(
            custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                response_code=429, custom_response_body_key="throttled"))),
        visibility_config=_visibility(RATE_RULE))


def _rules(config: StageConfig, waf_scope: str,
           origin: OriginSecret | None) -> list[wafv2.CfnWebACL.RuleProperty]:
    """Cheapest first.

    CLOUDFRONT (the portal, SPA and /api): IP reputation, the per-IP rate, the common rules;
    WAF sees the viewer's address here.

    REGIONAL (the API stage): the origin secret, then the common rules. Every request that
    passes the first rule came through CloudFront, so its source address is CloudFront's:
    an address-based rule (reputation list, per-IP rate) judges CloudFront there, not the
    viewer, and the portal's web ACL has already applied both to the viewer's address. A rate
    keyed on X-Forwarded-For instead would be worthless: WAF takes the header's first address,
    and CloudFront appends the viewer's address to whatever X-Forwarded-For the viewer sent,
    so a caller picks the key it is counted under."""
    if waf_scope == "CLOUDFRONT":
        return [_managed(REPUTATION_RULES, 0), _rate_rule(config, 1), _managed(COMMON_RULES, 2)]
    if origin is None:
        raise ValueError("the API's web ACL needs the origin secret")
    return [_origin_rule(origin, 0), _managed(COMMON_RULES, 1)]


def _response_bodies(waf_scope: str) -> dict[str, wafv2.CfnWebACL.CustomResponseBodyProperty]:
    code = "throttled" if waf_scope == "CLOUDFRONT" else "request_blocked"
    return {code: wafv2.CfnWebACL.CustomResponseBodyProperty(
        content_type="APPLICATION_JSON", content=envelope(code))}


def web_acl(scope: Construct, construct_id: str, config: StageConfig, waf_scope: str,
            purpose: str, origin: OriginSecret | None = None) -> wafv2.CfnWebACL:
    """A web ACL with the rules of `_rules`; everything else is allowed."""
    name = f"fuwu-{config.name}-{purpose}"
    if waf_scope == "CLOUDFRONT":
        description = f"Fuwu {config.name} {purpose}: IP reputation, common rules, per-IP rate"
    else:
        # The rotation number is here so that a rotation always updates this resource, which
        # is when CloudFormation reads the secrets again (docs/deploy.md "The origin secret").
        description = (f"Fuwu {config.name} {purpose}: only through the portal CloudFront, "
                       f"{ORIGIN_HEADER} rotation {origin.rotation if origin else 0}, common rules")
    return wafv2.CfnWebACL(
        scope, construct_id, name=name, scope=waf_scope, description=description,
        default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
        custom_response_bodies=_response_bodies(waf_scope),
        rules=_rules(config, waf_scope, origin),
        visibility_config=_visibility(name.replace("-", "")))


class EdgeStack(cdk.Stack):
    """`fuwu-<stage>-edge` in us-east-1: the portal's CLOUDFRONT-scoped web ACL."""

    def __init__(self, scope: Construct, construct_id: str, *, config: StageConfig, **kwargs) -> None:
        super().__init__(scope, construct_id, env=cdk.Environment(region=EDGE_REGION),
                         cross_region_references=True, **kwargs)
        self.web_acl = web_acl(self, "PortalWebAcl", config, "CLOUDFRONT", "portal")
        self.web_acl_arn = self.web_acl.attr_arn


# --- the portal's response headers --------------------------------------------------------

def content_security_policy(attachments_origin: str) -> str:
    """For the Vite-built SPA: its own scripts only; antd writes <style> elements at run time
    (CSS-in-JS), hence 'unsafe-inline' for styles only. Photos and thumbnails are presigned
    GETs and uploads presigned POSTs (XHR) to the attachments bucket's regional origin; PDFs
    open in a new tab (frame-src only in case a viewer ever embeds them)."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' data: blob: {attachments_origin}",
        f"connect-src 'self' {attachments_origin}",
        f"frame-src {attachments_origin}",
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def security_headers(scope: Construct, config: StageConfig,
                     attachments_origin: str) -> cloudfront.ResponseHeadersPolicy:
    return cloudfront.ResponseHeadersPolicy(
        scope, "PortalSecurityHeaders",
        response_headers_policy_name=f"fuwu-{config.name}-portal-security",
        comment=f"Fuwu {config.name}: HSTS, CSP, nosniff, DENY framing, referrer policy",
        security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
            strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                access_control_max_age=cdk.Duration.days(HSTS_MAX_AGE_DAYS),
                include_subdomains=True, override=True),
            content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                content_security_policy=content_security_policy(attachments_origin),
                override=True),
            content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
            frame_options=cloudfront.ResponseHeadersFrameOptions(
                frame_option=cloudfront.HeadersFrameOption.DENY, override=True),
            referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                referrer_policy=cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
                override=True)))
