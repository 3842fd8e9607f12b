// The action layer as one object the app builds at start-up (and again on a context switch),
// so views hold a single handle: perform a mutation, read what a prompt is prefilled with,
// follow a rollout, stream logs, save them. Everything mutating still goes through performAction.
import {readHpaOwner} from './hpaOwner.js';
import type {HpaOwner} from './scaleRule.js';
import type {KubeConfig} from '@kubernetes/client-node';
import {identityOf} from '../config/kubeconfig.js';
import {createTransport, type Transport} from '../kube/transport.js';
import {fileAuditLog, memoryAuditLog, type AuditLog} from './audit.js';
import {performAction, type ActionResult, type Intent} from './gate.js';
import {createWebSocketOpener, type WebSocketOpener} from '../kube/websocket.js';
import {createLogMux, type LogMux, type LogMuxHandlers, type LogMuxOptions} from './logMux.js';
import {streamLogs, type LogStream, type LogStreamHandlers, type LogStreamOptions} from './logs.js';
import {parseReplicas, readScale, type ReplicaInput} from './mutations.js';
import {followRollout, type FollowRolloutOptions, type RolloutStatus} from './rollout.js';
import {saveLogs, type SaveLogsTarget} from './saveLogs.js';
import {PortForwards} from './portForward.js';
import {forwardablePorts, type ForwardTarget} from './portForwardResolve.js';
import {tunnelOpener} from './portForwardSocket.js';

export interface ActionLayerOptions {
	kubeConfig: KubeConfig;
	readonly: boolean;
	/** settings.scaleCeiling */
	scaleCeiling: number;
	/** settings.revealSecrets; false refuses every reveal at the gate. */
	revealSecrets?: boolean;
	/** paths.auditLog; without it the audit stays in memory (tests). */
	auditFile?: string;
	/** paths.savedLogsDir */
	savedLogsDir?: string;
	/** Where audit-write problems are shown (e.g. the footer message). */
	onAuditError?: (message: string) => void;
	/** settings.portForwardAddress (default 127.0.0.1). */
	portForwardAddress?: string;
}

export interface ActionLayer {
	readonly readonly: boolean;
	/** The connection every call of this layer goes through. */
	readonly client: Transport;
	perform(intent: Intent): Promise<ActionResult>;
	/** Current desired replicas, to prefill the scale prompt. */
	currentReplicas(kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet', namespace: string, name: string): Promise<{ok: true; replicas: number; hpa?: HpaOwner} | {ok: false; message: string}>;
	/** The scale prompt's validation, with the configured ceiling. */
	validateReplicas(input: string): ReplicaInput;
	followRollout(namespace: string, name: string, options?: FollowRolloutOptions): Promise<RolloutStatus>;
	streamLogs(options: LogStreamOptions, handlers: LogStreamHandlers): LogStream;
	logMux(options: LogMuxOptions, handlers: LogMuxHandlers): LogMux;
	saveLogs(target: SaveLogsTarget, lines: readonly string[]): {ok: true; path: string; lines: number} | {ok: false; message: string};
	/** WebSockets to this layer's API server (exec, attach), with its credentials. */
	readonly webSockets?: WebSocketOpener;
	/** Ends this layer's connections (a context switch, the end of the run); streams still open end with them. */
	close(): void;
	/** Port-forwards of this layer's cluster; they stop with close(). Absent in layers without sockets (test fakes). */
	readonly portForwards?: PortForwards;
	/** The ports the shift-f prompt is prefilled with. */
	forwardablePorts?(target: Omit<ForwardTarget, 'port'>): Promise<number[]>;
}

export function createActionLayer(options: ActionLayerOptions): ActionLayer {
	const client = createTransport(options.kubeConfig);
	const identity = identityOf(options.kubeConfig);
	const audit: AuditLog = options.auditFile ? fileAuditLog(options.auditFile, options.onAuditError) : memoryAuditLog();
	const ctx = {readonly: options.readonly, audit, client, identity: {context: identity.context, user: identity.user}, scaleCeiling: options.scaleCeiling, revealSecrets: options.revealSecrets !== false};
	// Not mutations: allowed in read-only mode, but each connection is on the audit log.
	const portForwards = new PortForwards({client, openTunnel: tunnelOpener(options.kubeConfig), audit, identity: {context: identity.context, user: identity.user}, ...(options.portForwardAddress ? {bindAddress: options.portForwardAddress} : {})});
	return {
		readonly: options.readonly,
		client,
		perform: (intent) => performAction(ctx, intent),
		async currentReplicas(kind, namespace, name) {
			try {
				const [replicas, hpa] = await Promise.all([readScale(client, kind, namespace, name), readHpaOwner(client, kind, namespace, name)]);
				return hpa ? {ok: true, replicas, hpa} : {ok: true, replicas};
			} catch (error) {
				return {ok: false, message: `cannot read the replica count of ${kind.toLowerCase()} ${namespace}/${name}: ${(error as Error).message}`};
			}
		},
		validateReplicas: (input) => parseReplicas(input, options.scaleCeiling),
		followRollout: (namespace, name, follow) => followRollout(client, namespace, name, follow),
		streamLogs: (streamOptions, handlers) => streamLogs(client, streamOptions, handlers),
		logMux: (muxOptions, handlers) => createLogMux(client, muxOptions, handlers),
		saveLogs(target, lines) {
			if (!options.savedLogsDir) return {ok: false, message: 'no directory configured for saved logs'};
			return saveLogs(options.savedLogsDir, target, lines);
		},
		webSockets: createWebSocketOpener(options.kubeConfig),
		close: () => {
			portForwards.stopAll();
			client.close();
		},
		portForwards,
		forwardablePorts: (target) => forwardablePorts(client, target),
	};
}
