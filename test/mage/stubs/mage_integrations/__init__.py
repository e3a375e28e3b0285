"""
Stand-ins for the parts of mage_integrations a generated source touches
(mage_integrations is not on PyPI). They follow the real package's behaviour
where a generated source depends on it, on top of the real singer-python
(5.13.0, the pin of mage_integrations/requirements.txt):

- schemas are singer Schema objects, catalogs singer Catalog/CatalogEntry
  subclasses with mage's extra fields, metadata from singer.metadata;
- Source.process() runs the modes mage-ai starts a source in (test connection,
  sample data: next() on load_data, discover, count, sync with a catalog and
  state) and writes Singer SCHEMA/RECORD/STATE messages to stdout;
- the SQL base discovers from the six information_schema columns, fetches in
  batches and compares bookmarks through column_type_mapping and
  wrap_column_in_quotes, as the real one does.

Written for the tests from hosts.md and the real package's interfaces; not the
real package (no destinations, no log-based replication, no HTTP client).
"""
