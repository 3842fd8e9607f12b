// The kubeconfig a simulator writes: token auth, plain HTTP on loopback, two contexts: the demo
// user (current; may do everything) and a read-only viewer, whose server URL carries the viewer
// prefix because client-go sends no token over plain http (server/authz.ts).
import {mkdtemp, writeFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, dirname} from 'node:path';
import {dump} from 'js-yaml';
import {viewerPrefix} from './server/authz.js';

export const simContext = 'kubedeck-demo';
export const simCluster = 'kubedeck-sim';
export const simUser = 'demo-user';
export const viewerContext = 'kubedeck-demo-viewer';
export const viewerCluster = 'kubedeck-sim-viewer';
export const viewerUser = 'demo-viewer';

export function kubeconfigText(server: string, token: string, viewerToken: string, namespace = 'default'): string {
	return dump({
		apiVersion: 'v1',
		kind: 'Config',
		// Plain http on loopback: client-node refuses http unless this is set (kubectl ignores it for http).
		clusters: [{name: simCluster, cluster: {server, 'insecure-skip-tls-verify': true}}, {name: viewerCluster, cluster: {server: `${server}${viewerPrefix}`, 'insecure-skip-tls-verify': true}}],
		users: [{name: simUser, user: {token}}, {name: viewerUser, user: {token: viewerToken}}],
		contexts: [{name: simContext, context: {cluster: simCluster, user: simUser, namespace}}, {name: viewerContext, context: {cluster: viewerCluster, user: viewerUser, namespace}}],
		'current-context': simContext,
		preferences: {},
	});
}

/** Writes the kubeconfig (mode 0600: it holds a token); without a path, into a fresh temp dir. Returns its path and a cleanup. */
export async function writeKubeconfig(server: string, token: string, viewerToken: string, path?: string): Promise<{path: string; cleanup(): Promise<void>}> {
	if (path) {
		await writeFile(path, kubeconfigText(server, token, viewerToken), {mode: 0o600});
		return {path, cleanup: async () => {}};
	}
	const dir = await mkdtemp(join(tmpdir(), 'kubedeck-sim-'));
	const file = join(dir, 'kubeconfig');
	await writeFile(file, kubeconfigText(server, token, viewerToken), {mode: 0o600});
	return {path: file, cleanup: () => rm(dirname(file), {recursive: true, force: true})};
}
