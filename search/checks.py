"""System check: semantic search is on but its model files are missing (search is lexical only)."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def semantic_model(app_configs, **kwargs):
    directory = settings.SEARCH_SEMANTIC_MODEL
    if not settings.SEARCH_SEMANTIC or all((directory / name).is_file() for name in ("model.onnx", "tokenizer.json")):
        return []
    return [
        Warning(
            f"SEARCH_SEMANTIC is on but {directory} has no model.onnx and tokenizer.json: search is lexical only.",
            hint="Run `make install` (or python scripts/fetch_semantic_model.py DIR and set SEARCH_SEMANTIC_MODEL), "
            "or set SEARCH_SEMANTIC=0.",
            id="search.W001",
        )
    ]
