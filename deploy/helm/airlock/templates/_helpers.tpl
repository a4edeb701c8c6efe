{{/*
The four services. Keys are the values blocks; "component" names the Kubernetes objects and the Prometheus job
(airlock-<component>), "app" the Maven module and image, "namespace" the service's key prefix in the bucket.
Helm ranges over a dict in key order, so every template renders the services in the same order.
*/}}
{{- define "airlock.components" -}}
catalog: {component: catalog, app: catalog-service, namespace: catalog}
falcoIndex: {component: falco-index, app: falco-index-service, namespace: falco}
fileserver: {component: fileserver, app: fileserver-service, namespace: files}
trivydb: {component: trivydb, app: trivydb-service, namespace: registry}
{{- end }}

{{- define "airlock.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "airlock.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one service's objects: (dict "root" $ "component" "fileserver") */}}
{{- define "airlock.componentName" -}}
{{- printf "%s-%s" (include "airlock.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{- define "airlock.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "airlock.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: airlock
{{- end }}

{{/* Selector labels of one service: (dict "root" $ "component" "fileserver") */}}
{{- define "airlock.selectorLabels" -}}
app.kubernetes.io/name: {{ include "airlock.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Selector labels of every pod of this release (any service). */}}
{{- define "airlock.releaseSelectorLabels" -}}
app.kubernetes.io/name: {{ include "airlock.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "airlock.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "airlock.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image of one service: (dict "root" $ "svc" <values block> "app" "fileserver-service"). With a digest the reference is
<repository>:<tag>@<digest>: the runtime pulls by the digest (it wins over the tag), the tag stays for people to read.
*/}}
{{- define "airlock.image" -}}
{{- $img := .root.Values.image }}
{{- $repo := .svc.image.repository | default (printf "%s/%s/%s" $img.registry $img.repositoryPrefix .app) }}
{{- $tag := .svc.image.tag | default $img.tag | default .root.Chart.AppVersion }}
{{- with .svc.image.digest }}
{{- printf "%s:%s@%s" $repo $tag . }}
{{- else }}
{{- printf "%s:%s" $repo $tag }}
{{- end }}
{{- end }}

{{/*
The private CA bundle (caBundle): where its PEM and the trust store built from it live in the pod, and the JVM flags
that make every TLS client of the service (S3, PostgreSQL, Alertmanager) trust it.
*/}}
{{- define "airlock.caBundle.enabled" -}}
{{- if or .Values.caBundle.configMap .Values.caBundle.secret }}true{{ end }}
{{- end }}

{{- define "airlock.caBundle.trustStore" -}}/var/run/airlock/trust/truststore.p12{{- end }}

{{- define "airlock.javaOpts" -}}
{{- .Values.javaOpts }}
{{- if include "airlock.caBundle.enabled" . }} -Djavax.net.ssl.trustStore={{ include "airlock.caBundle.trustStore" . }} -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=changeit
{{- end }}
{{- end }}

{{- define "airlock.storageSecretName" -}}
{{- .Values.storage.credentials.existingSecret | default (printf "%s-storage" (include "airlock.fullname" .)) }}
{{- end }}

{{- define "airlock.authSecretName" -}}
{{- .Values.auth.existingSecret | default (printf "%s-admin" (include "airlock.fullname" .)) }}
{{- end }}

{{- define "airlock.postgresqlSecretName" -}}
{{- .Values.postgresql.existingSecret | default (printf "%s-postgresql" (include "airlock.fullname" .)) }}
{{- end }}

{{- define "airlock.tokenSecretName" -}}
{{- .Values.trivydb.tokenSigningKey.existingSecret | default (printf "%s-trivydb-token" (include "airlock.fullname" .)) }}
{{- end }}

{{/*
Environment of one service: (dict "root" $ "key" "fileserver" "meta" <components entry>).
Common settings first (port, storage, admin credential), then the service's own.
*/}}
{{- define "airlock.env" -}}
{{- $root := .root }}
{{- $v := $root.Values }}
{{- $svc := index $v .key }}
- name: QUARKUS_HTTP_PORT
  value: {{ $svc.port | quote }}
- name: QUARKUS_HTTP_HOST
  value: "0.0.0.0"
- name: JDK_JAVA_OPTIONS
  value: {{ include "airlock.javaOpts" $root | quote }}
- name: AIRLOCK_DATA_DIR
  value: /tmp/airlock
- name: QUARKUS_HTTP_BODY_UPLOADS_DIRECTORY
  value: /tmp/uploads
- name: AIRLOCK_STORAGE_BACKEND
  value: s3
- name: AIRLOCK_STORAGE_S3_ENDPOINT
  value: {{ required "storage.endpoint is required" $v.storage.endpoint | quote }}
- name: AIRLOCK_STORAGE_S3_BUCKET
  value: {{ $v.storage.bucket | quote }}
- name: AIRLOCK_STORAGE_S3_REGION
  value: {{ $v.storage.region | quote }}
- name: AIRLOCK_STORAGE_S3_CREATE_BUCKET
  value: {{ $v.storage.createBucket | quote }}
- name: AIRLOCK_STORAGE_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "airlock.storageSecretName" $root }}
      key: {{ $v.storage.credentials.accessKeyKey }}
- name: AIRLOCK_STORAGE_S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "airlock.storageSecretName" $root }}
      key: {{ $v.storage.credentials.secretKeyKey }}
- name: AIRLOCK_STORAGE_CACHE_ENABLED
  value: {{ $v.storage.cache.enabled | quote }}
{{- if $v.storage.cache.enabled }}
- name: AIRLOCK_STORAGE_CACHE_DIR
  value: /var/cache/airlock
- name: AIRLOCK_STORAGE_CACHE_MAX_SIZE
  value: {{ $v.storage.cache.maxSize | quote }}
- name: AIRLOCK_STORAGE_CACHE_READINESS_GRACE
  value: {{ $v.storage.cache.readinessGrace | quote }}
{{- end }}
- name: AIRLOCK_ADMIN_USER
  value: {{ $v.auth.adminUser | quote }}
- name: AIRLOCK_ADMIN_PASSWORD_HASH
  valueFrom:
    secretKeyRef:
      name: {{ include "airlock.authSecretName" $root }}
      key: {{ $v.auth.passwordHashKey }}
      optional: true
- name: AIRLOCK_ADMIN_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "airlock.authSecretName" $root }}
      key: {{ $v.auth.passwordKey }}
      optional: true
- name: AIRLOCK_AUTH_ANONYMOUS_READ
  value: {{ $v.auth.anonymousRead | quote }}
{{- if and $v.catalog.enabled (ne .key "catalog") }}
- name: AIRLOCK_CATALOG_CLIENT_URL
  value: {{ printf "http://%s:%v" (include "airlock.componentName" (dict "root" $root "component" "catalog")) $v.catalog.port | quote }}
{{- end }}
{{- if eq .key "falcoIndex" }}
- name: AIRLOCK_FALCO_FILES_NAMESPACE
  value: files
- name: AIRLOCK_FALCO_REGISTRY_HOST
  value: {{ $v.hosts.falcoRegistry | quote }}
{{- end }}
{{- if eq .key "trivydb" }}
- name: AIRLOCK_TRIVYDB_PUBLIC_HOST
  value: {{ $v.hosts.registry | quote }}
{{- if or $v.trivydb.tokenSigningKey.existingSecret $v.trivydb.tokenSigningKey.value }}
- name: AIRLOCK_TRIVYDB_TOKEN_SIGNING_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "airlock.tokenSecretName" $root }}
      key: {{ $v.trivydb.tokenSigningKey.key }}
{{- else if or (gt (int $v.trivydb.replicas) 1) $v.trivydb.autoscaling.enabled }}
{{- fail "trivydb runs more than one replica: set trivydb.tokenSigningKey.existingSecret (or .value, 32+ characters) so that every replica accepts the tokens of the others" }}
{{- end }}
{{- end }}
{{- if eq .key "catalog" }}
- name: AIRLOCK_CATALOG_EMBEDDED_DATABASE_ENABLED
  value: "false"
