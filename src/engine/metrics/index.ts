// The metrics room's public face: metrics-server, the cluster's resource metrics pipeline
// (kubelet Summary API → metrics-server → metrics.k8s.io through the aggregator → kubectl top).
export { runMetricsServer, METRIC_RESOLUTION_MS, type MetricsServerOptions, type RunningMetricsServer } from './metricsserver.ts';
export { metricsServerObjects, METRICS_SERVER_USER, METRICS_GROUP, METRICS_VERSION } from './objects.ts';
