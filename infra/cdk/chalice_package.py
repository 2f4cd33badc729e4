"""Chalice's CDK construct, packaging what `lambda_package.py` describes.

`chalice.cdk.Chalice` runs `chalice package` on `source_dir` and makes the resulting
`deployment.zip` the functions' asset. `PackagedChalice` gives it a staged copy of the project
without `requirements.txt` (so Chalice resolves nothing), and rewrites the zip, before the asset
is made of it, into the pinned dependencies plus the app, all with bytecode.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from chalice.cdk import Chalice
from constructs import Construct

from infra.cdk import lambda_package


class PackagedChalice(Chalice):
    def __init__(self, scope: Construct, construct_id: str, *, project_dir: str,
                 stage_config: dict[str, Any]) -> None:
        self._deps_zip = lambda_package.dependencies_zip()
        lambda_package.WORK.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=lambda_package.WORK, prefix="lambda-src-"))
        try:
            lambda_package.stage_project(Path(project_dir), staging / "project")
            super().__init__(scope, construct_id, source_dir=str(staging / "project"),
                             stage_config=stage_config)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _package_app(self) -> None:
        # Chalice imports the app to build its template: keep the staged copy free of bytecode.
        writes_bytecode = sys.dont_write_bytecode
        sys.dont_write_bytecode = True
        try:
            super()._package_app()
        finally:
            sys.dont_write_bytecode = writes_bytecode
        lambda_package.finish(Path(self._sam_package_dir) / "deployment.zip", self._deps_zip)
