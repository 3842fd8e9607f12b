// Start-up sequence with side effects: everything that can fail on bad input fails here with a
// message before the terminal is taken over; then the session and the Ink app run until quit.
import React from 'react';
import {render} from 'ink';
import type {KubeConfig} from '@kubernetes/client-node';
import type {StartOptions} from './cli-options.js';
import {loadKubeConfig} from './config/kubeconfig.js';
import {loadKeymap, KeymapError} from './config/keymap.js';
import {loadSettings} from './config/settings.js';
import {openSession, type Session} from './kube/session.js';
import {enterAltScreen, restoreScreen} from './terminal/screen.js';
import {App} from '../views/App.js';

interface Started {
	kubeconfigPath?: string;
	kubeConfig: KubeConfig;
	context: string;
	namespace: string;
	stopDemo?: () => Promise<void>;
}

async function connect(options: StartOptions, contextOverride?: string): Promise<Started | string> {
	let kubeconfig = options.kubeconfig;
	let stopDemo: (() => Promise<void>) | undefined;
	if (options.demo && !contextOverride) {
		// The simulator is only imported for --demo, so normal start-up does not pay for it.
		const {startSim} = await import('./sim/index.js');
		const sim = await startSim({scenario: 'demo'});
		kubeconfig = sim.kubeconfigPath;
		stopDemo = () => sim.close();
	}
	const loaded = loadKubeConfig({kubeconfig, context: contextOverride ?? options.context});
	if (!loaded.ok) {
		await stopDemo?.();
		return loaded.message;
	}
	return {kubeconfigPath: kubeconfig, kubeConfig: loaded.kubeConfig, context: loaded.context, namespace: loaded.namespace, stopDemo};
}

export async function runApp(options: StartOptions): Promise<number> {
	const settings = loadSettings();
	if (!settings.ok) {
		process.stderr.write(`kubedeck: ${settings.message}\n`);
		return 1;
	}
	let keymap;
	try {
		keymap = loadKeymap({userFile: options.keymap ?? settings.paths.keymapFile, userFileExplicit: Boolean(options.keymap)});
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
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		await started.stopDemo?.();
		process.stderr.write('kubedeck: needs an interactive terminal (stdin and stdout must be a TTY)\n');
		return 1;
	}

	let current = started;
	let session: Session = await openSession(current.kubeConfig, {
		namespace: options.allNamespaces ? undefined : options.namespace ?? current.namespace,
		allNamespaces: options.allNamespaces,
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
			initialView: options.view,
			onSwitchContext: (name: string) => {
				void switchContext(name);
			},
			onExit: () => resolveExit(0),
		});

	const instance = render(element(current.context), {exitOnCtrlC: false, patchConsole: true});

	async function switchContext(name: string): Promise<void> {
		// Same kubeconfig file(s) as at start (for --demo: the simulator's), another context.
		const next = await connect({...options, demo: false, kubeconfig: current.kubeconfigPath}, name);
		if (typeof next === 'string') {
			// Keep the current session; the App shows the reason through its status line.
			session.reportError?.(next);
			return;
		}
		await session.close();
		session = await openSession(next.kubeConfig, {namespace: next.namespace, allNamespaces: false});
		current = {...next, stopDemo: current.stopDemo};
		instance.rerender(element(name));
	}

	const code = await exited;
	instance.unmount();
	await session.close();
	await current.stopDemo?.();
	restoreScreen(process.stdout);
	return code;
}
