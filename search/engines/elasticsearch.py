"""Elasticsearch 8/9 through the elasticsearch client and its built-in DSL (`elasticsearch.dsl`); the
vectors in the built-in `dense_vector` field, searched with the `knn` option."""

from .. import semantic
from .cluster import ClusterEngine

# Candidates each shard considers for the nearest documents (more: slower, closer to exact).
NUM_CANDIDATES = 4 * semantic.NEIGHBOURS


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

    def _slow_client(self, seconds):
        return self.client.options(request_timeout=seconds), {}

    def _vector_mapping(self):
        # int8 values, as the database engines' copy scores them (and 8.x's default; 9.x would pick
        # the coarser bbq_hnsw)
        return {
            "type": "dense_vector",
            "dims": semantic.DIMENSIONS,
            "index": True,
            "similarity": "cosine",
            "index_options": {"type": "int8_hnsw"},
        }

    def _nearest_search(self, vector):
        search = self.dsl.Search(using=self.client, index=self.alias).source(False)[: semantic.NEIGHBOURS]
        return search.extra(
            knn={
                "field": "vector",
                "query_vector": vector.tolist(),
                "k": semantic.NEIGHBOURS,
                "num_candidates": NUM_CANDIDATES,
            }
        )
