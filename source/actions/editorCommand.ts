// Which editor `e` opens, by kubectl's rules: $KUBE_EDITOR, else $EDITOR, else vi. A value
// without a space is the program; with spaces but no quotes or backslashes it is split on the
// spaces (empty words dropped, where kubectl would pass them on); anything else is handed to
// the shell ($SHELL, else /bin/bash, with -c) with the file's path appended, quoted.

export interface EditorCommand {
	/** The program and its arguments, the file's path not yet added. */
	argv: string[];
	/** The last word is a shell command line (the path is appended to it, quoted). */
	shell: boolean;
	/** Which variable gave it ('KUBE_EDITOR', 'EDITOR'), or 'default'. */
	from: string;
}

export function editorCommand(env: Readonly<Record<string, string | undefined>>): EditorCommand {
	const from = env['KUBE_EDITOR'] ? 'KUBE_EDITOR' : env['EDITOR'] ? 'EDITOR' : 'default';
	const editor = from === 'default' ? 'vi' : env[from]!;
	if (!editor.includes(' ')) return {argv: [editor], shell: false, from};
	if (!/["'\\]/.test(editor)) return {argv: editor.split(' ').filter((word) => word !== ''), shell: false, from};
	return {argv: [env['SHELL'] || '/bin/bash', '-c', editor], shell: true, from};
}

/** A path as one shell word. */
function shellQuote(text: string): string {
	return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The full command line for one file. */
export function editorArgv(command: EditorCommand, file: string): string[] {
	if (!command.shell) return [...command.argv, file];
	const argv = [...command.argv];
	argv[argv.length - 1] = `${argv[argv.length - 1]} ${shellQuote(file)}`;
	return argv;
}
