"""OpenSearch 2/3 through opensearch-py and its built-in DSL."""

from .cluster import BULK_TIMEOUT, ClusterEngine


class OpenSearchEngine(ClusterEngine):
    name = "opensearch"

    def _client_module(self):
        import opensearchpy
        from opensearchpy import helpers

        return (
            opensearchpy.OpenSearch,
            opensearchpy,
            helpers,
            (opensearchpy.exceptions.TransportError, helpers.BulkIndexError),
        )

    def _client_options(self, timeout):
        return {"timeout": timeout, "max_retries": 1, "retry_on_timeout": False}

    def _bulk_client(self):
        return self.client, {"request_timeout": BULK_TIMEOUT}
