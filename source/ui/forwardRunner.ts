// The runner's side of port-forwards: reading a target's ports, starting one forward per pair,
// stopping one, and passing the forwards' counters to the state at most once a frame (:pf).
import type {ActionLayer} from '../actions/actionLayer.js';
import {FRAME_MS} from '../kube/timing.js';
import type {Effect, Msg} from './messages.js';

export type ForwardEffect = Extract<Effect, {type: 'readForwardPorts' | 'startForwards' | 'stopForward'}>;

export function createForwardRunner(layer: ActionLayer | undefined, dispatch: (msg: Msg) => void) {
	// Byte counts change per chunk, so the state hears of them at most once a frame.
	let timer: NodeJS.Timeout | undefined;
	let disposed = false;
	const forwards = layer?.portForwards;
	const unsubscribe = forwards?.subscribe(() => {
		if (timer || disposed) return;
		timer = setTimeout(() => {
			timer = undefined;
			if (!disposed) dispatch({type: 'forwards', list: forwards.list()});
		}, FRAME_MS);
	});

	return {
		run(effect: ForwardEffect): void {
			if (!layer) return;
			switch (effect.type) {
				case 'readForwardPorts':
					if (!layer.forwardablePorts) return dispatch({type: 'forwardPorts', req: effect.req, ports: [], error: 'port-forward is not available here'});
					void layer.forwardablePorts(effect.target).then(
						(ports) => dispatch({type: 'forwardPorts', req: effect.req, ports}),
						(error: unknown) => dispatch({type: 'forwardPorts', req: effect.req, ports: [], error: `cannot read the ports: ${error instanceof Error ? error.message : String(error)}`}),
					);
					return;
				case 'startForwards':
					void startForwards(layer, effect).then((answer) => dispatch({type: 'forwardsStarted', req: effect.req, ...answer}));
					return;
				case 'stopForward':
					layer.portForwards?.stop(effect.id);
					return;
			}
		},
		dispose(): void {
			disposed = true;
			if (timer) clearTimeout(timer);
			unsubscribe?.();
		},
	};
}

/** Starts one forward per pair; the answer names each local address, or the first failure. */
async function startForwards(layer: ActionLayer, effect: Extract<Effect, {type: 'startForwards'}>): Promise<{ok: boolean; message: string}> {
	const {target, pairs} = effect;
	if (!layer.portForwards) return {ok: false, message: 'port-forward is not available here'};
	const opened: string[] = [];
	for (const pair of pairs) {
		try {
			const info = await layer.portForwards.start({target: {...target, port: pair.remote}, localPort: pair.local});
			opened.push(`${info.bindAddress}:${info.localPort} → ${pair.remote}`);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			return {ok: false, message: opened.length ? `forwarding ${opened.join(', ')}; ${message}` : message};
		}
	}
	return {ok: true, message: `forwarding ${opened.join(', ')} to ${target.kind.toLowerCase()} ${target.namespace}/${target.name} (:pf lists forwards)`};
}
