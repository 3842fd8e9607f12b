// Words typed on one line, split as a shell would in the simple cases: blanks separate, '…' keeps
// everything literally, "…" keeps blanks and takes \" and \\ as escapes. Used by `:exec CMD`
// and by `:label`/`:annotate` values. Pure.

/** The words, or undefined when a quote is left open. */
export function splitWords(text: string): string[] | undefined {
	const out: string[] = [];
	let word = '';
	let started = false;
	let quote: string | undefined;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quote) {
			if (quote === '"' && ch === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
			else if (ch === quote) quote = undefined;
			else word += ch;
		} else if (ch === '"' || ch === "'") {
			quote = ch;
			started = true;
		} else if (/\s/.test(ch)) {
			if (started) out.push(word);
			word = '';
			started = false;
		} else {
			word += ch;
			started = true;
		}
	}
	if (quote) return undefined;
	if (started) out.push(word);
	return out;
}
