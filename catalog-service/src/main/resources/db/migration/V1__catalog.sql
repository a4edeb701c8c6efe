-- The catalog's schema. PostgreSQL is the source of truth for metadata; bytes live in object storage.

create table artifact (
    id                       bigserial primary key,
    kind                     varchar(32)   not null,
    name                     varchar(1024) not null,
    created_at               timestamptz   not null,
    -- What upstream last built, as reported by whoever can see upstream (the importer): lets the freshness engine
    -- tell "upstream has not produced a new version" from "nobody imported the new version".
    upstream_latest_built_at timestamptz,
    upstream_checked_at      timestamptz,
    constraint artifact_kind_name unique (kind, name)
);

create table artifact_version (
    id                bigserial primary key,
    artifact_id       bigint        not null references artifact (id) on delete cascade,
    version           varchar(256),
    digest            varchar(71)   not null check (digest ~ '^sha256:[0-9a-f]{64}$'),
    size_bytes        bigint        not null check (size_bytes >= 0),
    media_type        varchar(255),
    location          varchar(2048) not null,
    upstream_source   varchar(2048),
    source            varchar(32)   not null,
    imported_at       timestamptz   not null,
    upstream_built_at timestamptz,
    valid_until       timestamptz,
    constraint artifact_version_digest unique (artifact_id, digest)
);
create index artifact_version_newest on artifact_version (artifact_id, imported_at desc);
create index artifact_version_location on artifact_version (location);

-- A policy applies to a whole kind (artifact_id null) or to one artifact (overrides its kind's).
-- max_age_seconds null: never stale.
create table freshness_policy (
    id              bigserial primary key,
    kind            varchar(32) not null,
    artifact_id     bigint references artifact (id) on delete cascade,
    max_age_seconds bigint check (max_age_seconds is null or max_age_seconds >= 0),
    basis           varchar(32) not null,
    updated_at      timestamptz not null
);
create unique index freshness_policy_kind on freshness_policy (kind) where artifact_id is null;
create unique index freshness_policy_artifact on freshness_policy (artifact_id) where artifact_id is not null;

-- Required coverage: what the platform runs, declared by the operator.
create table opensearch_version (
    version     varchar(64) primary key,
    declared_at timestamptz not null
);

create table cluster_node (
    name              varchar(253) primary key,
    kernel_release    varchar(255) not null,
    architecture      varchar(64)  not null,
    os_image          varchar(255),
    kubelet_version   varchar(64),
    container_runtime varchar(255),
    declared_at       timestamptz  not null
);

create table required_schema (
    kind           varchar(32) not null,
    schema_version integer     not null check (schema_version > 0),
    declared_at    timestamptz not null,
    primary key (kind, schema_version)
);

-- Default policies: a Trivy DB is stale 24 h after its NextUpdate (the java DB 72 h), Falco rules after 7 days;
-- plugins, drivers and plain files never go stale by age.
insert into freshness_policy (kind, artifact_id, max_age_seconds, basis, updated_at) values
    ('trivy-db',          null, 86400,  'after-valid-until', now()),
    ('trivy-java-db',     null, 259200, 'after-valid-until', now()),
    ('trivy-checks',      null, null,   'age',               now()),
    ('falco-rulesfile',   null, 604800, 'age',               now()),
    ('falco-index',       null, null,   'age',               now()),
    ('falco-plugin',      null, null,   'age',               now()),
    ('falco-driver',      null, null,   'age',               now()),
    ('opensearch-plugin', null, null,   'age',               now()),
    ('file',              null, null,   'age',               now());

-- Trivy reads DB schema 2 and java DB schema 1 today.
insert into required_schema (kind, schema_version, declared_at) values
    ('trivy-db', 2, now()),
    ('trivy-java-db', 1, now());
