-- OpenSearch versions per service cluster: each Welkin service cluster runs one OpenSearch version and must install
-- only that version's plugin zips. A row without a cluster is a version declared in use without saying where (the
-- older {"versions": [...]} declaration); it counts for coverage like any other.
alter table opensearch_version drop constraint opensearch_version_pkey;
alter table opensearch_version add column id bigint generated always as identity primary key;
alter table opensearch_version add column cluster varchar(63);
create unique index opensearch_version_cluster on opensearch_version (cluster) where cluster is not null;
create unique index opensearch_version_unassigned on opensearch_version (version) where cluster is null;
