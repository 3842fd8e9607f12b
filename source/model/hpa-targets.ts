// The TARGETS cell of an HPA as kubectl prints it: "current/target" per metric, the status
// metric read at the same index as the spec metric, the first two metrics and then
// " + N more...", '<none>' without metrics. Utilisation reads 'cpu: 45%/70%'; an average value
// 'memory: 300Mi/500Mi'; Pods 'a/b'; Object and External 'a/b', or 'a/b (avg)' for an average.
import {arr, rec, str, num, type Json} from './json.js';

const UNKNOWN = '<unknown>';

/** Quantities arrive as strings ('250m'); a number (hand-written objects) prints as is. */
function quantity(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	const n = num(value);
	return n === undefined ? undefined : String(n);
}

function resourceText(name: string, target: Json | undefined, current: Json | undefined): string {
	const averageValue = quantity(target?.averageValue);
	if (averageValue !== undefined) return `${name}: ${quantity(current?.averageValue) ?? UNKNOWN}/${averageValue}`;
	const now = num(current?.averageUtilization);
	const want = num(target?.averageUtilization);
	return `${name}: ${now === undefined ? UNKNOWN : `${now}%`}/${want === undefined ? '<auto>' : `${want}%`}`;
}

/** One metric's text; `status` is the currentMetrics entry at the same index, if any. */
export function metricTargetText(spec: Json, status: Json | undefined): string {
	const type = str(spec.type);
	switch (type) {
		case 'Resource':
		case 'ContainerResource': {
			const field = type === 'Resource' ? 'resource' : 'containerResource';
			const source = rec(spec[field]);
			const current = rec(rec(status?.[field])?.current);
			return resourceText(str(source?.name) ?? '', rec(source?.target), current);
		}
		case 'Pods': {
			const target = rec(rec(spec.pods)?.target);
			const current = rec(rec(status?.pods)?.current);
			return `${quantity(current?.averageValue) ?? UNKNOWN}/${quantity(target?.averageValue) ?? UNKNOWN}`;
		}
		case 'Object':
		case 'External': {
			const field = type === 'Object' ? 'object' : 'external';
			const target = rec(rec(spec[field])?.target);
			const current = rec(rec(status?.[field])?.current);
			const average = quantity(target?.averageValue);
			if (average !== undefined) return `${quantity(current?.averageValue) ?? UNKNOWN}/${average} (avg)`;
			return `${quantity(current?.value) ?? UNKNOWN}/${quantity(target?.value) ?? UNKNOWN}`;
		}
		default:
			return '<unknown type>';
	}
}

/** spec.metrics and status.currentMetrics → the TARGETS cell. */
export function formatHpaTargets(metrics: unknown, currentMetrics: unknown): string {
	const specs = arr(metrics);
	if (specs.length === 0) return '<none>';
	const statuses = arr(currentMetrics);
	const shown = specs.slice(0, 2).map((m, i) => metricTargetText(m, statuses[i]));
	const more = specs.length - shown.length;
	return more > 0 ? `${shown.join(', ')} + ${more} more...` : shown.join(', ');
}
