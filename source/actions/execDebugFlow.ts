// D's sequence: add the ephemeral container through the gate, wait until it runs (progress on the
// status line; the reason when it cannot start), then attach to it.
import type {ActionResult, Intent} from './gate.js';
import type {KubeObject} from '../model/types.js';
import {debugContainerName, debugStateOf} from './execDebug.js';
import type {ExecTarget} from './execSession.js';
import type {ShellOutcome} from './execShell.js';

export interface DebugPorts {
	perform(intent: Intent): Promise<ActionResult>;
	readPod(): Promise<KubeObject>;
	attach(container: string): Promise<ShellOutcome>;
	progress(text: string): void;
	signal: AbortSignal;
	/** How long to wait for the container to run; default 60 s. */
	timeoutMs?: number;
	sleep?: (ms: number) => Promise<void>;
}

export async function runDebug(ports: DebugPorts, target: ExecTarget, image: string): Promise<ShellOutcome> {
	const name = debugContainerName();
	const result = await ports.perform({verb: 'debug', kind: 'Pod', namespace: target.namespace, name: target.pod, container: name, image, target: target.container});
	if (!result.ok) return {ok: false, text: result.message};
	const sleep = ports.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const deadline = Date.now() + (ports.timeoutMs ?? 60_000);
	let last = '';
	while (!ports.signal.aborted) {
		let pod: KubeObject;
		try {
			pod = await ports.readPod();
		} catch (error) {
			return {ok: false, text: `debug: cannot read pod ${target.namespace}/${target.pod}: ${error instanceof Error ? error.message : String(error)}`};
		}
		const state = debugStateOf(pod, name);
		if (state.state === 'running') return ports.attach(name);
		if (state.state === 'failed') return {ok: false, text: `debug container ${name} cannot start: ${state.reason}`};
		if (state.reason !== last) ports.progress(`debug container ${name} (${image}): ${(last = state.reason)}…`);
		if (Date.now() > deadline) return {ok: false, text: `debug container ${name} did not start within ${Math.round((ports.timeoutMs ?? 60_000) / 1000)} s (${state.reason})`};
		await sleep(500);
	}
	return {ok: false, text: `debug: stopped waiting for ${name}`};
}
