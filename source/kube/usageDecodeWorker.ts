// The worker thread of usageDecoder.ts: decodes the one metrics list body it is sent and answers
// with the table's wire form (its numbers' buffer transferred, not copied).
import {parentPort, workerData} from 'node:worker_threads';
import {toWire} from '../model/usageWire.js';
import {KubeError} from './kubeError.js';
import {decodeUsage, type UsageResource, type WorkerAnswer} from './usageDecoder.js';

const {resource} = workerData as {resource: UsageResource};
parentPort?.once('message', (body: Uint8Array) => {
	let answer: WorkerAnswer;
	try {
		answer = {wire: toWire(decodeUsage(body, resource))};
	} catch (error) {
		const known = error instanceof KubeError ? error : new KubeError(0, 'BadResponse', error instanceof Error ? error.message : String(error));
		answer = {error: {status: known.status, reason: known.reason, message: known.message}};
	}
	parentPort?.postMessage(answer, 'wire' in answer ? [answer.wire.numbers.buffer as ArrayBuffer] : []);
});
