"""Build or install the offline bundle (docs/deploy.md, 内网离线部署); run by `make bundle` and `make install BUNDLE=…`.

  python3 scripts/offline_bundle.py build [--full] [--output dist/offline-bundle.tar]
  python3 scripts/offline_bundle.py install BUNDLE [--project DIR]

Runs on the interpreter the virtualenv is made from, with the standard library only.
"""

import argparse
from pathlib import Path

from offline import build, install

PROJECT = Path(__file__).resolve().parent.parent

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
commands = parser.add_subparsers(dest="command", required=True)
build_command = commands.add_parser("build")
build_command.add_argument("--full", action="store_true")
build_command.add_argument("--output", default=PROJECT / "dist" / "offline-bundle.tar")
install_command = commands.add_parser("install")
install_command.add_argument("bundle")
install_command.add_argument("--project", default=PROJECT)
options = parser.parse_args()
if options.command == "build":
    build.build(PROJECT, options.output, options.full)
else:
    install.install(options.project, options.bundle)
