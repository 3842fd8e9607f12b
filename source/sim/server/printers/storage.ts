// Secret, Ingress, PersistentVolumeClaim and PersistentVolume rows as the API server prints them.
// A Secret row counts its keys and never prints a value.
import type {KubeObject} from '../../../model/types.js';
import {age, col, get, list, nameColumn, str, wide, type Printer} from './format.js';

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** GetAccessModesAsString: each mode once, in this order, whatever order the object lists them in. */
function accessModes(modes: unknown): string {
	const present = new Set(list<string>(modes));
	return ([['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']] as const)
		.filter(([mode]) => present.has(mode))
		.map(([, short]) => short)
		.join(',');
}

/** The beta annotation wins over the field, as the server's helpers read the class. */
function storageClass(o: KubeObject, field: unknown): string {
	const annotations = o.metadata.annotations ?? {};
	return BETA_STORAGE_CLASS in annotations ? annotations[BETA_STORAGE_CLASS]! : str(field);
}

const phaseOf = (o: KubeObject): string => (o.metadata.deletionTimestamp ? 'Terminating' : str(get(o, 'status', 'phase')));
const orUnset = (v: unknown): string => (typeof v === 'string' ? v : '<unset>');

/** Only a TLS section opens 443. */
const ingressPorts = (o: KubeObject): string => (list(get(o, 'spec', 'tls')).length > 0 ? '80, 443' : '80');

/** Hosts until three are listed; any rule after that makes " + N more..." (N counts rules past three); "*" for none. */
function ingressHosts(o: KubeObject): string {
	const rules = list<{host?: string}>(get(o, 'spec', 'rules'));
	const hosts: string[] = [];
	let more = false;
	for (const rule of rules) {
		if (hosts.length === 3) more = true;
		if (!more && rule.host) hosts.push(rule.host);
	}
	if (hosts.length === 0) return '*';
	return more ? `${hosts.join(',')} + ${rules.length - 3} more...` : hosts.join(',');
}

/** Distinct IPs (or hostnames when there is no IP), sorted; the server prints the untruncated wide form. */
function ingressAddress(o: KubeObject): string {
	const seen = new Set<string>();
	for (const i of list<{ip?: string; hostname?: string}>(get(o, 'status', 'loadBalancer', 'ingress'))) {
		if (i.ip) seen.add(i.ip);
		else if (i.hostname) seen.add(i.hostname);
	}
	return [...seen].sort().join(',');
}

export const storagePrinters: Record<string, Printer> = {
	Secret: {
		columns: [nameColumn, col('Type'), col('Data'), col('Age')],
		cells: (o, now) => [o.metadata.name, str(get(o, 'type')), Object.keys((get(o, 'data') as object | undefined) ?? {}).length, age(o, now)],
	},
	Ingress: {
		columns: [nameColumn, col('Class'), col('Hosts'), col('Address'), col('Ports'), col('Age')],
		cells: (o, now) => {
			const className = get(o, 'spec', 'ingressClassName');
			return [o.metadata.name, typeof className === 'string' ? className : '<none>', ingressHosts(o), ingressAddress(o), ingressPorts(o), age(o, now)];
		},
	},
	PersistentVolumeClaim: {
		columns: [nameColumn, col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), col('Age'), wide('VolumeMode')],
		cells(o, now) {
			const bound = str(get(o, 'spec', 'volumeName')) !== '';
			const capacity = bound ? str(get(o, 'status', 'capacity', 'storage')) : '';
			const modes = bound ? accessModes(get(o, 'status', 'accessModes')) : '';
			return [o.metadata.name, phaseOf(o), str(get(o, 'spec', 'volumeName')), capacity, modes, storageClass(o, get(o, 'spec', 'storageClassName')), orUnset(get(o, 'spec', 'volumeAttributesClassName')), age(o, now), orUnset(get(o, 'spec', 'volumeMode'))];
		},
	},
	PersistentVolume: {
		columns: [nameColumn, col('Capacity'), col('Access Modes'), col('Reclaim Policy'), col('Status'), col('Claim'), col('StorageClass'), col('VolumeAttributesClass'), col('Reason'), col('Age'), wide('VolumeMode')],
		cells(o, now) {
			const claim = get(o, 'spec', 'claimRef') ? `${str(get(o, 'spec', 'claimRef', 'namespace'))}/${str(get(o, 'spec', 'claimRef', 'name'))}` : '';
			return [
				o.metadata.name, str(get(o, 'spec', 'capacity', 'storage')) || '0', accessModes(get(o, 'spec', 'accessModes')), str(get(o, 'spec', 'persistentVolumeReclaimPolicy')),
				phaseOf(o), claim, storageClass(o, get(o, 'spec', 'storageClassName')), orUnset(get(o, 'spec', 'volumeAttributesClassName')), str(get(o, 'status', 'reason')), age(o, now), orUnset(get(o, 'spec', 'volumeMode')),
			];
		},
	},
};
