// The demo's Helm 3 releases, stored as Helm stores them: one Secret per revision, type
// helm.sh/release.v1, named sh.helm.release.v1.<release>.v<revision>, labelled
// owner=helm,name,status,version; its `release` key holds base64(gzip(JSON release)) (and the
// Secret's data encodes that once more). Values carry a fake password, as real ones often do.
import {gzipSync} from 'node:zlib';
import type {KubeObject} from '../../../model/types.js';
import {isoTime, type Runtime} from '../runtime.js';
import {ensure} from './build.js';
import {createdAgo, DAY, HOUR} from './past.js';

interface Revision {
	version: number;
	status: 'deployed' | 'superseded' | 'failed';
	ago: number;
	description: string;
	values: Record<string, unknown>;
}

interface Release {
	name: string;
	namespace: string;
	chart: {name: string; version: string; appVersion: string; description: string};
	firstDeployed: number;
	manifest: (values: Record<string, unknown>) => string;
	notes: string;
	revisions: Revision[];
}

/** The `release` payload as Helm's storage driver writes it (before the Secret's own base64). */
export function encodeRelease(release: Record<string, unknown>): string {
	return gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
}

const RELEASES: Release[] = [
	{
		name: 'shop-redis', namespace: 'production', firstDeployed: 30 * DAY,
		chart: {name: 'redis', version: '19.6.4', appVersion: '7.2.5', description: 'Redis(R) is an open source, advanced key-value store.'},
		manifest: values => `---\n# Source: redis/templates/master/application.yaml\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: shop-redis-master\n  namespace: production\nspec:\n  replicas: ${String((values.master as {count?: number}).count)}\n  serviceName: shop-redis-headless\n`,
		notes: 'Redis can be accessed on port 6379 via shop-redis-master.production.svc.cluster.local.\nTo get your password run:\n  kubectl get secret --namespace production shop-redis -o jsonpath="{.data.redis-password}" | base64 -d\n',
		revisions: [
			{version: 1, status: 'superseded', ago: 30 * DAY, description: 'Install complete', values: {auth: {enabled: true, password: 'demo-redis-hunter2'}, master: {count: 1}}},
			{version: 2, status: 'deployed', ago: 3 * DAY, description: 'Upgrade complete', values: {auth: {enabled: true, password: 'demo-redis-hunter2'}, master: {count: 1, resources: {requests: {memory: '512Mi'}}}}},
		],
	},
	{
		name: 'vllm-router', namespace: 'ml-serving', firstDeployed: 5 * DAY,
		chart: {name: 'vllm-stack', version: '0.1.2', appVersion: '0.6.4', description: 'The stack for deploying vLLM.'},
		manifest: () => '---\n# Source: vllm-stack/templates/deployment-router.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: vllm-router\n  namespace: ml-serving\n',
		notes: 'The router listens on port 80 of service vllm-router.\n',
		revisions: [{version: 1, status: 'deployed', ago: 5 * DAY, description: 'Install complete', values: {routerSpec: {replicaCount: 1}, servingEngineSpec: {hfToken: 'hf_demoTokenNotReal000'}}}],
	},
];

function releaseSecret(rt: Runtime, release: Release, revision: Revision): KubeObject {
	const payload = {
		name: release.name,
		namespace: release.namespace,
		version: revision.version,
		info: {first_deployed: isoTime(rt.now() - release.firstDeployed), last_deployed: isoTime(rt.now() - revision.ago), deleted: '', description: revision.description, status: revision.status, notes: release.notes},
		chart: {metadata: {name: release.chart.name, version: release.chart.version, appVersion: release.chart.appVersion, description: release.chart.description, apiVersion: 'v2', type: 'application'}, values: {}, templates: [], files: []},
		config: revision.values,
		manifest: release.manifest(revision.values),
	};
	return {
		apiVersion: 'v1',
		kind: 'Secret',
		metadata: {
			name: `sh.helm.release.v1.${release.name}.v${revision.version}`, namespace: release.namespace, uid: '',
			labels: {owner: 'helm', name: release.name, status: revision.status, version: String(revision.version), modifiedAt: String(Math.floor((rt.now() - revision.ago) / 1000))},
		},
		type: 'helm.sh/release.v1',
		data: {release: Buffer.from(encodeRelease(payload)).toString('base64')},
	};
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** Secrets of the usual types next to the releases: opaque credentials, TLS, registry auth. */
function usualSecrets(): KubeObject[] {
	const secret = (namespace: string, name: string, type: string, data: Record<string, string>): KubeObject => ({apiVersion: 'v1', kind: 'Secret', metadata: {name, namespace, uid: ''}, type, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)]))});
	return [
		secret('payments', 'ledger-db-credentials', 'Opaque', {username: 'ledger', password: 'demo-ledger-s3cret'}),
		secret('production', 'shop-redis', 'Opaque', {'redis-password': 'demo-redis-hunter2'}),
		secret('production', 'web-tls', 'kubernetes.io/tls', {'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIBdemo\n-----END CERTIFICATE-----\n', 'tls.key': '-----BEGIN PRIVATE KEY-----\nMIIEdemo\n-----END PRIVATE KEY-----\n'}),
		secret('ml-training', 'registry-pull', 'kubernetes.io/dockerconfigjson', {'.dockerconfigjson': '{"auths":{"nvcr.io":{"auth":"JG9hdXRodG9rZW46ZGVtbw=="}}}'}),
	];
}

export function seedHelmReleases(rt: Runtime): void {
	for (const release of RELEASES) {
		for (const revision of release.revisions) ensure(rt, 'secrets', createdAgo(rt, releaseSecret(rt, release, revision), revision.ago));
	}
	for (const secret of usualSecrets()) ensure(rt, 'secrets', createdAgo(rt, secret, 20 * DAY + HOUR));
}
