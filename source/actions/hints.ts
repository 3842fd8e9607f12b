// kubedeck does not open shells (no TTY juggling inside Ink); it shows the exact kubectl
// command to paste instead, with the context so it targets the same cluster.

function quote(value: string): string {
	return /^[A-Za-z0-9._\/:=@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function shellHint(target: {context?: string; namespace: string; pod: string; container?: string}, shell = 'sh'): string {
	const parts = ['kubectl'];
	if (target.context) parts.push('--context', quote(target.context));
	parts.push('-n', quote(target.namespace), 'exec', '-it', quote(target.pod));
	if (target.container) parts.push('-c', quote(target.container));
	parts.push('--', shell);
	return parts.join(' ');
}
