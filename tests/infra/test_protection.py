"""Issue 10, security hardening in the deployment template: what a user may write in Cognito,
MFA and threat protection, API throttling, WAF in front of the API and the portal, the portal's
security headers, and API Gateway's own refusals in the app's error envelope."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from infra import resources
from infra.cdk import protection
from infra.cdk.config import EDGE_REGION, STAGES

from .conftest import OFFLINE_ENV, STAGE
from .test_stack import of_type, props

CONFIG = STAGES[STAGE]
ONE_YEAR = 365 * 24 * 3600


def only(template: dict, kind: str) -> dict:
    (resource,) = of_type(template, kind).values()
    return props(resource)


# --- 1. Cognito: nothing that authorises is writable by its user -----------------------------

def test_app_client_write_attributes_exclude_every_custom_attribute(template):
    client = only(template, "AWS::Cognito::UserPoolClient")
    written = client["WriteAttributes"]
    assert written, "without WriteAttributes every attribute, custom:outlet too, is writable"
    assert sorted(written) == sorted(resources.USER_POOL.write_attributes)
    assert not [a for a in written if a.startswith("custom:")]
    pool = only(template, "AWS::Cognito::UserPool")
    custom = {f"custom:{a['Name']}" for a in pool["Schema"]}
    assert f"custom:{resources.OUTLET_ATTRIBUTE}" in custom and not custom & set(written)


def test_app_client_has_no_oauth_grants(template):
    client = only(template, "AWS::Cognito::UserPoolClient")
    assert client["AllowedOAuthFlowsUserPoolClient"] is False
    assert "AllowedOAuthFlows" not in client and "CallbackURLs" not in client


def test_the_writable_list_admits_no_custom_attribute():
    with pytest.raises(ValueError):
        resources.UserPool(write_attributes=("name", f"custom:{resources.OUTLET_ATTRIBUTE}"))


# --- 5. Cognito: TOTP for whoever sets it up, threat protection --------------------------------

def test_totp_is_available_to_every_user_and_sms_is_off(template):
    pool = only(template, "AWS::Cognito::UserPool")
    assert pool["MfaConfiguration"] == "OPTIONAL"
    assert pool["EnabledMfas"] == ["SOFTWARE_TOKEN_MFA"]
    assert "SmsConfiguration" not in pool


def test_threat_protection_is_enforced_with_explicit_risk_actions(template):
    pool = only(template, "AWS::Cognito::UserPool")
    assert CONFIG.threat_protection == "FULL_FUNCTION"
    assert pool["UserPoolTier"] == "PLUS"
    assert pool["UserPoolAddOns"] == {"AdvancedSecurityMode": "ENFORCED"}
    risk = only(template, "AWS::Cognito::UserPoolRiskConfigurationAttachment")
    assert risk["ClientId"] == "ALL"
    leaked = risk["CompromisedCredentialsRiskConfiguration"]
    assert leaked["Actions"] == {"EventAction": "BLOCK"}
    assert {"SIGN_IN", "PASSWORD_CHANGE"} <= set(leaked["EventFilter"])
    takeover = risk["AccountTakeoverRiskConfiguration"]["Actions"]
    assert takeover["HighAction"]["EventAction"] in ("BLOCK", "MFA_REQUIRED")
    assert takeover["MediumAction"]["EventAction"] != "NO_ACTION"


# --- 2. and 6. API Gateway: throttling, and its own refusals in the error envelope ------------

def rest_api(template: dict) -> dict:
    return props(template["Resources"]["RestAPI"])


def test_api_stage_is_throttled_with_the_configured_limits(template, transformed):
    expected = [{"ResourcePath": "/*", "HttpMethod": "*",
                 "ThrottlingRateLimit": CONFIG.api_rate_limit,
                 "ThrottlingBurstLimit": CONFIG.api_burst_limit}]
    assert 0 < CONFIG.api_rate_limit <= CONFIG.api_burst_limit
    assert rest_api(template)["MethodSettings"] == expected
    (stage,) = of_type(transformed, "AWS::ApiGateway::Stage").values()
    assert props(stage)["MethodSettings"] == expected


def _envelope(text: str) -> dict:
    body = json.loads(text)
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["fields"] == {}
    assert body["error"]["message"]
    return body["error"]


REQUIRED_RESPONSES = {
    "DEFAULT_4XX": (None, None), "DEFAULT_5XX": (None, "internal_error"),
    "MISSING_AUTHENTICATION_TOKEN": ("404", "not_found"), "UNSUPPORTED_MEDIA_TYPE": ("415", None),
    "REQUEST_TOO_LARGE": ("413", None), "THROTTLED": ("429", "throttled"),
    "WAF_FILTERED": ("403", None), "ACCESS_DENIED": ("403", None),
}


def test_api_gateway_refusals_use_the_error_envelope(template):
    responses = rest_api(template)["GatewayResponses"]
    assert set(REQUIRED_RESPONSES) <= set(responses)
    for kind, (status, code) in REQUIRED_RESPONSES.items():
        response = responses[kind]
        assert response.get("StatusCode") == status, kind
        error = _envelope(response["ResponseTemplates"]["application/json"])
        if code:
            assert error["code"] == code, kind
        zh, en = error["message"].split(" / ")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh) and en.isascii(), kind


def test_unknown_paths_answer_404_not_found_in_the_deployed_api(transformed):
    """SAM writes the responses into the API definition (so a change redeploys the stage)."""
    body = props(transformed["Resources"]["RestAPI"])["Body"]
    deployed = body["x-amazon-apigateway-gateway-responses"]
    assert set(REQUIRED_RESPONSES) <= set(deployed)
    missing = deployed["MISSING_AUTHENTICATION_TOKEN"]
    assert missing["statusCode"] == "404"
    assert _envelope(missing["responseTemplates"]["application/json"])["code"] == "not_found"


# --- 3. WAF in front of the API (REGIONAL) and of the portal (CLOUDFRONT, us-east-1) -----------

def _check_rules(acl: dict) -> None:
    assert acl["DefaultAction"] == {"Allow": {}}
    rules = {r["Name"]: r for r in acl["Rules"]}
    assert len({r["Priority"] for r in acl["Rules"]}) == len(acl["Rules"])
    for group in ("AWSManagedRulesCommonRuleSet", "AWSManagedRulesAmazonIpReputationList"):
        statement = rules[group]["Statement"]["ManagedRuleGroupStatement"]
        assert statement == {**statement, "VendorName": "AWS", "Name": group}
        assert rules[group]["OverrideAction"] == {"None": {}}
    # API bodies may exceed the rule set's 8 KB: that one rule counts instead of blocking.
    common = rules["AWSManagedRulesCommonRuleSet"]["Statement"]["ManagedRuleGroupStatement"]
    assert {"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}} in common[
        "RuleActionOverrides"]
    assert all(o["ActionToUse"] == {"Count": {}} for o in common["RuleActionOverrides"])
    rate = rules[protection.RATE_RULE]
    assert rate["Statement"]["RateBasedStatement"]["Limit"] == CONFIG.waf_ip_requests_per_5_min
    block = rate["Action"]["Block"]["CustomResponse"]
    assert block["ResponseCode"] == 429
    body = acl["CustomResponseBodies"][block["CustomResponseBodyKey"]]
    assert body["ContentType"] == "APPLICATION_JSON"
    assert _envelope(body["Content"])["code"] == "throttled"


def test_api_stage_has_a_regional_web_acl(template, transformed):
    acls = of_type(template, "AWS::WAFv2::WebACL")
    ((acl_id, acl),) = acls.items()
    assert props(acl)["Scope"] == "REGIONAL"
    _check_rules(props(acl))
    # Behind CloudFront the source address is CloudFront's: the per-IP rate skips those.
    rate = {r["Name"]: r for r in props(acl)["Rules"]}[protection.RATE_RULE]
    assert "NotStatement" in rate["Statement"]["RateBasedStatement"]["ScopeDownStatement"]
    association = only(template, "AWS::WAFv2::WebACLAssociation")
    assert association["WebACLArn"] == {"Fn::GetAtt": [acl_id, "Arn"]}
    (stage_id,) = of_type(transformed, "AWS::ApiGateway::Stage")
    deployed = props(transformed["Resources"]["ApiWebAclAssociation"])["ResourceArn"]["Fn::Sub"]
    assert deployed.endswith(f":apigateway:${{AWS::Region}}::/restapis/${{RestAPI}}/stages/${{{stage_id}}}")


def test_portal_has_a_cloudfront_web_acl_from_the_us_east_1_stack(template, edge_template,
                                                                   manifest):
    assert manifest["artifacts"][f"fuwu-{STAGE}-edge"]["environment"].endswith(f"/{EDGE_REGION}")
    main = manifest["artifacts"][f"fuwu-{STAGE}"]
    assert f"fuwu-{STAGE}-edge" in main["dependencies"]  # `cdk deploy fuwu-<stage>` deploys it first
    ((acl_id, acl),) = of_type(edge_template, "AWS::WAFv2::WebACL").items()
    assert props(acl)["Scope"] == "CLOUDFRONT"
    _check_rules(props(acl))
    distribution = only(template, "AWS::CloudFront::Distribution")["DistributionConfig"]
    reader, exported = distribution["WebACLId"]["Fn::GetAtt"]
    assert template["Resources"][reader]["Type"] == "Custom::CrossRegionExportReader"
    assert acl_id in exported


def test_edge_template_is_cfn_lint_clean(synthesized: Path):
    edge = synthesized.parent / f"fuwu-{STAGE}-edge.template.json"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), "--non-zero-exit-code", "error",
         "--regions", EDGE_REGION, "--", str(edge)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- 4. The portal's security headers ------------------------------------------------------

PSEUDO = {"AWS::AccountId": OFFLINE_ENV["CDK_DEFAULT_ACCOUNT"], "AWS::Region": CONFIG.region,
          "AWS::URLSuffix": "amazonaws.com", "AWS::Partition": "aws"}


def render(value) -> str:
    """A string of the template with its pseudo-parameters filled in."""
    if isinstance(value, str):
        return value
    if "Ref" in value:
        return PSEUDO[value["Ref"]]
    separator, parts = value["Fn::Join"]
    return separator.join(render(p) for p in parts)


def directives(csp: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in csp.split(";")) if d}


def test_portal_sends_security_headers_on_the_spa_and_the_api(template):
    ((policy_id, policy),) = of_type(template, "AWS::CloudFront::ResponseHeadersPolicy").items()
    distribution = only(template, "AWS::CloudFront::Distribution")["DistributionConfig"]
    behaviors = [distribution["DefaultCacheBehavior"], *distribution["CacheBehaviors"]]
    assert [b.get("ResponseHeadersPolicyId") for b in behaviors] == [{"Ref": policy_id}] * 2
    headers = props(policy)["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    hsts = headers["StrictTransportSecurity"]
    assert hsts["AccessControlMaxAgeSec"] >= ONE_YEAR and hsts["IncludeSubdomains"] is True
    assert headers["ContentTypeOptions"]["Override"] is True  # X-Content-Type-Options: nosniff
    assert headers["FrameOptions"]["FrameOption"] == "DENY"
    assert headers["ReferrerPolicy"]["ReferrerPolicy"] == "strict-origin-when-cross-origin"
    assert all(h["Override"] is True for h in headers.values())

    csp = directives(render(headers["ContentSecurityPolicy"]["ContentSecurityPolicy"]))
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in csp["style-src"]  # antd's CSS-in-JS
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    bucket = resources.ATTACHMENTS_BUCKET.physical_name(STAGE, PSEUDO["AWS::AccountId"])
    s3_origin = f"https://{bucket}.s3.{CONFIG.region}.amazonaws.com"
    for directive in ("img-src", "connect-src", "frame-src"):
        assert s3_origin in csp[directive], directive  # presigned GETs and POSTs
    assert not any("unsafe-eval" in v for v in csp.values())
