// Tables for custom resources: Name, then the definition's additionalPrinterColumns (or Age
// when it lists none), each cell typed as the apiextensions server types it: the first value
// the JSONPath reaches, null when it reaches none or cannot be read as the column's type.
import type {PrinterColumn} from '../../contracts.js';
import {since, nameColumn, type Cell, type Printer} from './format.js';
import {evaluateJsonPath, JsonPathError, parseJsonPath} from './jsonpath.js';
import {parseTime} from '../../time.js';

const ageColumn: PrinterColumn = {name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp'};

/** Go's json.Marshal of unstructured data: keys sorted, compact. */
function goJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		return `{${Object.keys(record).sort().map(k => `${JSON.stringify(k)}:${goJson(record[k])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** A string column prints what `kubectl get -o jsonpath` would: text as is, maps and lists as JSON. */
function printed(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'object') return goJson(value);
	return String(value);
}

export function typedCell(type: string, value: unknown, now: number): Cell {
	if (value === null || value === undefined) return null;
	switch (type) {
		case 'string': return printed(value);
		case 'integer': return typeof value === 'number' ? Math.trunc(value) : null;
		case 'number': return typeof value === 'number' ? value : null;
		case 'boolean': return typeof value === 'boolean' ? value : null;
		case 'date': {
			if (typeof value !== 'string') return null;
			if (parseTime(value) === undefined) return '<invalid>';
			return since(value, now);
		}
		default: return null;
	}
}

export function customPrinter(definitionColumns: readonly PrinterColumn[]): Printer {
	const columns = definitionColumns.length > 0 ? definitionColumns : [ageColumn];
	const paths = columns.map(c => {
		try {
			return parseJsonPath(c.jsonPath);
		} catch (error) {
			if (error instanceof JsonPathError) return undefined;
			throw error;
		}
	});
	return {
		columns: [
			nameColumn,
			...columns.map(c => ({name: c.name, type: c.type, format: c.format ?? '', description: c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`, priority: c.priority ?? 0})),
		],
		cells: (object, now) => [object.metadata.name, ...columns.map((c, i) => {
			const path = paths[i];
			const first = path ? evaluateJsonPath(path, object)[0] : undefined;
			return typedCell(c.type, first, now);
		})],
	};
}
