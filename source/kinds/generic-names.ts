// The name of a kind discovery found and no built-in KindSpec covers: 'plural.group' (core
// group: 'plural.'). A built-in kind's name never holds a dot, so the two never meet; the pane
// id, the session's resource name and the key-map context of such a pane are this name.
export type GenericResource = `${string}.${string}`;

export function isGenericName(name: string): name is GenericResource {
	return name.includes('.');
}

export function genericNameOf(resource: {plural: string; group: string}): GenericResource {
	return `${resource.plural}.${resource.group}`;
}
