// Prints the ':' command table for the README from the command language the prompt parses
// (source/ui/commands.ts), which takes its pane words from the kinds registry (source/kinds).
//
//   node --import tsx scripts/commands-table.ts
import {pathToFileURL} from 'node:url';
import {commandTable} from '../source/ui/commands.js';

export function commandsMarkdown(): string {
	const rows = commandTable().map(({words, opens}) => `| ${words.map((word) => `\`:${word}\``).join(' ')} | ${opens.replace(/\|/g, '\\|')} |`);
	return ['| Command | Opens |', '| --- | --- |', ...rows, ''].join('\n');
}

// Only when run as a program, so a test can import commandsMarkdown.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.stdout.write(commandsMarkdown());
}
