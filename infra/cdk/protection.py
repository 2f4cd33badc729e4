"""What stands in front of the app: WAF web ACLs, API Gateway's own error replies, the portal's
security headers. The numbers (throttling, the per-IP rate) are per stage in `config.py`.

- Two WAF v2 web ACLs with the same rules: REGIONAL on the API Gateway stage (in this stack)
  and CLOUDFRONT on the portal's distribution. A CLOUDFRONT web ACL can only be created in
  us-east-1, so it lives in `EdgeStack` (`fuwu-<stage>-edge`, region `config.EDGE_REGION`),
  and the main stack reads its ARN through CDK's cross-region references.
- API Gateway answers some requests itself (unknown path, throttled, WAF-blocked, too
  large, ...): `gateway_responses()` gives those answers the app's error envelope.
- `security_headers()` is the response headers policy of every portal behavior (SPA and /api).
"""

from __future__ import annotations

import json

import aws_cdk as cdk
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from chalicelib.api.messages import ERRORS
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
MANAGED_RULE_GROUPS = ("AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet")
RATE_RULE = "RateLimitPerIp"


def _visibility(metric: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, sampled_requests_enabled=True, metric_name=metric)


def _not_via_cloudfront() -> wafv2.CfnWebACL.StatementProperty:
    """Requests that did not come through CloudFront (which adds `Via: ... (CloudFront)`)."""
    return wafv2.CfnWebACL.StatementProperty(not_statement=wafv2.CfnWebACL.NotStatementProperty(
        statement=wafv2.CfnWebACL.StatementProperty(
            byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
                field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(
                    single_header={"Name": "via"}),
                positional_constraint="CONTAINS", search_string="cloudfront",
                text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(
                    priority=0, type="LOWERCASE")]))))


def _rules(config: StageConfig, waf_scope: str) -> list[wafv2.CfnWebACL.RuleProperty]:
    """IP reputation, then the per-IP rate, then the common rules (cheapest first).

    On the API (REGIONAL) the portal's requests arrive from CloudFront's addresses, which many
    users share: there the per-IP rate only counts requests that did not come through
    CloudFront (those are limited per viewer address by the portal's own web ACL)."""
    reputation, common = MANAGED_RULE_GROUPS
    rate = wafv2.CfnWebACL.RateBasedStatementProperty(
        aggregate_key_type="IP", limit=config.waf_ip_requests_per_5_min, evaluation_window_sec=300,
        scope_down_statement=_not_via_cloudfront() if waf_scope == "REGIONAL" else None)
    counted = [wafv2.CfnWebACL.RuleActionOverrideProperty(
        name=rule, action_to_use=wafv2.CfnWebACL.RuleActionProperty(
            count=wafv2.CfnWebACL.CountActionProperty()))
        for rule in COUNTED_COMMON_RULES]

    def managed(group: str, priority: int, overrides=None) -> wafv2.CfnWebACL.RuleProperty:
        return wafv2.CfnWebACL.RuleProperty(
            name=group, priority=priority,
            statement=wafv2.CfnWebACL.StatementProperty(
                managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                    vendor_name="AWS", name=group, rule_action_overrides=overrides)),
            override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
            visibility_config=_visibility(group))

    return [
        managed(reputation, 0),
        wafv2.CfnWebACL.RuleProperty(
            name=RATE_RULE, priority=1,
            statement=wafv2.CfnWebACL.StatementProperty(rate_based_statement=rate),
            action=wafv2.CfnWebACL.RuleActionProperty(block=wafv2.CfnWebACL.BlockActionProperty(
                custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                    response_code=429, custom_response_body_key="throttled"))),
            visibility_config=_visibility(RATE_RULE)),
        managed(common, 2, counted),
    ]


def web_acl(scope: Construct, construct_id: str, config: StageConfig, waf_scope: str,
            purpose: str) -> wafv2.CfnWebACL:
    """A web ACL with the rate rule and the managed rule groups; everything else is allowed."""
    name = f"fuwu-{config.name}-{purpose}"
    return wafv2.CfnWebACL(
        scope, construct_id, name=name, scope=waf_scope,
        description=f"Fuwu {config.name} {purpose}: IP reputation, common rules, per-IP rate",
        default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
        custom_response_bodies={"throttled": wafv2.CfnWebACL.CustomResponseBodyProperty(
            content_type="APPLICATION_JSON", content=envelope("throttled"))},
        rules=_rules(config, waf_scope),
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
