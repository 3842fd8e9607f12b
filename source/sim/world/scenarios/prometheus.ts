// The demo's Prometheus: a `monitoring` namespace and the Service monitoring/prometheus:9090 that
// the simulator answers through services/proxy with Prometheus' HTTP API (server/prometheus.ts).
// Only the Service: no pods are added, so no random name suffix is drawn and every other demo name
// stays as it was.
import {K, type Runtime} from '../runtime.js';
import {ensure, makeNamespace, makeService} from './build.js';
import {createdAgo, DAY} from './past.js';
import {seedDemoConfigMaps} from './configmaps.js';

export function seedDemoPrometheus(rt: Runtime): void {
	ensure(rt, K.namespaces, createdAgo(rt, makeNamespace('monitoring'), 60 * DAY));
	// Its kube-root-ca.crt, as every namespace has (the demo's other config maps exist already: ensure keeps them).
	seedDemoConfigMaps(rt, ['monitoring'], () => 60 * DAY);
	const service = makeService('monitoring', 'prometheus', 9090, 9090, {'app.kubernetes.io/name': 'prometheus'});
	service.metadata.labels = {'app.kubernetes.io/name': 'prometheus'};
	ensure(rt, K.services, createdAgo(rt, service, 60 * DAY));
}
