-- Which bundle brought a version across the air gap (the bundle's name from its signed manifest.json); null for
-- versions published inside (a service's notification, a manual registration, a reconciliation).
alter table artifact_version add column bundle varchar(255);
create index artifact_version_bundle on artifact_version (bundle) where bundle is not null;
