"""OpenSearch 2/3 through opensearch-py and its built-in DSL; the vectors in the k-NN plugin's
`knn_vector` field with its Lucene engine (pure Java: no faiss/nmslib library needed)."""

from .. import semantic
from .cluster import ClusterEngine


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

    def _slow_client(self, seconds):
        return self.client, {"request_timeout": seconds}

    def _vector_mapping(self):
        return {
            "type": "knn_vector",
            "dimension": semantic.DIMENSIONS,
            "method": {"name": "hnsw", "engine": "lucene", "space_type": "cosinesimil"},
        }

    def _vector_settings(self):
        return {"knn": True}

    def _accepts_vectors(self):
        # a knn_vector field needs the index setting index.knn, fixed when the index is created
        found = self.client.indices.get_settings(index=self.alias)
        return all(index["settings"]["index"].get("knn") == "true" for index in found.values())

    def _nearest_search(self, vector):
        search = self.dsl.Search(using=self.client, index=self.alias).source(False)[: semantic.NEIGHBOURS]
        return search.extra(query={"knn": {"vector": {"vector": vector.tolist(), "k": semantic.NEIGHBOURS}}})
