"""Issue 10, security hardening in the deployment template: what a user may write in Cognito,
MFA and threat protection, API throttling, WAF in front of the API and the portal, the portal's
security headers, and API Gateway's own refusals in the app's error envelope."""

from __future__ import annotations

import dataclasses
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


def test_app_client_write_attributes_exclude_the_recovery_email_and_phone(template):
    """A stolen access token must not change where the password-reset code goes (issue 10,
    round 2): UpdateUserAttributes on `email`, then ForgotPassword, would take the account."""
    written = only(template, "AWS::Cognito::UserPoolClient")["WriteAttributes"]
    assert "email" not in written and "phone_number" not in written
    assert not set(written) & set(resources.RECOVERY_ATTRIBUTES)
    pool = only(template, "AWS::Cognito::UserPool")
    assert pool["AccountRecoverySetting"]["RecoveryMechanisms"][0]["Name"] == "verified_email"


def test_the_writable_list_admits_no_recovery_attribute_and_is_never_empty():
    with pytest.raises(ValueError):
        resources.UserPool(write_attributes=("name", "email"))
    with pytest.raises(ValueError):
        resources.UserPool(write_attributes=())


def test_refresh_token_validity_has_one_source(template):
    """The app client's validity and the app's cookie (FUWU_REFRESH_TOKEN_DAYS) both come from
    infra/resources.py's UserPool."""
    days = resources.USER_POOL.refresh_token_days
    client = only(template, "AWS::Cognito::UserPoolClient")
    unit = client.get("TokenValidityUnits", {}).get("RefreshToken", "days")
    per_day = {"days": 1, "hours": 24, "minutes": 24 * 60}[unit]
    assert client["RefreshTokenValidity"] == days * per_day
    functions = of_type(template, "AWS::Serverless::Function") or of_type(
        template, "AWS::Lambda::Function")
    api = [props(f) for name, f in functions.items() if "APIHandler" in name]
    assert api, list(functions)
    assert api[0]["Environment"]["Variables"]["FUWU_REFRESH_TOKEN_DAYS"] == str(days)


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


# --- 3. WAF in front of the portal (CLOUDFRONT, us-east-1) and of the API (REGIONAL) -----------
# Only the portal's distribution may call the API: it adds the origin secret, the API's web ACL
# refuses every request without it, so the per-IP rate of the portal's web ACL (the viewer's own
# address) covers the API as well.

def _rules(acl: dict) -> dict[str, dict]:
    assert len({r["Priority"] for r in acl["Rules"]}) == len(acl["Rules"])
    return {r["Name"]: r for r in acl["Rules"]}


def _blocked_body(acl: dict, rule: dict, status: int) -> dict:
    block = rule["Action"]["Block"]["CustomResponse"]
    assert block["ResponseCode"] == status
    body = acl["CustomResponseBodies"][block["CustomResponseBodyKey"]]
    assert body["ContentType"] == "APPLICATION_JSON"
    return _envelope(body["Content"])


def _check_common_rules(acl: dict) -> None:
    rule = _rules(acl)[protection.COMMON_RULES]
    statement = rule["Statement"]["ManagedRuleGroupStatement"]
    assert statement == {**statement, "VendorName": "AWS", "Name": protection.COMMON_RULES}
    assert rule["OverrideAction"] == {"None": {}}
    # API bodies may exceed the rule set's 8 KB: that one rule counts instead of blocking.
    assert {"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}} in statement[
        "RuleActionOverrides"]
    assert all(o["ActionToUse"] == {"Count": {}} for o in statement["RuleActionOverrides"])


