package api

// Error codes the SMH API sends, in error bodies and in per-item rows
// (smh-api.md §1.4). The engine's own codes are the Code… constants in
// events.go; both kinds reach Event.Code.
const (
	CodeInvalidAccessToken       = "InvalidAccessToken"       // 403: token invalid, expired or mismatched
	CodeEmptyAccessToken         = "EmptyAccessToken"         // 400: no token sent
	CodeAccessTokenNotMatchSpace = "AccessTokenNotMatchSpace" // 403: token not valid for this space
	CodeNoPermission             = "NoPermission"             // 403: the token lacks a grant, or the item is closed to the user
	CodeLibraryNotFound          = "LibraryNotFound"          // 404
	CodeEmptyLibraryID           = "EmptyLibraryId"           // 400
	CodeWrongLibraryIDOrSecret   = "WrongLibraryIdOrSecret"   // token issuing
	CodeSpaceNotFound            = "SpaceNotFound"            // 404
	CodeNotMultiSpaceLibrary     = "NotMultiSpaceLibrary"     // 400: a space id given to a single-tenant library
	CodeRecycledItemNotFound     = "RecycledItemNotFound"     // 404, per item: unknown, expired or already restored
	CodeDirectoryNotFound        = "DirectoryNotFound"        // 404, per item: the original parent folder is gone
	CodeSourceFileNotFound       = "SourceFileNotFound"       // 404, per item: a restored link's target is gone
	CodeSameNameExists           = "SameNameDirectoryOrFileExists"
	CodeOrderByNotAllowed        = "OrderByNotAllowed"
	CodeOrderByTypeNotAllowed    = "OrderByTypeNotAllowed"
	CodeRecycleBinNotEnabled     = "RecycleBinNotEnabled"
	CodeTaskFailed               = "TaskFailed" // set by WaitTask for a task that ended in failure without rows
)
