"""The Lambda functions' dependencies: exactly the set the tests ran with.

`requirements.txt` names what the app imports; `constraints.txt` pins every package of the
development venv (the tests run on it). `requirements-lambda.txt` is what gets packaged: the
closure of `requirements.txt` for the Lambda runtime (CPython 3.11, Linux x86_64), every package
pinned to its version in `constraints.txt`. The packager installs it with `pip --no-deps`
(`lambda_package.py`), so nothing is resolved afresh at packaging time.

    python -m infra.cdk.lambda_deps --check    # requirements-lambda.txt agrees with the others
    python -m infra.cdk.lambda_deps --write    # regenerate it (after `make deps`)

The closure is computed from the venv's installed metadata (`make deps` installs it from
`constraints.txt`); the packager checks it again on the metadata of the Linux wheels it installs.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import platform
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "requirements.txt"
CONSTRAINTS = ROOT / "constraints.txt"
LAMBDA_REQUIREMENTS = ROOT / "requirements-lambda.txt"
RUNTIME = "python3.11"  # Chalice takes the Lambda runtime from the local Python (docs/deploy.md)

HEADER = """\
# What the Lambda functions get, and nothing else: requirements.txt with everything it pulls in
# on Lambda (CPython 3.11, Linux x86_64), each at its version in constraints.txt (what the tests
# ran with). Installed as listed with `pip --no-deps` from manylinux wheels (infra/cdk/lambda_package.py).
# Generated: do not edit. After changing requirements.txt or constraints.txt and `make deps`:
#     .venv/bin/python -m infra.cdk.lambda_deps --write
"""


def lambda_environment() -> dict[str, str]:
    """PEP 508 marker values of the Lambda runtime (python3.11 on Amazon Linux 2, x86_64)."""
    full = platform.python_version() if sys.version_info[:2] == (3, 11) else "3.11.0"
    return {"implementation_name": "cpython", "implementation_version": full, "os_name": "posix",
            "platform_machine": "x86_64", "platform_python_implementation": "CPython",
            "platform_system": "Linux", "platform_release": "", "platform_version": "",
            "python_version": "3.11", "python_full_version": full, "sys_platform": "linux"}


def requirement_lines(path: Path) -> list[str]:
    """The requirement lines of a requirements file (comments, blanks and options dropped)."""
    lines = []
    for raw in path.read_text().splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if line and not line.startswith("-"):
            lines.append(line)
    return lines


def pins(path: Path) -> dict[str, tuple[str, str]]:
    """canonical name -> (name as written, pinned version) of every `name==version` line."""
    found: dict[str, tuple[str, str]] = {}
    for line in requirement_lines(path):
        req = Requirement(line)
        spec = list(req.specifier)
        if len(spec) != 1 or spec[0].operator != "==" or "*" in spec[0].version:
            raise ValueError(f"{path.name}: {line!r} is not pinned with ==")
        key = canonicalize_name(req.name)
        if key in found:
            raise ValueError(f"{path.name}: {req.name} is listed twice")
        found[key] = (req.name, spec[0].version)
    return found


@dataclass
class Needed:
    name: str  # as the distribution spells it
    version: str
    extras: set[str] = field(default_factory=set)
    required_by: set[str] = field(default_factory=set)


class ClosureError(Exception):
    pass


def closure(top: Iterable[Requirement], distributions: Iterable[importlib.metadata.Distribution],
            env: dict[str, str] | None = None) -> dict[str, Needed]:
    """Every distribution `top` needs on Lambda, found among `distributions`, with who needs it.

    Extras are followed (PyJWT[crypto] needs cryptography); requirements whose markers do not
    hold on Lambda are skipped. Raises ClosureError when one is missing or has the wrong version.
    """
    env = env or lambda_environment()
    dists: dict[str, importlib.metadata.Distribution] = {}
    for dist in distributions:
        dists.setdefault(canonicalize_name(dist.metadata["Name"]), dist)
    needed: dict[str, Needed] = {}
    errors: list[str] = []
    pending: list[tuple[Requirement, str]] = [(req, "requirements.txt") for req in top]
    while pending:
        req, by = pending.pop()
        key = canonicalize_name(req.name)
        dist = dists.get(key)
        if dist is None:
            errors.append(f"{req.name} (needed by {by}) is missing")
            continue
        if not req.specifier.contains(dist.version, prereleases=True):
            errors.append(f"{req.name} {dist.version} does not satisfy {req} (needed by {by})")
        node = needed.get(key)
        first = node is None
        if first:
            node = needed[key] = Needed(dist.metadata["Name"], dist.version)
        node.required_by.add(by)
        new_extras = set(req.extras) - node.extras
        if not first and not new_extras:
            continue
        node.extras |= new_extras
        for line in dist.requires or []:
            sub = Requirement(line)
            if sub.marker is None or any(sub.marker.evaluate({**env, "extra": extra})
                                         for extra in {"", *node.extras}):
                pending.append((sub, node.name))
    if errors:
        raise ClosureError("; ".join(sorted(set(errors))))
    return needed


def top_level() -> list[Requirement]:
    return [Requirement(line) for line in requirement_lines(REQUIREMENTS)]


def render(needed: dict[str, Needed], constraints: dict[str, tuple[str, str]]) -> str:
    """requirements-lambda.txt for `needed`, pinned and spelled as in constraints.txt."""
    lines = []
    for key in sorted(needed):
        if key not in constraints:
            raise ClosureError(f"{needed[key].name} is needed on Lambda but not pinned in constraints.txt")
        name, version = constraints[key]
        by = sorted(b for b in needed[key].required_by if b != "requirements.txt")
        top = "requirements.txt" in needed[key].required_by
        note = ", ".join((["requirements.txt"] if top else []) + by)
        lines.append(f"{name}=={version}  # {'via ' if not top else ''}{note}")
    return HEADER + "\n".join(lines) + "\n"


def venv_closure() -> dict[str, Needed]:
    """The closure computed on this interpreter's installed metadata (the venv of `make deps`)."""
    return closure(top_level(), importlib.metadata.distributions())


