"""The Fuwu stack: API, jobs, table, buckets, user pool, queue, mail identity and the SPA.

Every table, index, bucket, queue and the user pool is built from the objects in
`infra/resources.py` — the same ones `infra/local/bootstrap.py` creates on moto. The Lambda
functions are Chalice's (`chalice.cdk.Chalice` packages `app.py`); each gets its own IAM role
with only the actions and resources it uses (see `infra/cdk/README.md`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import aws_cdk as cdk
from aws_cdk import (
    aws_cloudfront as cloudfront,
)
from aws_cdk import (
    aws_cloudfront_origins as origins,
)
from aws_cdk import (
    aws_cloudwatch as cloudwatch,
)
from aws_cdk import (
    aws_cloudwatch_actions as cloudwatch_actions,
)
from aws_cdk import (
    aws_cognito as cognito,
)
from aws_cdk import (
    aws_dynamodb as dynamodb,
)
from aws_cdk import (
    aws_iam as iam,
)
from aws_cdk import (
    aws_lambda as lambda_,
)
from aws_cdk import (
    aws_logs as logs,
)
from aws_cdk import (
    aws_s3 as s3,
)
from aws_cdk import (
    aws_s3_deployment as s3deploy,
)
from aws_cdk import (
    aws_sns as sns,
)
from aws_cdk import (
    aws_sqs as sqs,
)
from aws_cdk import (
    aws_wafv2 as wafv2,
)
from aws_cdk import (
    custom_resources as cr,
)
from constructs import Construct

from chalicelib.kernel import observability
from infra import resources
from infra.cdk import protection
from infra.cdk.config import StageConfig

REPORT_FONT_IN_LAMBDA = "/opt/fonts/wqy-microhei.ttc"  # the font layer's file, under /opt
API_STAGE = "api"  # API Gateway stage; the routes are under /api too: /api/api/... at the origin


@dataclass(frozen=True)
class Function:
    """One Lambda function of the Chalice app and what it may touch."""

    chalice_name: str  # the Chalice resource name (`name=` of the decorator, or the function's)
    cfn_name: str  # its logical id in Chalice's SAM template
    table: str  # "" | "read" | "readwrite"
    s3_objects: tuple[str, ...] = ()  # S3 object actions on the attachments bucket
    s3_bucket: tuple[str, ...] = ()  # S3 bucket actions (listing versions)
    sqs_send: bool = False
    sqs_consume: bool = False
    ses_send: bool = False
    cognito: tuple[str, ...] = ()
    timeout: int = 30
    job: bool = False  # memory: job size, else API size
    stream: resources.StreamConsumer | None = None  # fed by the table's stream


# infra/resources.py names Cognito attributes as Cognito does; CDK's StandardAttributesMask
# takes them as keyword arguments.
_STANDARD_ATTRIBUTES = {"name": "fullname", "email": "email", "phone_number": "phone_number",
                        "given_name": "given_name", "family_name": "family_name",
                        "preferred_username": "preferred_username", "locale": "locale",
                        "zoneinfo": "timezone"}

S3_READ = ("s3:GetObject", "s3:GetObjectVersion")
S3_WRITE = ("s3:PutObject",)
S3_DELETE = ("s3:DeleteObject", "s3:DeleteObjectVersion")

# What each handler touches (docs/data-model.md, chalicelib/store/*, chalicelib/services/*).
FUNCTIONS = (
    Function("api_handler", "APIHandler", table="readwrite",
             s3_objects=S3_READ + S3_WRITE + S3_DELETE, s3_bucket=("s3:ListBucketVersions",),
             sqs_send=True, cognito=("cognito-idp:InitiateAuth",)),
    Function("sla-sweep", "SlaSweep", table="readwrite", ses_send=True, timeout=300, job=True),
    Function("monthly-report", "MonthlyReport", table="readwrite", s3_objects=S3_READ + S3_WRITE,
             timeout=900, job=True),
    Function("parts-nightly", "PartsNightly", table="readwrite", timeout=600, job=True),
    Function("parts-abc", "PartsAbc", table="readwrite", timeout=900, job=True),
    Function("complaint-rate", "ComplaintRate", table="readwrite", timeout=600, job=True),
    Function("certificate-expiry", "CertificateExpiry", table="readwrite", timeout=300, job=True),
    Function("appraisal-reminder", "AppraisalReminder", table="readwrite", timeout=300, job=True),
    Function("cash-handin", "CashHandin", table="readwrite", timeout=300, job=True),
    Function("inspection-generator", "InspectionGenerator", table="readwrite", timeout=600,
             job=True),
    Function("contract-reminders", "ContractReminders", table="readwrite", timeout=300, job=True),
    Function("attachment_uploaded", "AttachmentUploaded", table="readwrite",
             s3_objects=S3_READ + S3_WRITE + S3_DELETE, s3_bucket=("s3:ListBucketVersions",),
             timeout=120, job=True),
    # Fed by the table's stream: reads the directory (the reader's e-mail choice), sends, and
    # puts a mail SES refused into the outbox index for the SLA sweep (which sends those).
    Function("mail_sender", "MailSender", table="readwrite", ses_send=True, timeout=60, job=True,
             stream=resources.MAIL_SENDER),
    # At most the queue's visibility timeout (infra/resources.py), or SQS redelivers mid-run.
    Function("export_worker", "ExportWorker", table="readwrite", s3_objects=S3_READ + S3_WRITE,
             sqs_consume=True, timeout=min(840, resources.EXPORT_QUEUE.visibility_timeout), job=True),
)

DDB_READ = ("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable")
DDB_WRITE = ("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
             "dynamodb:BatchWriteItem")


# S3's TransitionDefaultMinimumObjectSize values (infra/resources.py) as CDK names them
_MIN_SIZE = {"all_storage_classes_128K": s3.TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K,
             "varies_by_storage_class": s3.TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS}


def _lifecycle_rule(rule: resources.Lifecycle) -> s3.LifecycleRule:
    """A bucket's lifecycle rule (infra/resources.py) as CDK takes it."""
    def days(n: int | None) -> cdk.Duration | None:
        return None if n is None else cdk.Duration.days(n)

    moved_to = s3.StorageClass(rule.storage_class) if rule.storage_class else None
    return s3.LifecycleRule(
        id=rule.id, prefix=rule.prefix or None, expiration=days(rule.expire_days),
        noncurrent_version_expiration=days(rule.noncurrent_expire_days),
        abort_incomplete_multipart_upload_after=days(rule.abort_multipart_days),
        transitions=None if rule.transition_days is None else [s3.Transition(
            storage_class=moved_to, transition_after=days(rule.transition_days))],
        noncurrent_version_transitions=None if rule.noncurrent_transition_days is None else [
            s3.NoncurrentVersionTransition(storage_class=moved_to,
                                           transition_after=days(rule.noncurrent_transition_days))])


