"""Create every table, index, bucket and the user pool from `infra/resources.py`.

Used against moto by `make run` and the tests; returns the settings (names and ids) as the
environment variables that `chalicelib.config` reads.
"""

from __future__ import annotations

import boto3

from infra import resources


def _client(service: str, endpoint_url: str, region: str):
    return boto3.client(service, endpoint_url=endpoint_url, region_name=region)


def create_table(ddb, table: resources.Table, stage: str) -> str:
    name = table.physical_name(stage)
    ddb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"}
                              for a in table.attribute_names()],
        KeySchema=[{"AttributeName": table.hash_key, "KeyType": "HASH"},
                   {"AttributeName": table.range_key, "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[
            {"IndexName": i.name,
             "KeySchema": [{"AttributeName": i.hash_key, "KeyType": "HASH"},
                           {"AttributeName": i.range_key, "KeyType": "RANGE"}],
             "Projection": i.projection_spec()}
            for i in table.indexes
        ],
        **({"StreamSpecification": {"StreamEnabled": True, "StreamViewType": table.stream}}
           if table.stream else {}),
    )
    if table.ttl_attribute:
        ddb.update_time_to_live(TableName=name, TimeToLiveSpecification={
            "Enabled": True, "AttributeName": table.ttl_attribute})
    return name


def create_bucket(s3, bucket: resources.Bucket, stage: str, region: str,
                  origins: tuple[str, ...] = resources.LOCAL_ORIGINS) -> str:
    name = bucket.physical_name(stage)
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
    s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True,
        "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    if bucket.versioned:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    if bucket.cors_methods:
        s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": [{
            "AllowedOrigins": list(origins), "AllowedMethods": list(bucket.cors_methods),
            "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 3000}]})
    if bucket.lifecycle:
        s3.put_bucket_lifecycle_configuration(
            Bucket=name, TransitionDefaultMinimumObjectSize=resources.TRANSITION_MIN_SIZE,
            LifecycleConfiguration={"Rules": [lifecycle_rule(r) for r in bucket.lifecycle]})
    return name


def lifecycle_rule(rule: resources.Lifecycle) -> dict:
    """A bucket's lifecycle rule as S3's API takes it (PutBucketLifecycleConfiguration)."""
    spec: dict = {"ID": rule.id, "Status": "Enabled", "Filter": {"Prefix": rule.prefix}}
    if rule.expire_days is not None:
        spec["Expiration"] = {"Days": rule.expire_days}
    if rule.noncurrent_expire_days is not None:
        spec["NoncurrentVersionExpiration"] = {"NoncurrentDays": rule.noncurrent_expire_days}
    if rule.transition_days is not None:
        spec["Transitions"] = [{"Days": rule.transition_days, "StorageClass": rule.storage_class}]
    if rule.noncurrent_transition_days is not None:
        spec["NoncurrentVersionTransitions"] = [{"NoncurrentDays": rule.noncurrent_transition_days,
                                                 "StorageClass": rule.storage_class}]
    if rule.abort_multipart_days is not None:
        spec["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": rule.abort_multipart_days}
    return spec


def create_user_pool(idp, pool: resources.UserPool, stage: str) -> tuple[str, str]:
    pool_id = idp.create_user_pool(
        PoolName=pool.physical_name(stage),
        Policies={"PasswordPolicy": {"MinimumLength": pool.min_password_length,
                                     "RequireUppercase": True, "RequireLowercase": True,
                                     "RequireNumbers": True, "RequireSymbols": False}},
        Schema=[{"Name": a, "AttributeDataType": "String", "Mutable": True}
                for a in pool.custom_attributes],
    )["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName=pool.client_name, GenerateSecret=False,
        ExplicitAuthFlows=list(pool.auth_flows), WriteAttributes=list(pool.write_attributes),
        RefreshTokenValidity=pool.refresh_token_days,  # days: Cognito's default unit
    )["UserPoolClient"]["ClientId"]
    for group in pool.groups:
        idp.create_group(UserPoolId=pool_id, GroupName=group)
    return pool_id, client_id


def bootstrap(endpoint_url: str, region: str = "ap-east-1", stage: str = "local") -> dict[str, str]:
    """Create everything; return the environment for the app."""
    ddb = _client("dynamodb", endpoint_url, region)
    s3 = _client("s3", endpoint_url, region)
    idp = _client("cognito-idp", endpoint_url, region)
    table = create_table(ddb, resources.MAIN_TABLE, stage)
    bucket = create_bucket(s3, resources.ATTACHMENTS_BUCKET, stage, region)
    pool_id, client_id = create_user_pool(idp, resources.USER_POOL, stage)
    sqs = _client("sqs", endpoint_url, region)
    queue = resources.EXPORT_QUEUE
    export_queue_url = sqs.create_queue(QueueName=queue.physical_name(stage), Attributes={
        "VisibilityTimeout": str(queue.visibility_timeout)})["QueueUrl"]
    _client("ses", endpoint_url, resources.SES_REGION).verify_email_identity(
        EmailAddress=resources.MAIL_FROM)
    return {
        "FUWU_STAGE": stage,
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        "AWS_ENDPOINT_URL": endpoint_url,
        "FUWU_TABLE": table,
        "FUWU_ATTACHMENTS_BUCKET": bucket,
        "FUWU_EXPORT_QUEUE": queue.physical_name(stage),
        "FUWU_EXPORT_QUEUE_URL": export_queue_url,
        "FUWU_USER_POOL_ID": pool_id,
        "FUWU_APP_CLIENT_ID": client_id,
        "FUWU_JWKS_URL": f"{endpoint_url}/{pool_id}/.well-known/jwks.json",
        "FUWU_MAIL_FROM": resources.MAIL_FROM,
        "FUWU_SES_REGION": resources.SES_REGION,
    }