def test_portal_has_a_cloudfront_web_acl_from_the_us_east_1_stack(template, edge_template,
                                                                   manifest):
    assert manifest["artifacts"][f"fuwu-{STAGE}-edge"]["environment"].endswith(f"/{EDGE_REGION}")
    main = manifest["artifacts"][f"fuwu-{STAGE}"]
    assert f"fuwu-{STAGE}-edge" in main["dependencies"]  # `cdk deploy fuwu-<stage>` deploys it first
    ((acl_id, resource),) = of_type(edge_template, "AWS::WAFv2::WebACL").items()
    acl = props(resource)
    assert acl["Scope"] == "CLOUDFRONT" and acl["DefaultAction"] == {"Allow": {}}
    rules = _rules(acl)
    reputation = rules[protection.REPUTATION_RULES]
    assert reputation["Statement"]["ManagedRuleGroupStatement"] == {
        "VendorName": "AWS", "Name": protection.REPUTATION_RULES}
    assert reputation["OverrideAction"] == {"None": {}}
    _check_common_rules(acl)
    # The viewer's own address: CloudFront's web ACL sees the connection's source.
    rate = rules[protection.RATE_RULE]["Statement"]["RateBasedStatement"]
    assert rate == {"AggregateKeyType": "IP", "Limit": CONFIG.waf_ip_requests_per_5_min,
                    "EvaluationWindowSec": 300}
    assert _blocked_body(acl, rules[protection.RATE_RULE], 429)["code"] == "throttled"
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


def api_web_acl(template: dict) -> tuple[str, dict]:
    ((acl_id, acl),) = of_type(template, "AWS::WAFv2::WebACL").items()
    return acl_id, props(acl)


def generated_secret(template: dict, value) -> str:
    """The secret a `{{resolve:secretsmanager:...}}` value reads (its logical id): a secret of
    this stack whose value CloudFormation generated, so the value is in no file."""
    separator, (opening, ref, closing) = value["Fn::Join"]
    assert separator == "" and set(ref) == {"Ref"}
    assert opening == "{{resolve:secretsmanager:" and closing == ":SecretString:::}}"
    secret = template["Resources"][ref["Ref"]]
    assert secret["Type"] == "AWS::SecretsManager::Secret"
    generated = props(secret)["GenerateSecretString"]
    assert "SecretString" not in props(secret)
    assert generated["PasswordLength"] >= 32 and generated["ExcludePunctuation"] is True
    return ref["Ref"]


def test_the_portal_sends_the_origin_secret_to_the_api_only(template):
    distribution = only(template, "AWS::CloudFront::Distribution")["DistributionConfig"]
    origins = {o["Id"]: o for o in distribution["Origins"]}
    (api,) = distribution["CacheBehaviors"]
    api_origin = origins[api["TargetOriginId"]]
    assert api_origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    (header,) = api_origin["OriginCustomHeaders"]
    assert header["HeaderName"] == protection.ORIGIN_HEADER
    sent = generated_secret(template, header["HeaderValue"])
    slots = sorted(of_type(template, "AWS::SecretsManager::Secret"))
    assert len(slots) == len(protection.ORIGIN_SLOTS)
    expected_slot = protection.ORIGIN_SLOTS[CONFIG.origin_secret_rotation % 2]
    assert sent.startswith(f"OriginSecret{expected_slot}")
    site = origins[distribution["DefaultCacheBehavior"]["TargetOriginId"]]
    assert "OriginCustomHeaders" not in site


def test_the_api_web_acl_first_blocks_every_request_without_the_exact_origin_secret(template):
    _, acl = api_web_acl(template)
    rules = sorted(acl["Rules"], key=lambda r: r["Priority"])
    gate = rules[0]
    assert gate["Name"] == protection.ORIGIN_RULE
    managed = [r for r in rules if "ManagedRuleGroupStatement" in r["Statement"]]
    assert managed and all(gate["Priority"] < r["Priority"] for r in managed)
    error = _blocked_body(acl, gate, 403)
    assert error["code"] == "request_blocked"

    accepted = gate["Statement"]["NotStatement"]["Statement"]
    matches = accepted["OrStatement"]["Statements"] if "OrStatement" in accepted else [accepted]
    secrets = []
    for match in matches:
        byte_match = match["ByteMatchStatement"]
        assert byte_match["FieldToMatch"] == {
            "SingleHeader": {"Name": protection.ORIGIN_HEADER.lower()}}
        assert byte_match["PositionalConstraint"] == "EXACTLY"
        assert byte_match["TextTransformations"] == [{"Priority": 0, "Type": "NONE"}]
        secrets.append(generated_secret(template, byte_match["SearchString"]))
    # Both slots (a rotation switches between them); the one CloudFront sends among them.
    assert sorted(secrets) == sorted(of_type(template, "AWS::SecretsManager::Secret"))
    distribution = only(template, "AWS::CloudFront::Distribution")["DistributionConfig"]
    (header,) = [h for o in distribution["Origins"] for h in o.get("OriginCustomHeaders", [])]
    assert generated_secret(template, header["HeaderValue"]) in secrets


