-- ingest_org_clear: empties the org chart table before org_store() writes the
-- chart of the layout being loaded (one chart in force at a time).
DELETE FROM org_xen;