def function_name(stage: str, fn: Function) -> str:
    return f"fuwu-{stage}-{fn.chalice_name.replace('_', '-')}"


class FuwuStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, *, config: StageConfig,
                 spa_dir: str, font_layer_dir: str, portal_web_acl_arn: str, **kwargs) -> None:
        # The portal's web ACL is in us-east-1 (EdgeStack): its ARN crosses regions.
        super().__init__(scope, construct_id, cross_region_references=True, **kwargs)
        self.config = config
        stage = config.name
        removal = cdk.RemovalPolicy.RETAIN if config.retain_data else cdk.RemovalPolicy.DESTROY

        self.table = self._table(resources.MAIN_TABLE, removal)
        # Referred to by name, not by Ref: the bucket's notification needs the function first.
        self.attachments_name = resources.ATTACHMENTS_BUCKET.physical_name(stage, cdk.Aws.ACCOUNT_ID)
        self.attachments_arn = f"arn:{cdk.Aws.PARTITION}:s3:::{self.attachments_name}"
        self.attachments = self._attachments_bucket(resources.ATTACHMENTS_BUCKET, removal)
        self.pool, self.client = self._user_pool(resources.USER_POOL, removal)
        self.queue, self.dlq = self._queue(resources.EXPORT_QUEUE)
        self.failure_queues = {fn.cfn_name: self._failure_queue(fn) for fn in FUNCTIONS
                               if fn.stream is not None}
        self._mail_identity()

        font_layer = lambda_.LayerVersion(
            self, "ReportFont", code=lambda_.Code.from_asset(font_layer_dir),
            description="WenQuanYi Micro Hei (fonts-wqy-microhei) for service-report PDFs",
            compatible_runtimes=[lambda_.Runtime.PYTHON_3_11])

        self.chalice = self._chalice_app(font_layer)
        self._wire_upload_event()
        self._protect_api()
        self.alarm_topic = self._business_metrics()
        for fn in FUNCTIONS:
            if fn.stream is not None:
                self._wire_stream(fn)
        self.distribution = self._portal(spa_dir, removal, portal_web_acl_arn)

        cdk.CfnOutput(self, "OutPortalUrl", value=config.portal_url)
        cdk.CfnOutput(self, "OutDistributionDomainName", value=self.distribution.distribution_domain_name)
        cdk.CfnOutput(self, "OutUserPoolId", value=self.pool.user_pool_id)
        cdk.CfnOutput(self, "OutAppClientId", value=self.client.user_pool_client_id)
        cdk.CfnOutput(self, "OutTableName", value=self.table.table_name)
        cdk.CfnOutput(self, "OutAttachmentsBucket", value=self.attachments.bucket_name)
        cdk.CfnOutput(self, "OutExportQueueUrl", value=self.queue.queue_url)
        cdk.CfnOutput(self, "OutAlarmTopicArn", value=self.alarm_topic.topic_arn)
        for slot, secret in zip(protection.ORIGIN_SLOTS, self.origin.secrets, strict=True):
            cdk.CfnOutput(self, f"OutOriginSecret{slot}", value=secret.secret_arn)

    # --- data ------------------------------------------------------------------------------

    def _table(self, spec: resources.Table, removal: cdk.RemovalPolicy) -> dynamodb.Table:
        def key(name: str) -> dynamodb.Attribute:
            return dynamodb.Attribute(name=name, type=dynamodb.AttributeType.STRING)

        table = dynamodb.Table(
            self, "MainTable", table_name=spec.physical_name(self.config.name),
            partition_key=key(spec.hash_key), sort_key=key(spec.range_key),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True),
            deletion_protection=self.config.retain_data,
            encryption=dynamodb.TableEncryption.AWS_MANAGED,
            time_to_live_attribute=spec.ttl_attribute,
            stream=dynamodb.StreamViewType[spec.stream] if spec.stream else None,
            removal_policy=removal)
        for index in self._built(spec.indexes):
            table.add_global_secondary_index(
                index_name=index.name, partition_key=key(index.hash_key),
                sort_key=key(index.range_key),
                projection_type=dynamodb.ProjectionType[index.projection],
                non_key_attributes=list(index.non_key_attributes) or None)
        return table

    def _built(self, indexes) -> list:
        """The table's indexes as far as they are built: all of them but the orders' own past
        `order_indexes_built` (CloudFormation adds one index to a table per deployment)."""
        names = [i.name for i in resources.ORDER_INDEXES][:self.config.order_indexes_built]
        return [i for i in indexes if i not in resources.ORDER_INDEXES or i.name in names]

    def _attachments_bucket(self, spec: resources.Bucket, removal: cdk.RemovalPolicy) -> s3.Bucket:
        bucket = s3.Bucket(
            self, "AttachmentsBucket",
            bucket_name=self.attachments_name,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED, enforce_ssl=True,
            versioned=spec.versioned,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            cors=[s3.CorsRule(
                allowed_origins=[self.config.portal_url],
                allowed_methods=[s3.HttpMethods(m) for m in spec.cors_methods],
                allowed_headers=["*"], exposed_headers=["ETag"], max_age=3000)],
            lifecycle_rules=[_lifecycle_rule(rule) for rule in spec.lifecycle],
            transition_default_minimum_object_size=_MIN_SIZE[resources.TRANSITION_MIN_SIZE],
            removal_policy=removal, auto_delete_objects=False)
        return bucket

    def _user_pool(self, spec: resources.UserPool, removal: cdk.RemovalPolicy):
        pool = cognito.UserPool(
            self, "UserPool", user_pool_name=spec.physical_name(self.config.name),
            self_sign_up_enabled=False, sign_in_aliases=cognito.SignInAliases(username=True),
            password_policy=cognito.PasswordPolicy(
                min_length=spec.min_password_length, require_uppercase=True,
                require_lowercase=True, require_digits=True, require_symbols=False,
                temp_password_validity=cdk.Duration.days(7)),
            custom_attributes={a: cognito.StringAttribute(mutable=True)
                               for a in spec.custom_attributes},
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            # TOTP for whoever sets it up (head office: docs/deploy.md); no SMS.
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(sms=False, otp=True),
            **self._threat_protection(),
            deletion_protection=self.config.retain_data,
            removal_policy=removal)
        flows = set(spec.auth_flows)
        client = pool.add_client(
            "SpaClient", user_pool_client_name=spec.client_name, generate_secret=False,
            auth_flows=cognito.AuthFlow(user_password="ALLOW_USER_PASSWORD_AUTH" in flows),
            # What a user may change about themselves with their own access token: no custom
            # attribute (custom:outlet is admin-written). Reading stays unrestricted.
            write_attributes=cognito.ClientAttributes().with_standard_attributes(
                **{_STANDARD_ATTRIBUTES[a]: True for a in spec.write_attributes}),
            # The app signs in with USER_PASSWORD_AUTH through the API; no hosted UI, no OAuth
            # (CDK's default would allow the implicit grant to https://example.com).
            disable_o_auth=True,
            refresh_token_validity=cdk.Duration.days(spec.refresh_token_days),
            prevent_user_existence_errors=True)
        if self.config.threat_protection == "FULL_FUNCTION":
            self._sign_in_risk_actions(pool)
        for group in spec.groups:
            cognito.CfnUserPoolGroup(self, f"Group{group.title().replace('_', '')}",
                                     user_pool_id=pool.user_pool_id, group_name=group)
        return pool, client

    def _threat_protection(self) -> dict:
        mode = self.config.threat_protection
        if not mode:  # explicitly off, so that leaving the Plus plan also turns it off
            return {"feature_plan": cognito.FeaturePlan.ESSENTIALS,
                    "standard_threat_protection_mode":
                        cognito.StandardThreatProtectionMode.NO_ENFORCEMENT}
        return {"feature_plan": cognito.FeaturePlan.PLUS,
                "standard_threat_protection_mode": cognito.StandardThreatProtectionMode[mode]}

    def _sign_in_risk_actions(self, pool: cognito.UserPool) -> None:
        """What full-function threat protection does (docs/deploy.md "Sign-in protection"):
        a password found in public leaks is refused; a risky sign-in needs the user's TOTP
        code if they set one up (medium) or always (high: without TOTP that is a refusal)."""
        def action(event_action: str):
            return cognito.CfnUserPoolRiskConfigurationAttachment.AccountTakeoverActionTypeProperty(
                event_action=event_action, notify=False)

        cognito.CfnUserPoolRiskConfigurationAttachment(
            self, "SignInRiskActions", user_pool_id=pool.user_pool_id, client_id="ALL",
            compromised_credentials_risk_configuration=cognito.CfnUserPoolRiskConfigurationAttachment
            .CompromisedCredentialsRiskConfigurationTypeProperty(
                actions=cognito.CfnUserPoolRiskConfigurationAttachment
                .CompromisedCredentialsActionsTypeProperty(event_action="BLOCK"),
                event_filter=["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"]),
            account_takeover_risk_configuration=cognito.CfnUserPoolRiskConfigurationAttachment
            .AccountTakeoverRiskConfigurationTypeProperty(
                actions=cognito.CfnUserPoolRiskConfigurationAttachment
                .AccountTakeoverActionsTypeProperty(
                    low_action=action("NO_ACTION"), medium_action=action("MFA_IF_CONFIGURED"),
                    high_action=action("MFA_REQUIRED"))))

    def _queue(self, spec: resources.Queue):
        dlq = sqs.Queue(self, "ExportDeadLetters", queue_name=f"{spec.physical_name(self.config.name)}-dlq",
                        encryption=sqs.QueueEncryption.SQS_MANAGED, enforce_ssl=True,
                        retention_period=cdk.Duration.days(14))
        queue = sqs.Queue(
            self, "ExportQueue", queue_name=spec.physical_name(self.config.name),
            visibility_timeout=cdk.Duration.seconds(spec.visibility_timeout),
            encryption=sqs.QueueEncryption.SQS_MANAGED, enforce_ssl=True,
            dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=spec.max_receives, queue=dlq))
        return queue, dlq

    def _mail_identity(self) -> None:
        """The SES identity of MAIL_FROM, in SES_REGION (SES is not in every region, so a
        custom resource calls SES there rather than a resource of this stack's region)."""
        identity = resources.MAIL_FROM
        arn = self._ses_identity_arn()
        on_delete = None if self.config.retain_data else cr.AwsSdkCall(
            service="SES", action="deleteIdentity", parameters={"Identity": identity},
            region=resources.SES_REGION)
        cr.AwsCustomResource(
            self, "MailIdentity",
            on_create=cr.AwsSdkCall(
                service="SES", action="verifyEmailIdentity", parameters={"EmailAddress": identity},
                region=resources.SES_REGION, physical_resource_id=cr.PhysicalResourceId.of(identity)),
            on_delete=on_delete,
            # SES's Verify*/DeleteIdentity take no resource ARN: IAM only allows "*" for them.
            policy=cr.AwsCustomResourcePolicy.from_statements([iam.PolicyStatement(
                actions=["ses:VerifyEmailIdentity", "ses:DeleteIdentity"], resources=["*"])]),
            install_latest_aws_sdk=False)
        self.ses_identity_arn = arn

    def _ses_identity_arn(self) -> str:
        return (f"arn:{cdk.Aws.PARTITION}:ses:{resources.SES_REGION}:{cdk.Aws.ACCOUNT_ID}:"
                f"identity/{resources.MAIL_FROM}")

    # --- functions -------------------------------------------------------------------------

    def _environment(self) -> dict[str, str]:
        """What `chalicelib.config` reads (plain values; tokens are added per function)."""
        cfg = self.config
        return {
            "FUWU_STAGE": cfg.name,
            "FUWU_TABLE": resources.MAIN_TABLE.physical_name(cfg.name),
            "FUWU_EXPORT_QUEUE": resources.EXPORT_QUEUE.physical_name(cfg.name),
            "FUWU_PORTAL_URL": cfg.portal_url,
            "FUWU_MAIL_FROM": resources.MAIL_FROM,
            "FUWU_SES_REGION": resources.SES_REGION,
            "FUWU_REPORT_FONT": REPORT_FONT_IN_LAMBDA,
            "FUWU_REFRESH_TOKEN_DAYS": str(resources.USER_POOL.refresh_token_days),
            "FUWU_ORDER_INDEXES": cfg.order_indexes,
            "FUWU_ORDER_CLOCKS": cfg.order_clocks,
            "POWERTOOLS_SERVICE_NAME": observability.SERVICE,
            "POWERTOOLS_METRICS_NAMESPACE": observability.NAMESPACE,
            "POWERTOOLS_LOG_LEVEL": cfg.log_level,
            "POWERTOOLS_DEV": "false",
        }

    def _chalice_app(self, font_layer: lambda_.LayerVersion):
        from infra.cdk import chalice_s3
        from infra.cdk.chalice_package import PackagedChalice
        chalice_s3.install()

        stage = self.config.name
        env = self._environment()
        # The S3-event and SQS decorators read the bucket and queue names at import time.
        os.environ.update({"FUWU_EXPORT_QUEUE": env["FUWU_EXPORT_QUEUE"],
                           "FUWU_ATTACHMENTS_BUCKET": resources.ATTACHMENTS_BUCKET.physical_name(stage)})
        stage_config = {
            "api_gateway_stage": API_STAGE,
            "api_gateway_endpoint_type": "REGIONAL",  # CloudFront (the portal) is in front of it
            "autogen_policy": False,
            # Roles are this stack's (one per function); the placeholder is replaced below.
            "manage_iam_role": False,
            "iam_role_arn": "arn:aws:iam::000000000000:role/replaced-by-the-stack",
            "environment_variables": env,
            "lambda_memory_size": self.config.api_memory_mb,
            "lambda_timeout": 30,
            "automatic_layer": False,
            "lambda_functions": {
                fn.chalice_name: {"lambda_timeout": fn.timeout,
                                  "lambda_memory_size": self.config.job_memory_mb if fn.job
                                  else self.config.api_memory_mb}
                for fn in FUNCTIONS},
        }
        project_dir = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
        # Pinned dependencies and bytecode (infra/cdk/lambda_package.py).
        app = PackagedChalice(self, "Api", project_dir=project_dir, stage_config=stage_config)

        tokens = {
            "FUWU_ATTACHMENTS_BUCKET": self.attachments_name,
            "FUWU_USER_POOL_ID": self.pool.user_pool_id,
            "FUWU_APP_CLIENT_ID": self.client.user_pool_client_id,
            "FUWU_EXPORT_QUEUE_URL": self.queue.queue_url,
        }
        self.roles: dict[str, iam.Role] = {}
        for fn in FUNCTIONS:
            cfn = app.get_resource(fn.cfn_name)
            name = function_name(stage, fn)
            log_group = logs.LogGroup(
                self, f"{fn.cfn_name}Logs", log_group_name=f"/aws/lambda/{name}",
                retention=logs.RetentionDays[self.config.log_retention],
                removal_policy=cdk.RemovalPolicy.DESTROY)
            role = self._role(fn, log_group)
            self.roles[fn.cfn_name] = role
            cfn.add_override("Properties.FunctionName", name)
            cfn.add_override("Properties.Role", role.role_arn)
            cfn.add_override("Properties.Layers", [font_layer.layer_version_arn])
            for key, value in tokens.items():
                cfn.add_override(f"Properties.Environment.Variables.{key}", value)
            cfn.node.add_dependency(log_group)
        return app

    def _role(self, fn: Function, log_group: logs.LogGroup) -> iam.Role:
        statements = [iam.PolicyStatement(
            sid="OwnLogs", actions=["logs:CreateLogStream", "logs:PutLogEvents"],
            resources=[log_group.log_group_arn])]
        table_resources = [self.table.table_arn, f"{self.table.table_arn}/index/*"]
        if fn.table == "read":
            statements.append(iam.PolicyStatement(sid="TableRead", actions=list(DDB_READ),
                                                   resources=table_resources))
        elif fn.table == "readwrite":
            statements.append(iam.PolicyStatement(sid="TableReadWrite",
                                                   actions=list(DDB_READ + DDB_WRITE),
                                                   resources=table_resources))
        if fn.s3_objects:
            statements.append(iam.PolicyStatement(
                sid="AttachmentObjects", actions=list(fn.s3_objects),
                resources=[f"{self.attachments_arn}/*"]))
        if fn.s3_bucket:
            statements.append(iam.PolicyStatement(
                sid="AttachmentVersions", actions=list(fn.s3_bucket),
                resources=[self.attachments_arn]))
        if fn.sqs_send:
            statements.append(iam.PolicyStatement(sid="QueueExports", actions=["sqs:SendMessage"],
                                                   resources=[self.queue.queue_arn]))
        if fn.sqs_consume:
            statements.append(iam.PolicyStatement(
                sid="ConsumeExports",
                actions=["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                         "sqs:ChangeMessageVisibility"],
                resources=[self.queue.queue_arn]))
        if fn.ses_send:
            statements.append(iam.PolicyStatement(
                sid="SendMail", actions=["ses:SendEmail", "ses:SendRawEmail"],
                resources=[self.ses_identity_arn]))
        if fn.cognito:
            statements.append(iam.PolicyStatement(sid="SignIn", actions=list(fn.cognito),
                                                   resources=[self.pool.user_pool_arn]))
        if fn.stream is not None:
            statements.append(iam.PolicyStatement(
                sid="ReadTableStream",
                actions=["dynamodb:DescribeStream", "dynamodb:GetRecords",
                         "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
                resources=[f"{self.table.table_arn}/stream/*"]))
            statements.append(iam.PolicyStatement(
                sid="FailedRecords", actions=["sqs:SendMessage"],
                resources=[self.failure_queues[fn.cfn_name].queue_arn]))
        # Inline (part of the role resource), so the policy exists before the function and its
        # event source mapping, which checks the role's SQS permissions when it is created.
        return iam.Role(
            self, f"{fn.cfn_name}Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"Fuwu {self.config.name} {fn.chalice_name}: least privilege",
            inline_policies={"least-privilege": iam.PolicyDocument(statements=statements)})

    def _failure_queue(self, fn: Function) -> sqs.Queue:
        """Where the stream's event source mapping reports a batch a consumer kept failing on:
        the shard and the sequence numbers (the records stay on the stream 24 hours; the
        report here 14 days)."""
        return sqs.Queue(self, f"{fn.cfn_name}Failures",
                         queue_name=f"fuwu-{self.config.name}-{fn.stream.failure_queue}",
                         encryption=sqs.QueueEncryption.SQS_MANAGED, enforce_ssl=True,
                         retention_period=cdk.Duration.days(14))

    def _wire_stream(self, fn: Function) -> None:
        """The table's stream → the function, as `fn.stream` says (resources.StreamConsumer:
        the filter, the batch, the retries), failed records to its failure queue, and an alarm
        on that queue to the alarm topic."""
        consumer = fn.stream
        function_arn = self.chalice.sam_template.get_resource(fn.cfn_name).get_att("Arn")
        failures = self.failure_queues[fn.cfn_name]
        mapping = lambda_.CfnEventSourceMapping(
            self, f"{fn.cfn_name}Stream", function_name=function_arn.to_string(),
            # the stream is enabled with this mapping: it holds only this release's writes
            event_source_arn=self.table.table_stream_arn, starting_position="TRIM_HORIZON",
            batch_size=consumer.batch_size, maximum_batching_window_in_seconds=1,
            bisect_batch_on_function_error=True,
            maximum_retry_attempts=consumer.max_retries,
            maximum_record_age_in_seconds=consumer.max_age,
            function_response_types=["ReportBatchItemFailures"],
            filter_criteria=lambda_.CfnEventSourceMapping.FilterCriteriaProperty(filters=[
                lambda_.CfnEventSourceMapping.FilterProperty(
                    pattern=json.dumps(consumer.filter_pattern()))]),
            destination_config=lambda_.CfnEventSourceMapping.DestinationConfigProperty(
                on_failure=lambda_.CfnEventSourceMapping.OnFailureProperty(
                    destination=failures.queue_arn)))
        mapping.node.add_dependency(self.roles[fn.cfn_name])
        alarm = cloudwatch.Alarm(
            self, f"{fn.cfn_name}FailuresAlarm",
            alarm_name=f"fuwu-{self.config.name}-{consumer.failure_queue}",
            alarm_description=f"{fn.chalice_name} gave up on a stream record: see its failure "
                              "queue (docs/operations.md)",
            metric=failures.metric_approximate_number_of_messages_visible(
                period=cdk.Duration.minutes(5)),
            threshold=1, evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING)
        alarm.add_alarm_action(cloudwatch_actions.SnsAction(self.alarm_topic))

    def _wire_upload_event(self) -> None:
        """uploads/ objects → attachment_uploaded, as the bucket's own notification
        configuration (no custom resource, no role with s3:PutBucketNotification on *)."""
        function_arn = self.chalice.sam_template.get_resource("AttachmentUploaded").get_att("Arn")
        permission = lambda_.CfnPermission(
            self, "AttachmentUploadedFromS3", action="lambda:InvokeFunction",
            function_name=function_arn.to_string(), principal="s3.amazonaws.com",
            source_account=cdk.Aws.ACCOUNT_ID,
            source_arn=self.attachments_arn)
        bucket = self.attachments.node.default_child
        bucket.notification_configuration = s3.CfnBucket.NotificationConfigurationProperty(
            lambda_configurations=[s3.CfnBucket.LambdaConfigurationProperty(
                event="s3:ObjectCreated:*", function=function_arn.to_string(),
                filter=s3.CfnBucket.NotificationFilterProperty(
                    s3_key=s3.CfnBucket.S3KeyFilterProperty(rules=[
                        s3.CfnBucket.FilterRuleProperty(name="prefix", value="uploads/")])))])
        bucket.node.add_dependency(permission)

    def _protect_api(self) -> None:
        """Throttling and error envelope on the Chalice REST API's stage; the REGIONAL web ACL
        in front of it. The execute-api address is public: that web ACL refuses whatever lacks
        the origin secret, which only the portal's distribution adds (`_portal`), so every API
        request has passed CloudFront's web ACL (per viewer address) first."""
        rest_api = self.chalice.sam_template.get_resource("RestAPI")
        rest_api.add_property_override("MethodSettings", protection.method_settings(self.config))
        rest_api.add_property_override("GatewayResponses", protection.gateway_responses())
        self.origin = protection.origin_secret(self, self.config)
        self.api_web_acl = protection.web_acl(self, "ApiWebAcl", self.config, "REGIONAL", "api",
                                              origin=self.origin)
        # `${RestAPI.Stage}` is SAM's name for the stage it creates: the reference also orders
        # the association after the stage.
        stage_arn = cdk.Fn.sub("arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/"
                               "${RestAPI}/stages/${RestAPI.Stage}")
        wafv2.CfnWebACLAssociation(self, "ApiWebAclAssociation", resource_arn=stage_arn,
                                   web_acl_arn=self.api_web_acl.attr_arn)

    # --- business metrics ---------------------------------------------------------------------

    def _business_metrics(self) -> sns.Topic:
        """The dashboard and the alarms on the business events that the registry publishes as
        metrics (`observability.EVENTS`): each published name is used here, and no other name
        is sent to CloudWatch (the rest are log lines: docs/operations.md). Alarms notify the
        topic; subscribe the on-call address to it (docs/operations.md)."""
        stage = self.config.name
        topic = sns.Topic(self, "Alarms", topic_name=f"fuwu-{stage}-alarms",
                          display_name=f"Fuwu {stage} alarms", enforce_ssl=True)

        def metric(name: str, period: cdk.Duration) -> cloudwatch.Metric:
            return cloudwatch.Metric(namespace=observability.NAMESPACE, metric_name=name,
                                     dimensions_map=observability.DIMENSIONS,
                                     statistic=cloudwatch.Stats.SUM, period=period)

        graphs: dict[observability.Widget, list[str]] = {}
        alarms: list[cloudwatch.Alarm] = []
        for name, use in observability.EVENTS.items():
            if use is None:
                continue
            if use.widget is not None:
                graphs.setdefault(use.widget, []).append(name)
            if use.alarm is not None:
                alarm = cloudwatch.Alarm(
                    self, f"{name}Alarm", alarm_name=f"fuwu-{stage}-{name}",
                    alarm_description=use.alarm.description,
                    metric=metric(name, cdk.Duration.minutes(use.alarm.period_minutes)),
                    threshold=use.alarm.threshold, evaluation_periods=1,
                    comparison_operator=cloudwatch.ComparisonOperator
                    .GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING)
                alarm.add_alarm_action(cloudwatch_actions.SnsAction(topic))
                alarms.append(alarm)
        dashboard = cloudwatch.Dashboard(self, "BusinessDashboard",
                                         dashboard_name=f"fuwu-{stage}-business",
                                         default_interval=cdk.Duration.days(30))
        dashboard.add_widgets(*[
            cloudwatch.GraphWidget(title=widget.title, width=12,
                                   left=[metric(name, cdk.Duration.days(1)) for name in names])
            for widget, names in graphs.items()])
        if alarms:
            dashboard.add_widgets(cloudwatch.AlarmStatusWidget(
                title="告警 Alarms", alarms=alarms, width=24))
        return topic

    # --- the portal --------------------------------------------------------------------------

    def _portal(self, spa_dir: str, removal: cdk.RemovalPolicy,
                web_acl_arn: str) -> cloudfront.Distribution:
        site = s3.Bucket(
            self, "PortalBucket", block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED, enforce_ssl=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            removal_policy=cdk.RemovalPolicy.DESTROY, auto_delete_objects=False)
        # Client routes (/orders/123) are the SPA's: every path without a file extension
        # is index.html. Only on the default behavior, so /api/* 404s stay the API's.
        spa_fallback = cloudfront.Function(
            self, "SpaFallback", runtime=cloudfront.FunctionRuntime.JS_2_0,
            comment="SPA fallback: extension-less paths serve /index.html",
            code=cloudfront.FunctionCode.from_inline(
                "function handler(event) {\n"
                "  var request = event.request;\n"
                "  var last = request.uri.split('/').pop();\n"
                "  if (last.indexOf('.') === -1) { request.uri = '/index.html'; }\n"
                "  return request;\n"
                "}\n"))
        rest_api = self.chalice.sam_template.get_resource("RestAPI")
        api_domain = cdk.Fn.join("", [rest_api.ref, ".execute-api.", cdk.Aws.REGION, ".",
                                      cdk.Aws.URL_SUFFIX])
        certificate_arn = self.node.try_get_context("certificate_arn")
        certificate = None
        domain_names = None
        if certificate_arn:
            from aws_cdk import aws_certificatemanager as acm
            certificate = acm.Certificate.from_certificate_arn(self, "PortalCertificate", certificate_arn)
            domain_names = [self.config.portal_domain]
        else:
            cdk.Annotations.of(self).add_info(
                f"no certificate_arn: the distribution answers on its *.cloudfront.net name only, "
                f"while the app expects {self.config.portal_url} (see docs/deploy.md)")
        # Browsers fetch photos from and upload to the attachments bucket's regional endpoint
        # (virtual-hosted presigned URLs, chalicelib/store/evidence.py).
        attachments_origin = f"https://{self.attachments_name}.s3.{cdk.Aws.REGION}.{cdk.Aws.URL_SUFFIX}"
        headers = protection.security_headers(self, self.config, attachments_origin)
        distribution = cloudfront.Distribution(
            self, "Portal", comment=f"Fuwu portal ({self.config.name})",
            default_root_object="index.html", web_acl_id=web_acl_arn,
            domain_names=domain_names, certificate=certificate,
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            price_class=cloudfront.PriceClass.PRICE_CLASS_200,
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(site),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                # The SPA's text files go out with brotli or gzip, per the browser's
                # Accept-Encoding (CachingOptimized keys the cache on it); the first load on a
                # weak phone connection is ~3x smaller (docs/deploy.md "Compression").
                compress=True,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=headers,
                function_associations=[cloudfront.FunctionAssociation(
                    function=spa_fallback, event_type=cloudfront.FunctionEventType.VIEWER_REQUEST)]),
            additional_behaviors={"/api/*": cloudfront.BehaviorOptions(
                origin=origins.HttpOrigin(
                    api_domain, origin_path=f"/{API_STAGE}",
                    protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
                    # What the API's web ACL requires (a dynamic reference, resolved by
                    # CloudFormation; HTTPS only, so it never travels in clear).
                    custom_headers={protection.ORIGIN_HEADER: self.origin.sent}),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
                cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
                response_headers_policy=headers,
                origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)})
        # The API's web ACL is updated before the distribution: in a rotation it accepts the
        # new value before CloudFront starts sending it (docs/deploy.md "The origin secret").
        distribution.node.add_dependency(self.api_web_acl)
        # CloudFront compresses at the edge: the build's precompressed copies (for the local
        # portal) are not uploaded. The build's hashed files (assets/) are cached by browsers
        # for a year (a new build names new files; the old ones stay for tabs still open on
        # the old index); the index and any other file are revalidated on every load, so a
        # release is seen at once.
        precompressed = ["*.br", "*.gz"]
        s3deploy.BucketDeployment(
            self, "PortalFiles",
            sources=[s3deploy.Source.asset(os.path.join(spa_dir, "assets"), exclude=precompressed)],
            destination_bucket=site, destination_key_prefix="assets/", memory_limit=512,
            prune=False,
            cache_control=[s3deploy.CacheControl.set_public(),
                           s3deploy.CacheControl.max_age(cdk.Duration.days(365)),
                           s3deploy.CacheControl.immutable()])
        index = s3deploy.BucketDeployment(
            self, "PortalIndex",
            sources=[s3deploy.Source.asset(spa_dir, exclude=["assets", *precompressed])],
            destination_bucket=site, distribution=distribution, distribution_paths=["/*"],
            memory_limit=512, prune=False, cache_control=[s3deploy.CacheControl.no_cache()])
        index.node.add_dependency(self.node.find_child("PortalFiles"))  # the files it names first
        return distribution
