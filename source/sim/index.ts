// startSim: the simulated cluster — object store, world, and the HTTP API server on loopback.
import {randomBytes} from 'node:crypto';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {Duplex} from 'node:stream';
import type {AddressInfo} from 'node:net';
import type {ObjectStore, World, WorldOptions} from './contracts.js';
import {writeKubeconfig, simUser} from './kubeconfig.js';
import type {SimFaults} from './server/faults.js';
import {createApiHandler, type ForbidRule} from './server/http.js';
import {createUpgradeHandler} from './server/upgrade.js';
import {SimStore} from './store.js';
import {startWorld} from './world/index.js';

export interface SimOptions extends WorldOptions {
	/** 0 or absent: a free port. */
	port?: number;
	/** Default: a file in a fresh temp directory, removed by close(). */
	kubeconfigPath?: string;
	/** Requests matching a rule get 403 Forbidden with the real RBAC message. */
	forbid?: ForbidRule[];
	/** How often watches that allow bookmarks get one (default 5s; the real server uses ~1 minute). */
	bookmarkIntervalMs?: number;
	/** Watch history length in events (default 50,000); older resourceVersions get 410 Expired. */
	historySize?: number;
	/** Request-level fault switches (tests only): outages, token rotation, 403s, slow answers. */
	faults?: SimFaults;
}

export interface Sim {
	url: string;
	port: number;
	kubeconfigPath: string;
	store: ObjectStore;
	world: World;
	/** Closes the HTTP listener and every open connection (watches, log streams); state is kept. */
	stopServer(): Promise<void>;
	/** Listens again on the same port. */
	startServer(): Promise<void>;
	close(): Promise<void>;
}

const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function listen(server: Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const onError = (error: Error): void => reject(error);
		server.once('error', onError);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', onError);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

export async function startSim(options: SimOptions): Promise<Sim> {
	const store = new SimStore({historySize: options.historySize});
	const world = startWorld(store, options);
	// The real API server creates these itself; the world may already have seeded them.
	for (const name of systemNamespaces) {
		if (!store.record('namespaces', undefined, name)) store.create('namespaces', {metadata: {name, uid: ''}, spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}});
	}
	const token = randomBytes(24).toString('hex');
	const handler = createApiHandler({
		store,
		logs: () => world.logs,
		token,
		user: simUser,
		forbid: options.forbid ?? [],
		bookmarkIntervalMs: options.bookmarkIntervalMs ?? 5000,
		...(options.faults ? {faults: options.faults} : {}),
	});
	// Upgraded connections (exec, attach) leave the HTTP server's books: they are tracked here so an outage ends them too.
	const upgrade = createUpgradeHandler({store, logs: () => world.logs, token, user: simUser, forbid: options.forbid ?? [], bookmarkIntervalMs: options.bookmarkIntervalMs ?? 5000, ...(options.faults ? {faults: options.faults} : {})});
	const upgraded = new Set<Duplex>();
	const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
		upgraded.add(socket);
		socket.once('close', () => upgraded.delete(socket));
		upgrade(req, socket, head);
	};
	let server = createServer(handler);
	server.keepAliveTimeout = 30_000;
	server.on('upgrade', onUpgrade);
	let port: number;
	try {
		port = await listen(server, options.port ?? 0);
	} catch (error) {
		world.stop();
		throw error;
	}
	const url = `http://127.0.0.1:${port}`;
	const kubeconfig = await writeKubeconfig(url, token, options.kubeconfigPath);
	let listening = true;

	const stopServer = async (): Promise<void> => {
		if (!listening) return;
		listening = false;
		const closed = new Promise<void>(resolve => server.close(() => resolve()));
		server.closeAllConnections();
		for (const socket of upgraded) socket.destroy();
		await closed;
	};
	const startServer = async (): Promise<void> => {
		if (listening) return;
		server = createServer(handler);
		server.keepAliveTimeout = 30_000;
		server.on('upgrade', onUpgrade);
		await listen(server, port);
		listening = true;
	};
	let closing: Promise<void> | undefined;
	return {
		url,
		port,
		kubeconfigPath: kubeconfig.path,
		store,
		world,
		stopServer,
		startServer,
		close: () =>
			(closing ??= (async () => {
				world.stop();
				await stopServer();
				await kubeconfig.cleanup();
			})()),
	};
}
