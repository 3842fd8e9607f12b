// What every row takes from metadata, in one place so that every kind keys, names, dates and
// labels its rows the same way (the shared NAMESPACE/NAME/AGE columns and the label filters
// read these fields on any row).
import type {BaseRow, ObjectMeta} from './types.js';
import {parseTime} from './age.js';
import {stringMap} from './json.js';

/** uid, name, and namespace, createdAt, labels when the object has them (absent keys, not undefined). */
export function rowBase(meta: ObjectMeta): Omit<BaseRow, 'severity'> {
	const base: Omit<BaseRow, 'severity'> = {uid: meta.uid, name: meta.name};
	if (meta.namespace !== undefined) base.namespace = meta.namespace;
	const createdAt = parseTime(meta.creationTimestamp);
	if (createdAt !== undefined) base.createdAt = createdAt;
	if (meta.labels) base.labels = stringMap(meta.labels);
	return base;
}
