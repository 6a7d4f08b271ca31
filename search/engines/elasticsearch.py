"""Elasticsearch 8/9 through the elasticsearch client and its built-in DSL (`elasticsearch.dsl`)."""

from .cluster import BULK_TIMEOUT, ClusterEngine


class ElasticsearchEngine(ClusterEngine):
    name = "elasticsearch"

    def _client_module(self):
        import elasticsearch
        from elasticsearch import dsl, helpers

        return (
            elasticsearch.Elasticsearch,
            dsl,
            helpers,
            (elasticsearch.ApiError, elasticsearch.TransportError, helpers.BulkIndexError),
        )

    def _client_options(self, timeout):
        return {"request_timeout": timeout, "max_retries": 1, "retry_on_timeout": False}

    def _bulk_client(self):
        return self.client.options(request_timeout=BULK_TIMEOUT), {}
