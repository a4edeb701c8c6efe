/**
 * The catalog's model as the service layer takes and returns it: requests it validates, views and reports it
 * answers. Resources in {@code api} serialize these records as they are, so their component names are the JSON field
 * names of the admin API; the services, the freshness engine, the metrics and the reconciler use them without
 * depending on {@code api}.
 */
package io.airlock.catalog.model;
