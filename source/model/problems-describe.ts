// "Why Pending" for a pod's describe: the scheduler's newest FailedScheduling message, one
// reason per line so the whole of it reads on any width, and the cluster autoscaler's verdict
// from its events on the pod (the status ConfigMap is not at hand here; :problems adds it).
import type {KubeObject} from './types.js';
import {projectEvent} from './events.js';
import {latestFailedScheduling} from './gpu-triage.js';
import {autoscalerVerdict, latestAutoscalerEvents} from './problems-autoscaler.js';
import {rec, str} from './json.js';

/** '0/10 nodes are available: 2 Insufficient nvidia.com/gpu, 8 …. preemption: …' → head and one reason per line. */
export function schedulerMessageLines(message: string): string[] {
	const flat = message.replace(/\s+/g, ' ').trim();
	const [main, preemption] = flat.split(/\.? preemption: /);
	const lines = availabilityLines(main!);
	if (preemption) {
		const [head, ...reasons] = availabilityLines(preemption);
		lines.push(`preemption: ${head}`, ...reasons);
	}
	return lines;
}

/** '0/10 nodes are available: a, b.' → the head and one indented reason per line. */
function availabilityLines(text: string): string[] {
	const match = /^(\d+\/\d+ nodes are available): (.*)$/.exec(text);
	if (!match) return [text];
	return [`${match[1]}:`, ...match[2]!.replace(/\.$/, '').split(', ').map(reason => `  ${reason}`)];
}

/** The lines of the section, or none when the pod is not waiting for a node. */
export function whyPendingLines(pod: KubeObject, events: readonly KubeObject[], now: number): string[] {
	if (str(rec(pod.spec)?.nodeName) || str(rec(pod.status)?.phase) !== 'Pending') return [];
	const rows = events.map(projectEvent);
	const uid = pod.metadata.uid;
	const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
	const scheduler = latestFailedScheduling(rows);
	const failed = scheduler.byUid.get(uid) ?? scheduler.byName.get(key);
	const conditionMessage = (Array.isArray(rec(pod.status)?.conditions) ? (rec(pod.status)!.conditions as unknown[]) : [])
		.map(c => rec(c))
		.find(c => c?.type === 'PodScheduled' && c.status === 'False');
	const message = failed?.message ?? str(conditionMessage?.message);
	const scaler = latestAutoscalerEvents(rows);
	const verdict = autoscalerVerdict(scaler.get(uid) ?? scaler.get(key), undefined, now);
	if (!message && !verdict) return [];
	const lines = ['Why Pending:'];
	if (verdict) lines.push(`  Autoscaler:  ${verdict}`);
	if (message) {
		const [first, ...rest] = schedulerMessageLines(message);
		// The reasons sit two columns in, not under the head: the longest (a taint's key) then
		// still fits 80 columns without wrap.
		lines.push(`  Scheduler:   ${first}`, ...rest.map(line => `  ${line}`));
	}
	return lines;
}
