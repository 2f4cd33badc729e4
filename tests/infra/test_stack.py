"""The deployment template: cfn-lint clean, and the production properties the issue asks for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from infra import resources
from infra.cdk.config import STAGES
from infra.cdk.stack import FUNCTIONS

from .conftest import STAGE

CONFIG = STAGES[STAGE]


def of_type(template: dict, kind: str) -> dict[str, dict]:
    return {k: r for k, r in template["Resources"].items() if r["Type"] == kind}


def props(resource: dict) -> dict:
    return resource.get("Properties", {})


def functions(template: dict) -> dict[str, dict]:
    return of_type(template, "AWS::Serverless::Function")


def test_cfn_lint_reports_no_errors(synthesized: Path):
    result = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), "--non-zero-exit-code", "error",
         str(synthesized)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_table_is_the_one_definition_with_pitr_and_deletion_protection(template):
    (table,) = of_type(template, "AWS::DynamoDB::Table").values()
    p = props(table)
    spec = resources.MAIN_TABLE
    assert p["TableName"] == spec.physical_name(STAGE)
    assert p["BillingMode"] == "PAY_PER_REQUEST"
    assert p["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert p["DeletionProtectionEnabled"] is True
    assert table["DeletionPolicy"] == "Retain"
    assert p["KeySchema"] == [{"AttributeName": spec.hash_key, "KeyType": "HASH"},
                              {"AttributeName": spec.range_key, "KeyType": "RANGE"}]
    assert {a["AttributeName"] for a in p["AttributeDefinitions"]} == set(spec.attribute_names())
    indexes = {i["IndexName"]: i for i in p["GlobalSecondaryIndexes"]}
    assert list(indexes) == [i.name for i in spec.indexes]
    for index in spec.indexes:
        assert indexes[index.name]["KeySchema"] == [
            {"AttributeName": index.hash_key, "KeyType": "HASH"},
            {"AttributeName": index.range_key, "KeyType": "RANGE"}]
        assert indexes[index.name]["Projection"] == index.projection_spec()
    assert p["TimeToLiveSpecification"] == {"AttributeName": spec.ttl_attribute, "Enabled": True}


def test_each_partial_build_of_the_orders_indexes_defines_exactly_the_keys_it_uses():
    """A stage builds orders1..orders7 one deploy at a time (`-c order_indexes_built=N`, docs/
    deploy.md "Data migrations"). The five stamp-sorted ones share one sort key `osk`: whatever
    N, the table defines each key attribute once, and only those its indexes use (CloudFormation
    refuses an attribute definition no key uses)."""
    import aws_cdk as cdk
    from aws_cdk.assertions import Template

    from infra.cdk.config import stage_config
    from infra.cdk.stack import FuwuStack

    class TableOnly(cdk.Stack):
        _table = FuwuStack._table
        _built = FuwuStack._built

    spec = resources.MAIN_TABLE
    assert {i.range_key for i in resources.ORDER_INDEXES} == {"osk", "o3sk", "o6sk"}
    for built in range(8):
        app = cdk.App()
        stack = TableOnly(app, f"Built{built}")
        stack.config = stage_config(STAGE, order_indexes="migrating",
                                    order_indexes_built=str(built))
        stack._table(spec, cdk.RemovalPolicy.DESTROY)
        (table,) = of_type(Template.from_stack(stack).to_json(), "AWS::DynamoDB::Table").values()
        p = props(table)
        names = [i["IndexName"] for i in p["GlobalSecondaryIndexes"]]
        orders = resources.ORDER_INDEXES[:built]
        assert names == [*(f"gsi{n}" for n in range(1, 8)), *(i.name for i in orders)]
        defined = [a["AttributeName"] for a in p["AttributeDefinitions"]]
        used = {spec.hash_key, spec.range_key} | {k for i in p["GlobalSecondaryIndexes"]
                                                  for k in (s["AttributeName"]
                                                            for s in i["KeySchema"])}
        assert len(defined) == len(set(defined)) and set(defined) == used
        assert ("osk" in defined) == (built >= 1)


def test_every_bucket_is_private_and_encrypted(template):
    buckets = of_type(template, "AWS::S3::Bucket")
    assert len(buckets) == 2  # attachments and the portal's files
    for bucket in buckets.values():
        p = props(bucket)
        assert p["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True, "BlockPublicPolicy": True,
            "IgnorePublicAcls": True, "RestrictPublicBuckets": True}
        (rule,) = p["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in ("AES256", "aws:kms")


def attachments(template) -> dict:
    (bucket,) = [b for b in of_type(template, "AWS::S3::Bucket").values()
                 if "CorsConfiguration" in props(b)]
    return props(bucket)


def test_attachments_bucket_is_versioned_with_portal_cors_and_lifecycle(template):
    p = attachments(template)
    assert p["VersioningConfiguration"] == {"Status": "Enabled"}
    assert resources.ATTACHMENTS_BUCKET.versioned
    (cors,) = p["CorsConfiguration"]["CorsRules"]
    assert cors["AllowedOrigins"] == [CONFIG.portal_url]
    assert sorted(cors["AllowedMethods"]) == sorted(resources.ATTACHMENTS_BUCKET.cors_methods)
    rules = {r.get("Prefix"): r for r in p["LifecycleConfiguration"]["Rules"]}
    assert rules["thumbs/"]["Status"] == "Enabled"
    assert rules["exports/"]["ExpirationInDays"] > 0
    # a rerun of a monthly report replaces its file: the replaced versions go after a week
    assert rules["monthly/"]["NoncurrentVersionExpiration"]["NoncurrentDays"] == 7
    assert "ExpirationInDays" not in rules["monthly/"]


def test_upload_event_and_export_queue_are_wired(template):
    p = attachments(template)
    (notify,) = p["NotificationConfiguration"]["LambdaConfigurations"]
    assert notify["Event"] == "s3:ObjectCreated:*"
    assert notify["Filter"]["S3Key"]["Rules"] == [{"Name": "prefix", "Value": "uploads/"}]
    assert notify["Function"] == {"Fn::GetAtt": ["AttachmentUploaded", "Arn"]}
    permissions = [props(r) for r in of_type(template, "AWS::Lambda::Permission").values()
                   if props(r).get("Principal") == "s3.amazonaws.com"]
    assert [q["FunctionName"] for q in permissions] == [notify["Function"]]

    (event,) = props(functions(template)["ExportWorker"])["Events"].values()
    assert event["Type"] == "SQS"
    queue_name = resources.EXPORT_QUEUE.physical_name(STAGE)
    assert event["Properties"]["Queue"]["Fn::Sub"].endswith(f":{queue_name}")
    queues = {props(q)["QueueName"]: props(q) for q in of_type(template, "AWS::SQS::Queue").values()}
    queue = queues[queue_name]
    assert queue["VisibilityTimeout"] == resources.EXPORT_QUEUE.visibility_timeout
    assert queue["RedrivePolicy"]["maxReceiveCount"] == resources.EXPORT_QUEUE.max_receives
    assert props(functions(template)["ExportWorker"])["Timeout"] <= queue["VisibilityTimeout"]


def _normalize(name: str) -> str:
    return name.replace("-", "_")


def test_every_scheduled_job_is_wired(template):
    scheduled = {}
    for fn in FUNCTIONS:
        for event in (props(functions(template)[fn.cfn_name]).get("Events") or {}).values():
            if event["Type"] == "Schedule":
                scheduled[_normalize(fn.chalice_name)] = event["Properties"]["Schedule"]
    expected = {name: f"rate({minutes} minutes)" for name, minutes in resources.SCHEDULES}
    expected.update(dict(resources.CRONS))
    assert scheduled == expected


def test_user_pool_has_roles_outlet_password_policy_and_public_client(template):
    (pool,) = of_type(template, "AWS::Cognito::UserPool").values()
    p = props(pool)
    spec = resources.USER_POOL
    assert p["UserPoolName"] == spec.physical_name(STAGE)
    assert p["Policies"]["PasswordPolicy"]["MinimumLength"] == spec.min_password_length
    assert {"Name": resources.OUTLET_ATTRIBUTE, "AttributeDataType": "String",
            "Mutable": True} in p["Schema"]
    assert p["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert p["DeletionProtection"] == "ACTIVE"
    groups = [props(g)["GroupName"] for g in of_type(template, "AWS::Cognito::UserPoolGroup").values()]
    assert sorted(groups) == sorted(resources.ROLES)
    (client,) = of_type(template, "AWS::Cognito::UserPoolClient").values()
    c = props(client)
    assert c["GenerateSecret"] is False
    assert set(spec.auth_flows) <= set(c["ExplicitAuthFlows"])


def test_portal_on_cloudfront_with_oac_spa_fallback_and_api_behavior(template):
    (dist,) = of_type(template, "AWS::CloudFront::Distribution").values()
    d = props(dist)["DistributionConfig"]
    assert of_type(template, "AWS::CloudFront::OriginAccessControl")
    origins = {o["Id"]: o for o in d["Origins"]}
    default = d["DefaultCacheBehavior"]
    assert "OriginAccessControlId" in origins[default["TargetOriginId"]]
    assert default["ViewerProtocolPolicy"] == "redirect-to-https"
    (assoc,) = default["FunctionAssociations"]
    assert assoc["EventType"] == "viewer-request"
    (fn,) = of_type(template, "AWS::CloudFront::Function").values()
    assert "/index.html" in props(fn)["FunctionCode"]
    assert d["DefaultRootObject"] == "index.html"
    (api,) = d["CacheBehaviors"]
    assert api["PathPattern"] == "/api/*"
    assert "POST" in api["AllowedMethods"]
    api_origin = origins[api["TargetOriginId"]]
    assert api_origin["OriginPath"] == "/api"
    assert "RestAPI" in str(api_origin["DomainName"])
    assert of_type(template, "Custom::CDKBucketDeployment")


# The managed policy CachingOptimized: gzip and brotli in the cache key (EnableAcceptEncodingGzip
# and EnableAcceptEncodingBrotli), without which CloudFront does not compress.
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"


def test_the_portal_compresses_its_files_with_brotli_or_gzip(template, synthesized: Path):
    """Issue 12 item 10: the SPA's JavaScript, CSS and HTML leave CloudFront compressed; the
    build's precompressed copies (the local portal's) are not uploaded beside them."""
    (dist,) = of_type(template, "AWS::CloudFront::Distribution").values()
    default = props(dist)["DistributionConfig"]["DefaultCacheBehavior"]
    assert default["Compress"] is True
    assert default["CachePolicyId"] == CACHING_OPTIMIZED
    index = [d for d in synthesized.parent.glob("asset.*") if (d / "index.html").is_file()]
    built = {p.name for p in (Path(__file__).resolve().parents[2] / "frontend" / "dist" / "assets")
             .iterdir() if p.suffix not in (".br", ".gz")}
    hashed = [d for d in synthesized.parent.glob("asset.*")
              if d.is_dir() and {p.name for p in d.iterdir()} == built]
    assert len(index) == 1 and len(hashed) == 1, "the SPA's files and its index are not in the assembly"
    assert not (index[0] / "assets").exists()  # the hashed files go with their own cache rule
    for asset in index + hashed:
        assert not [p.name for p in asset.rglob("*") if p.suffix in (".br", ".gz")]


def _deployment(template, name: str) -> dict:
    (found,) = [props(r) for rid, r in of_type(template, "Custom::CDKBucketDeployment").items()
                if rid.startswith(name)]
    return found


def test_hashed_files_are_cached_for_a_year_and_the_index_is_revalidated(template):
    """A returning phone loads nothing but the index again; a release is seen on the next load.
    Only the build's hashed files (assets/) are immutable: another file keeps its name when it
    changes, so it is revalidated like the index."""
    files, index = _deployment(template, "PortalFiles"), _deployment(template, "PortalIndex")
    assert files["DestinationBucketKeyPrefix"] == "assets/"
    assert files["SystemMetadata"]["cache-control"] == "public, max-age=31536000, immutable"
    assert index["SystemMetadata"]["cache-control"] == "no-cache"
    assert files.get("Prune") is False and index.get("Prune") is False  # open tabs keep chunks
    assert "DistributionId" in index and "DistributionId" not in files


def _statements(template):
    for rid, res in template["Resources"].items():
        if res["Type"] == "AWS::IAM::Role":
            for policy in props(res).get("Policies", []):
                for st in policy["PolicyDocument"]["Statement"]:
                    yield rid, st
        if res["Type"] == "AWS::IAM::Policy":
            for st in props(res)["PolicyDocument"]["Statement"]:
                yield rid, st


def _as_list(value):
    return value if isinstance(value, list) else [value]


def test_no_wildcards_on_dynamodb_or_s3(template):
    seen = 0
    for rid, st in _statements(template):
        actions = _as_list(st.get("Action", []))
        assert "*" not in actions, rid
        assert not {"dynamodb:*", "s3:*"} & set(actions), rid
        if any(a.startswith(("dynamodb:", "s3:")) for a in actions):
            seen += 1
            assert "*" not in _as_list(st["Resource"]), (rid, st)
    assert seen >= len(FUNCTIONS)


def test_each_function_has_its_own_least_privilege_role(template):
    roles = {}
    for fn in FUNCTIONS:
        role_ref = props(functions(template)[fn.cfn_name])["Role"]["Fn::GetAtt"][0]
        roles[fn.cfn_name] = role_ref
        (policy,) = props(template["Resources"][role_ref])["Policies"]
        actions = {a for st in policy["PolicyDocument"]["Statement"] for a in _as_list(st["Action"])}
        services = {a.split(":")[0] for a in actions}
        # a stream's consumer hands the records it gave up on to its failure queue
        assert ("sqs" in services) == (fn.sqs_send or fn.sqs_consume or fn.stream is not None), fn
        assert ("ses" in services) == fn.ses_send, fn
        assert ("cognito-idp" in services) == bool(fn.cognito), fn
        assert ("s3" in services) == bool(fn.s3_objects), fn
        assert not any(a.endswith("*") for a in actions), fn
    assert len(set(roles.values())) == len(FUNCTIONS)


def test_every_function_has_the_powertools_and_app_environment(template):
    fns = functions(template)
    assert set(fns) == {fn.cfn_name for fn in FUNCTIONS}
    for name, fn in fns.items():
        env = props(fn)["Environment"]["Variables"]
        assert env["POWERTOOLS_SERVICE_NAME"] == "fuwu", name
        assert env["POWERTOOLS_METRICS_NAMESPACE"] == "Fuwu", name
        assert env["POWERTOOLS_LOG_LEVEL"] == CONFIG.log_level, name
        assert env["FUWU_STAGE"] == STAGE
        assert env["FUWU_TABLE"] == resources.MAIN_TABLE.physical_name(STAGE)
        assert env["FUWU_ORDER_INDEXES"] == "lean"  # the orders read their own indexes
        assert env["FUWU_ORDER_CLOCKS"] == "compact"  # and keep their clocks compact
        assert env["FUWU_EXPORT_QUEUE"] == resources.EXPORT_QUEUE.physical_name(STAGE)
        assert env["FUWU_PORTAL_URL"] == CONFIG.portal_url
        assert env["FUWU_REPORT_FONT"].startswith("/opt/")
        for key in ("FUWU_ATTACHMENTS_BUCKET", "FUWU_USER_POOL_ID", "FUWU_APP_CLIENT_ID",
                    "FUWU_EXPORT_QUEUE_URL", "FUWU_MAIL_FROM", "FUWU_SES_REGION"):
            assert env[key], (name, key)
        assert props(fn)["Layers"], name  # the report font


def test_mail_identity_is_verified_in_the_ses_region(template):
    (identity,) = of_type(template, "Custom::AWS").values()
    create = str(props(identity)["Create"])
    assert "verifyEmailIdentity" in create
    assert resources.SES_REGION in create and resources.MAIL_FROM in create
