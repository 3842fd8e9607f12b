// `kubectl describe pod`, the parts an SRE reads mid-incident: placement, status, per-container
// state with the last termination, resources, conditions, tolerations and events.
import type {KubeObject} from './types.js';
import {arr, rec, str, num, strings, ownerRefs, type Json} from './json.js';
import {formatAge, parseTime} from './age.js';
import {DescribeWriter, annotationLines, describeEvents, flat, labelLines, timestamp} from './describe-format.js';
import {computeQos} from './pods.js';

function describeState(w: DescribeWriter, name: string, state: Json | undefined): void {
	const running = rec(state?.running);
	const waiting = rec(state?.waiting);
	const terminated = rec(state?.terminated);
	if (running) {
		w.kv(2, name, 'Running');
		w.kv(3, 'Started', timestamp(running.startedAt));
	} else if (waiting) {
		w.kv(2, name, 'Waiting');
		if (str(waiting.reason)) w.kv(3, 'Reason', waiting.reason);
		// kubectl leaves the waiting message out; for ImagePullBackOff and config errors it is the whole story.
		if (str(waiting.message)) w.kv(3, 'Message', waiting.message);
	} else if (terminated) {
		w.kv(2, name, 'Terminated');
		if (str(terminated.reason)) w.kv(3, 'Reason', terminated.reason);
		if (str(terminated.message)) w.kv(3, 'Message', terminated.message);
		w.kv(3, 'Exit Code', num(terminated.exitCode) ?? 0);
		if ((num(terminated.signal) ?? 0) > 0) w.kv(3, 'Signal', terminated.signal);
		w.kv(3, 'Started', timestamp(terminated.startedAt));
		w.kv(3, 'Finished', timestamp(terminated.finishedAt));
	} else {
		w.kv(2, name, 'Waiting');
	}
}

function ports(container: Json): {port: string; hostPort: string} {
	const list = arr(container.ports);
	if (list.length === 0) return {port: '<none>', hostPort: '<none>'};
	const fmt = (key: string): string => list.map((p) => `${num(p[key]) ?? 0}/${str(p.protocol) ?? 'TCP'}`).join(', ');
	return {port: fmt('containerPort'), hostPort: fmt('hostPort')};
}

function envValue(env: Json): string {
	if (env.value !== undefined) return flat(env.value);
	const from = rec(env.valueFrom);
	const secret = rec(from?.secretKeyRef);
	const config = rec(from?.configMapKeyRef);
	const field = rec(from?.fieldRef);
	const resource = rec(from?.resourceFieldRef);
	if (secret) return `<set to the key '${flat(secret.key)}' in secret '${flat(secret.name)}'>`;
	if (config) return `<set to the key '${flat(config.key)}' of config map '${flat(config.name)}'>`;
	if (field) return `(${flat(field.apiVersion) || 'v1'}:${flat(field.fieldPath)})`;
	if (resource) return `${flat(resource.resource)}`;
	return '';
}

/** A probe as kubectl prints it: 'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3'. */
export function formatProbe(probe: Json): string {
	const n = (key: string, fallback: number): number => num(probe[key]) ?? fallback;
	const attrs = `delay=${n('initialDelaySeconds', 0)}s timeout=${n('timeoutSeconds', 1)}s period=${n('periodSeconds', 10)}s #success=${n('successThreshold', 1)} #failure=${n('failureThreshold', 3)}`;
	const exec = rec(probe.exec);
	const http = rec(probe.httpGet);
	const tcp = rec(probe.tcpSocket);
	const grpc = rec(probe.grpc);
	if (exec) return `exec [${strings(exec.command).map(flat).join(' ')}] ${attrs}`;
	if (http) {
		const scheme = (str(http.scheme) ?? 'HTTP').toLowerCase();
		const host = str(http.host) ?? '';
		const port = http.port === undefined ? '' : flat(http.port);
		// Go's net.JoinHostPort brackets IPv6 hosts.
		const hostPort = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host;
		return `http-get ${scheme}://${hostPort}${flat(http.path)} ${attrs}`;
	}
	if (tcp) return `tcp-socket ${flat(tcp.host)}:${flat(tcp.port)} ${attrs}`;
	if (grpc) return `grpc <pod>:${num(grpc.port) ?? 0} ${flat(grpc.service)} ${attrs}`;
	return `unknown ${attrs}`;
}

