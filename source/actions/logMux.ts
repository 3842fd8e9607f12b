// Logs of many pods at once (a deployment's), stern-style: one follow per pod/container,
// lines tagged with their source and a colour that stays the same for that source, pods
// joining and leaving as the caller updates the target list from the live pods store.
import type {Transport} from '../kube/transport.js';
import {streamLogs, type LogLine, type LogStream, type LogStreamOptions} from './logs.js';

export interface LogTarget {
	namespace: string;
	pod: string;
	container: string;
}

export interface MuxLine extends LogLine {
	/** "pod/container", the prefix shown before each line. */
	source: string;
	/** Index into the view's palette, stable for a source across runs. */
	colour: number;
}

export interface LogMuxHandlers {
	onLine(line: MuxLine): void;
	onSourceStart?(source: string): void;
	onSourceEnd?(source: string, end: {kind: string; message: string}): void;
}

export type LogMuxOptions = Omit<LogStreamOptions, 'namespace' | 'pod' | 'container'> & {paletteSize?: number};

/** FNV-1a: cheap, stable, and spreads similar pod names (web-abc12, web-abd34) apart. */
export function colourFor(source: string, paletteSize: number): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < source.length; i++) {
		hash ^= source.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash % paletteSize;
}

export function sourceName(target: LogTarget): string {
	return `${target.pod}/${target.container}`;
}

export interface LogMux {
	/** Starts streams for new targets and stops those no longer listed. */
	setTargets(targets: readonly LogTarget[]): void;
	sources(): string[];
	stop(): Promise<void>;
}

export function createLogMux(api: Transport, options: LogMuxOptions, handlers: LogMuxHandlers): LogMux {
	const palette = options.paletteSize ?? 6;
	const {paletteSize: _palette, ...streamOptions} = options;
	const streams = new Map<string, {stream: LogStream; target: LogTarget}>();
	const key = (t: LogTarget): string => `${t.namespace}/${t.pod}/${t.container}`;
	let stopped = false;

	return {
		setTargets(targets) {
			if (stopped) return;
			const wanted = new Map(targets.map((t) => [key(t), t]));
			for (const [k, entry] of streams) {
				if (!wanted.has(k)) {
					entry.stream.stop();
					streams.delete(k);
				}
			}
			for (const [k, target] of wanted) {
				if (streams.has(k)) continue;
				const source = sourceName(target);
				const colour = colourFor(source, palette);
				handlers.onSourceStart?.(source);
				const stream = streamLogs(api, {...streamOptions, namespace: target.namespace, pod: target.pod, container: target.container}, {
					onLine: (line) => handlers.onLine({...line, source, colour}),
					onEnd: (end) => {
						// A stream that ended by itself (pod deleted) leaves the set; a later setTargets may restart it.
						if (streams.get(k)?.stream === stream) streams.delete(k);
						if (end.kind !== 'stopped') handlers.onSourceEnd?.(source, end);
					},
				});
				streams.set(k, {stream, target});
			}
		},
		sources() {
			return [...streams.values()].map((e) => sourceName(e.target));
		},
		async stop() {
			stopped = true;
			const all = [...streams.values()];
			streams.clear();
			for (const e of all) e.stream.stop();
			await Promise.all(all.map((e) => e.stream.done));
		},
	};
}
