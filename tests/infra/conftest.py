"""Synthesize the prod stack once per session, offline, the way `make synth` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
STAGE = "prod"

# No account, no credentials, no lookups: what CI has.
OFFLINE_ENV = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "dummy",
    "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_EC2_METADATA_DISABLED": "true",
    "CDK_DEFAULT_ACCOUNT": "123456789012", "CDK_DEFAULT_REGION": "ap-east-1",
    "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION": "1", "JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION": "1",
}


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("cdk")
    spa = ROOT / "frontend" / "dist"
    if not (spa / "index.html").is_file():  # `make test` builds it; plain pytest may not have
        spa = work / "spa"
        spa.mkdir()
        (spa / "index.html").write_text("<!doctype html><title>Fuwu</title>")
    font = FONT
    if not os.path.isfile(font):  # `make fonts` installs it; the template does not depend on it
        font = str(work / "font.ttc")
        Path(font).write_bytes(b"\0" * 16)
    out = work / "assembly"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "FUWU_"))}
    env.update({k: v for k, v in OFFLINE_ENV.items() if v})
    result = subprocess.run(
        [sys.executable, "-m", "infra.cdk", "--stage", STAGE, "--out", str(out),
         "--spa-dir", str(spa), "--font", font],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    return out / f"fuwu-{STAGE}.template.json"


@pytest.fixture(scope="session")
def template(synthesized) -> dict:
    return json.loads(synthesized.read_text())


@pytest.fixture(scope="session")
def edge_template(synthesized) -> dict:
    """`fuwu-<stage>-edge`: what must live in us-east-1 (the portal's CloudFront web ACL)."""
    return json.loads((synthesized.parent / f"fuwu-{STAGE}-edge.template.json").read_text())


@pytest.fixture(scope="session")
def manifest(synthesized) -> dict:
    return json.loads((synthesized.parent / "manifest.json").read_text())


@pytest.fixture(scope="session")
def transformed(template) -> dict:
    """The main template after the SAM transform (offline, as CloudFormation would run it):
    what API Gateway actually gets from the Chalice API's SAM properties."""
    import boto3
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    session = boto3.Session(region_name=OFFLINE_ENV["CDK_DEFAULT_REGION"],
                            aws_access_key_id="offline", aws_secret_access_key="offline")
    return Translator(managed_policy_map={}, sam_parser=Parser(), boto_session=session).translate(
        json.loads(json.dumps(template)), parameter_values={})