def pin_problems(lambda_path: Path = LAMBDA_REQUIREMENTS, constraints_path: Path = CONSTRAINTS,
                 requirements_path: Path = REQUIREMENTS) -> list[str]:
    """Where requirements-lambda.txt disagrees with constraints.txt or requirements.txt."""
    problems = []
    if not lambda_path.is_file():
        return [f"{lambda_path.name} is missing: python -m infra.cdk.lambda_deps --write"]
    lambda_pins, constraints = pins(lambda_path), pins(constraints_path)
    for key, (name, version) in sorted(lambda_pins.items()):
        if key not in constraints:
            problems.append(f"{name}=={version} is in {lambda_path.name} but not in {constraints_path.name}")
        elif Version(constraints[key][1]) != Version(version):
            problems.append(f"{name}: {version} in {lambda_path.name}, "
                            f"{constraints[key][1]} in {constraints_path.name}")
    for line in requirement_lines(requirements_path):
        req = Requirement(line)
        key = canonicalize_name(req.name)
        if key not in lambda_pins:
            problems.append(f"{req.name} (requirements.txt) is not in {lambda_path.name}")
        elif not req.specifier.contains(lambda_pins[key][1], prereleases=True):
            problems.append(f"{req.name}: {lambda_pins[key][1]} in {lambda_path.name} does not satisfy "
                            f"{req} in {requirements_path.name}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.cdk.lambda_deps", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="regenerate requirements-lambda.txt")
    action.add_argument("--check", action="store_true", help="exit 1 if it is out of date")
    args = parser.parse_args(argv)
    constraints = pins(CONSTRAINTS)
    needed = venv_closure()
    stale = [f"{n.name} {n.version} is installed, constraints.txt pins {constraints[k][1]}: run `make deps`"
             for k, n in needed.items()
             if k in constraints and Version(n.version) != Version(constraints[k][1])]
    if stale:
        print("\n".join(stale), file=sys.stderr)
        return 1
    text = render(needed, constraints)
    if args.write:
        LAMBDA_REQUIREMENTS.write_text(text)
        print(f"wrote {LAMBDA_REQUIREMENTS.name}: {len(needed)} packages")
        return 0
    problems = pin_problems()
    if LAMBDA_REQUIREMENTS.is_file() and LAMBDA_REQUIREMENTS.read_text() != text:
        problems.append(f"{LAMBDA_REQUIREMENTS.name} is not what requirements.txt and constraints.txt give: "
                        "python -m infra.cdk.lambda_deps --write")
    print("\n".join(problems) or f"{LAMBDA_REQUIREMENTS.name} is up to date ({len(needed)} packages)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
