// How a simulated container misbehaves. Two mechanisms, so both scripted scenarios and
// people poking the demo with kubectl can trigger faults:
//   1. pod annotation  sim.kubedeck.io/fault: crashloop | imagepull | oom | oom-once | unready
//      (applies to every container) or a per-container list "app=crashloop,sidecar=unready";
//   2. image names: an image containing "crashloop" crashes, "oomkill" runs out of memory,
//      a tag ":does-not-exist" or the registry "registry.invalid" cannot be pulled.
// Other knobs (annotations): sim.kubedeck.io/run-seconds (containers exit 0 after this long;
// the default for restartPolicy Never/OnFailure is 20s), sim.kubedeck.io/stop-seconds (how long
// containers take to stop on delete, capped by the grace period; default 2s),
// sim.kubedeck.io/ready-seconds (readiness delay after start).
import type {KubeObject} from '../../model/types.js';

export type Fault = 'none' | 'crashloop' | 'imagepull' | 'oom' | 'oom-once' | 'unready';

export const FAULT_ANNOTATION = 'sim.kubedeck.io/fault';
export const RUN_SECONDS_ANNOTATION = 'sim.kubedeck.io/run-seconds';
export const STOP_SECONDS_ANNOTATION = 'sim.kubedeck.io/stop-seconds';
export const READY_SECONDS_ANNOTATION = 'sim.kubedeck.io/ready-seconds';

const FAULTS: ReadonlySet<string> = new Set(['none', 'crashloop', 'imagepull', 'oom', 'oom-once', 'unready']);

export function faultFromImage(image: string): Fault {
	const lower = image.toLowerCase();
	if (lower.endsWith(':does-not-exist') || lower.startsWith('registry.invalid/')) return 'imagepull';
	if (lower.includes('crashloop')) return 'crashloop';
	if (lower.includes('oomkill')) return 'oom';
	return 'none';
}

/** The annotation wins over the image name; an unknown annotation value is ignored. */
export function faultFor(annotations: Record<string, string> | undefined, container: string, image: string): Fault {
	const text = annotations?.[FAULT_ANNOTATION]?.trim();
	if (text) {
		if (!text.includes('=')) {
			if (FAULTS.has(text)) return text as Fault;
		} else {
			for (const part of text.split(',')) {
				const [name, value] = part.split('=').map(s => s.trim());
				if (name === container && value && FAULTS.has(value)) return value as Fault;
			}
		}
	}
	return faultFromImage(image);
}

export function numberAnnotation(pod: KubeObject, name: string): number | undefined {
	const raw = pod.metadata.annotations?.[name];
	if (raw === undefined) return undefined;
	const value = Number(raw);
	return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** CrashLoopBackOff / ImagePullBackOff delay: 10s doubling per failure, capped at 5 minutes. */
export function backoffMs(failures: number): number {
	return Math.min(300_000, 10_000 * 2 ** Math.max(0, failures - 1));
}

/** What the container runtime reports for a pull of an image that does not exist. */
export function pullErrorMessage(image: string): string {
	const ref = image.includes('/') ? image : `docker.io/library/${image}`;
	const named = ref.includes(':') ? ref : `${ref}:latest`;
	return `rpc error: code = NotFound desc = failed to pull and unpack image "${named}": failed to resolve reference "${named}": ${named}: not found`;
}

export interface CrashHistory {
	/** Crashes so far (the container's restartCount). */
	restarts: number;
	/** When the last run ended and the one before it, in ms after the first start (-1: none). */
	lastEnd: number;
	previousEnd: number;
}

/**
 * The crash history a crashlooping container has piled up `elapsedMs` after it first started,
 * each run lasting `runMs` and each crash followed by the back-off: seeded pods then show a
 * restart count and a last crash that fit their age (a pod 10s old cannot have crashed 11 times).
 */
export function crashHistory(elapsedMs: number, runMs: number): CrashHistory {
	let start = 0;
	let restarts = 0;
	let lastEnd = -1;
	let previousEnd = -1;
	for (;;) {
		const end = start + runMs;
		if (end > elapsedMs) break;
		restarts++;
		previousEnd = lastEnd;
		lastEnd = end;
		start = end + backoffMs(restarts);
	}
	return {restarts, lastEnd, previousEnd};
}

/** A duration as Go's time.Duration prints it ("10s", "1m20s", "5m0s"), as the kubelet's messages do. */
export function goDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	const h = Math.floor(seconds / 3600);
	const m = Math.floor((seconds % 3600) / 60);
	const sec = seconds % 60;
	if (h > 0) return `${h}h${m}m${sec}s`;
	if (m > 0) return `${m}m${sec}s`;
	return `${sec}s`;
}
