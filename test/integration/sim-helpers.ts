// Small helpers shared by the simulator integration tests.
import {ApiException, CoreV1Api, PatchStrategy, setHeaderOptions, type KubeConfig} from '@kubernetes/client-node';

/** client-node sends JSON patch by default; these pick the other two patch types. */
export const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
export const strategicPatch = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);

export interface ErrorStatus {
	code: number;
	reason?: string;
	message?: string;
	details?: {causes?: Array<{field?: string; message?: string; reason?: string}>};
}

/** Runs fn, expecting an API error; returns its Status body. */
export async function apiError(fn: () => Promise<unknown>): Promise<ErrorStatus> {
	try {
		await fn();
	} catch (error) {
		if (error instanceof ApiException) {
			const body = typeof error.body === 'string' ? (JSON.parse(error.body) as ErrorStatus) : (error.body as ErrorStatus);
			return {...body, code: error.code};
		}
		throw error;
	}
	throw new Error('expected the call to fail with an API error, but it succeeded');
}

export async function createNamespace(kubeConfig: KubeConfig, name: string): Promise<void> {
	await kubeConfig.makeApiClient(CoreV1Api).createNamespace({body: {metadata: {name}}});
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 25));
	}
}

export function podBody(name: string, labels: Record<string, string> = {}): {metadata: {name: string; labels: Record<string, string>}; spec: {containers: Array<{name: string; image: string}>}} {
	return {metadata: {name, labels}, spec: {containers: [{name: 'main', image: 'registry.example/app:1.0'}]}};
}

/** Raw HTTP against the cluster with the kubeconfig's credentials (for wire-level assertions). */
export async function rawRequest(kubeConfig: KubeConfig, path: string, init: {method?: string; body?: string; headers?: Record<string, string>} = {}): Promise<{status: number; text: string; headers: Headers}> {
	const cluster = kubeConfig.getCurrentCluster();
	if (!cluster) throw new Error('no current cluster in kubeconfig');
	const headers: Record<string, string> = {...init.headers};
	const token = kubeConfig.getCurrentUser()?.token;
	if (token && !headers.Authorization) headers.Authorization = `Bearer ${token}`;
	const response = await fetch(cluster.server + path, {method: init.method ?? 'GET', body: init.body, headers});
	return {status: response.status, text: await response.text(), headers: response.headers};
}
