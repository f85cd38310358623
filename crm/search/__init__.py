"""Full-text search: SQLite FTS5 or PostgreSQL tsvector behind one set of functions.

    from crm.search import index, bulk_index, remove, ranked_ids

See `crm.search.service` for how to combine `ranked_ids` with other filters, and
`crm.search.text` for how words are folded and stemmed (English and Dutch).
"""

from crm.search.service import bulk_index, index, ranked_ids, remove

__all__ = ["bulk_index", "index", "ranked_ids", "remove"]
