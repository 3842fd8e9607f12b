// `kubectl describe deployment` and `describe replicaset`: replica counts, rollout strategy,
// the pod template, conditions, which replica sets are old and new, and events.
import type {KubeObject} from './types.js';
import {arr, rec, str, num, ownerRefs, type Json} from './json.js';
import {DescribeWriter, describeEvents, describeMeta, flat, labelLines} from './describe-format.js';
import {labelSelectorText} from './selectors.js';

function describeTemplate(w: DescribeWriter, template: Json | undefined): void {
	w.line(0, 'Pod Template:');
	const meta = rec(template?.metadata);
	const spec = rec(template?.spec);
	w.multi(1, 'Labels', labelLines(meta?.labels));
	if (str(spec?.serviceAccountName)) w.kv(1, 'Service Account', spec?.serviceAccountName);
	const section = (title: string, containers: Json[]): void => {
		if (containers.length === 0) return;
		w.line(1, `${title}:`);
		for (const c of containers) {
			w.line(1, ` ${flat(c.name)}:`);
			w.kv(2, 'Image', c.image ?? '');
			const ports = arr(c.ports);
			w.kv(2, 'Port', ports.length ? ports.map((p) => `${num(p.containerPort) ?? 0}/${str(p.protocol) ?? 'TCP'}`).join(', ') : '<none>');
			for (const kind of ['limits', 'requests'] as const) {
				const values = Object.entries(rec(rec(c.resources)?.[kind]) ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
				if (values.length === 0) continue;
				w.line(2, `${kind === 'limits' ? 'Limits' : 'Requests'}:`);
				for (const [k, v] of values) w.kv(3, k, v);
			}
			const env = arr(c.env);
			w.kv(2, 'Environment', env.length ? env.map((e) => flat(e.name)).join(', ') : '<none>');
		}
	};
	section('Init Containers', arr(spec?.initContainers));
	section('Containers', arr(spec?.containers));
	const volumes = arr(spec?.volumes);
	w.kv(1, 'Volumes', volumes.length ? volumes.map((v) => flat(v.name)).join(', ') : '<none>');
	const selectors = labelLines(spec?.nodeSelector);
	w.kv(1, 'Node-Selectors', selectors.length ? selectors.join(',') : '<none>');
	w.kv(1, 'Tolerations', arr(spec?.tolerations).length ? `${arr(spec?.tolerations).length} toleration(s)` : '<none>');
}

function describeConditions(w: DescribeWriter, status: Json | undefined): void {
	const conditions = arr(status?.conditions);
	if (conditions.length === 0) return;
	w.line(0, 'Conditions:');
	w.table(1, ['Type', 'Status', 'Reason'], conditions.map((c) => [`${flat(c.type)} `, flat(c.status), flat(c.reason)]), true);
}

function rsSummary(rs: KubeObject): string {
	const replicas = num(rec(rs.status)?.replicas) ?? 0;
	const desired = num(rec(rs.spec)?.replicas) ?? 0;
	return `${rs.metadata.name} (${replicas}/${desired} replicas created)`;
}

function revisionOf(rs: KubeObject): number {
	const r = Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision']);
	return Number.isFinite(r) ? r : 0;
}

export function describeDeployment(d: KubeObject, events: readonly KubeObject[], now: number, replicaSets?: readonly KubeObject[]): string[] {
	const w = new DescribeWriter();
	const spec = rec(d.spec);
	const status = rec(d.status);
	describeMeta(w, d, {created: true});
	w.kv(0, 'Selector', labelSelectorText(spec?.selector) || '<none>');
	const desired = num(spec?.replicas) ?? 1;
	w.kv(
		0,
		'Replicas',
		`${desired} desired | ${num(status?.updatedReplicas) ?? 0} updated | ${num(status?.replicas) ?? 0} total | ${num(status?.availableReplicas) ?? 0} available | ${num(status?.unavailableReplicas) ?? 0} unavailable`,
	);
	const strategy = rec(spec?.strategy);
	const type = str(strategy?.type) ?? 'RollingUpdate';
	w.kv(0, 'StrategyType', type);
	w.kv(0, 'MinReadySeconds', num(spec?.minReadySeconds) ?? 0);
	if (type === 'RollingUpdate') {
		const ru = rec(strategy?.rollingUpdate);
		w.kv(0, 'RollingUpdateStrategy', `${flat(ru?.maxUnavailable ?? '25%')} max unavailable, ${flat(ru?.maxSurge ?? '25%')} max surge`);
	}
	if (spec?.paused === true) w.kv(0, 'Paused', 'true');
	describeTemplate(w, rec(spec?.template));
	describeConditions(w, status);
	if (replicaSets) {
		// The newest revision is the new replica set; older ones still holding pods are the old ones.
		const owned = replicaSets
			.filter((rs) => ownerRefs(rs.metadata.ownerReferences).some((o) => o.uid === d.metadata.uid))
			.sort((a, b) => revisionOf(b) - revisionOf(a));
		const [newest, ...older] = owned;
		const old = older.filter((rs) => (num(rec(rs.status)?.replicas) ?? 0) > 0 || (num(rec(rs.spec)?.replicas) ?? 0) > 0);
		w.kv(0, 'OldReplicaSets', old.length ? old.map(rsSummary).join(', ') : '<none>');
		w.kv(0, 'NewReplicaSet', newest ? rsSummary(newest) : '<none>');
	}
	describeEvents(w, events, now);
	return w.lines();
}

export function describeReplicaSet(rs: KubeObject, events: readonly KubeObject[], now: number): string[] {
	const w = new DescribeWriter();
	const spec = rec(rs.spec);
	const status = rec(rs.status);
	describeMeta(w, rs);
	w.kv(0, 'Selector', labelSelectorText(spec?.selector) || '<none>');
	const controller = ownerRefs(rs.metadata.ownerReferences).find((o) => o.controller);
	if (controller) w.kv(0, 'Controlled By', `${controller.kind}/${controller.name}`);
	w.kv(0, 'Replicas', `${num(status?.replicas) ?? 0} current / ${num(spec?.replicas) ?? 1} desired`);
	w.kv(0, 'Pods Status', `${num(status?.readyReplicas) ?? 0} Ready / ${num(status?.availableReplicas) ?? 0} Available`);
	describeTemplate(w, rec(spec?.template));
	describeConditions(w, status);
	describeEvents(w, events, now);
	return w.lines();
}
