// Start-up sequence with side effects: everything that can fail on bad input fails here with a
// message before the terminal is taken over; then the session and the Ink app run until quit.
import React from 'react';
import {render} from 'ink';
import type {KubeConfig} from '@kubernetes/client-node';
import type {StartOptions} from './cli-options.js';
import {listContexts, loadKubeConfig, switchContext as contextOf} from './config/kubeconfig.js';
import {loadKeymap, KeymapError} from './config/keymap.js';
import {frameMsForFps, loadSettings, resolvePaths} from './config/settings.js';
import {gpuTelemetryConfig} from './config/settings-telemetry.js';
import {openSession, type Session} from './kube/session.js';
import {resolveStartView} from './start-view.js';
import {createActionLayer} from './actions/actionLayer.js';
import {enterAltScreen, installScreenRestore, restoreInput, restoreScreen} from './terminal/screen.js';
import {heapLimitFlag, heapMessage, watchHeap} from './heapGuard.js';
import {installCollapsedNextLines} from './terminal/collapseNextLines.js';
import {App} from '../views/App.js';

interface Started {
	kubeConfig: KubeConfig;
	context: string;
	namespace: string;
	stopDemo?: () => Promise<void>;
}

async function connect(options: StartOptions): Promise<Started | string> {
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
	const started = await connect(options);
	if (typeof started === 'string') {
		process.stderr.write(`kubedeck: ${started}\n`);
		return 1;
	}
	let current = started;
	// What every session of this run shares, whichever context it talks to.
	const sessionSettings = {
		frameMs: frameMsForFps(settings.settings.refreshFps),
		extraAcceleratorResources: settings.settings.extraAcceleratorResources,
		gpuTelemetry: gpuTelemetryConfig(settings.settings),
	};
	let session: Session = await openSession(current.kubeConfig, {
		namespace: options.allNamespaces ? undefined : options.namespace ?? current.namespace,
		allNamespaces: options.allNamespaces,
		...sessionSettings,
	});
	// -c of a kind only discovery knows: decided here, before the terminal is taken (see start-view.ts).
	let initialView = options.view;
	let startMessage: string | undefined;
	if (options.startWord) {
		const resolved = await resolveStartView(session, options.startWord);
		if (resolved.type === 'refused') {
			await session.close();
			await started.stopDemo?.();
			process.stderr.write(`kubedeck: ${resolved.message}\n`);
			return 2;
		}
		if (resolved.type === 'pane') initialView = resolved.pane;
		else startMessage = resolved.message;
	}
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
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

	// SIGHUP, SIGTERM, SIGINT, crashes and running out of memory must give the user their terminal back too.
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
	let resolveExit: (code: number) => void = () => {};
	const exited = new Promise<number>((resolve) => {
		resolveExit = resolve;
	});

	const element = (key: string) =>
		React.createElement(App, {
			key,
			session,
			keymap,
			settings: settings.settings,
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

	// interactive: we hold a TTY (checked above), so CI=true in the user's shell must not switch Ink
	// to its draw-once-at-exit mode. incrementalRendering: rewrite only the lines that changed, so
	// a cursor move costs a few hundred bytes over SSH instead of the whole screen.
	// Runs of Ink's per-line cursor moves go out as one move: an idle one-word change at 200×50 is
	// ~60 bytes instead of ~200 (source/terminal/collapseNextLines.ts).
	installCollapsedNextLines(process.stdout);
	const instance = render(element(current.context), {
		exitOnCtrlC: false,
		patchConsole: true,
		interactive: true,
		incrementalRendering: true,
	});

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
	heapWatch?.stop();
	restoreInput(process.stdin);
	restoreScreen(process.stdout);
	uninstallRestore();
	return code;
}
