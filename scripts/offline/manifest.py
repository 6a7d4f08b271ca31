"""The bundle's layout and manifest, and its verification (every checksum, every wheel's platform).

A bundle is one uncompressed tar: manifest.json (the SHA-256 of every other file, the Python and
platform it was built for, the checksums of the requirements files it was built from), INSTALL.txt,
wheels/, model/ and, with --full, maven/ (a local Maven repository), npm/ (an npm cache) and debs/.
Messages are Chinese: the IT office that installs the bundle reads them.
"""

import json
import sys
import sysconfig
from pathlib import Path

from fetch_semantic_model import sha256

try:  # pip vendors the same library: a bare interpreter with pip has one of the two
    from packaging.tags import sys_tags
    from packaging.utils import InvalidWheelFilename, parse_wheel_filename
except ImportError:
    from pip._vendor.packaging.tags import sys_tags
    from pip._vendor.packaging.utils import InvalidWheelFilename, parse_wheel_filename

FORMAT = 1
MANIFEST = "manifest.json"
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")
NPM_LOCK = "package-lock.json"
REBUILD = "请在联网机器上用同一版本的项目重新执行 make bundle，再拷入本机。"


class BundleError(Exception):
    """A bundle that must not be installed; the message names the piece and what to do."""


def python_version():
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def files_under(root):
    return sorted(path.relative_to(root).as_posix() for path in Path(root).rglob("*") if path.is_file())


def write(root, project, full):
    """Write root/manifest.json for every file under root."""
    locked = REQUIREMENTS + ((NPM_LOCK,) if full else ())
    manifest = {
        "format": FORMAT,
        "full": full,
        "python": python_version(),
        "platform": sysconfig.get_platform(),
        "sources": {name: sha256(Path(project) / name) for name in locked},
        "files": {name: sha256(Path(root) / name) for name in files_under(root)},
    }
    (Path(root) / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return manifest


def verify(root, project):
    """Check an unpacked bundle against its manifest, this interpreter and the project; return the manifest."""
    try:
        manifest = json.loads((Path(root) / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise BundleError(f"离线包缺少可读的清单 {MANIFEST}，无法核对其内容。{REBUILD}") from None
    if manifest.get("format") != FORMAT:
        raise BundleError(f"离线包格式版本 {manifest.get('format')} 与本项目（{FORMAT}）不符。{REBUILD}")
    present = set(files_under(root)) - {MANIFEST}
    if missing := sorted(set(files) - present):
        raise BundleError(
            f"离线包缺少 {len(missing)} 个清单中登记的文件，例如 {missing[0]}。请从原介质重新完整拷贝离线包。"
        )
    if unknown := sorted(present - set(files)):
        raise BundleError(f"离线包中有清单未登记的文件 {unknown[0]}，可能被改动过。请从原介质重新拷贝离线包。")
    for name, expected in sorted(files.items()):
        if sha256(Path(root) / name) != expected:
            raise BundleError(
                f"离线包中的文件 {name} 校验失败（SHA-256 与清单不符），文件已损坏或被改动。"
                "请从原介质重新拷贝离线包，或在联网机器上重新执行 make bundle。"
            )
    for name, expected in sorted(manifest.get("sources", {}).items()):
        if not (Path(project) / name).is_file():
            raise BundleError(f"{project} 中没有 {name}：请在项目目录中安装。")
        if sha256(Path(project) / name) != expected:
            raise BundleError(f"离线包是按另一版本的 {name} 生成的，与本项目不一致。{REBUILD}")
    check_wheels(manifest, [name for name in files if name.startswith("wheels/")])
    return manifest


def check_wheels(manifest, names):
    if manifest.get("python") != python_version():
        raise BundleError(
            f"离线包是为 Python {manifest.get('python')} 生成的，本机用 Python {python_version()}"
            f"（{sys.executable}）。请在与本机相同的 Python 版本上重新执行 make bundle。"
        )
    supported = set(sys_tags())
    for name in sorted(names):
        try:
            tags = parse_wheel_filename(Path(name).name)[3]
        except InvalidWheelFilename:
            raise BundleError(f"离线包中的 {name} 不是有效的 wheel 文件名。{REBUILD}") from None
        if not tags & supported:
            raise BundleError(
                f"离线包中的 {name} 不适用于本机平台（{sysconfig.get_platform()}，Python "
                f"{python_version()}）。请在与本机相同的操作系统、CPU 架构和 Python 版本上重新执行 make bundle。"
            )