- name: QUARKUS_DATASOURCE_JDBC_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "airlock.postgresqlSecretName" $root }}
      key: {{ $v.postgresql.jdbcUrlKey }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "airlock.postgresqlSecretName" $root }}
      key: {{ $v.postgresql.usernameKey }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "airlock.postgresqlSecretName" $root }}
      key: {{ $v.postgresql.passwordKey }}
{{- with $v.alertmanager.urls }}
- name: AIRLOCK_CATALOG_ALERTMANAGER_URLS
  value: {{ join "," . | quote }}
{{- end }}
- name: AIRLOCK_CATALOG_EVALUATION_INTERVAL
  value: {{ $v.catalog.evaluationInterval | quote }}
- name: AIRLOCK_CATALOG_RECONCILE_INTERVAL
  value: {{ $v.catalog.reconcileInterval | quote }}
- name: AIRLOCK_CATALOG_EXTERNAL_URL
  value: {{ $v.hosts.catalogUrl | quote }}
- name: AIRLOCK_CATALOG_WELKIN_FILESERVER_URL
  value: {{ $v.hosts.fileserverUrl | quote }}
- name: AIRLOCK_CATALOG_WELKIN_REGISTRY_HOST
  value: {{ $v.hosts.registry | quote }}
- name: AIRLOCK_CATALOG_WELKIN_REGISTRY_INSECURE
  value: {{ $v.hosts.registryInsecure | quote }}
{{- with $v.hosts.registryCa }}
- name: AIRLOCK_CATALOG_WELKIN_REGISTRY_CA
  value: {{ . | quote }}
{{- end }}
- name: AIRLOCK_CATALOG_WELKIN_REGISTRY_SKIP_VERIFY
  value: {{ $v.hosts.registrySkipVerify | quote }}
- name: AIRLOCK_CATALOG_WELKIN_FALCO_REGISTRY_HOST
  value: {{ $v.hosts.falcoRegistry | quote }}
- name: AIRLOCK_CATALOG_WELKIN_DRIVER_KIND
  value: {{ $v.catalog.welkin.driverKind | quote }}
{{- with $v.catalog.welkin.fileserverIps }}
- name: AIRLOCK_CATALOG_WELKIN_FILESERVER_IPS
  value: {{ join "," . | quote }}
{{- end }}
{{- with $v.catalog.welkin.serviceClusters }}
- name: AIRLOCK_CATALOG_WELKIN_SERVICE_CLUSTERS
  value: {{ join "," . | quote }}
{{- end }}
{{- with $v.catalog.welkin.registryPullSecret }}
- name: AIRLOCK_CATALOG_WELKIN_REGISTRY_PULL_SECRET
  value: {{ . | quote }}
{{- end }}
{{- if $v.falcoIndex.enabled }}
{{- /* kernel coverage is computed by falco-index-service; the catalog reads its report */}}
- name: AIRLOCK_CATALOG_COVERAGE_FALCO_INDEX_URL
  value: {{ printf "http://%s:%v" (include "airlock.componentName" (dict "root" $root "component" "falco-index")) $v.falcoIndex.port | quote }}
{{- end }}
{{- end }}
{{- with $svc.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The restricted pod security standard, for every container (service and init). */}}
{{- define "airlock.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}
