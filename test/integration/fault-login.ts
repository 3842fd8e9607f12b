// A simulator whose token rotates, and a kubeconfig that logs in to it either with an exec
// credential plugin (which prints whatever token a file holds, and counts its runs) or with a
// static token rewritten in place — shared by the credential fault tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import {dump} from 'js-yaml';
import {loadKubeConfig} from '../../source/config/kubeconfig.js';
import {startSim, type Sim} from '../../source/sim/index.js';
import {SimFaults} from '../../source/sim/server/faults.js';

export interface Login {
	sim: Sim;
	faults: SimFaults;
	dir: string;
	kubeconfig: string;
	/** What the exec plugin prints next (it reads this file on every run). */
	setPluginToken(token: string): void;
	/** How many times the plugin ran. */
	pluginRuns(): number;
	/** Rewrites the kubeconfig's static token in place (a login tool rotating it). */
	setFileToken(token: string): void;
	stop(): Promise<void>;
}

/** A simulator whose token is rotated, and a kubeconfig with an exec plugin or a static token for it. */
export async function login(auth: 'exec' | 'token'): Promise<Login> {
	const faults = new SimFaults();
	const sim = await startSim({scenario: 'empty', speed: 100, seed: 1, faults});
	const first = faults.rotateToken();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-login-'));
	const tokenFile = path.join(dir, 'token');
	const runsFile = path.join(dir, 'runs');
	const plugin = path.join(dir, 'credential-plugin.sh');
	fs.writeFileSync(tokenFile, first);
	fs.writeFileSync(runsFile, '');
	fs.writeFileSync(
		plugin,
		`#!/bin/sh\necho run >> "${runsFile}"\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat "${tokenFile}")"\n`,
		{mode: 0o755},
	);
	const kubeconfig = path.join(dir, 'kubeconfig');
	const write = (user: Record<string, unknown>) =>
		fs.writeFileSync(
			kubeconfig,
			dump({
				apiVersion: 'v1',
				kind: 'Config',
				clusters: [{name: 'sim', cluster: {server: sim.url, 'insecure-skip-tls-verify': true}}],
				users: [{name: 'rotating', user}],
				contexts: [{name: 'sim', context: {cluster: 'sim', user: 'rotating', namespace: 'default'}}],
				'current-context': 'sim',
			}),
			{mode: 0o600},
		);
	const execUser = {exec: {apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never'}};
	write(auth === 'exec' ? execUser : {token: first});
	return {
		sim,
		faults,
		dir,
		kubeconfig,
		setPluginToken: (token) => fs.writeFileSync(tokenFile, token),
		pluginRuns: () => fs.readFileSync(runsFile, 'utf8').split('\n').filter(Boolean).length,
		setFileToken: (token) => write({token}),
		async stop() {
			await sim.close();
			fs.rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** The kubeconfig file as kubedeck loads it (so a 401 re-reads that file). */
export function loaded(file: string) {
	const result = loadKubeConfig({kubeconfig: file});
	assert.ok(result.ok, result.ok ? '' : result.message);
	return result.kubeConfig;
}
