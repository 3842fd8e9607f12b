// Start-up sequence with side effects: everything that can fail on bad input fails here with a
// message before the terminal is taken over; then the session and the Ink app run until quit.
import React from 'react';
import {render} from 'ink';
import type {KubeConfig} from '@kubernetes/client-node';
import type {StartOptions} from './cli-options.js';
// The kubeconfig module loads @kubernetes/client-node (the largest part of start-up), and the
// session, the start view and the action layer reach it through the transport: all imported
// only after the first frame is on screen.
type KubeconfigModule = typeof import('./config/kubeconfig.js');
const loadDataLayer = async () => {
	const [kubeconfig, {openSession}, {resolveStartView}, {createActionLayer}] = await Promise.all([
		import('./config/kubeconfig.js'),
		import('./kube/session.js'),
		import('./start-view.js'),
		import('./actions/actionLayer.js'),
	]);
	return {kubeconfig, openSession, resolveStartView, createActionLayer};
};
import {loadKeymap, KeymapError} from './config/keymap.js';
import {frameMsForFps, gpuIdleSettings, loadSettings, resolvePaths} from './config/settings.js';
import type {Session} from './kube/session.js';
import {gpuTelemetryConfig} from './config/settings-telemetry.js';
import {enterAltScreen, installScreenRestore, restoreInput, restoreScreen} from './terminal/screen.js';
import {heapLimitFlag, heapMessage, watchHeap} from './heapGuard.js';
import {installCollapsedNextLines} from './terminal/collapseNextLines.js';
import {App} from '../views/App.js';
import {Starting} from '../views/Starting.js';

interface Started {
	kubeConfig: KubeConfig;
	context: string;
	namespace: string;
	stopDemo?: () => Promise<void>;
}

async function connect(options: StartOptions, {loadKubeConfig}: KubeconfigModule): Promise<Started | string> {
	let kubeconfig = options.kubeconfig;
	let stopDemo: (() => Promise<void>) | undefined;
	if (options.demo) {
		// The simulator is only imported for --demo, so normal start-up does not pay for it.
		const {startSim} = await import('./sim/index.js');
		const sim = await startSim({scenario: 'demo'});
		kubeconfig = sim.kubeconfigPath;
		stopDemo = () => sim.close();
	}
	const loaded = loadKubeConfig({kubeconfig, context: options.context});
	if (!loaded.ok) {
		await stopDemo?.();
		return loaded.message;
	}
	return {kubeConfig: loaded.kubeConfig, context: loaded.context, namespace: loaded.namespace, stopDemo};
}

