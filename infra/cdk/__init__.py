"""The AWS deployment of Fuwu: one CDK (Python) stack, built from `infra/resources.py`.

`python -m infra.cdk --stage prod` synthesizes the CloudFormation template into
`cdk.out/<stage>/` (offline: no AWS account or credentials needed); `make deploy` hands that
cloud assembly to the pinned CDK CLI. See `docs/deploy.md` and `infra/cdk/README.md`.
"""
