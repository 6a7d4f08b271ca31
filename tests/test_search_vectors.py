"""The in-memory vector index (search/vectors.py) beyond MIN_CANDIDATES documents, where a search
first narrows the documents by Hamming distance: it must still return the nearest ones, with their
cosine similarity, and follow vectors written, changed and deleted in the stored table.

Vectors here are synthetic (clusters of unit vectors), so no model is needed.
"""

import numpy
from django.test import TestCase

from search import vectors
from search.models import SearchVector
from search.vectors import MIN_CANDIDATES, VectorIndex

CLUSTERS = 30
PER_CLUSTER = 100  # 3,000 documents: three times MIN_CANDIDATES
DIMENSIONS = 512


def unit(rows):
    return (rows / numpy.linalg.norm(rows, axis=-1, keepdims=True)).astype(numpy.float32)


class VectorIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        rng = numpy.random.default_rng(7)
        cls.centres = unit(rng.normal(size=(CLUSTERS, DIMENSIONS)))
        rows = []
        for cluster in range(CLUSTERS):
            members = unit(cls.centres[cluster] + rng.normal(0, 0.04, size=(PER_CLUSTER, DIMENSIONS)))
            rows += [
                SearchVector(key=f"c{cluster}:{n}", digest="test", vector=member.astype("<f2").tobytes())
                for n, member in enumerate(members)
            ]
        SearchVector.objects.bulk_create(rows)

    def setUp(self):
        self.assertGreater(CLUSTERS * PER_CLUSTER, MIN_CANDIDATES)
        self.index = VectorIndex()
        self.index.refresh()

    def exact(self, vector, count):
        """[(key, cosine)] by brute force over the stored float16 vectors."""
        keys, stored = zip(*SearchVector.objects.values_list("key", "vector"))
        matrix = numpy.frombuffer(b"".join(bytes(v) for v in stored), dtype="<f2").reshape(len(keys), -1)
        similarities = matrix.astype(numpy.float32) @ vector
        best = numpy.argsort(-similarities)[:count]
        return [(keys[i], float(similarities[i])) for i in best]

    def test_nearest_documents_are_found_through_the_candidates(self):
        for cluster in (0, 13, 29):
            found = self.index.nearest(self.centres[cluster], 50)
            self.assertEqual(len(found), 50)
            self.assertEqual({key.split(":")[0] for key, _similarity in found}, {f"c{cluster}"})
            exact = dict(self.exact(self.centres[cluster], PER_CLUSTER))
            for key, similarity in found:
                self.assertAlmostEqual(similarity, exact[key], delta=0.01)
            similarities = [similarity for _key, similarity in found]
            self.assertEqual(similarities, sorted(similarities, reverse=True))

    def test_a_document_near_the_query_comes_first(self):
        rng = numpy.random.default_rng(11)
        for key in ("c3:17", "c21:80"):
            stored = SearchVector.objects.get(key=key).vector
            vector = unit(
                numpy.frombuffer(bytes(stored), dtype="<f2").astype(numpy.float32) + rng.normal(0, 0.005, DIMENSIONS)
            )
            self.assertEqual(self.index.nearest(vector, 5)[0][0], key)

    def test_changed_and_deleted_vectors_are_followed(self):
        moved = SearchVector.objects.get(key="c5:0")
        moved.vector = self.centres[9].astype("<f2").tobytes()
        moved.save()
        SearchVector.objects.filter(key__startswith="c9:").exclude(key="c9:0").delete()
        vectors.changed()
        self.index.refresh()
        found = [key for key, _similarity in self.index.nearest(self.centres[9], 2)]
        self.assertEqual(set(found), {"c5:0", "c9:0"})
        self.assertEqual(len(self.index.keys), CLUSTERS * PER_CLUSTER - (PER_CLUSTER - 1))
