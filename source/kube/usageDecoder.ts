// Turns a metrics list's body into a usage table. At 50,000 pods the body is ~18 MB: its JSON
// decode and the quantity parsing take ~240 ms (bench/RESULTS.md), and on the main thread a key
// pressed meanwhile waited for them every 15 s. A large body is therefore decoded in a worker
// thread, started for that one body and ended after it: a thread that lived on would keep the
// heap that decoding grew. What comes back is the compact wire form (usageWire.ts). A small body,
// or any trouble with the worker, is decoded here: the same function, the same result.
import {Worker} from 'node:worker_threads';
import type {KubeObject} from '../model/types.js';
import {nodeUsageTable, podUsageTable, type UsageTable} from '../model/metrics.js';
import {fromWire, type UsageWire} from '../model/usageWire.js';
import {KubeError} from './kubeError.js';

export type UsageResource = 'pods' | 'nodes';

/** The table each metrics resource's items make: the one choice, for the decoder and for the poller's toTable. */
export const usageTables: Record<UsageResource, (items: readonly KubeObject[]) => UsageTable> = {pods: podUsageTable, nodes: nodeUsageTable};

/** Under this many bytes a body is decoded on the calling thread (a worker's start costs more). */
export const WORKER_THRESHOLD_BYTES = 1 << 20;

/** The body of a PodMetricsList or NodeMetricsList → usage by key. Throws a KubeError for a body that is not JSON. */
export function decodeUsage(body: Uint8Array, resource: UsageResource): UsageTable {
	let list: {items?: KubeObject[]} | undefined;
	try {
		list = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as {items?: KubeObject[]} | undefined;
	} catch {
		throw new KubeError(0, 'BadResponse', `metrics.k8s.io/${resource}: the server answered with something that is not JSON`);
	}
	const items = Array.isArray(list?.items) ? list.items : [];
	return usageTables[resource](items);
}

/** What the worker answers: the table, or the one line of why not. */
export type WorkerAnswer = {wire: UsageWire} | {error: {status: number; reason: string; message: string}};

export interface UsageDecoderOptions {
	thresholdBytes?: number;
	/** The worker's entry (tests point it elsewhere to make it fail). */
	workerUrl?: URL;
}

export class UsageDecoder {
	private readonly threshold: number;
	private readonly workerUrl: URL;
	private readonly running = new Set<Worker>();
	private closed = false;

	constructor(options: UsageDecoderOptions = {}) {
		this.threshold = options.thresholdBytes ?? WORKER_THRESHOLD_BYTES;
		this.workerUrl = options.workerUrl ?? new URL('./usageDecodeWorker.js', import.meta.url);
	}

	async decode(body: Uint8Array, resource: UsageResource): Promise<UsageTable> {
		if (body.byteLength < this.threshold || this.closed) return decodeUsage(body, resource);
		let answer: WorkerAnswer | undefined;
		try {
			answer = await this.inWorker(body, resource);
		} catch {
			// The worker could not start or died: this body is decoded here, as a small one is.
		}
		if (answer === undefined) return decodeUsage(body, resource);
		if ('error' in answer) throw new KubeError(answer.error.status, answer.error.reason, answer.error.message);
		return fromWire(answer.wire);
	}

	/** One worker for one body; it is ended as soon as it has answered (or failed). */
	private inWorker(body: Uint8Array, resource: UsageResource): Promise<WorkerAnswer> {
		return new Promise<WorkerAnswer>((resolve, reject) => {
			const worker = new Worker(this.workerUrl, {workerData: {resource}});
			this.running.add(worker);
			// A decode in flight is never a reason to stay alive.
			worker.unref();
			const end = (): void => {
				this.running.delete(worker);
				void worker.terminate();
			};
			worker.once('message', (answer: WorkerAnswer) => {
				end();
				resolve(answer);
			});
			worker.once('error', (error) => {
				end();
				reject(error);
			});
			worker.once('exit', (code) => {
				this.running.delete(worker);
				reject(new Error(`the usage decoder exited (${code}) before it answered`));
			});
			// Copied, not transferred: if the worker fails, the body is still here to decode.
			worker.postMessage(body);
		});
	}

	/** Ends any worker still decoding (the session is closing); later bodies are decoded in place. */
	close(): void {
		this.closed = true;
		for (const worker of this.running) void worker.terminate();
		this.running.clear();
	}
}
