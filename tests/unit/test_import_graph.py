"""`import app` must stay light: modules only jobs need (spreadsheets, PDF, images) and
validation libraries used lazily stay out of the API's cold start."""

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ["openpyxl", "xlsxwriter", "reportlab", "fpdf", "PIL", "pillow_heif", "pypdf", "pandas",
         "numpy", "jsonschema", "chalicelib.modules.evidence.images",
         "chalicelib.modules.evidence.report_pdf",
         "chalicelib.modules.figures.tabular", "xlsxwriter", "openpyxl",
         "moto", "flask", "aws_xray_sdk", "werkzeug", "jwt", "cryptography",
         "chinese_calendar", "chalicelib.modules.sla.domain.calendar"]


def test_import_app_does_not_load_heavy_modules():
    root = Path(__file__).resolve().parents[2]
    code = ("import sys, json; import app; "
            f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    env = {**os.environ, "FUWU_TABLE": "t", "AWS_REGION": "ap-east-1"}
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True,
                         text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
