"""The offline bundle's install refuses bad input before changing anything (scripts/offline_bundle.py).

Each case runs `offline_bundle.py install` on a small bundle written with the real manifest code,
against a throwaway project directory whose .venv points at a working "previous install", and
checks the exit status, the Chinese message naming the piece, and that .venv, .venvs and var/ are
as they were. The whole path (a real bundle installed and served with no network) is
.ci/offline-bundle.
"""

import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path
from unittest import TestCase

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))
from offline import manifest  # noqa: E402

PURE_WHEEL = "demo-1.0-py3-none-any.whl"


def wheel_bytes(valid=True):
    if not valid:
        return b"not a zip archive"
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("demo.py", "")
    return data.getvalue()


class OfflineInstallRefusals(TestCase):
    def setUp(self):
        self.scratch = Path(tempfile.mkdtemp(prefix="offline-test-"))
        self.addCleanup(shutil.rmtree, self.scratch)
        self.project = self.scratch / "project"
        (self.project / ".venvs" / "previous").mkdir(parents=True)
        (self.project / ".venv").symlink_to(".venvs/previous")
        (self.project / "requirements.txt").write_text("demo==1.0\n")
        (self.project / "requirements-dev.txt").write_text("-r requirements.txt\n")

    def bundle(self, files, edit=None):
        """A bundle of files {name: bytes} with its manifest; edit(root) may spoil it before packing."""
        root = self.scratch / "bundle"
        for name, content in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
        manifest.write(root, self.project, full=False)
        if edit:
            edit(root)
        path = self.scratch / "offline-bundle.tar"
        with tarfile.open(path, "w") as archive:
            for name in manifest.files_under(root):
                archive.add(root / name, arcname=name)
        return path

    def refused(self, bundle, *expected):
        result = subprocess.run(
            [sys.executable, PROJECT / "scripts" / "offline_bundle.py", "install", bundle, "--project", self.project],
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("离线安装已中止，未做任何改动", result.stderr)
        for text in expected:
            self.assertIn(text, result.stderr)
        self.assertEqual((self.project / ".venv").readlink(), Path(".venvs/previous"))
        self.assertEqual([path.name for path in (self.project / ".venvs").iterdir()], ["previous"])
        self.assertEqual(list((self.project / "var").iterdir()), [], "scratch or pieces left in var/")
        return result.stderr

    def test_corrupted_file_is_named(self):
        def spoil(root):
            (root / "wheels" / PURE_WHEEL).write_bytes(b"corrupted")

        self.refused(
            self.bundle({f"wheels/{PURE_WHEEL}": wheel_bytes()}, spoil), f"wheels/{PURE_WHEEL} 校验失败", "重新拷贝"
        )

    def test_missing_and_unlisted_files(self):
        self.refused(
            self.bundle({f"wheels/{PURE_WHEEL}": wheel_bytes()}, lambda root: (root / "wheels" / PURE_WHEEL).unlink()),
            "缺少 1 个",
            PURE_WHEEL,
        )
        shutil.rmtree(self.scratch / "bundle")
        self.refused(
            self.bundle(
                {f"wheels/{PURE_WHEEL}": wheel_bytes()}, lambda root: (root / "wheels" / "extra.whl").write_bytes(b"x")
            ),
            "未登记",
            "extra.whl",
        )

    def test_wheel_for_another_platform(self):
        foreign = "demo-1.0-cp311-cp311-win_amd64.whl"
        self.refused(self.bundle({f"wheels/{foreign}": wheel_bytes()}), f"wheels/{foreign} 不适用于本机平台")

    def test_bundle_for_other_python(self):
        def other_python(root):
            data = json.loads((root / manifest.MANIFEST).read_text())
            data["python"] = "3.9"
            (root / manifest.MANIFEST).write_text(json.dumps(data))

        self.refused(self.bundle({f"wheels/{PURE_WHEEL}": wheel_bytes()}, other_python), "Python 3.9")

    def test_requirements_changed_since_the_bundle(self):
        bundle = self.bundle({f"wheels/{PURE_WHEEL}": wheel_bytes()})
        (self.project / "requirements.txt").write_text("demo==2.0\n")
        self.refused(bundle, "另一版本的 requirements.txt")

    def test_truncated_archive(self):
        bundle = self.bundle({f"wheels/{PURE_WHEEL}": wheel_bytes() * 2000})
        bundle.write_bytes(bundle.read_bytes()[:4096])
        self.refused(bundle, "无法完整读出", "截断")

    def test_member_outside_the_bundle(self):
        bundle = self.bundle({f"wheels/{PURE_WHEEL}": wheel_bytes()})
        with tarfile.open(bundle, "a") as archive:
            link = tarfile.TarInfo("wheels/escape")
            link.type, link.linkname = tarfile.SYMTYPE, "../../../etc/passwd"
            archive.addfile(link)
        self.refused(bundle, "wheels/escape 不是普通文件")

    def test_missing_archive(self):
        self.refused(self.scratch / "nowhere.tar", "找不到离线包")

    def test_failed_pip_install_leaves_the_previous_virtualenv(self):
        # checksums and tags are right, but the wheel is no zip archive: pip fails in the new virtualenv
        self.refused(self.bundle({f"wheels/{PURE_WHEEL}": wheel_bytes(valid=False)}), "安装 Python 依赖失败")
