/** Sharing: the owner shares and deletes, an editor submits ops, a viewer only reads. */
export const ROLES = ['owner', 'editor', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const canEdit = (role: string | null | undefined): boolean => role === 'owner' || role === 'editor'
export const canRead = (role: string | null | undefined): boolean => canEdit(role) || role === 'viewer'