export async function runApp(options: StartOptions): Promise<number> {
	const paths = resolvePaths();
	const settings = loadSettings(paths.settingsFile);
	if (!settings.ok) {
		process.stderr.write(`kubedeck: ${settings.message}\n`);
		return 1;
	}
	let keymap;
	try {
		keymap = loadKeymap({userFile: options.keymap ?? paths.keymapFile, requireUserFile: Boolean(options.keymap)});
	} catch (error) {
		if (error instanceof KeymapError) {
			process.stderr.write(`kubedeck: invalid key map: ${error.message}\n`);
			return 1;
		}
		throw error;
	}
	// On a terminal the first frame is drawn now, before the client loads and the cluster answers;
	// whatever then fails gives the terminal back before it says why. Without one, nothing is drawn
	// and the same checks answer first (then the missing terminal).
	const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
	const screen = tty ? takeTerminal(options.readonly) : undefined;
	const fail = async (message: string, code: number, cleanup: () => Promise<void> = async () => {}): Promise<number> => {
		await cleanup();
		screen?.release();
		process.stderr.write(`kubedeck: ${message}\n`);
		return code;
	};
	let data: Awaited<ReturnType<typeof loadDataLayer>>;
	let started: Started | string;
	let session: Session;
	try {
		data = await loadDataLayer();
		started = await connect(options, data.kubeconfig);
	} catch (error) {
		screen?.release();
		throw error;
	}
	if (typeof started === 'string') return fail(started, 1);
	const {listContexts, switchContext: contextOf} = data.kubeconfig;
	const {openSession, resolveStartView, createActionLayer} = data;
	let current = started;
	// What every session of this run shares, whichever context it talks to.
	const sessionSettings = {
		frameMs: frameMsForFps(settings.settings.refreshFps),
		extraAcceleratorResources: settings.settings.extraAcceleratorResources,
		gpuTelemetry: gpuTelemetryConfig(settings.settings),
	};
	try {
		session = await openSession(current.kubeConfig, {
			namespace: options.allNamespaces ? undefined : options.namespace ?? current.namespace,
			allNamespaces: options.allNamespaces,
			...sessionSettings,
		});
	} catch (error) {
		await started.stopDemo?.();
		screen?.release();
		throw error;
	}
	// -c of a kind only discovery knows: decided here, before the app is shown (see start-view.ts).
	let initialView = options.view;
	let startMessage: string | undefined;
	if (options.startWord) {
		const resolved = await resolveStartView(session, options.startWord);
		if (resolved.type === 'refused') {
			const opened = session;
			return fail(resolved.message, 2, async () => {
				await opened.close();
				await started.stopDemo?.();
			});
		}
		if (resolved.type === 'pane') initialView = resolved.pane;
		else startMessage = resolved.message;
	}
	if (!screen) {
		await session.close();
		await started.stopDemo?.();
		process.stderr.write('kubedeck: needs an interactive terminal (stdin and stdout must be a TTY)\n');
		return 1;
	}

	// One action layer per cluster connection: it holds the context's credentials, so a context
	// switch builds a new one. Read-only is decided here, once, for every mutation.
	const actionLayerFor = (kubeConfig: KubeConfig) =>
		createActionLayer({
			kubeConfig,
			readonly: options.readonly,
			scaleCeiling: settings.settings.scaleCeiling,
			revealSecrets: settings.settings.revealSecrets,
			portForwardAddress: settings.settings.portForwardAddress,
			auditFile: paths.auditLog,
			savedLogsDir: paths.savedLogsDir,
		});
	let actions = actionLayerFor(current.kubeConfig);

	let resolveExit: (code: number) => void = () => {};
	const exited = new Promise<number>((resolve) => {
		resolveExit = resolve;
	});

	const element = (key: string) =>
		React.createElement(App, {
			key,
			session,
			keymap,
			settings: {...settings.settings, idleGpus: gpuIdleSettings(settings.settings)},
			readonly: options.readonly,
			initialView,
			...(startMessage ? {startMessage} : {}),
			onSwitchContext: (name: string) => {
				void switchContext(name);
			},
			onExit: () => resolveExit(0),
			contexts: listContexts(current.kubeConfig).map((c) => c.name),
			actions,
		});

	const instance = screen.instance;
	instance.rerender(element(current.context));

	async function switchContext(name: string): Promise<void> {
		const next = contextOf(current.kubeConfig, name);
		if (!next.ok) return; // the picker only offers known contexts; nothing to switch to
		const nextSession = await openSession(next.kubeConfig, {namespace: next.namespace, allNamespaces: false, ...sessionSettings});
		await session.close();
		session = nextSession;
		actions.close();
		actions = actionLayerFor(next.kubeConfig);
		current = {...current, kubeConfig: next.kubeConfig, context: name, namespace: next.namespace};
		instance.rerender(element(name));
	}

	const code = await exited;
	instance.unmount();
	await session.close();
	actions.close();
	await current.stopDemo?.();
	screen.release();
	return code;
}

/**
 * The terminal, taken: restore hooks (SIGHUP, SIGTERM, SIGINT, crashes and running out of memory
 * must give the user their terminal back too), the heap guard, the alternate screen, and the
 * first frame. release() gives it all back (idempotent).
 */
function takeTerminal(readonly: boolean): {instance: ReturnType<typeof render>; release(): void} {
	const uninstallRestore = installScreenRestore(process.stdout, {input: process.stdin});
	// cli.ts makes sure the limit is set; without one (no execve on this platform) V8's own abort stays the last word.
	const heapLimitMb = heapLimitFlag(process.execArgv, process.env['NODE_OPTIONS']);
	const heapWatch = heapLimitMb === undefined ? undefined : watchHeap(heapLimitMb, (sample) => {
		restoreInput(process.stdin);
		restoreScreen(process.stdout);
		process.stderr.write(`${heapMessage(sample)}\n`);
		process.exit(1);
	});
	enterAltScreen(process.stdout);
	// Runs of Ink's per-line cursor moves go out as one move: an idle one-word change at 200×50 is
	// ~60 bytes instead of ~200 (source/terminal/collapseNextLines.ts).
	installCollapsedNextLines(process.stdout);
	// interactive: we hold a TTY (checked by the caller), so CI=true in the user's shell must not switch
	// Ink to its draw-once-at-exit mode. incrementalRendering: rewrite only the lines that changed, so
	// a cursor move costs a few hundred bytes over SSH instead of the whole screen.
	const instance = render(React.createElement(Starting, {readonly}), {
		exitOnCtrlC: false,
		patchConsole: true,
		interactive: true,
		incrementalRendering: true,
	});
	let released = false;
	return {
		instance,
		release() {
			if (released) return;
			released = true;
			instance.unmount();
			heapWatch?.stop();
			restoreInput(process.stdin);
			restoreScreen(process.stdout);
			uninstallRestore();
		},
	};
}
