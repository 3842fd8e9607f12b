import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseYamlTree, YamlTreeError, type YamlNode} from '../../source/config/yamlTree.js';

test('a positioned tree: mappings, sequences, scalars with their lines', () => {
	const tree = parseYamlTree('a: 1\nb:\n  - x\n  - {c: d}\n');
	assert.deepEqual(tree, {
		kind: 'mapping',
		line: 1,
		entries: [
			{key: 'a', keyLine: 1, value: {kind: 'scalar', value: '1', plain: true, line: 1}},
			{
				key: 'b',
				keyLine: 2,
				value: {kind: 'sequence', line: 3, items: [{kind: 'scalar', value: 'x', plain: true, line: 3}, {kind: 'mapping', line: 4, entries: [{key: 'c', keyLine: 4, value: {kind: 'scalar', value: 'd', plain: true, line: 4}}]}]},
			},
		],
	});
	assert.equal(parseYamlTree(''), undefined);
});

test('refusals keep their reasons and lines', () => {
	const reason = (source: string) => {
		try {
			parseYamlTree(source);
			return 'no error';
		} catch (error) {
			assert.ok(error instanceof YamlTreeError);
			return error.message;
		}
	};
	assert.equal(reason('a: 1\na: 2\n'), 'line 2: "a" appears twice in the same mapping (first on line 1)');
	assert.equal(reason('? [a]\n: 1\n'), 'line 1: mapping keys must be plain text');
	assert.match(reason('a: &x 1\nb: *x\n'), /aliases/);
	assert.match(reason('a: 1\n---\nb: 2\n'), /only one YAML document/);
});

test('nesting: read with an explicit stack up to the parser limit, a clear error past it', () => {
	assert.throws(() => parseYamlTree(`${'['.repeat(20_000)}x${']'.repeat(20_000)}`), /line 1: YAML error: nesting exceeded maxDepth/);
	const depth = 50;
	const tree = parseYamlTree(`${'['.repeat(depth)}x${']'.repeat(depth)}`);
	let node: YamlNode | undefined = tree;
	let levels = 0;
	while (node?.kind === 'sequence') {
		node = node.items[0];
		levels++;
	}
	assert.equal(levels, depth);
	assert.deepEqual(node, {kind: 'scalar', value: 'x', plain: true, line: 1});
});
