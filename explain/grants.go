package explain

import "smhbin/api"

// deleteTokenRejected is TokenRejected for deletes, which need another
// grant.
const deleteTokenRejected = "the access token was rejected (InvalidAccessToken): get a fresh token with the delete_recycled grant and set SMH_ACCESS_TOKEN or --token-file"

// NoPermission is the sentence for a run whose every item was refused
// with NoPermission: it names the grant the operation needs.
func NoPermission(op api.Op) string {
	if op == api.OpDelete {
		return "every item was refused (NoPermission): deletes need a token issued with the delete_recycled grant (or admin/space_admin)"
	}
	return "every item was refused (NoPermission): restores need a token issued with the restore_recycled grant (or admin/space_admin), and some items may be closed to you by their own permissions"
}

// TokenRejectedFor is TokenRejected naming the grant op needs.
func TokenRejectedFor(op api.Op) string {
	if op == api.OpDelete {
		return deleteTokenRejected
	}
	return TokenRejected
}

// EmptyRefused is the sentence for an empty-bin request refused with
// NoPermission: emptying needs the delete grant too.
const EmptyRefused = "the access token may not delete (NoPermission): emptying the bin needs a token issued with the delete_recycled grant (or admin/space_admin)"
