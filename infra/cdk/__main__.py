"""Synthesize the Fuwu stack: `python -m infra.cdk --stage prod [--out cdk.out/prod]`.

Runs offline: no AWS account, credentials or lookups. The template is environment-agnostic
in the account (`${AWS::AccountId}` where an account is needed); the region is the stage's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"  # Debian's fonts-wqy-microhei


def font_layer(work: Path, font: str) -> Path:
    """A Lambda layer directory with the report font at /opt/fonts/wqy-microhei.ttc."""
    if not os.path.isfile(font):
        raise SystemExit(f"report font {font} is missing: run `make fonts`")
    layer = work / "font-layer"
    target = layer / "fonts" / "wqy-microhei.ttc"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.stat().st_size != os.path.getsize(font):
        shutil.copyfile(font, target)
    return layer


def synth(stage: str, out: Path, spa_dir: Path, font: str = DEFAULT_FONT,
          context: dict | None = None) -> Path:
    """Write the cloud assembly for `stage` into `out`; return the template's path."""
    import aws_cdk as cdk

    from infra.cdk.config import stage_config
    from infra.cdk.protection import EdgeStack
    from infra.cdk.stack import FuwuStack

    if not (spa_dir / "index.html").is_file():
        raise SystemExit(f"{spa_dir}/index.html is missing: run `make build`")
    context = dict(context or {})
    config = stage_config(stage, portal_domain=context.get("portal_domain"),
                          order_indexes=context.get("order_indexes"),
                          order_indexes_built=context.get("order_indexes_built"),
                          order_clocks=context.get("order_clocks"))
    work = ROOT / "cdk.out" / "work"
    shutil.rmtree(work / "chalice.out", ignore_errors=True)  # one package per synth, not a pile
    work.mkdir(parents=True, exist_ok=True)
    layer = font_layer(work, font)
    os.environ.setdefault("AWS_DEFAULT_REGION", config.region)
    # Chalice's construct writes its packages to ./chalice.out: keep them under cdk.out/.
    cwd = os.getcwd()
    os.chdir(work)
    try:
        app = cdk.App(outdir=str(out), context={**context, "aws:cdk:enable-path-metadata": False})
        # CloudFront-scoped WAF must be in us-east-1: its own small stack, deployed first
        # (`cdk deploy fuwu-<stage>` deploys it as a dependency).
        edge = EdgeStack(app, f"fuwu-{stage}-edge", config=config,
                         description=f"Fuwu {stage}: the portal's CloudFront web ACL (us-east-1)")
        FuwuStack(app, f"fuwu-{stage}", config=config, spa_dir=str(spa_dir),
                  font_layer_dir=str(layer), portal_web_acl_arn=edge.web_acl_arn,
                  env=cdk.Environment(region=config.region),
                  description=f"Fuwu {stage}: API, jobs, data, identity and the portal")
        app.synth()
    finally:
        os.chdir(cwd)
    return out / f"fuwu-{stage}.template.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.cdk")
    parser.add_argument("--stage", default=os.environ.get("STAGE", "dev"))
    parser.add_argument("--out", help="cloud assembly directory (default cdk.out/<stage>)")
    parser.add_argument("--spa-dir", default=str(ROOT / "frontend" / "dist"))
    parser.add_argument("--font", default=DEFAULT_FONT)
    parser.add_argument("-c", "--context", action="append", default=[], metavar="KEY=VALUE",
                        help="e.g. -c certificate_arn=arn:aws:acm:us-east-1:... -c portal_domain=...")
    args = parser.parse_args(argv)
    context = dict(item.split("=", 1) for item in args.context)
    out = Path(args.out) if args.out else ROOT / "cdk.out" / args.stage
    template = synth(args.stage, out.resolve(), Path(args.spa_dir).resolve(), args.font, context)
    print(template)
    return 0


if __name__ == "__main__":
    sys.exit(main())