def _statements(statement: dict):
    """Every statement nested in a rule statement (and/or/not, rate scope-down)."""
    yield statement
    for kind, body in statement.items():
        if kind in ("AndStatement", "OrStatement"):
            for inner in body["Statements"]:
                yield from _statements(inner)
        elif kind == "NotStatement":
            yield from _statements(body["Statement"])
        elif kind == "RateBasedStatement" and "ScopeDownStatement" in body:
            yield from _statements(body["ScopeDownStatement"])


def test_no_rule_trusts_a_header_the_client_writes(template, edge_template):
    """Via and X-Forwarded-For are whatever the caller sends: no exemption, no rate key."""
    acls = [props(a) for t in (template, edge_template)
            for a in of_type(t, "AWS::WAFv2::WebACL").values()]
    assert len(acls) == 2
    headers = set()
    for acl in acls:
        for rule in acl["Rules"]:
            for statement in _statements(rule["Statement"]):
                for body in statement.values():
                    assert "ForwardedIPConfig" not in body, rule["Name"]
                    if "SingleHeader" in body.get("FieldToMatch", {}):
                        headers.add(body["FieldToMatch"]["SingleHeader"]["Name"].lower())
    assert headers == {protection.ORIGIN_HEADER.lower()}  # no `via`, no other header


def test_api_stage_has_the_regional_web_acl_without_address_rules(template, transformed):
    acl_id, acl = api_web_acl(template)
    assert acl["Scope"] == "REGIONAL" and acl["DefaultAction"] == {"Allow": {}}
    # Behind the gate the source address is always CloudFront's: the address-based rules are
    # the portal's web ACL's, where the address is the viewer's.
    assert set(_rules(acl)) == {protection.ORIGIN_RULE, protection.COMMON_RULES}
    _check_common_rules(acl)
    association = only(template, "AWS::WAFv2::WebACLAssociation")
    assert association["WebACLArn"] == {"Fn::GetAtt": [acl_id, "Arn"]}
    (stage_id,) = of_type(transformed, "AWS::ApiGateway::Stage")
    deployed = props(transformed["Resources"]["ApiWebAclAssociation"])["ResourceArn"]["Fn::Sub"]
    assert deployed.endswith(f":apigateway:${{AWS::Region}}::/restapis/${{RestAPI}}/stages/${{{stage_id}}}")


def test_the_api_web_acl_is_updated_before_the_distribution(template):
    """In a rotation the web ACL accepts the new value before CloudFront starts sending it."""
    acl_id, _ = api_web_acl(template)
    (distribution,) = of_type(template, "AWS::CloudFront::Distribution").values()
    assert acl_id in distribution["DependsOn"]


def test_a_rotation_switches_cloudfront_to_the_other_slot_and_rereads_the_web_acl():
    import aws_cdk as cdk

    seen = []
    for rotation in (0, 1, 2):
        stack = cdk.Stack(cdk.App(), "Rotation")
        config = dataclasses.replace(CONFIG, origin_secret_rotation=rotation)
        origin = protection.origin_secret(stack, config)
        acl = protection.web_acl(stack, "Acl", config, "REGIONAL", "api", origin=origin)
        accepted = [stack.resolve(v) for v in origin.accepted]
        sent = stack.resolve(origin.sent)
        assert sent == accepted[rotation % 2] and origin.sent_slot == "AB"[rotation % 2]
        seen.append((sent, stack.resolve(acl.description)))
    (sent0, description0), (sent1, description1), (sent2, description2) = seen
    assert sent0 != sent1 and sent0 == sent2
    # Every rotation changes the web ACL's properties, so CloudFormation updates it and reads
    # both secrets again (it resolves dynamic references only for a resource it updates).
    assert len({description0, description1, description2}) == 3


def test_the_api_web_acl_cannot_be_built_without_the_origin_secret():
    import aws_cdk as cdk

    with pytest.raises(ValueError):
        protection.web_acl(cdk.Stack(cdk.App(), "NoSecret"), "Acl", CONFIG, "REGIONAL", "api")


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
