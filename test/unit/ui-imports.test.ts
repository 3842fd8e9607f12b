// The controller runs without React: nothing source/ui loads, directly or through the modules
// it imports, may pull in react, ink or a component file.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync, existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	// Type-only imports are erased before anything runs.
	const statements = [...text.matchAll(/^\s*((?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"])/gm)].filter((m) => !/^(import|export)\s+type\s/.test(m[1]!));
	return [...statements.map((m) => m[2]!), ...[...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!)];
}

function resolve(from: string, spec: string): string | undefined {
	if (!spec.startsWith('.')) return undefined;
	const base = path.resolve(path.dirname(from), spec).replace(/\.js$/, '');
	return ['.ts', '.tsx'].map((ext) => base + ext).find((candidate) => existsSync(candidate));
}

test('source/ui and everything it imports stay free of react, ink and components', () => {
	const start = readdirSync(path.join(root, 'source/ui')).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, 'source/ui', f));
	const seen = new Set<string>();
	const queue = [...start];
	const problems: string[] = [];
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		if (file.endsWith('.tsx')) problems.push(`${path.relative(root, file)} is a component`);
		for (const spec of importsOf(file)) {
			if (/^(react|ink|ink-[\w-]+)(\/|$)/.test(spec)) problems.push(`${path.relative(root, file)} imports ${spec}`);
			const next = resolve(file, spec);
			if (next) queue.push(next);
		}
	}
	assert.ok(seen.size > start.length, 'the walk followed imports');
	assert.deepEqual(problems, []);
});
