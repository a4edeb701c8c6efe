-- Container images (kind container-image): the platforms a registered image carries, and the images the cluster's
-- pods use (PUT /api/v1/coverage/pods), which the coverage report checks against the registered images.

-- Comma-separated os/arch[/variant] of an image or index as it was pushed (linux/amd64,linux/arm64); null for every
-- other kind and for images registered without it.
alter table artifact_version add column platforms varchar(2048);

-- One row per container of a declared pod. cluster: the name the declaration gave (PUT ...?cluster=wc-prod), '' when
-- none; image: the reference as the pod spec names it, normalized; reference: what must be hosted for the pod to start
-- again, pinned to the digest the pod reported running when it reported one. A declaration replaces its cluster's rows.
create table pod_image (
    cluster     varchar(63)   not null,
    namespace   varchar(253)  not null,
    pod         varchar(253)  not null,
    container   varchar(253)  not null,
    image       varchar(1024) not null,
    reference   varchar(1024) not null,
    declared_at timestamptz   not null,
    primary key (cluster, namespace, pod, container)
);
create index pod_image_reference on pod_image (reference);

-- An image's content is fixed by its digest and does not go out of date the way a vulnerability database does: its
-- age says nothing about whether pods can still start. What matters is whether every image in use is hosted, which
-- the coverage report and the AirlockImageMissing alert answer. So by default images never go stale by age; an
-- operator who wants a rebuild cadence sets a policy (PUT /api/v1/policies).
insert into freshness_policy (kind, artifact_id, max_age_seconds, basis, updated_at)
    values ('container-image', null, null, 'age', now())
    on conflict do nothing;