function resourceBlock(w: DescribeWriter, title: string, values: Json | undefined): void {
	const entries = Object.entries(values ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	if (entries.length === 0) return;
	w.line(2, `${title}:`);
	for (const [k, v] of entries) w.kv(3, k, v);
}

function describeContainer(w: DescribeWriter, container: Json, status: Json | undefined, sidecar: boolean): void {
	w.line(1, `${flat(container.name)}:`);
	w.kv(2, 'Container ID', status?.containerID ?? '');
	w.kv(2, 'Image', container.image ?? '');
	w.kv(2, 'Image ID', status?.imageID ?? '');
	const p = ports(container);
	w.kv(2, 'Port', p.port);
	w.kv(2, 'Host Port', p.hostPort);
	if (sidecar) w.kv(2, 'Restart Policy', 'Always');
	const command = strings(container.command);
	const args = strings(container.args);
	if (command.length > 0) {
		w.line(2, 'Command:');
		for (const c of command) w.line(3, flat(c));
	}
	if (args.length > 0) {
		w.line(2, 'Args:');
		for (const a of args) w.line(3, flat(a));
	}
	if (status) {
		describeState(w, 'State', rec(status.state));
		const last = rec(status.lastState);
		if (rec(last?.terminated)) describeState(w, 'Last State', last);
		w.kv(2, 'Ready', status.ready === true ? 'True' : 'False');
		w.kv(2, 'Restart Count', num(status.restartCount) ?? 0);
	}
	resourceBlock(w, 'Limits', rec(rec(container.resources)?.limits));
	resourceBlock(w, 'Requests', rec(rec(container.resources)?.requests));
	for (const [title, key] of [['Liveness', 'livenessProbe'], ['Readiness', 'readinessProbe'], ['Startup', 'startupProbe']] as const) {
		const probe = rec(container[key]);
		if (probe) w.kv(2, title, formatProbe(probe));
	}
	// As kubectl: the source of each envFrom, never what it holds.
	const from = arr(container.envFrom);
	if (from.length > 0) {
		w.line(2, 'Environment Variables from:');
		for (const f of from) {
			const secret = rec(f.secretRef);
			const config = rec(f.configMapRef);
			const ref = secret ?? config;
			const prefix = str(f.prefix) ? ` with prefix '${flat(f.prefix)}'` : '';
			if (ref) w.line(3, `${flat(ref.name)}\t${secret ? 'Secret' : 'ConfigMap'}${prefix}\tOptional: ${ref.optional === true ? 'true' : 'false'}`);
		}
	}
	const env = arr(container.env);
	if (env.length === 0) w.kv(2, 'Environment', '<none>');
	else {
		w.line(2, 'Environment:');
		for (const e of env) w.kv(3, flat(e.name), envValue(e));
	}
	const mounts = arr(container.volumeMounts);
	if (mounts.length === 0) w.kv(2, 'Mounts', '<none>');
	else {
		w.line(2, 'Mounts:');
		for (const m of mounts) w.line(3, `${flat(m.mountPath)} from ${flat(m.name)} (${m.readOnly === true ? 'ro' : 'rw'})`);
	}
}

/** One toleration as kubectl prints it: 'key=value:Effect op=Exists for 300s'. */
export function formatToleration(t: Json): string {
	const key = str(t.key) ?? '';
	const value = str(t.value) ?? '';
	const effect = str(t.effect) ?? '';
	let text = key;
	if (value) text += `=${value}`;
	if (effect) text += `:${effect}`;
	if (t.operator === 'Exists' && !value) text += key || effect ? ' op=Exists' : 'op=Exists';
	const seconds = num(t.tolerationSeconds);
	if (seconds !== undefined) text += ` for ${seconds}s`;
	return text;
}

import {whyPendingLines} from './problems-describe.js';

export function describePod(pod: KubeObject, events: readonly KubeObject[], now: number): string[] {
	const w = new DescribeWriter();
	const spec = rec(pod.spec);
	const status = rec(pod.status);
	const meta = pod.metadata;
	w.kv(0, 'Name', meta.name);
	w.kv(0, 'Namespace', meta.namespace ?? '');
	if (num(spec?.priority) !== undefined) w.kv(0, 'Priority', spec?.priority);
	if (str(spec?.priorityClassName)) w.kv(0, 'Priority Class Name', spec?.priorityClassName);
	if (str(spec?.runtimeClassName)) w.kv(0, 'Runtime Class Name', spec?.runtimeClassName);
	w.kv(0, 'Service Account', str(spec?.serviceAccountName) ?? 'default');
	const node = str(spec?.nodeName);
	w.kv(0, 'Node', node ? `${node}/${str(status?.hostIP) ?? ''}` : '<none>');
	if (status?.startTime) w.kv(0, 'Start Time', timestamp(status.startTime));
	w.multi(0, 'Labels', labelLines(meta.labels));
	w.multi(0, 'Annotations', annotationLines(meta.annotations));
	const deleted = parseTime(meta.deletionTimestamp);
	const phase = str(status?.phase) ?? '';
	if (deleted !== undefined && phase !== 'Succeeded' && phase !== 'Failed') {
		w.kv(0, 'Status', `Terminating (lasts ${formatAge(deleted, now)})`);
		w.kv(0, 'Termination Grace Period', `${meta.deletionGracePeriodSeconds ?? 0}s`);
	} else {
		w.kv(0, 'Status', phase);
	}
	// Right under Status, not before Events: a pending pod's first page answers why, and whether a node is coming.
	for (const line of whyPendingLines(pod, events, now)) w.line(0, line);
	if (str(status?.reason)) w.kv(0, 'Reason', status?.reason);
	if (str(status?.message)) w.kv(0, 'Message', status?.message);
	w.kv(0, 'IP', str(status?.podIP) ?? '');
	const ips = arr(status?.podIPs);
	if (ips.length === 0) w.kv(0, 'IPs', '<none>');
	else {
		w.line(0, 'IPs:');
		for (const ip of ips) w.kv(1, 'IP', ip.ip);
	}
	const controller = ownerRefs(meta.ownerReferences).find((o) => o.controller);
	if (controller) w.kv(0, 'Controlled By', `${controller.kind}/${controller.name}`);
	if (str(status?.nominatedNodeName)) w.kv(0, 'NominatedNodeName', status?.nominatedNodeName);

	const statusByName = (list: unknown): Map<string, Json> => new Map(arr(list).map((s) => [str(s.name) ?? '', s]));
	const initStatuses = statusByName(status?.initContainerStatuses);
	const statuses = statusByName(status?.containerStatuses);
	const inits = arr(spec?.initContainers);
	if (inits.length > 0) {
		w.line(0, 'Init Containers:');
		for (const c of inits) describeContainer(w, c, initStatuses.get(str(c.name) ?? ''), c.restartPolicy === 'Always');
	}
	w.line(0, 'Containers:');
	for (const c of arr(spec?.containers)) describeContainer(w, c, statuses.get(str(c.name) ?? ''), false);

	const conditions = arr(status?.conditions);
	if (conditions.length > 0) {
		w.line(0, 'Conditions:');
		w.table(1, ['Type', 'Status'], conditions.map((c) => [`${flat(c.type)} `, `${flat(c.status)} `]));
	}
	const volumes = arr(spec?.volumes);
	if (volumes.length === 0) w.kv(0, 'Volumes', '<none>');
	else {
		w.line(0, 'Volumes:');
		for (const v of volumes) {
			w.line(1, `${flat(v.name)}:`);
			const type = Object.keys(v).find((k) => k !== 'name');
			w.kv(2, 'Type', type ?? '<unknown>');
		}
	}
	w.kv(0, 'QoS Class', str(status?.qosClass) ?? computeQos(pod));
	const selectors = labelLines(spec?.nodeSelector);
	w.kv(0, 'Node-Selectors', selectors.length > 0 ? selectors.join(',') : '<none>');
	w.multi(0, 'Tolerations', arr(spec?.tolerations).map(formatToleration).sort());
	describeEvents(w, events, now);
	return w.lines();
}

